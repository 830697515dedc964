// The fabric-gateway backend end to end against an in-process gRPC server that speaks the peer
// Gateway protocol (gateway.Gateway: Endorse, Submit, CommitStatus, Evaluate, ChaincodeEvents)
// with hand-built protobufs. It checks what the real client library does with this backend's
// calls (TLS with a host alias, proposals, endorsing organizations, deadlines, error details,
// commit status, qscc block decoding, event checkpoints), not Fabric itself: the integration
// tests (gateway-ledger.test.ts) do that against a real network.
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCertificateAuthority, issueCertificate } from "../../proof/index.js";
import { CommitError, ContractRejectedError, isRetryable } from "../errors.js";
import type { ChaincodeEvent } from "../ledger.js";
import { type FabricGatewayLedger, openFabricGatewayLedger } from "./gateway-ledger.js";
import { blockHeaderHash, Message } from "./protobuf.js";
import type { FabricSettings } from "./settings.js";
import { envelope, type F, pb } from "./test-protobuf.js";

interface Block {
  number: number;
  envelopes: Uint8Array[];
  codes: number[];
  hash: Buffer;
  bytes: Uint8Array;
}

/** What the fake peer saw and how it should behave. */
class FakePeer {
  blocks: Block[] = [];
  endorseRequests: { txId: string; orgs: string[]; args: string[] }[] = [];
  eventRequests: { start: string; after: string }[] = [];
  nextCommitCode = 0;
  evaluateDelayMs = 0;
  failEventsOnce = false;
  readonly pending = new Map<string, Uint8Array>();
  readonly streams = new Set<grpc.ServerWritableStream<Buffer, Uint8Array>>();

  constructor() {
    this.#append([pb([1, pb([1, pb([1, pb([1, 1])])])])], [0]); // a config block (header type 1)
  }

  #append(envelopes: Uint8Array[], codes: number[]): Block {
    const number = this.blocks.length;
    const prev = this.blocks.at(-1)?.hash ?? Buffer.alloc(0);
    const dataHash = createHash("sha256").update(Buffer.concat(envelopes)).digest();
    const hash = Buffer.from(blockHeaderHash(BigInt(number), prev, dataHash), "hex");
    const bytes = pb([1, pb([1, number], [2, prev], [3, dataHash])], [2, pb(...envelopes.map((e): F => [1, e]))], [3, pb([1, ""], [1, ""], [1, Uint8Array.from(codes)])]);
    const block = { number, envelopes, codes, hash, bytes };
    this.blocks.push(block);
    for (const s of this.streams) this.#sendEvents(s, block, "");
    return block;
  }

  #sendEvents(stream: grpc.ServerWritableStream<Buffer, Uint8Array>, block: Block, after: string): void {
    const events: F[] = [];
    let skipping = after !== "";
    block.envelopes.forEach((e, i) => {
      const tx = new Message(new Message(new Message(e).bytes(1)).message(1).bytes(1));
      const txId = tx.string(5);
      if (skipping) {
        if (txId === after) skipping = false;
        return;
      }
      if (block.codes[i] !== 0 || tx.number(1) !== 3) return;
      events.push([1, pb([1, "corridor"], [2, txId], [3, "BatchRegistered"], [4, `{"txId":"${txId}"}`])]);
    });
    if (events.length > 0) stream.write(pb(...events, [2, block.number]));
  }

  service(): grpc.UntypedServiceImplementation {
    const proposal = (signedProposal: Message) => {
      const p = new Message(signedProposal.bytes(1));
      const channelHeader = p.message(1).message(1);
      const spec = p.message(2).message(1).message(1);
      return {
        txId: channelHeader.string(5),
        chaincode: spec.message(2).string(2),
        args: spec
          .message(3)
          .repeated(1)
          .map((a) => Buffer.from(a).toString()),
      };
    };
    return {
      Evaluate: (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, cb: grpc.sendUnaryData<Uint8Array>) => {
        const { chaincode, args } = proposal(new Message(call.request).message(3));
        const reply = (payload: Uint8Array | string) => setTimeout(() => cb(null, pb([1, pb([1, 200], [3, payload])])), this.evaluateDelayMs);
        if (chaincode === "qscc" && args[0] === "GetChainInfo") return reply(pb([1, this.blocks.length]));
        if (chaincode === "qscc" && args[0] === "GetBlockByNumber") return reply(this.blocks[Number(args[2])]!.bytes);
        reply(`{"fn":"${args[0]}"}`);
      },
      Endorse: (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, cb: grpc.sendUnaryData<Uint8Array>) => {
        const req = new Message(call.request);
        const { txId, args } = proposal(req.message(3));
        this.endorseRequests.push({ txId, orgs: req.repeated(4).map((o) => Buffer.from(o).toString()), args });
        if (args[0] === "corridor:issueCertification") {
          const detail = pb([1, "peer0.yadea:7051"], [2, "YadeaMSP"], [3, "chaincode response 500, [corridor:NOT_AUTHORIZED] issueCertification needs role certifier"]);
          const status = pb([1, grpc.status.ABORTED], [2, "failed to endorse transaction"], [3, pb([1, "type.googleapis.com/gateway.ErrorDetail"], [2, detail])]);
          const metadata = new grpc.Metadata();
          metadata.set("grpc-status-details-bin", Buffer.from(status));
          return cb({ code: grpc.status.ABORTED, details: "failed to endorse transaction, see attached details for more info", metadata });
        }
        const env = envelope(txId, "YadeaMSP", args, { name: "BatchRegistered", payload: `{"txId":"${txId}"}` }, `{"registered":"${args[1]}"}`);
        this.pending.set(txId, env);
        cb(null, pb([1, env]));
      },
      Submit: (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, cb: grpc.sendUnaryData<Uint8Array>) => {
        const txId = new Message(call.request).string(1);
        const code = this.nextCommitCode;
        this.nextCommitCode = 0;
        cb(null, new Uint8Array());
        setTimeout(() => this.#append([this.pending.get(txId)!], [code]), 5);
      },
      CommitStatus: (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, cb: grpc.sendUnaryData<Uint8Array>) => {
        const txId = new Message(new Message(call.request).bytes(1)).string(1);
        const wait = () => {
          for (const b of this.blocks) {
            const i = b.envelopes.indexOf(this.pending.get(txId)!);
            if (i >= 0) return cb(null, pb([1, b.codes[i]!], [2, b.number]));
          }
          setTimeout(wait, 5);
        };
        wait();
      },
      ChaincodeEvents: (call: grpc.ServerWritableStream<Buffer, Uint8Array>) => {
        const req = new Message(new Message(call.request).bytes(1));
        const start = req.message(4);
        const from = start.bytes(3).length > 0 ? start.message(3).number(1) : this.blocks.length;
        const after = req.string(5);
        this.eventRequests.push({ start: start.bytes(3).length > 0 ? `block ${from}` : "other", after });
        if (this.failEventsOnce) {
          this.failEventsOnce = false;
          this.#sendEvents(call, this.blocks[from]!, after);
          setTimeout(() => call.emit("error", { code: grpc.status.UNAVAILABLE, details: "peer restarting" }), 10);
          return;
        }
        for (const b of this.blocks.slice(from)) this.#sendEvents(call, b, b.number === from ? after : "");
        this.streams.add(call);
        call.on("cancelled", () => this.streams.delete(call));
      },
    };
  }
}

const raw = (name: string, responseStream = false) => ({
  path: `/gateway.Gateway/${name}`,
  requestStream: false,
  responseStream,
  requestSerialize: (b: Buffer) => b,
  requestDeserialize: (b: Buffer) => b,
  responseSerialize: (b: Uint8Array) => Buffer.from(b),
  responseDeserialize: (b: Buffer) => b,
});

describe("fabric-gateway backend against a fake peer gateway", () => {
  let dir: string;
  let server: grpc.Server;
  let peer: FakePeer;
  let settings: FabricSettings;
  let ledger: FabricGatewayLedger;
  const yadea = { mspId: "YadeaMSP" };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "corridor-fake-gateway-"));
    const ca = createCertificateAuthority({ subject: { commonName: "tls-ca", organization: "PlatformMSP" } });
    const tls = issueCertificate({
      issuer: ca,
      subject: { commonName: "peer0.test.corridor" },
      subjectAltNames: { dns: ["peer0.test.corridor"] },
      extendedKeyUsage: ["serverAuth"],
    });
    const client = issueCertificate({ issuer: ca, subject: { commonName: "yadea-api", organization: "YadeaMSP" } });
    await writeFile(join(dir, "tls-ca.pem"), ca.certificatePem);
    await writeFile(join(dir, "cert.pem"), client.certificatePem);
    await writeFile(join(dir, "key.pem"), client.privateKeyPem);
    peer = new FakePeer();
    server = new grpc.Server();
    server.addService(
      { Endorse: raw("Endorse"), Submit: raw("Submit"), CommitStatus: raw("CommitStatus"), Evaluate: raw("Evaluate"), ChaincodeEvents: raw("ChaincodeEvents", true) },
      peer.service(),
    );
    const credentials = grpc.ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(tls.certificatePem), private_key: Buffer.from(tls.privateKeyPem) }], false);
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", credentials, (e, p) => (e ? reject(e) : resolve(p))));
    settings = {
      peerEndpoint: `127.0.0.1:${port}`,
      tlsRootCertPath: join(dir, "tls-ca.pem"),
      peerHostAlias: "peer0.test.corridor",
      mspId: "YadeaMSP",
      certPath: join(dir, "cert.pem"),
      keyPath: join(dir, "key.pem"),
      channel: "corridor",
      chaincode: "corridor",
    };
    ledger = await openFabricGatewayLedger(settings, { deadlines: { evaluate: 1_000 } });
  });

  afterAll(async () => {
    await ledger?.close();
    server?.forceShutdown();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("submits: endorsing organizations sent, receipt from the committed block", async () => {
    const r = await ledger.submit({ fn: "registerBatch", args: ["B-1", "root"], identity: yadea, endorsingOrganizations: ["PlatformMSP"] });
    expect(peer.endorseRequests.at(-1)).toEqual({ txId: r.txId, orgs: ["YadeaMSP", "PlatformMSP"], args: ["corridor:registerBatch", "B-1", "root"] });
    expect(r.blockNumber).toBe(1);
    expect(r.blockHash).toBe(peer.blocks[1]!.hash.toString("hex"));
    expect(Buffer.from(r.result).toString()).toBe('{"registered":"B-1"}');
    expect(r.events).toMatchObject([{ blockNumber: 1, txId: r.txId, eventName: "BatchRegistered" }]);
    expect(r.endorsements.map((e) => e.mspId)).toEqual(["YadeaMSP", "PlatformMSP"]);
    expect(r.proposalResponse.length).toBeGreaterThan(0);
    expect(r.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);

    expect(await ledger.height()).toBe(2);
    const block = await ledger.block(1);
    expect(block).toMatchObject({ number: 1, hash: r.blockHash, previousHash: peer.blocks[0]!.hash.toString("hex"), isConfig: false });
    expect(block.transactions).toMatchObject([{ txId: r.txId, fn: "registerBatch", args: ["B-1", "root"], validationCode: "VALID", creatorMspId: "YadeaMSP" }]);
    expect((await ledger.block(0)).isConfig).toBe(true);
    await expect(ledger.block(2)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("evaluates, and reports a missed deadline as retryable UNAVAILABLE", async () => {
    expect(Buffer.from(await ledger.evaluate({ fn: "getBatch", args: ["B-1"], identity: yadea })).toString()).toBe('{"fn":"corridor:getBatch"}');
    peer.evaluateDelayMs = 1_500;
    const error = await ledger.evaluate({ fn: "getBatch", args: ["B-1"], identity: yadea }).catch((e: unknown) => e);
    peer.evaluateDelayMs = 0;
    expect(error).toMatchObject({ code: "UNAVAILABLE" });
    expect(isRetryable(error)).toBe(true);
  });

  it("maps the contract's refusal in the endorsement error details", async () => {
    const error = await ledger.submit({ fn: "issueCertification", args: ["C-1"], identity: yadea }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractRejectedError);
    expect(error).toMatchObject({ code: "NOT_AUTHORIZED", fn: "issueCertification", txId: peer.endorseRequests.at(-1)!.txId });
  });

  it("maps an MVCC_READ_CONFLICT commit status to a retryable CommitError with its block", async () => {
    peer.nextCommitCode = 11;
    const error = await ledger.submit({ fn: "registerBatch", args: ["B-2", "root"], identity: yadea }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitError);
    expect(error).toMatchObject({ code: "MVCC_READ_CONFLICT", blockNumber: 2, retryable: true });
  });

  it("refuses identities it holds no credentials for", async () => {
    await expect(ledger.evaluate({ fn: "getBatch", args: ["B-1"], identity: { mspId: "CQCMSP" } })).rejects.toMatchObject({ code: "UNKNOWN_IDENTITY" });
  });

  it("streams events from a block, after a checkpoint, and resumes after the peer drops the stream", async () => {
    const a = await ledger.submit({ fn: "registerBatch", args: ["B-3", "root"], identity: yadea });
    const b = await ledger.submit({ fn: "registerBatch", args: ["B-4", "root"], identity: yadea });
    const take = async (options: Parameters<typeof ledger.events>[0], n: number): Promise<ChaincodeEvent[]> => {
      const stream = ledger.events(options);
      const out: ChaincodeEvent[] = [];
      for await (const e of stream) {
        out.push(e);
        if (out.length === n) stream.close();
      }
      return out;
    };
    // From block 1: every valid transaction's event (an invalid one has none), in block order.
    const valid = peer.blocks.filter((bl) => bl.number > 0 && bl.codes[0] === 0).map((bl) => bl.number);
    expect((await take({ startBlock: 1 }, valid.length)).map((e) => e.blockNumber)).toEqual(valid);
    expect(valid.slice(-2)).toEqual([a.blockNumber, b.blockNumber]);
    expect(peer.eventRequests.at(-1)).toEqual({ start: "block 1", after: "" });
    expect((await take({ startBlock: a.blockNumber, afterTransactionId: a.txId }, 1)).map((e) => e.txId)).toEqual([b.txId]);
    expect(peer.eventRequests.at(-1)).toEqual({ start: `block ${a.blockNumber}`, after: a.txId });

    // Drop after the first block's events: the stream reopens after what it delivered.
    peer.failEventsOnce = true;
    const before = peer.eventRequests.length;
    const resumed = await take({ startBlock: a.blockNumber }, 2);
    expect(resumed.map((e) => e.txId)).toEqual([a.txId, b.txId]);
    expect(peer.eventRequests.slice(before)).toEqual([
      { start: `block ${a.blockNumber}`, after: "" },
      { start: `block ${a.blockNumber}`, after: a.txId },
    ]);

    // Live: a stream with no start block gets the next commit.
    const live = ledger.events();
    const iterator = live[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((r) => setTimeout(r, 50));
    const c = await ledger.submit({ fn: "registerBatch", args: ["B-5", "root"], identity: yadea });
    expect((await next).value).toMatchObject({ txId: c.txId, blockNumber: c.blockNumber });
    live.close();
    expect(await iterator.next()).toMatchObject({ done: true });
  });
});
