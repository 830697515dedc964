// The Ledger interface on a Fabric >= 2.4 network through @hyperledger/fabric-gateway.
//
// One gRPC connection to one peer's gateway service, shared by every identity the backend holds
// (a Gateway per identity over the same grpc.Client). submit = endorse + submit + commit status,
// then the block is read through qscc for its hash, the endorsements and the timestamp.
// Deadlines: evaluate 5 s, endorse 15 s, submit 5 s, commit status 60 s.

import { createPrivateKey } from "node:crypto";
import { readFile } from "node:fs/promises";
import * as grpc from "@grpc/grpc-js";
import { type Contract, connect, type Gateway, type Network, type Status, signers } from "@hyperledger/fabric-gateway";
import { CONTRACT_NAME } from "../../contract/constants.js";
import { LedgerError, LedgerErrorCode } from "../errors.js";
import type { ChaincodeEvent, CloseableAsyncIterable, EventsOptions, Ledger, LedgerBlock, SubmitResult, TransactionRequest } from "../ledger.js";
import { toEndorsements, toEvents, toLedgerBlock } from "./blocks.js";
import { commitErrorFromStatus, mapFabricError } from "./errors.js";
import { EventCheckpoint, resumableEvents } from "./events.js";
import { decodeBlock, decodeChainHeight } from "./protobuf.js";
import { type FabricSettings, loadIdentities, pickIdentity, validateFabricSettings } from "./settings.js";

export const GATEWAY_DEADLINES_MS = { evaluate: 5_000, endorse: 15_000, submit: 5_000, commitStatus: 60_000 } as const;

const deadline = (ms: number) => () => ({ deadline: Date.now() + ms });

interface Connected {
  mspId: string;
  user?: string;
  gateway: Gateway;
  network: Network;
  contract: Contract;
  qscc: Contract;
}

export interface FabricGatewayLedgerOptions {
  /** Deadlines per call, milliseconds; defaults GATEWAY_DEADLINES_MS. */
  deadlines?: Partial<Record<keyof typeof GATEWAY_DEADLINES_MS, number>>;
}

/** Connects (lazily: the first call opens the gRPC channel) and returns the backend. */
export async function openFabricGatewayLedger(settings: FabricSettings, options: FabricGatewayLedgerOptions = {}): Promise<FabricGatewayLedger> {
  const s = validateFabricSettings(settings);
  const tlsRootCert = await readFile(s.tlsRootCertPath).catch((error: Error) => {
    throw new LedgerError(LedgerErrorCode.InvalidRequest, `cannot read TLS root certificate ${s.tlsRootCertPath}: ${error.message}`);
  });
  const channelOptions: grpc.ChannelOptions = s.peerHostAlias ? { "grpc.ssl_target_name_override": s.peerHostAlias } : {};
  const client = new grpc.Client(s.peerEndpoint, grpc.credentials.createSsl(tlsRootCert), channelOptions);
  const d = { ...GATEWAY_DEADLINES_MS, ...options.deadlines };
  try {
    const identities = await loadIdentities(s);
    const connected = identities.map((id): Connected => {
      const gateway = connect({
        client,
        identity: { mspId: id.mspId, credentials: Buffer.from(id.certificatePem, "utf8") },
        signer: signers.newPrivateKeySigner(createPrivateKey(id.privateKeyPem)),
        evaluateOptions: deadline(d.evaluate),
        endorseOptions: deadline(d.endorse),
        submitOptions: deadline(d.submit),
        commitStatusOptions: deadline(d.commitStatus),
      });
      const network = gateway.getNetwork(s.channel);
      return { mspId: id.mspId, user: id.user, gateway, network, contract: network.getContract(s.chaincode), qscc: network.getContract("qscc") };
    });
    return new FabricGatewayLedger(s, client, connected);
  } catch (error) {
    client.close();
    throw error;
  }
}

export class FabricGatewayLedger implements Ledger {
  readonly channel: string;
  readonly chaincode: string;
  readonly #client: grpc.Client;
  readonly #identities: Connected[];
  readonly #streams = new Set<CloseableAsyncIterable<ChaincodeEvent>>();
  #inFlight = new Set<Promise<unknown>>();
  #closed = false;

  constructor(settings: FabricSettings, client: grpc.Client, identities: Connected[]) {
    this.channel = settings.channel;
    this.chaincode = settings.chaincode;
    this.#client = client;
    this.#identities = identities;
  }

  async submit(tx: TransactionRequest): Promise<SubmitResult> {
    return this.#track(this.#submit(tx));
  }

  async #submit(tx: TransactionRequest): Promise<SubmitResult> {
    const id = this.#identity(tx);
    const fn = qualified(tx.fn);
    const proposal = id.contract.newProposal(fn, { arguments: [...(tx.args ?? [])], endorsingOrganizations: endorsers(tx, id.mspId) });
    const txId = proposal.getTransactionId();
    let result: Uint8Array;
    let status: Status;
    try {
      const transaction = await proposal.endorse();
      const submitted = await transaction.submit();
      result = submitted.getResult();
      status = await submitted.getStatus();
    } catch (error) {
      throw mapFabricError(error, { fn: tx.fn, txId });
    }
    if (!status.successful) throw commitErrorFromStatus(status, tx.fn);
    const blockNumber = Number(status.blockNumber);
    // The receipt's block hash, endorsements and timestamp come from the committed block.
    const block = decodeBlock(await this.#qscc(id, "GetBlockByNumber", String(blockNumber)));
    const decoded = block.transactions.find((t) => t.txId === txId);
    if (!decoded) throw new LedgerError("FABRIC_ERROR", `${tx.fn}: transaction ${txId} not found in block ${blockNumber}`, txId);
    return {
      txId,
      timestamp: decoded.timestamp,
      blockNumber,
      blockHash: block.hash,
      result,
      events: toEvents(decoded, blockNumber, true),
      proposalResponse: decoded.proposalResponse,
      endorsements: toEndorsements(decoded),
    };
  }

  async evaluate(tx: TransactionRequest): Promise<Uint8Array> {
    const id = this.#identity(tx);
    try {
      return await this.#track(id.contract.evaluate(qualified(tx.fn), { arguments: [...(tx.args ?? [])] }));
    } catch (error) {
      throw mapFabricError(error, { fn: tx.fn });
    }
  }

  events(options: EventsOptions = {}): CloseableAsyncIterable<ChaincodeEvent> {
    this.#assertOpen();
    const id = this.#identities[0]!;
    const checkpoint = new EventCheckpoint(options.startBlock, options.afterTransactionId);
    const stream = resumableEvents(checkpoint, {
      open: async (cp) => {
        // No start block: begin at the current height, so a reconnect knows where it was.
        if (cp.getBlockNumber() === undefined) cp.recordBlock(await this.height());
        const source = await id.network.getChaincodeEvents(this.chaincode, { checkpoint: cp });
        return {
          close: () => source.close(),
          events: (async function* () {
            for await (const e of source) {
              yield { blockNumber: Number(e.blockNumber), txId: e.transactionId, chaincodeName: e.chaincodeName, eventName: e.eventName, payload: e.payload };
            }
          })(),
        };
      },
      transient: (error) => {
        const code = (error as { code?: unknown })?.code;
        return code === grpc.status.UNAVAILABLE || code === grpc.status.DEADLINE_EXCEEDED || code === grpc.status.INTERNAL;
      },
      mapError: (error) => mapFabricError(error, { fn: "events" }),
      onClose: () => this.#streams.delete(stream),
    });
    this.#streams.add(stream);
    return stream;
  }

  async block(n: number): Promise<LedgerBlock> {
    if (!Number.isSafeInteger(n) || n < 0) throw new LedgerError(LedgerErrorCode.NotFound, `no block ${n}`);
    const height = await this.height();
    if (n >= height) throw new LedgerError(LedgerErrorCode.NotFound, `no block ${n}: the ledger has ${height} blocks`);
    return toLedgerBlock(decodeBlock(await this.#qscc(this.#identities[0]!, "GetBlockByNumber", String(n))));
  }

  async height(): Promise<number> {
    return decodeChainHeight(await this.#qscc(this.#identities[0]!, "GetChainInfo"));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
    for (const s of this.#streams) s.close();
    for (const id of this.#identities) id.gateway.close();
    this.#client.close();
  }

  // ──────────────────────────────────────────────────────────────────────────────────────────

  async #qscc(id: Connected, fn: string, ...args: string[]): Promise<Uint8Array> {
    this.#assertOpen();
    try {
      return await id.qscc.evaluate(fn, { arguments: [this.channel, ...args] });
    } catch (error) {
      throw mapFabricError(error, { fn: `qscc.${fn}` });
    }
  }

  #identity(tx: TransactionRequest): Connected {
    this.#assertOpen();
    if (typeof tx?.fn !== "string" || tx.fn === "") throw new LedgerError(LedgerErrorCode.InvalidRequest, "fn is required");
    return pickIdentity(this.#identities, tx.identity);
  }

  #assertOpen(): void {
    if (this.#closed) throw new LedgerError(LedgerErrorCode.Closed, "the ledger is closed");
  }

  #track<T>(p: Promise<T>): Promise<T> {
    this.#inFlight.add(p);
    const done = () => this.#inFlight.delete(p);
    p.then(done, done);
    return p;
  }
}

/** "registerBatch" → "corridor:registerBatch" (the contract's name inside the chaincode). */
export function qualified(fn: string): string {
  return fn.includes(":") ? fn : `${CONTRACT_NAME}:${fn}`;
}

/** Organizations that must endorse: the submitter's, the platform's is named by the caller. */
export function endorsers(tx: TransactionRequest, ownMspId: string): string[] | undefined {
  if (!tx.endorsingOrganizations || tx.endorsingOrganizations.length === 0) return undefined;
  return [...new Set([ownMspId, ...tx.endorsingOrganizations])];
}
