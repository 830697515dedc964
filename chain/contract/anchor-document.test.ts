// anchorDocument / getDocument: the SHA-256 of an issued document on the ledger, run through
// fabric-shim's dispatcher by the embedded ledger and through the typed client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractRejectedError, CorridorClient, type EmbeddedLedger } from "../ledger/index.js";
import { as, hex, json, openTestLedger, tempDir } from "../test/ledger-fixture.js";
import { CorridorEvents } from "./events.js";
import type { AnchoredDocument, HistoryEntry } from "./records.js";

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

const args = (id: string, sha = hex(`pdf:${id}`), kind = "CERTIFICATE_OF_CONFORMITY", issuer = "YadeaMSP") => [id, sha, kind, issuer];

describe("anchorDocument", () => {
  it("anchors a document's hash once: the same id and hash again returns the stored record and writes nothing", async () => {
    const first = await ledger.submit({ fn: "anchorDocument", args: args("doc-idem"), identity: as.yadea });
    const stored = json<AnchoredDocument>(first.result);
    expect(stored).toEqual({
      docType: "document",
      documentId: "doc-idem",
      sha256: hex("pdf:doc-idem"),
      kind: "CERTIFICATE_OF_CONFORMITY",
      issuerMspId: "YadeaMSP",
      anchored: { txId: first.txId, at: expect.any(String), byMspId: "YadeaMSP", by: expect.any(String) },
    });
    expect(first.events.map((e) => e.eventName)).toEqual([CorridorEvents.DocumentAnchored]);
    expect(JSON.parse(Buffer.from(first.events[0]?.payload ?? []).toString("utf8"))).toEqual(stored);

    const again = await ledger.submit({ fn: "anchorDocument", args: args("doc-idem"), identity: as.yadea });
    expect(json<AnchoredDocument>(again.result)).toEqual(stored);
    expect(again.events).toEqual([]);
    // one write in the record's history: the replay changed nothing
    const history = json<HistoryEntry[]>(await ledger.evaluate({ fn: "history", args: ["DOCUMENT", "doc-idem"], identity: as.dealer }));
    expect(history.map((h) => h.txId)).toEqual([first.txId]);
  });

  it("refuses another hash (or kind) for an anchored id with CONFLICT", async () => {
    await ledger.submit({ fn: "anchorDocument", args: args("doc-conflict"), identity: as.yadea });
    const other = await rejection(ledger.submit({ fn: "anchorDocument", args: args("doc-conflict", hex("altered")), identity: as.yadea }));
    expect(other.code).toBe("CONFLICT");
    expect(other.detail).toMatch(/document doc-conflict is already registered with different sha256/);
    const kind = await rejection(ledger.submit({ fn: "anchorDocument", args: args("doc-conflict", undefined, "VEHICLE_VERIFICATION"), identity: as.yadea }));
    expect(kind.code).toBe("CONFLICT");
    const read = json<AnchoredDocument>(await ledger.evaluate({ fn: "getDocument", args: ["doc-conflict"], identity: as.dealer }));
    expect(read.sha256).toBe(hex("pdf:doc-conflict"));
  });

  it("lets the issuer and the platform anchor, but not another organization for the issuer", async () => {
    const byPlatform = await ledger.submit({ fn: "anchorDocument", args: args("doc-platform", undefined, undefined, "AimaMSP"), identity: as.platform });
    expect(json<AnchoredDocument>(byPlatform.result)).toMatchObject({ issuerMspId: "AimaMSP", anchored: { byMspId: "PlatformMSP" } });
    // a certification body anchors its own documents
    await ledger.submit({ fn: "anchorDocument", args: args("doc-cqc", undefined, "TYPE_APPROVAL", "CQCMSP"), identity: as.cqc });

    const forOther = await rejection(ledger.submit({ fn: "anchorDocument", args: args("doc-other", undefined, undefined, "AimaMSP"), identity: as.yadea }));
    expect(forOther.code).toBe("NOT_AUTHORIZED");
    const notMember = await rejection(ledger.submit({ fn: "anchorDocument", args: args("doc-nobody", undefined, undefined, "NobodyMSP"), identity: as.platform }));
    expect(notMember.code).toBe("INVALID_ARGUMENT");
    // the MSP is the issuer, but this identity does not act in the issuer's role
    const clerk = await rejection(ledger.submit({ fn: "anchorDocument", args: args("doc-clerk", undefined, undefined, "CQCMSP"), identity: as.cqcClerk }));
    expect(clerk.code).toBe("NOT_AUTHORIZED");
  });

  it("checks its arguments", async () => {
    for (const bad of [args("doc-bad", "NOT-A-HASH"), args("doc-bad", hex("x").toUpperCase()), args("doc-bad", undefined, "lower case"), args(" doc bad")]) {
      const e = await rejection(ledger.submit({ fn: "anchorDocument", args: bad, identity: as.yadea }));
      expect(e.code).toBe("INVALID_ARGUMENT");
    }
    const missing = await rejection(ledger.evaluate({ fn: "getDocument", args: ["doc-never"], identity: as.dealer }));
    expect(missing.code).toBe("NOT_FOUND");
  });

  it("is reachable through the typed client, and any member may read it", async () => {
    const client = new CorridorClient(ledger, { queryIdentity: as.dealer });
    const input = { documentId: "doc-client", sha256: hex("client"), kind: "VEHICLE_VERIFICATION", issuerMspId: "YadeaMSP" };
    const { record, receipt } = await client.anchorDocument(input, as.yadea);
    expect(record).toMatchObject({ ...input, anchored: { txId: receipt.txId } });
    expect(await client.getDocument("doc-client")).toEqual(record);
    const replay = await client.anchorDocument(input, as.yadea);
    expect(replay.record).toEqual(record);
  });
});
