// The embedded backend: ordering, validation, persistence, integrity, events, identities.
import { createPublicKey, verify, X509Certificate } from "node:crypto";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CorridorEventName, CorridorEvents } from "../../contract/events.js";
import { canonicalJson } from "../../contract/json.js";
import type { Batch } from "../../contract/records.js";
import { as, batchArgs, hex, json, modelCertArgs, openTestLedger, tempDir } from "../../test/ledger-fixture.js";
import { CommitError, ContractRejectedError, LedgerError, LedgerIntegrityError } from "../errors.js";
import type { ChaincodeEvent } from "../ledger.js";
import type { EmbeddedLedger } from "./embedded-ledger.js";
import { endorsementMessage, type StoredBlock, sha256Hex } from "./format.js";

const open: EmbeddedLedger[] = [];
const dirs: (() => Promise<void>)[] = [];

async function fresh(options: Parameters<typeof openTestLedger>[1] = {}) {
  const tmp = await tempDir();
  dirs.push(tmp.cleanup);
  const ledger = await openTestLedger(tmp.dir, options);
  open.push(ledger);
  return { ledger, dir: tmp.dir };
}

async function reopen(dir: string, options: Parameters<typeof openTestLedger>[1] = {}) {
  const ledger = await openTestLedger(dir, options);
  open.push(ledger);
  return ledger;
}

afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
  for (const d of dirs.splice(0)) await d();
});

async function blockLines(dir: string): Promise<string[]> {
  return (await readFile(join(dir, "blocks.jsonl"), "utf8")).split("\n").filter(Boolean);
}

describe("opening", () => {
  it("starts with a configuration block and the contract's consortium configuration", async () => {
    const { ledger } = await fresh();
    expect(await ledger.height()).toBe(2);
    const genesis = await ledger.block(0);
    expect(genesis).toMatchObject({ number: 0, previousHash: "", isConfig: true, transactions: [] });
    const configured = await ledger.block(1);
    expect(configured.previousHash).toBe(genesis.hash);
    expect(configured.transactions.map((t) => [t.fn, t.creatorMspId, t.validationCode])).toEqual([["configure", "PlatformMSP", "VALID"]]);
    expect(configured.transactions[0]?.events[0]?.eventName).toBe(CorridorEvents.ConfigUpdated);
  });

  it("generates a local MSP: one root CA per organization, peers, and users carrying corridor.role", async () => {
    const { ledger, dir } = await fresh();
    const roots = await readFile(join(dir, "msp", "roots.pem"), "utf8");
    expect(roots.match(/BEGIN CERTIFICATE/g)).toHaveLength(7);
    const ca = new X509Certificate(await readFile(join(dir, "msp", "CQCMSP", "ca", "cert.pem"), "utf8"));
    const user = new X509Certificate(await readFile(join(dir, "msp", "CQCMSP", "users", "certifier", "cert.pem"), "utf8"));
    expect(user.checkIssued(ca) && user.verify(ca.publicKey)).toBe(true);
    expect(user.subject).toContain("O=CQCMSP");
    expect(user.subject).toContain("OU=client");
    expect(ledger.msp.peer("CQCMSP").certificatePem).toContain("BEGIN CERTIFICATE");
    expect(() => ledger.msp.user({ mspId: "CQCMSP", user: "nobody" })).toThrow(/CQCMSP has no user nobody/);
    await expect(ledger.submit({ fn: "getConfig", identity: { mspId: "NopeMSP" } })).rejects.toMatchObject({ code: "UNKNOWN_IDENTITY" });
  });

  it("leaves the process's crash handling alone (fabric's loggers would swallow uncaught errors)", async () => {
    await fresh();
    expect(process.listeners("unhandledRejection").map((f) => f.name)).not.toContain("loggerUnhandledRejectionFn");
    expect(process.listeners("uncaughtException").map((f) => f.name)).not.toContain("bound _uncaughtException");
  });

  it("refuses a second ledger on the same folder", async () => {
    const { dir } = await fresh();
    await expect(openTestLedger(dir)).rejects.toMatchObject({ code: "LEDGER_LOCKED" });
  });
});

describe("restart", () => {
  it("keeps state, history and the chain, and writes no configuration again", async () => {
    const { ledger, dir } = await fresh();
    const r = await ledger.submit({ fn: "registerBatch", args: batchArgs("B-KEEP"), identity: as.yadea });
    await ledger.submit({ fn: "issueCertification", args: modelCertArgs("C-KEEP"), identity: as.cqc });
    await ledger.submit({ fn: "revokeCertification", args: ["C-KEEP", "superseded"], identity: as.cqc });
    const height = await ledger.height();
    await ledger.close();

    const again = await reopen(dir);
    expect(await again.height()).toBe(height);
    const batch = json<Batch>(await again.evaluate({ fn: "getBatch", args: ["B-KEEP"], identity: as.dealer }));
    expect(batch.registered.txId).toBe(r.txId);
    expect((await again.block(r.blockNumber)).hash).toBe(r.blockHash);
    const history = json<unknown[]>(await again.evaluate({ fn: "history", args: ["CERTIFICATION", "C-KEEP"], identity: as.dealer }));
    expect(history).toHaveLength(2);
    // Idempotency still holds after the restart.
    const replay = await again.submit({ fn: "registerBatch", args: batchArgs("B-KEEP"), identity: as.yadea });
    expect(json(replay.result)).toEqual(json(r.result));
    // One transaction per block here, except the genesis configuration block.
    expect(await again.verify()).toEqual({ blocks: height + 1, transactions: height });
  });

  it("writes a configuration block when organizations change", async () => {
    const { ledger, dir } = await fresh();
    const height = await ledger.height();
    await ledger.close();
    const { TEST_ORGANIZATIONS } = await import("../../test/ledger-fixture.js");
    const again = await reopen(dir, {
      organizations: [...TEST_ORGANIZATIONS, { mspId: "TailgMSP", name: "Tailg", roles: ["maker"] }],
    });
    expect(await again.height()).toBe(height + 2); // channel configuration + configure transaction
    expect((await again.block(height)).isConfig).toBe(true);
    const r = await again.submit({ fn: "registerBatch", args: batchArgs("B-TAILG", undefined, 10, "TailgMSP", "TG-1"), identity: { mspId: "TailgMSP" } });
    expect(r.endorsements.map((e) => e.mspId)).toEqual(["TailgMSP", "PlatformMSP"]);
  });
});

describe("integrity", () => {
  it("detects a tampered block on open", async () => {
    const { ledger, dir } = await fresh();
    const r = await ledger.submit({ fn: "registerBatch", args: batchArgs("B-TAMPER"), identity: as.yadea });
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-AFTER"), identity: as.yadea });
    await ledger.close();

    const lines = await blockLines(dir);
    const target = lines[r.blockNumber] as string;
    expect(target).toContain('\\"count\\":1000');
    lines[r.blockNumber] = target.replace('\\"count\\":1000', '\\"count\\":1001');
    await writeFile(join(dir, "blocks.jsonl"), `${lines.join("\n")}\n`);

    const error = await openTestLedger(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerIntegrityError);
    expect(error).toMatchObject({ code: "LEDGER_CORRUPT", blockNumber: r.blockNumber });
    expect((error as Error).message).toMatch(/its data does not match its dataHash/);
  });

  it("detects a removed block", async () => {
    const { ledger, dir } = await fresh();
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-1"), identity: as.yadea });
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-2"), identity: as.yadea });
    await ledger.close();
    const lines = await blockLines(dir);
    lines.splice(2, 1);
    await writeFile(join(dir, "blocks.jsonl"), `${lines.join("\n")}\n`);
    await expect(openTestLedger(dir)).rejects.toMatchObject({ code: "LEDGER_CORRUPT", blockNumber: 2 });
  });

  it("catches a re-hashed chain by its endorsements (verifyOnOpen: full)", async () => {
    const { ledger, dir } = await fresh();
    const r = await ledger.submit({ fn: "registerBatch", args: batchArgs("B-REHASH"), identity: as.yadea });
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-NEXT"), identity: as.yadea });
    await ledger.close();

    // Rewrite the batch's root and recompute every hash from there on: the chain is consistent again.
    const blocks = (await blockLines(dir)).map((l) => JSON.parse(l) as StoredBlock);
    const forged = hex("forged root");
    for (let n = r.blockNumber; n < blocks.length; n++) {
      const b = blocks[n] as StoredBlock;
      if (n === r.blockNumber && b.data.kind === "transactions") {
        const tx = b.data.transactions[0];
        const write = tx?.rwset.writes[0];
        if (!tx || !write || typeof write[1] !== "string") throw new Error("unexpected block layout");
        write[1] = write[1].replace(/"merkleRoot":"[0-9a-f]{64}"/, `"merkleRoot":"${forged}"`);
      }
      b.header.previousHash = n === 0 ? "" : (blocks[n - 1] as StoredBlock).hash;
      b.header.dataHash = sha256Hex(canonicalJson(b.data));
      b.hash = sha256Hex(canonicalJson(b.header));
    }
    await writeFile(join(dir, "blocks.jsonl"), blocks.map((b) => `${canonicalJson(b)}\n`).join(""));

    // Hashes alone cannot tell (whoever holds the folder can re-hash) …
    const hashesOnly = await reopen(dir);
    expect(json<Batch>(await hashesOnly.evaluate({ fn: "getBatch", args: ["B-REHASH"], identity: as.dealer })).merkleRoot).toBe(forged);
    await expect(hashesOnly.verify()).rejects.toMatchObject({ code: "LEDGER_CORRUPT", blockNumber: r.blockNumber });
    await hashesOnly.close();
    // … the endorsers' signatures can.
    await expect(openTestLedger(dir, { verifyOnOpen: "full" })).rejects.toThrow(/marked VALID but fails validation: ENDORSEMENT_POLICY_FAILURE/);
  });

  it("cuts off a torn last line left by an interrupted append", async () => {
    const { ledger, dir } = await fresh();
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-TORN"), identity: as.yadea });
    const height = await ledger.height();
    await ledger.close();
    await appendFile(join(dir, "blocks.jsonl"), '{"data":{"kind":"transac');
    const warnings: string[] = [];
    const again = await reopen(dir, { onWarning: (m) => warnings.push(m) });
    expect(await again.height()).toBe(height);
    expect(warnings).toEqual([expect.stringMatching(/cut off a torn last block/)]);
    await again.submit({ fn: "registerBatch", args: batchArgs("B-AFTER-TORN"), identity: as.yadea });
    await again.close();
    expect(await blockLines(dir)).toHaveLength(height + 1);
    await reopen(dir, { verifyOnOpen: "full" });
  });

  it("keeps a whole last block whose newline was not written, and still verifies it", async () => {
    const { ledger, dir } = await fresh();
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-NL"), identity: as.yadea });
    const height = await ledger.height();
    await ledger.close();
    const file = join(dir, "blocks.jsonl");
    const content = await readFile(file, "utf8");
    await writeFile(file, content.slice(0, -1));
    expect(await (await reopen(dir)).height()).toBe(height);
    await (open.pop() as EmbeddedLedger).close();
    await writeFile(file, content.slice(0, -1).replace('\\"count\\":1000', '\\"count\\":7'));
    await expect(openTestLedger(dir)).rejects.toMatchObject({ code: "LEDGER_CORRUPT", blockNumber: height - 1 });
  });

  it("endorsements verify against the proposal response and chain to the organizations' CAs", async () => {
    const { ledger } = await fresh();
    const r = await ledger.submit({ fn: "issueCertification", args: modelCertArgs("C-SIG"), identity: as.cqc });
    expect(r.endorsements).toHaveLength(2);
    for (const e of r.endorsements) {
      const message = endorsementMessage(r.proposalResponse, e.certificate);
      expect(verify("sha256", message, { key: createPublicKey(e.certificate), dsaEncoding: "der" }, Buffer.from(e.signature, "base64"))).toBe(true);
      const ca = new X509Certificate(ledger.msp.caCertificate(e.mspId));
      expect(new X509Certificate(e.certificate).verify(ca.publicKey)).toBe(true);
    }
    const block = await ledger.block(r.blockNumber);
    expect(block.transactions[0]?.endorsements).toEqual(r.endorsements);
  });
});

describe("ordering and validation", () => {
  it("fails the second of two concurrent writes to the same key with MVCC_READ_CONFLICT", async () => {
    const { ledger } = await fresh();
    const [a, b] = await Promise.allSettled([
      ledger.submit({ fn: "registerBatch", args: batchArgs("B-RACE", hex("root A")), identity: as.yadea }),
      ledger.submit({ fn: "registerBatch", args: batchArgs("B-RACE", hex("root B")), identity: as.yadea }),
    ]);
    expect(a.status).toBe("fulfilled");
    expect(b.status).toBe("rejected");
    const error = (b as PromiseRejectedResult).reason as CommitError;
    expect(error).toBeInstanceOf(CommitError);
    expect(error).toMatchObject({ code: "MVCC_READ_CONFLICT", retryable: true });
    const winner = (a as PromiseFulfilledResult<Awaited<ReturnType<EmbeddedLedger["submit"]>>>).value;
    expect(error.blockNumber).toBe(winner.blockNumber);

    // The block records both, in order, with their validation codes; only the winner's write counts.
    const block = await ledger.block(winner.blockNumber);
    expect(block.transactions.map((t) => t.validationCode)).toEqual(["VALID", "MVCC_READ_CONFLICT"]);
    expect(block.transactions[1]?.events).toEqual([]);
    const stored = json<Batch>(await ledger.evaluate({ fn: "getBatch", args: ["B-RACE"], identity: as.dealer }));
    expect(stored.merkleRoot).toBe(hex("root A"));

    // Retried, the loser is simulated on the new state and the contract says why it cannot be.
    const retry = await ledger.submit({ fn: "registerBatch", args: batchArgs("B-RACE", hex("root B")), identity: as.yadea }).catch((e: unknown) => e);
    expect(retry).toBeInstanceOf(ContractRejectedError);
    expect(retry).toMatchObject({ code: "CONFLICT" });
  });

  it("cuts transactions submitted together into one block, up to maxTransactions", async () => {
    const { ledger } = await fresh({ blockCutting: { maxTransactions: 4 } });
    const before = await ledger.height();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => ledger.submit({ fn: "registerBatch", args: batchArgs(`B-CUT-${i}`), identity: as.yadea })));
    const blocks = new Set(results.map((r) => r.blockNumber));
    expect(blocks.size).toBe(3);
    expect(await ledger.height()).toBe(before + 3);
    const sizes = await Promise.all([...blocks].map(async (n) => (await ledger.block(n)).transactions.length));
    expect(sizes.sort()).toEqual([2, 4, 4]);
  });

  it("does not let a transaction read its own writes", async () => {
    // registerBatch reads the batch key (absent) and then writes it; a second registration in the
    // same block must not have seen the first one's write, so it conflicts instead of returning it.
    const { ledger } = await fresh();
    const same = batchArgs("B-SAME");
    const [a, b] = await Promise.allSettled([
      ledger.submit({ fn: "registerBatch", args: same, identity: as.yadea }),
      ledger.submit({ fn: "registerBatch", args: same, identity: as.yadea }),
    ]);
    expect(a.status).toBe("fulfilled");
    expect(b).toMatchObject({ status: "rejected", reason: { code: "MVCC_READ_CONFLICT" } });
  });

  it("fails a range read that a transaction earlier in the block changed with PHANTOM_READ_CONFLICT", async () => {
    // A long batch timeout keeps the issuance waiting in the block while the query is simulated.
    const { ledger } = await fresh({ blockCutting: { batchTimeoutMs: 1500 } });
    const issued = ledger.submit({ fn: "issueCertification", args: modelCertArgs("C-PHANTOM"), identity: as.cqc });
    await new Promise((r) => setTimeout(r, 500));
    // Submitting a query orders it; its range over the model's certifications saw none.
    const listed = ledger.submit({ fn: "certificationsForModel", args: ["YD-DM6", ""], identity: as.dealer });
    const [a, b] = await Promise.allSettled([issued, listed]);
    expect(a.status).toBe("fulfilled");
    expect(b).toMatchObject({ status: "rejected", reason: { code: "PHANTOM_READ_CONFLICT" } });
  });

  it("refuses work after close", async () => {
    const { ledger } = await fresh();
    await ledger.close();
    await expect(ledger.submit({ fn: "getConfig", identity: as.platform })).rejects.toMatchObject({ code: "LEDGER_CLOSED" });
    expect(() => ledger.events()).toThrow(LedgerError);
  });
});

describe("events", () => {
  async function take(stream: AsyncIterable<ChaincodeEvent>, n: number): Promise<ChaincodeEvent[]> {
    const out: ChaincodeEvent[] = [];
    for await (const e of stream) {
      out.push(e);
      if (out.length === n) break;
    }
    return out;
  }

  it("delivers every write's event under the shared names, from history and live", async () => {
    const { ledger } = await fresh();
    const live = ledger.events(); // from the next block
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-EV"), identity: as.yadea });
    await ledger.submit({ fn: "registerVehicle", args: ["LYDEA2025DM6EV001", "YadeaMSP", "YD-DM6", "2025-03-01", "BAT-1", "MOT-1", hex("v")], identity: as.yadea });
    await ledger.submit({ fn: "issueCertification", args: modelCertArgs("C-EV"), identity: as.cqc });
    await ledger.submit({ fn: "revokeCertification", args: ["C-EV", "withdrawn"], identity: as.cqc });
    const custody = await ledger.submit({
      fn: "recordCustodyEvent",
      args: ["BATCH", "B-EV", "SHIPPED", "CQ-DUI-1", "Chongqing Tuanjiecun", "2025-04-01T08:00:00Z"],
      identity: as.logistics,
    });
    // A refused transaction and an idempotent replay emit nothing.
    await ledger.submit({ fn: "issueCertification", args: modelCertArgs("C-NOPE"), identity: as.yadea }).catch(() => {});
    await ledger.submit({ fn: "registerBatch", args: batchArgs("B-EV"), identity: as.yadea });

    const expected: CorridorEventName[] = [
      CorridorEvents.BatchRegistered,
      CorridorEvents.VehicleRegistered,
      CorridorEvents.CertificationIssued,
      CorridorEvents.CertificationRevoked,
      CorridorEvents.CustodyEventRecorded,
    ];
    const got = await take(live, expected.length);
    expect(got.map((e) => e.eventName)).toEqual(expected);
    const last = got.at(-1) as ChaincodeEvent;
    expect(last).toMatchObject({ txId: custody.txId, blockNumber: custody.blockNumber, chaincodeName: "corridor" });
    expect(json(last.payload)).toEqual(json(custody.result));

    const replayed = await take(ledger.events({ startBlock: 0 }), expected.length + 1);
    expect(replayed.map((e) => e.eventName)).toEqual([CorridorEvents.ConfigUpdated, ...expected]);
  });

  it("resumes after a checkpoint (block number and transaction id)", async () => {
    const { ledger } = await fresh();
    const results = await Promise.all(["B-C1", "B-C2", "B-C3"].map((id) => ledger.submit({ fn: "registerBatch", args: batchArgs(id), identity: as.yadea })));
    const block = results[0]?.blockNumber as number;
    expect(results.every((r) => r.blockNumber === block)).toBe(true);
    const order = (await ledger.block(block)).transactions.map((t) => t.txId);
    const stream = ledger.events({ startBlock: block, afterTransactionId: order[0] });
    const later = ledger.submit({ fn: "registerBatch", args: batchArgs("B-C4"), identity: as.yadea });
    const got = await take(stream, 3);
    expect(got.map((e) => e.txId)).toEqual([order[1], order[2], (await later).txId]);
  });

  it("ends a stream on close", async () => {
    const { ledger } = await fresh();
    const stream = ledger.events();
    const done = take(stream, 1);
    stream.close();
    expect(await done).toEqual([]);
  });
});
