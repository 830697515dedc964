// Unit tests of the Fabric backends' pieces that need no network: settings, error mapping,
// checkpoints and the resumable event stream, block decoding.

import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import * as grpc from "@grpc/grpc-js";
import { EndorseError, CommitError as GatewayCommitError, GatewayError } from "@hyperledger/fabric-gateway";
import { describe, expect, it } from "vitest";
import { CommitError, ContractRejectedError, isRetryable, LedgerError } from "../errors.js";
import { connectionProfile } from "../fabric-network/network-ledger.js";
import type { ChaincodeEvent } from "../ledger.js";
import { toLedgerBlock } from "./blocks.js";
import { commitErrorFromStatus, mapFabricError } from "./errors.js";
import { EventCheckpoint, resumableEvents } from "./events.js";
import { blockHeaderHash, decodeBlock, decodeChainHeight } from "./protobuf.js";
import { fabricSettingsFromEnv, pickIdentity, validateFabricSettings } from "./settings.js";
import { envelope, type F, pb } from "./test-protobuf.js";

const FULL_ENV = {
  FABRIC_PEER_ENDPOINT: "peer0.platform.corridor:7051",
  FABRIC_TLS_ROOT_CERT: "/etc/corridor/tls-ca.pem",
  FABRIC_MSP_ID: "YadeaMSP",
  FABRIC_CERT_PATH: "/etc/corridor/cert.pem",
  FABRIC_KEY_PATH: "/etc/corridor/key.pem",
};

describe("Fabric settings", () => {
  it("are undefined when no FABRIC_* variable is set", () => {
    expect(fabricSettingsFromEnv({})).toBeUndefined();
    expect(fabricSettingsFromEnv({ FABRIC_CHANNEL: "corridor" })).toBeUndefined();
  });

  it("read every variable, with channel and chaincode defaulting to corridor", () => {
    expect(fabricSettingsFromEnv({ ...FULL_ENV, FABRIC_PEER_HOST_ALIAS: "peer0" })).toEqual({
      peerEndpoint: "peer0.platform.corridor:7051",
      tlsRootCertPath: "/etc/corridor/tls-ca.pem",
      peerHostAlias: "peer0",
      mspId: "YadeaMSP",
      certPath: "/etc/corridor/cert.pem",
      keyPath: "/etc/corridor/key.pem",
      channel: "corridor",
      chaincode: "corridor",
    });
  });

  it("name every missing variable in one message", () => {
    const error = (() => {
      try {
        fabricSettingsFromEnv({ FABRIC_PEER_ENDPOINT: "localhost:7051", FABRIC_KEY_PATH: " " });
      } catch (e) {
        return e as LedgerError;
      }
    })();
    expect(error).toBeInstanceOf(LedgerError);
    expect(error?.code).toBe("INVALID_REQUEST");
    expect(error?.message).toBe(
      "Fabric settings are incomplete: tlsRootCertPath (FABRIC_TLS_ROOT_CERT) is missing; mspId (FABRIC_MSP_ID) is missing; certPath (FABRIC_CERT_PATH) is missing; keyPath (FABRIC_KEY_PATH) is missing",
    );
  });

  it("want host:port for the endpoint", () => {
    expect(() => fabricSettingsFromEnv({ ...FULL_ENV, FABRIC_PEER_ENDPOINT: "grpcs://peer0:7051" })).toThrow(/peerEndpoint \(FABRIC_PEER_ENDPOINT\) must be host:port/);
    expect(() => validateFabricSettings({ ...fabricSettingsFromEnv(FULL_ENV), identities: [{ mspId: "CQCMSP", certPath: "", keyPath: "k" }] })).toThrow(
      /identities\[0\]\.certPath is missing/,
    );
  });

  it("pick the identity a request names", () => {
    const ids = [{ mspId: "YadeaMSP" }, { mspId: "CQCMSP", user: "certifier" }, { mspId: "CQCMSP", user: "clerk" }];
    expect(pickIdentity(ids, { mspId: "YadeaMSP" })).toBe(ids[0]);
    expect(pickIdentity(ids, { mspId: "CQCMSP", user: "clerk" })).toBe(ids[2]);
    expect(() => pickIdentity(ids, { mspId: "AimaMSP" })).toThrow(expect.objectContaining({ code: "UNKNOWN_IDENTITY" }));
  });

  it("build a fabric-network connection profile for the one peer", () => {
    const profile = connectionProfile({ ...fabricSettingsFromEnv(FULL_ENV)!, peerHostAlias: "peer0.yadea" }, "PEM");
    expect(profile).toMatchObject({
      client: { organization: "YadeaMSP" },
      organizations: { YadeaMSP: { mspid: "YadeaMSP", peers: ["peer0.yadea"] } },
      peers: { "peer0.yadea": { url: "grpcs://peer0.platform.corridor:7051", tlsCACerts: { pem: "PEM" }, grpcOptions: { "ssl-target-name-override": "peer0.yadea" } } },
    });
  });
});

function serviceError(code: number, message: string): grpc.ServiceError {
  return Object.assign(new Error(`${code} ${message}`), { code, details: message, metadata: new grpc.Metadata() });
}

// fabric-network exports TransactionError as a type only; the class is in its lib.
const { TransactionError } = createRequire(import.meta.url)("fabric-network/lib/errors/transactionerror.js") as {
  TransactionError: new (info: { message: string; transactionId: string; transactionCode: string }) => Error;
};

describe("Fabric error mapping", () => {
  const ctx = { fn: "issueCertification", txId: "tx-1" };

  it("finds the contract's code in an EndorseError's details", () => {
    const error = new EndorseError({
      code: grpc.status.ABORTED,
      message: "10 ABORTED: failed to endorse transaction, see attached details for more info",
      details: [
        { address: "peer0.yadea:7051", mspId: "YadeaMSP", message: "chaincode response 500, [corridor:NOT_AUTHORIZED] issueCertification needs role certifier; YadeaMSP is maker" },
      ],
      cause: serviceError(grpc.status.ABORTED, "failed to endorse"),
      transactionId: "tx-1",
    });
    const mapped = mapFabricError(error, ctx);
    expect(mapped).toBeInstanceOf(ContractRejectedError);
    expect(mapped).toMatchObject({ code: "NOT_AUTHORIZED", txId: "tx-1", fn: "issueCertification", detail: expect.stringContaining("needs role certifier") });
  });

  it("maps an untagged chaincode failure to CHAINCODE_ERROR", () => {
    const error = new GatewayError({
      code: grpc.status.UNKNOWN,
      message: "2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, Expected 6 parameters, but 2 have been supplied",
      details: [],
      cause: serviceError(grpc.status.UNKNOWN, "x"),
    });
    expect(mapFabricError(error, { fn: "registerBatch" })).toMatchObject({
      name: "ContractRejectedError",
      code: "CHAINCODE_ERROR",
      detail: "Expected 6 parameters, but 2 have been supplied",
    });
  });

  it("maps MVCC_READ_CONFLICT to a retryable CommitError, from the library's error or a status", () => {
    const fromError = mapFabricError(
      new GatewayCommitError({ code: 11, transactionId: "tx-9", message: "Transaction tx-9 failed to commit with status code 11 (MVCC_READ_CONFLICT)" }),
      ctx,
    );
    expect(fromError).toBeInstanceOf(CommitError);
    expect(fromError).toMatchObject({ code: "MVCC_READ_CONFLICT", txId: "tx-9", retryable: true });
    expect(isRetryable(fromError)).toBe(true);

    const fromStatus = commitErrorFromStatus({ code: 11, transactionId: "tx-9", blockNumber: 42n }, "registerBatch");
    expect(fromStatus).toMatchObject({ code: "MVCC_READ_CONFLICT", blockNumber: 42, retryable: true });
    const policy = commitErrorFromStatus({ code: 10, transactionId: "tx-8", blockNumber: 43n }, "registerBatch");
    expect(policy).toMatchObject({ code: "ENDORSEMENT_POLICY_FAILURE", retryable: false });
  });

  it("maps fabric-network's TransactionError by its transactionCode", () => {
    const error = new TransactionError({
      message: "Commit of transaction tx-7 failed on peer peer0 with status MVCC_READ_CONFLICT",
      transactionId: "tx-7",
      transactionCode: "MVCC_READ_CONFLICT",
    });
    expect(mapFabricError(error, ctx)).toMatchObject({ name: "CommitError", code: "MVCC_READ_CONFLICT", txId: "tx-7", retryable: true });
  });

  it("maps fabric-network's endorsement failure (peer responses) to the contract's code", () => {
    const error = Object.assign(
      new Error("No valid responses from any peers. Errors:\n    peer=peer0, status=500, message=[corridor:CONFLICT] batch B-1 exists with different count"),
      {
        responses: [{ response: { status: 500, message: "[corridor:CONFLICT] batch B-1 exists with different count" } }],
      },
    );
    expect(mapFabricError(error, { fn: "registerBatch" })).toMatchObject({ code: "CONFLICT", detail: expect.stringContaining("batch B-1") });
  });

  it("maps unreachable peers and deadlines to retryable UNAVAILABLE", () => {
    for (const code of [grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]) {
      const error = new GatewayError({ code, message: `${code} no connection`, details: [], cause: serviceError(code, "x") });
      const mapped = mapFabricError(error, ctx);
      expect(mapped).toMatchObject({ name: "LedgerError", code: "UNAVAILABLE" });
      expect(isRetryable(mapped)).toBe(true);
    }
    // Plain objects of the same shape (SubmitError is not exported as a class).
    expect(mapFabricError({ name: "SubmitError", code: grpc.status.UNAVAILABLE, message: "14 UNAVAILABLE", details: [], transactionId: "tx-2" }, ctx)).toMatchObject({
      code: "UNAVAILABLE",
      txId: "tx-2",
    });
    expect(
      mapFabricError({ name: "CommitStatusError", code: grpc.status.DEADLINE_EXCEEDED, message: "4 DEADLINE_EXCEEDED", details: [], transactionId: "tx-3" }, ctx).message,
    ).toMatch(/commit status unknown/);
  });

  it("maps fabric-network's connection failures to UNAVAILABLE", () => {
    expect(mapFabricError(new Error("DiscoveryService has failed to return results"), { fn: "getNetwork" })).toMatchObject({ code: "UNAVAILABLE" });
    expect(mapFabricError(Object.assign(new Error("Commit timeout"), { name: "TimeoutError", transactionId: "t" }), ctx)).toMatchObject({ code: "UNAVAILABLE", txId: "t" });
  });

  it("keeps other endorsement and orderer failures typed, not retryable", () => {
    const endorse = {
      name: "EndorseError",
      code: grpc.status.ABORTED,
      message: "10 ABORTED: failed to endorse",
      details: [{ address: "p", mspId: "M", message: "no peers available for org X" }],
      transactionId: "t",
    };
    expect(mapFabricError(endorse, ctx)).toMatchObject({ code: "ENDORSEMENT_FAILED", message: expect.stringContaining("no peers available for org X") });
    expect(mapFabricError({ name: "SubmitError", code: grpc.status.ABORTED, message: "10 ABORTED: rejected by orderer", details: [], transactionId: "t" }, ctx)).toMatchObject({
      code: "SUBMIT_FAILED",
    });
    expect(isRetryable(mapFabricError(endorse, ctx))).toBe(false);
  });
});

function ev(blockNumber: number, txId: string): ChaincodeEvent {
  return { blockNumber, txId, chaincodeName: "corridor", eventName: "BatchRegistered", payload: new Uint8Array() };
}

describe("event checkpoints", () => {
  it("start at a block, or after a transaction in it", () => {
    expect(new EventCheckpoint().getBlockNumber()).toBeUndefined();
    const cp = new EventCheckpoint(7, "tx-a");
    expect(cp.getBlockNumber()).toBe(7n);
    expect(cp.getTransactionId()).toBe("tx-a");
    expect(cp.accepts(ev(6, "old"))).toBe(false);
    expect(cp.accepts(ev(7, "tx-a"))).toBe(false);
    expect(cp.accepts(ev(7, "tx-b"))).toBe(true);
    expect(() => new EventCheckpoint(undefined, "tx-a")).toThrow(/needs startBlock/);
  });

  it("move with every delivered event and never accept one twice", () => {
    const cp = new EventCheckpoint(3);
    cp.record(ev(3, "x"));
    cp.record(ev(5, "y"));
    expect([cp.getBlockNumber(), cp.getTransactionId()]).toEqual([5n, "y"]);
    expect(cp.accepts(ev(3, "x"))).toBe(false);
    expect(cp.accepts(ev(5, "y"))).toBe(false);
    expect(cp.accepts(ev(5, "z"))).toBe(true);
    cp.recordBlock(9);
    expect([cp.getBlockNumber(), cp.getTransactionId()]).toEqual([9n, undefined]);
  });

  it("a stream reopens from its checkpoint after a transient failure, without repeats", async () => {
    const opened: (string | undefined)[] = [];
    let attempt = 0;
    const stream = resumableEvents(new EventCheckpoint(1), {
      retryDelayMs: 1,
      open: async (cp) => {
        opened.push(`${cp.getBlockNumber()}/${cp.getTransactionId() ?? ""}`);
        attempt++;
        const events =
          attempt === 1
            ? (async function* () {
                yield ev(1, "a");
                yield ev(2, "b");
                throw Object.assign(new Error("14 UNAVAILABLE"), { code: 14 });
              })()
            : (async function* () {
                yield ev(2, "b"); // the peer replays the checkpoint block
                yield ev(2, "c");
                yield ev(3, "d");
              })();
        return { events, close: () => {} };
      },
      transient: (e) => (e as { code?: number }).code === 14,
      mapError: (e) => e as Error,
    });
    const seen: string[] = [];
    for await (const e of stream) {
      seen.push(e.txId);
      if (seen.length === 4) stream.close();
    }
    expect(seen).toEqual(["a", "b", "c", "d"]);
    expect(opened).toEqual(["1/", "2/b"]);
  });

  it("a stream fails with the mapped error on a permanent failure, and close() ends a pending next()", async () => {
    const failing = resumableEvents(new EventCheckpoint(0), {
      open: async () => ({
        events: (async function* () {
          yield* [];
          throw new Error("PERMISSION_DENIED");
        })(),
        close: () => {},
      }),
      transient: () => false,
      mapError: () => new LedgerError("FABRIC_ERROR", "denied"),
    });
    await expect(failing[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: "FABRIC_ERROR" });

    let release: (() => void) | undefined;
    const pending = resumableEvents(new EventCheckpoint(0), {
      open: async () => ({
        events: (async function* () {
          await new Promise<void>((r) => {
            release = r;
          });
          yield* [];
        })(),
        close: () => release?.(),
      }),
      transient: () => false,
      mapError: (e) => e as Error,
    });
    const next = pending[Symbol.asyncIterator]().next();
    await new Promise((r) => setTimeout(r, 5));
    pending.close();
    await expect(next).resolves.toMatchObject({ done: true });
  });
});

describe("block decoding", () => {
  it("hashes a header as Fabric does (ASN.1 DER of number, previous hash, data hash)", () => {
    const prev = Buffer.alloc(32, 0xaa);
    const data = Buffer.alloc(32, 0xbb);
    // SEQUENCE(0x30, len 0x47) { INTEGER 0x05; OCTET STRING 32 bytes; OCTET STRING 32 bytes }
    const der = Buffer.concat([Buffer.from([0x30, 0x47, 0x02, 0x01, 0x05, 0x04, 0x20]), prev, Buffer.from([0x04, 0x20]), data]);
    expect(blockHeaderHash(5n, prev, data)).toBe(createHash("sha256").update(der).digest("hex"));
    // 128 needs a leading zero byte to stay positive.
    const der128 = Buffer.concat([Buffer.from([0x30, 0x08, 0x02, 0x02, 0x00, 0x80, 0x04, 0x00, 0x04, 0x00])]);
    expect(blockHeaderHash(128n, new Uint8Array(), new Uint8Array())).toBe(createHash("sha256").update(der128).digest("hex"));
  });

  it("decodes transactions, endorsements, events and validation codes", () => {
    const prev = Buffer.alloc(32, 1);
    const dataHash = Buffer.alloc(32, 2);
    const txs = [
      envelope("tx-1", "YadeaMSP", ["corridor:registerBatch", "B-1", "root"], { name: "BatchRegistered", payload: '{"batchId":"B-1"}' }),
      envelope("tx-2", "YadeaMSP", ["corridor:registerBatch", "B-2", "root"], { name: "BatchRegistered", payload: '{"batchId":"B-2"}' }),
    ];
    const bytes = pb([1, pb([1, 12], [2, prev], [3, dataHash])], [2, pb(...txs.map((t): F => [1, t]))], [3, pb([1, ""], [1, ""], [1, Uint8Array.from([0, 11])])]);
    const block = decodeBlock(bytes);
    expect(block.number).toBe(12);
    expect(block.hash).toBe(blockHeaderHash(12n, prev, dataHash));
    expect(block.validationCodes).toEqual([0, 11]);
    const tx = block.transactions[0]!;
    expect(tx).toMatchObject({
      txId: "tx-1",
      creatorMspId: "YadeaMSP",
      chaincodeName: "corridor",
      input: ["corridor:registerBatch", "B-1", "root"],
      timestamp: "2025-11-24T16:00:00.500Z",
    });
    expect(Buffer.from(tx.result).toString()).toBe('{"ok":true}');

    const ledgerBlock = toLedgerBlock(block);
    expect(ledgerBlock).toMatchObject({ number: 12, isConfig: false, previousHash: prev.toString("hex"), dataHash: dataHash.toString("hex") });
    expect(ledgerBlock.transactions.map((t) => [t.txId, t.fn, t.validationCode, t.events.length])).toEqual([
      ["tx-1", "registerBatch", "VALID", 1],
      ["tx-2", "registerBatch", "MVCC_READ_CONFLICT", 0],
    ]);
    expect(ledgerBlock.transactions[0]!.endorsements).toEqual([
      { mspId: "YadeaMSP", certificate: expect.stringContaining("YadeaMSP"), signature: Buffer.from([1, 2, 3]).toString("base64") },
      { mspId: "PlatformMSP", certificate: expect.stringContaining("PlatformMSP"), signature: Buffer.from([4, 5]).toString("base64") },
    ]);
    expect(Buffer.from(ledgerBlock.transactions[0]!.events[0]!.payload).toString()).toBe('{"batchId":"B-1"}');
  });

  it("reads the height from BlockchainInfo", () => {
    expect(decodeChainHeight(pb([1, 4321], [2, "h"], [3, "p"]))).toBe(4321);
  });
});
