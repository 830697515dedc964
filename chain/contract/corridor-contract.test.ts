// The corridor contract, run through fabric-shim's dispatcher by the embedded ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbeddedLedger } from "../ledger/index.js";
import { ContractRejectedError } from "../ledger/index.js";
import { as, batchArgs, hex, json, modelCertArgs, openTestLedger, tempDir, vehicleArgs } from "../test/ledger-fixture.js";
import { CorridorEvents } from "./events.js";
import { type Batch, type Certification, type CustodyEvent, type HistoryEntry, isCertificationValidOn } from "./records.js";

let ledger: EmbeddedLedger;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  ledger = await openTestLedger(tmp.dir);
});

afterAll(async () => {
  await ledger.close();
  await cleanup();
});

async function rejection(p: Promise<unknown>): Promise<ContractRejectedError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractRejectedError);
  return error as ContractRejectedError;
}

describe("registerBatch", () => {
  it("is idempotent by batchId: the same batch again returns the stored record and writes nothing", async () => {
    const first = await ledger.submit({ fn: "registerBatch", args: batchArgs("B-IDEM"), identity: as.yadea });
    const stored = json<Batch>(first.result);
    expect(stored).toMatchObject({ batchId: "B-IDEM", count: 1000, makerMspId: "YadeaMSP", docType: "batch" });
    expect(stored.registered.txId).toBe(first.txId);
    expect(first.events.map((e) => e.eventName)).toEqual([CorridorEvents.BatchRegistered]);

    const again = await ledger.submit({ fn: "registerBatch", args: batchArgs("B-IDEM"), identity: as.yadea });
    expect(json<Batch>(again.result)).toEqual(stored);
    expect(again.events).toEqual([]);
    const block = await ledger.block(again.blockNumber);
    expect(block.transactions.find((t) => t.txId === again.txId)?.validationCode).toBe("VALID");
  });

  it("refuses the same batchId with a different root (CONFLICT)", async () => {
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-CONFLICT"), identity: as.yadea });
    const error = await rejection(ledger.submit({ fn: "registerBatch", args: batchArgs("B-CONFLICT", hex("another root")), identity: as.yadea }));
    expect(error.code).toBe("CONFLICT");
    expect(error.detail).toMatch(/batch B-CONFLICT is already registered with different merkleRoot/);
    expect(error.txId).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lets the platform register for a maker, but not one maker for another", async () => {
    const r = await ledger.submit({ fn: "registerBatch", args: batchArgs("B-PLATFORM", undefined, 50, "AimaMSP", "AM-1"), identity: as.platform });
    expect(json<Batch>(r.result)).toMatchObject({ makerMspId: "AimaMSP", registered: { byMspId: "PlatformMSP" } });

    const error = await rejection(ledger.submit({ fn: "registerBatch", args: batchArgs("B-OTHER", undefined, 50, "AimaMSP", "AM-1"), identity: as.yadea }));
    expect(error.code).toBe("NOT_AUTHORIZED");
    expect(error.detail).toMatch(/YadeaMSP may not act for maker AimaMSP/);
  });

  it("validates its arguments", async () => {
    const badRoot = await rejection(ledger.submit({ fn: "registerBatch", args: batchArgs("B-BAD", "XYZ"), identity: as.yadea }));
    expect(badRoot.code).toBe("INVALID_ARGUMENT");
    expect(badRoot.detail).toMatch(/^merkleRoot must be a SHA-256 digest/);

    const badCount = await rejection(ledger.submit({ fn: "registerBatch", args: batchArgs("B-BAD", undefined, 0), identity: as.yadea }));
    expect(badCount.code).toBe("INVALID_ARGUMENT");

    // Not a number at all: refused by fabric-shim's argument marshalling, before the contract runs.
    const args = batchArgs("B-BAD");
    args[2] = "many";
    const notNumber = await rejection(ledger.submit({ fn: "registerBatch", args, identity: as.yadea }));
    expect(notNumber.code).toBe("CHAINCODE_ERROR");

    const arity = await rejection(ledger.submit({ fn: "registerBatch", args: ["B-BAD"], identity: as.yadea }));
    expect(arity.detail).toMatch(/Expected 6 parameters, but 1 have been supplied/);
  });

  it("reads back with getBatch, and NOT_FOUND for an unknown id", async () => {
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-READ"), identity: as.yadea });
    const read = json<Batch>(await ledger.evaluate({ fn: "getBatch", args: ["B-READ"], identity: as.dealer }));
    expect(read.batchId).toBe("B-READ");
    const missing = await rejection(ledger.evaluate({ fn: "getBatch", args: ["B-NONE"], identity: as.dealer }));
    expect(missing.code).toBe("NOT_FOUND");
  });
});

describe("registerVehicle", () => {
  it("anchors one vehicle, idempotently", async () => {
    const r = await ledger.submit({ fn: "registerVehicle", args: vehicleArgs("LYDEA2025DM600001"), identity: as.yadea });
    expect(r.events[0]?.eventName).toBe(CorridorEvents.VehicleRegistered);
    const again = await ledger.submit({ fn: "registerVehicle", args: vehicleArgs("LYDEA2025DM600001"), identity: as.yadea });
    expect(json(again.result)).toEqual(json(r.result));
    const read = json(await ledger.evaluate({ fn: "getVehicle", args: ["LYDEA2025DM600001"], identity: as.dealer }));
    expect(read).toMatchObject({ vin: "LYDEA2025DM600001", batterySerial: "BAT-LYDEA2025DM600001", productionDate: "2025-03-01" });
  });
});

describe("issueCertification", () => {
  it("is refused to a maker, with a clear error", async () => {
    const error = await rejection(ledger.submit({ fn: "issueCertification", args: modelCertArgs("CERT-MAKER"), identity: as.yadea }));
    expect(error.code).toBe("NOT_AUTHORIZED");
    expect(error.detail).toBe("issuing certifications is reserved to certifier organizations; YadeaMSP is a maker member of the consortium");
  });

  it("is refused to a maker's identity that claims the certifier attribute", async () => {
    const error = await rejection(ledger.submit({ fn: "issueCertification", args: modelCertArgs("CERT-FORGED"), identity: as.yadeaForgedCertifier }));
    expect(error.code).toBe("NOT_AUTHORIZED");
  });

  it("is refused to a certification body's identity without corridor.role=certifier", async () => {
    const error = await rejection(ledger.submit({ fn: "issueCertification", args: modelCertArgs("CERT-CLERK"), identity: as.cqcClerk }));
    expect(error.code).toBe("NOT_AUTHORIZED");
    expect(error.detail).toMatch(/needs an identity with corridor\.role=certifier; this one has no such attribute/);
  });

  it("is issued by a certifier, endorsed by the certifier's and the platform's peers, and indexed by model and market", async () => {
    const r = await ledger.submit({ fn: "issueCertification", args: modelCertArgs("CERT-EU-1"), identity: as.cqc });
    expect(r.endorsements.map((e) => e.mspId).sort()).toEqual(["CQCMSP", "PlatformMSP"]);
    expect(r.events[0]?.eventName).toBe(CorridorEvents.CertificationIssued);
    await ledger.submit({ fn: "issueCertification", args: modelCertArgs("CERT-TH-1", "YD-DM6", "TH", "TISI"), identity: as.tuv });
    await ledger.submit({ fn: "issueCertification", args: modelCertArgs("CERT-OTHER", "AM-1", "EU"), identity: as.cqc });

    const all = json<Certification[]>(await ledger.evaluate({ fn: "certificationsForModel", args: ["YD-DM6", ""], identity: as.dealer }));
    expect(all.map((c) => c.certId).sort()).toEqual(["CERT-EU-1", "CERT-TH-1"]);
    const th = json<Certification[]>(await ledger.evaluate({ fn: "certificationsForModel", args: ["YD-DM6", "TH"], identity: as.dealer }));
    expect(th.map((c) => [c.certId, c.standard, c.certifierMspId])).toEqual([["CERT-TH-1", "TISI", "TUVMSP"]]);
  });

  it("covers listed vehicles by VIN hash", async () => {
    const vinHash = hex("LYDEA2025DM600077");
    const scope = JSON.stringify({ kind: "VINS", vinHashes: [vinHash, hex("LYDEA2025DM600078")] });
    await ledger.submit({
      fn: "issueCertification",
      args: ["COC-77", scope, "EU", "EU 168/2013 CoC", "CoC-77", "2025-03-01", "2035-03-01", hex("coc")],
      identity: as.cqc,
    });
    const found = json<Certification[]>(await ledger.evaluate({ fn: "certificationsForVinHash", args: [vinHash, "EU"], identity: as.dealer }));
    expect(found.map((c) => c.certId)).toEqual(["COC-77"]);
  });
});

describe("revokeCertification", () => {
  it("revokes once; revoking twice fails with ALREADY_REVOKED", async () => {
    await ledger.submit({ fn: "issueCertification", args: modelCertArgs("CERT-REVOKE"), identity: as.cqc });
    const revoked = await ledger.submit({ fn: "revokeCertification", args: ["CERT-REVOKE", "GB 17761-2024 replaces the tested standard"], identity: as.cqc });
    const cert = json<Certification>(revoked.result);
    expect(cert.status).toBe("REVOKED");
    expect(revoked.events[0]?.eventName).toBe(CorridorEvents.CertificationRevoked);

    const twice = await rejection(ledger.submit({ fn: "revokeCertification", args: ["CERT-REVOKE", "again"], identity: as.cqc }));
    expect(twice.code).toBe("ALREADY_REVOKED");
    expect(twice.detail).toMatch(/^certification CERT-REVOKE was revoked already at /);

    const revokedOn = cert.revocation?.revoked.at.slice(0, 10) as string;
    expect(isCertificationValidOn(cert, "2025-06-01")).toBe(revokedOn > "2025-06-01");
    expect(isCertificationValidOn(cert, revokedOn)).toBe(false);
  });

  it("only by the body that issued it", async () => {
    await ledger.submit({ fn: "issueCertification", args: modelCertArgs("CERT-OWNED"), identity: as.cqc });
    const error = await rejection(ledger.submit({ fn: "revokeCertification", args: ["CERT-OWNED", "not ours"], identity: as.tuv }));
    expect(error.code).toBe("NOT_AUTHORIZED");
    expect(error.detail).toMatch(/issued by CQCMSP; only that body may revoke it/);
  });

  it("keeps the history of the certification, newest first", async () => {
    await ledger.submit({ fn: "issueCertification", args: modelCertArgs("CERT-HIST"), identity: as.cqc });
    const rev = await ledger.submit({ fn: "revokeCertification", args: ["CERT-HIST", "withdrawn"], identity: as.cqc });
    const history = json<HistoryEntry[]>(await ledger.evaluate({ fn: "history", args: ["CERTIFICATION", "CERT-HIST"], identity: as.dealer }));
    expect(history.map((h) => (h.value as Certification).status)).toEqual(["REVOKED", "ACTIVE"]);
    expect(history[0]?.txId).toBe(rev.txId);
  });
});

describe("recordCustodyEvent", () => {
  const shipped = (subject: string, type = "SHIPPED", at = "2025-04-01T08:00:00+08:00") => [
    "BATCH",
    subject,
    type,
    "CQ-DUI-2025-04-01",
    type === "SHIPPED" ? "Chongqing Tuanjiecun" : type === "BORDER_CROSSED" ? "Alashankou" : "Duisburg",
    at,
  ];

  beforeAll(async () => {
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-TRAIN"), identity: as.yadea });
  });

  it("records carrier milestones in time order", async () => {
    await ledger.submit({ fn: "recordCustodyEvent", args: shipped("B-TRAIN", "BORDER_CROSSED", "2025-04-05T10:00:00Z"), identity: as.logistics });
    const r = await ledger.submit({ fn: "recordCustodyEvent", args: shipped("B-TRAIN"), identity: as.logistics });
    expect(r.events[0]?.eventName).toBe(CorridorEvents.CustodyEventRecorded);
    const events = json<CustodyEvent[]>(await ledger.evaluate({ fn: "custodyEvents", args: ["BATCH", "B-TRAIN"], identity: as.dealer }));
    expect(events.map((e) => [e.eventType, e.occurredAt])).toEqual([
      ["SHIPPED", "2025-04-01T00:00:00.000Z"],
      ["BORDER_CROSSED", "2025-04-05T10:00:00.000Z"],
    ]);
  });

  it("is refused to makers and certifiers", async () => {
    for (const identity of [as.yadea, as.cqc, as.platform]) {
      const error = await rejection(ledger.submit({ fn: "recordCustodyEvent", args: shipped("B-TRAIN"), identity }));
      expect(error.code).toBe("NOT_AUTHORIZED");
    }
  });

  it("lets dealers confirm delivery but not ship", async () => {
    const error = await rejection(ledger.submit({ fn: "recordCustodyEvent", args: shipped("B-TRAIN"), identity: as.dealer }));
    expect(error.code).toBe("NOT_AUTHORIZED");
    expect(error.detail).toMatch(/^recording SHIPPED events is reserved to logistics organizations; DealerMSP is a dealer member/);
    const delivered = await ledger.submit({
      fn: "recordCustodyEvent",
      args: shipped("B-TRAIN", "DELIVERED", "2025-04-18T09:00:00Z"),
      identity: as.dealer,
    });
    expect(json<CustodyEvent>(delivered.result).recorded.byMspId).toBe("DealerMSP");
  });

  it("needs a registered subject", async () => {
    const error = await rejection(ledger.submit({ fn: "recordCustodyEvent", args: shipped("B-NOWHERE"), identity: as.logistics }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("consortium configuration", () => {
  it("is written by the platform only", async () => {
    const config = await ledger.evaluate({ fn: "getConfig", identity: as.dealer });
    const { platformMspId, members } = json<{ platformMspId: string; members: { mspId: string; roles: string[] }[] }>(config);
    expect(platformMspId).toBe("PlatformMSP");
    // A maker trying to make itself the platform.
    const takeover = members.map((m) => (m.mspId === "YadeaMSP" ? { ...m, roles: ["maker", "platform"] } : m));
    const error = await rejection(ledger.submit({ fn: "configure", args: [JSON.stringify({ platformMspId: "YadeaMSP", members: takeover })], identity: as.yadea }));
    expect(error.code).toBe("NOT_AUTHORIZED");
    expect(error.detail).toBe("only the platform organization PlatformMSP may change the consortium configuration (caller: YadeaMSP)");
  });
});

it("names unknown transactions", async () => {
  const error = await rejection(ledger.submit({ fn: "mintVehicles", identity: as.yadea }));
  expect(error.code).toBe("UNKNOWN_TRANSACTION");
});
