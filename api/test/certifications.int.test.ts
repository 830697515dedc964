/**
 * Certifications and custody, end to end through GraphQL, the outbox worker and an embedded
 * ledger: a body issues (PENDING → ACTIVE on the ledger), verifyVehicle shows it for its market
 * and days only, revocation (twice → CONFLICT), who may not issue (API and ledger), and custody
 * events recorded by a logistics operator and listed in verifyVehicle.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ContractRejectedError, CorridorClient } from "@corridor/chain/ledger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOutboxOnce } from "../src/jobs/outbox.js";
import { type LedgerHub, mspIdOf, openLedgerHub, organizationSpecOf, setLedgerHub } from "../src/ledger.js";
import { vinCheckDigit } from "../src/modules/vehicles/vin.js";
import { encodeGlobalId } from "../src/schema/global-id.js";
import { createTestContext, gql, personIn, type TestContext } from "./harness.js";

let t: TestContext;
let hub: LedgerHub;
let ledgerDir: string;
let maker: Awaited<ReturnType<typeof personIn>>;
let certifier: Awaited<ReturnType<typeof personIn>>;
let otherCertifier: Awaited<ReturnType<typeof personIn>>;
let carrier: Awaited<ReturnType<typeof personIn>>;
let dealer: Awaited<ReturnType<typeof personIn>>;
const modelCode = "CT-E1";
const vins = [1, 2].map((n) => {
  const draft = `LCTTS2A0RBZ${String(n).padStart(6, "0")}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
});

const DAY = 86_400_000;
const dayOf = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

const ISSUE = `mutation($i: IssueCertificationInput!) { issueCertification(input: $i) { __typename
  ... on IssueCertificationSuccess { data { id status market modelCode vins txId } }
  ... on DomainError { code message } } }`;
const REVOKE = `mutation($i: RevokeCertificationInput!) { revokeCertification(input: $i) { __typename
  ... on RevokeCertificationSuccess { data { id status revokedAt txId } }
  ... on DomainError { code message } } }`;
const CUSTODY = `mutation($i: RecordCustodyEventInput!) { recordCustodyEvent(input: $i) { __typename
  ... on RecordCustodyEventSuccess { data { id type vin place txId } }
  ... on DomainError { code message } } }`;
const VERIFY = `query($vin: String!, $market: String, $on: String) { verifyVehicle(vin: $vin, market: $market, on: $on) {
  vin on market certifications { market standard number modelCode validFrom validTo }
  revocations { market standard number modelCode validFrom validTo revokedAt reason }
  custody { type place occurredAt recordedBy scope txId blockNumber } } }`;
const LIST = `query($m: ID!, $market: String) { certifications(makerId: $m, market: $market) { totalCount edges { node { id number status } } } }`;

type IssueResult = { issueCertification: { __typename: string; data?: { id: string; status: string; txId: string | null }; code?: string; message?: string } };
type VerifyResult = {
  verifyVehicle: {
    certifications: { market: string; number: string }[];
    revocations: { market: string; standard: string; number: string; modelCode: string | null; revokedAt: string; reason: string | null }[];
    custody: { type: string; place: string; recordedBy: string; scope: string; txId: string | null }[];
  } | null;
};

function issueInput(over: Record<string, unknown> = {}) {
  return {
    makerId: encodeGlobalId("Organization", maker.org.id),
    modelCode: modelCode.toLowerCase(),
    market: "eu",
    standard: "EU 168/2013",
    number: `e4*168/2013*${Math.floor(Math.random() * 1e6)}`,
    validFrom: dayOf(-365),
    validTo: dayOf(365),
    ...over,
  };
}

async function verify(vin: string, market: string | null, on: string) {
  const r = await gql<VerifyResult>(t.app, VERIFY, { vin, market, on });
  expect(r.errors).toBeUndefined();
  return r.data!.verifyVehicle!;
}

beforeAll(async () => {
  t = await createTestContext();
  await t.seed.referenceData();
  ledgerDir = await mkdtemp(join(tmpdir(), "corridor-cert-ledger-"));
  hub = await openLedgerHub({ dataDir: ledgerDir, onWarning: () => {} });
  setLedgerHub(hub);
  maker = await personIn(t, "MANUFACTURER");
  certifier = await personIn(t, "CERTIFICATION_BODY");
  otherCertifier = await personIn(t, "CERTIFICATION_BODY");
  carrier = await personIn(t, "LOGISTICS_OPERATOR");
  dealer = await personIn(t, "DEALER");
  await t.db.vehicleModel.create({
    data: { makerOrgId: maker.org.id, code: modelCode, name: "E1", category: "E_MOTORCYCLE", crateLengthMm: 1900, crateWidthMm: 700, crateHeightMm: 1100, crateGrossKg: 120 },
  });
  const r = await gql<{ registerVehicles: { __typename: string } }>(
    t.app,
    `mutation($i: RegisterVehiclesInput!) { registerVehicles(input: $i) { __typename } }`,
    { i: { rows: vins.map((vin, i) => ({ vin, modelCode, productionDate: "2026-03-01", batterySerial: `BAT-${i}`, motorNumber: `MOT-${i}` })) } },
    { token: maker.token },
  );
  expect(r.data?.registerVehicles.__typename).toBe("RegisterVehiclesSuccess");
  expect(await runOutboxOnce({ db: t.db, hub })).toMatchObject({ done: 1, failed: 0 });
});
afterAll(async () => {
  setLedgerHub(undefined);
  await hub?.close();
  await t?.close();
  if (ledgerDir) await rm(ledgerDir, { recursive: true, force: true });
});

describe("certifications", () => {
  let certId: string;

  it("a body issues a model certification: PENDING, then ACTIVE on the ledger", async () => {
    const r = await gql<IssueResult>(t.app, ISSUE, { i: issueInput() }, { token: certifier.token });
    expect(r.errors).toBeUndefined();
    expect(r.data?.issueCertification).toMatchObject({ __typename: "IssueCertificationSuccess", data: { status: "PENDING", txId: null } });
    certId = r.data!.issueCertification.data!.id;
    const row = await t.db.certification.findFirstOrThrow({ where: { issuerOrgId: certifier.org.id } });
    expect(row).toMatchObject({ modelCode, market: "EU", makerOrgId: maker.org.id });
    expect(await t.db.outboxMessage.count({ where: { topic: "certification.issue", doneAt: null } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: "certification.issue", targetId: row.id } })).toBe(1);

    // Not shown before it is on the ledger.
    expect((await verify(vins[0]!, "EU", dayOf(-30))).certifications).toEqual([]);
    expect(await runOutboxOnce({ db: t.db, hub })).toMatchObject({ claimed: 1, done: 1, failed: 0 });
    const after = await t.db.certification.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe("ACTIVE");
    expect(after.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(after.blockNumber).toBeGreaterThan(0);
    const onLedger = await new CorridorClient(hub.ledger(), { queryIdentity: { mspId: "PlatformMSP" } }).getCertification(row.id);
    expect(onLedger).toMatchObject({ certifierMspId: mspIdOf(certifier.org), market: "EU", scope: { kind: "MODEL", modelCode }, status: "ACTIVE" });
  });

  it("verifyVehicle shows it for its market and validity only", async () => {
    const shown = await verify(vins[0]!, "EU", dayOf(-30));
    expect(shown.certifications).toHaveLength(1);
    expect(shown.certifications[0]).toMatchObject({ market: "EU", standard: "EU 168/2013", modelCode });
    expect((await verify(vins[1]!, null, dayOf(0))).certifications).toHaveLength(1); // every vehicle of the model, any market
    expect((await verify(vins[0]!, "TH", dayOf(-30))).certifications).toEqual([]); // another market
    expect((await verify(vins[0]!, "EU", dayOf(400))).certifications).toEqual([]); // expired
    expect((await verify(vins[0]!, "EU", dayOf(-400))).certifications).toEqual([]); // not yet valid
  });

  it("a VIN-scoped certification covers the listed vehicles only", async () => {
    const r = await gql<IssueResult>(
      t.app,
      ISSUE,
      { i: issueInput({ modelCode: null, vins: [vins[1]!.toLowerCase()], market: "TH", standard: "TISI" }) },
      { token: certifier.token },
    );
    expect(r.data?.issueCertification.__typename).toBe("IssueCertificationSuccess");
    expect(await runOutboxOnce({ db: t.db, hub })).toMatchObject({ done: 1, failed: 0 });
    expect((await verify(vins[1]!, "TH", dayOf(0))).certifications).toHaveLength(1);
    expect((await verify(vins[0]!, "TH", dayOf(0))).certifications).toEqual([]);
  });

  it("refuses bad input: unknown model, unknown market, validTo not after validFrom, a vehicle of no one", async () => {
    for (const [over, path] of [
      [{ modelCode: "NOPE" }, "modelCode"],
      [{ market: "XX" }, "market"],
      [{ validTo: dayOf(-365) }, "validTo"],
      [{ modelCode: null, vins: ["LXXXXXXXXXXXXXXX1"] }, "vins"],
      [{ documentHash: "abc" }, "documentHash"],
    ] as const) {
      const r = await gql<{ issueCertification: { __typename: string; fieldErrors: { path: string[] }[] } }>(
        t.app,
        `mutation($i: IssueCertificationInput!) { issueCertification(input: $i) { __typename ... on ValidationError { fieldErrors { path } } } }`,
        { i: issueInput(over) },
        { token: certifier.token },
      );
      expect(r.data?.issueCertification.__typename, JSON.stringify(over)).toBe("ValidationError");
      expect(r.data?.issueCertification.fieldErrors[0]?.path).toEqual([path]);
    }
  });

  it("a maker (or a carrier) cannot issue: FORBIDDEN, and the ledger refuses the maker too", async () => {
    for (const who of [maker, carrier]) {
      const r = await gql<IssueResult>(t.app, ISSUE, { i: issueInput() }, { token: who.token });
      expect(r.data?.issueCertification).toMatchObject({ __typename: "ForbiddenError", code: "FORBIDDEN" });
    }
    await hub.ensureOrganizations([organizationSpecOf(maker.org)!]);
    const client = new CorridorClient(hub.ledger());
    const attempt = client.issueCertification(
      {
        certId: "forged-1",
        scope: { kind: "MODEL", modelCode },
        market: "EU",
        standard: "EU 168/2013",
        number: "forged",
        validFrom: dayOf(0),
        validTo: dayOf(10),
        documentHash: "0".repeat(64),
      },
      { mspId: mspIdOf(maker.org) },
    );
    await expect(attempt).rejects.toBeInstanceOf(ContractRejectedError);
    await expect(attempt).rejects.toMatchObject({ code: "NOT_AUTHORIZED" });
  });

  it("the body and the maker list it; another body sees none", async () => {
    const m = encodeGlobalId("Organization", maker.org.id);
    type List = { certifications: { totalCount: number; edges: { node: { id: string; status: string } }[] } };
    const byBody = await gql<List>(t.app, LIST, { m, market: "EU" }, { token: certifier.token });
    expect(byBody.errors).toBeUndefined();
    expect(byBody.data?.certifications.totalCount).toBe(1);
    expect(byBody.data?.certifications.edges[0]?.node).toMatchObject({ id: certId, status: "ACTIVE" });
    const byMaker = await gql<List>(t.app, LIST, { m }, { token: maker.token });
    expect(byMaker.data?.certifications.totalCount).toBe(2);
    const byOther = await gql<List>(t.app, LIST, { m }, { token: otherCertifier.token });
    expect(byOther.data?.certifications.totalCount).toBe(0);
  });

  it("only the issuing body revokes; twice is a CONFLICT; the worker marks it REVOKED", async () => {
    const other = await gql<{ revokeCertification: { __typename: string } }>(t.app, REVOKE, { i: { id: certId, reason: "not ours" } }, { token: otherCertifier.token });
    expect(other.data?.revokeCertification.__typename).toBe("NotFoundError");
    const first = await gql<{ revokeCertification: { __typename: string; data?: { revokedAt: string | null } } }>(
      t.app,
      REVOKE,
      { i: { id: certId, reason: "Test report withdrawn" } },
      { token: certifier.token },
    );
    expect(first.data?.revokeCertification.__typename).toBe("RevokeCertificationSuccess");
    expect(first.data?.revokeCertification.data?.revokedAt).toBeTruthy();
    const second = await gql<{ revokeCertification: { __typename: string; code?: string } }>(t.app, REVOKE, { i: { id: certId, reason: "again" } }, { token: certifier.token });
    expect(second.data?.revokeCertification).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });

    expect(await runOutboxOnce({ db: t.db, hub })).toMatchObject({ claimed: 1, done: 1, failed: 0 });
    const row = await t.db.certification.findUniqueOrThrow({ where: { id: (await t.db.certification.findFirstOrThrow({ where: { revokedAt: { not: null } } })).id } });
    expect(row.status).toBe("REVOKED");
    const onLedger = await new CorridorClient(hub.ledger(), { queryIdentity: { mspId: "PlatformMSP" } }).getCertification(row.id);
    expect(onLedger.status).toBe("REVOKED");
    expect(onLedger.revocation?.revoked.txId).toBe(row.txId);
    // No longer valid from the day of revocation; it did hold before (as the contract's isCertificationValidOn).
    const today = await verify(vins[0]!, "EU", dayOf(0));
    expect(today.certifications).toEqual([]);
    expect(today.revocations).toHaveLength(1);
    expect(today.revocations[0]).toMatchObject({ market: "EU", standard: "EU 168/2013", modelCode, reason: "Test report withdrawn" });
    expect(new Date(today.revocations[0]!.revokedAt).getTime()).toBe(row.revokedAt!.getTime());
    expect((await verify(vins[1]!, null, dayOf(0))).revocations.map((r) => r.reason)).toEqual(["Test report withdrawn"]); // every vehicle of the model
    const before = await verify(vins[0]!, "EU", dayOf(-30));
    expect(before.certifications).toHaveLength(1);
    expect(before.revocations).toEqual([]);
    expect((await verify(vins[0]!, "TH", dayOf(0))).revocations).toEqual([]); // another market
  });
});

describe("custody", () => {
  it("a carrier records a shipment of a vehicle; it goes on the ledger and verifyVehicle lists it", async () => {
    const occurredAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const r = await gql<{ recordCustodyEvent: { __typename: string; data?: { type: string; vin: string; txId: string | null } } }>(
      t.app,
      CUSTODY,
      { i: { vin: vins[0], type: "SHIPPED", departureRef: "CN-EU-2026-0412", place: "Chongqing Tuanjiecun", occurredAt } },
      { token: carrier.token },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.recordCustodyEvent).toMatchObject({ __typename: "RecordCustodyEventSuccess", data: { type: "SHIPPED", vin: vins[0], txId: null } });
    expect(await runOutboxOnce({ db: t.db, hub })).toMatchObject({ claimed: 1, done: 1, failed: 0 });
    const v = await verify(vins[0]!, null, dayOf(0));
    expect(v.custody).toHaveLength(1);
    expect(v.custody[0]).toMatchObject({ type: "SHIPPED", place: "Chongqing Tuanjiecun", recordedBy: carrier.org.name, scope: "VEHICLE" });
    expect(v.custody[0]?.txId).toMatch(/^[0-9a-f]{64}$/);
    const onLedger = await new CorridorClient(hub.ledger(), { queryIdentity: { mspId: "PlatformMSP" } }).custodyEvents("VEHICLE", vins[0]!);
    expect(onLedger).toHaveLength(1);
    expect(onLedger[0]).toMatchObject({ eventType: "SHIPPED", departureRef: "CN-EU-2026-0412", occurredAt });
    // The other vehicle of the batch has no events.
    expect((await verify(vins[1]!, null, dayOf(0))).custody).toEqual([]);
  });

  it("a batch event shows for each vehicle of the batch; a dealer records the delivery", async () => {
    const batch = await t.db.vehicleBatch.findFirstOrThrow({ where: { makerOrgId: maker.org.id } });
    const r = await gql<{ recordCustodyEvent: { __typename: string } }>(
      t.app,
      CUSTODY,
      { i: { batchId: batch.id, type: "BORDER_CROSSED", departureRef: "CN-EU-2026-0412", place: "Alashankou", occurredAt: new Date(Date.now() - 3_600_000).toISOString() } },
      { token: carrier.token },
    );
    expect(r.data?.recordCustodyEvent.__typename).toBe("RecordCustodyEventSuccess");
    const d = await gql<{ recordCustodyEvent: { __typename: string } }>(
      t.app,
      CUSTODY,
      { i: { vin: vins[0], type: "DELIVERED", departureRef: "CN-EU-2026-0412", place: "Dealer Łódź", occurredAt: new Date(Date.now() - 60_000).toISOString() } },
      { token: dealer.token },
    );
    expect(d.data?.recordCustodyEvent.__typename).toBe("RecordCustodyEventSuccess");
    expect(await runOutboxOnce({ db: t.db, hub })).toMatchObject({ claimed: 2, done: 2, failed: 0 });
    expect((await verify(vins[0]!, null, dayOf(0))).custody.map((e) => [e.type, e.scope, !!e.txId])).toEqual([
      ["SHIPPED", "VEHICLE", true],
      ["BORDER_CROSSED", "BATCH", true],
      ["DELIVERED", "VEHICLE", true],
    ]);
    expect((await verify(vins[1]!, null, dayOf(0))).custody.map((e) => e.type)).toEqual(["BORDER_CROSSED"]);
  });

  it("refuses: a maker, a dealer shipping, an event in the future, an unknown vehicle", async () => {
    const base = { vin: vins[1], type: "SHIPPED", departureRef: "CN-EU-2026-0412", place: "Chongqing", occurredAt: new Date(Date.now() - 60_000).toISOString() };
    const call = (i: Record<string, unknown>, token: string) => gql<{ recordCustodyEvent: { __typename: string } }>(t.app, CUSTODY, { i }, { token });
    expect((await call(base, maker.token)).data?.recordCustodyEvent.__typename).toBe("ForbiddenError");
    expect((await call(base, dealer.token)).data?.recordCustodyEvent.__typename).toBe("ForbiddenError");
    expect((await call({ ...base, occurredAt: new Date(Date.now() + DAY).toISOString() }, carrier.token)).data?.recordCustodyEvent.__typename).toBe("ValidationError");
    expect((await call({ ...base, vin: "LZZZZZZZZZZZZZZZ9" }, carrier.token)).data?.recordCustodyEvent.__typename).toBe("NotFoundError");
    expect(await t.db.custodyEvent.count()).toBe(3);
  });
});
