// The Ledger interface on a Fabric 2.2 network through fabric-network 2.2 (deprecated by its own
// README for Fabric >= 2.4, where ../fabric-gateway is the backend to use).
//
// Gateway.connect with a connection profile built from the same FabricSettings (one peer, its
// TLS CA, discovery on) and an in-memory wallet holding the configured identities; one Gateway
// per identity. submit = Transaction.submit (endorse, order, wait for the commit event), then
// qscc GetBlockByTxID for the block number, hash, endorsements and timestamp. Timeouts:
// evaluate 5 s, endorse 15 s, commit 60 s (fabric-network has no separate submit deadline).

import { readFile } from "node:fs/promises";
import type { Contract, ContractEvent, Gateway, Network, X509Identity } from "fabric-network";
import { CommitError, LedgerError, LedgerErrorCode } from "../errors.js";
import { toEndorsements, toEvents, toLedgerBlock } from "../fabric-gateway/blocks.js";
import { mapFabricError } from "../fabric-gateway/errors.js";
import { EventCheckpoint, resumableEvents } from "../fabric-gateway/events.js";
import { endorsers, qualified } from "../fabric-gateway/gateway-ledger.js";
import { decodeBlock, decodeChainHeight } from "../fabric-gateway/protobuf.js";
import { type FabricSettings, loadIdentities, pickIdentity, validateFabricSettings } from "../fabric-gateway/settings.js";
import type { ChaincodeEvent, CloseableAsyncIterable, EventsOptions, Ledger, LedgerBlock, SubmitResult, TransactionRequest } from "../ledger.js";

export const NETWORK_TIMEOUTS_S = { evaluate: 5, endorse: 15, commit: 60 } as const;

/** A fabric-network connection profile for one peer (discovery finds the others). */
export function connectionProfile(settings: FabricSettings, tlsRootCertPem: string): Record<string, unknown> {
  const peerName = settings.peerHostAlias ?? settings.peerEndpoint.split(":")[0]!;
  const grpcOptions: Record<string, unknown> = {};
  if (settings.peerHostAlias) {
    grpcOptions["ssl-target-name-override"] = settings.peerHostAlias;
    grpcOptions.hostnameOverride = settings.peerHostAlias;
  }
  return {
    name: `corridor-${settings.channel}`,
    version: "1.0.0",
    client: { organization: settings.mspId, connection: { timeout: { peer: { endorser: String(NETWORK_TIMEOUTS_S.endorse) } } } },
    organizations: { [settings.mspId]: { mspid: settings.mspId, peers: [peerName] } },
    peers: { [peerName]: { url: `grpcs://${settings.peerEndpoint}`, tlsCACerts: { pem: tlsRootCertPem }, grpcOptions } },
  };
}

interface Connected {
  mspId: string;
  user?: string;
  gateway: Gateway;
  network: Network;
  contract: Contract;
  qscc: Contract;
}

export async function openFabricNetworkLedger(settings: FabricSettings): Promise<FabricNetworkLedger> {
  const s = validateFabricSettings(settings);
  const tls = await readFile(s.tlsRootCertPath, "utf8").catch((error: Error) => {
    throw new LedgerError(LedgerErrorCode.InvalidRequest, `cannot read TLS root certificate ${s.tlsRootCertPath}: ${error.message}`);
  });
  const profile = connectionProfile(s, tls);
  // Loaded on first use: fabric-network (and fabric-common) are heavy, and most processes that
  // import @corridor/chain/ledger never open a Fabric 2.2 connection.
  const { Gateway, Wallets } = await import("fabric-network");
  const wallet = await Wallets.newInMemoryWallet();
  const identities = await loadIdentities(s);
  const connected: Connected[] = [];
  try {
    for (const [i, id] of identities.entries()) {
      const label = `${id.mspId}/${id.user ?? i}`;
      const x509: X509Identity = { type: "X.509", mspId: id.mspId, credentials: { certificate: id.certificatePem, privateKey: id.privateKeyPem } };
      await wallet.put(label, x509);
      const gateway = new Gateway();
      try {
        await gateway.connect(profile, {
          wallet,
          identity: label,
          discovery: { enabled: true, asLocalhost: false },
          eventHandlerOptions: { commitTimeout: NETWORK_TIMEOUTS_S.commit, endorseTimeout: NETWORK_TIMEOUTS_S.endorse },
          queryHandlerOptions: { timeout: NETWORK_TIMEOUTS_S.evaluate },
        });
      } catch (error) {
        gateway.disconnect();
        throw mapFabricError(error, { fn: "connect" });
      }
      const network = await gateway.getNetwork(s.channel).catch((error: unknown) => {
        gateway.disconnect();
        throw mapFabricError(error, { fn: "getNetwork" });
      });
      connected.push({ mspId: id.mspId, user: id.user, gateway, network, contract: network.getContract(s.chaincode), qscc: network.getContract("qscc") });
    }
  } catch (error) {
    for (const c of connected) c.gateway.disconnect();
    throw error;
  }
  return new FabricNetworkLedger(s, connected);
}

export class FabricNetworkLedger implements Ledger {
  readonly channel: string;
  readonly chaincode: string;
  readonly #identities: Connected[];
  readonly #streams = new Set<CloseableAsyncIterable<ChaincodeEvent>>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;

  constructor(settings: FabricSettings, identities: Connected[]) {
    this.channel = settings.channel;
    this.chaincode = settings.chaincode;
    this.#identities = identities;
  }

  submit(tx: TransactionRequest): Promise<SubmitResult> {
    return this.#track(this.#submit(tx));
  }

  async #submit(tx: TransactionRequest): Promise<SubmitResult> {
    const id = this.#identity(tx);
    const transaction = id.contract.createTransaction(qualified(tx.fn));
    const orgs = endorsers(tx, id.mspId);
    if (orgs) transaction.setEndorsingOrganizations(...orgs);
    const txId = transaction.getTransactionId();
    let result: Buffer;
    try {
      result = await transaction.submit(...(tx.args ?? []));
    } catch (error) {
      const mapped = mapFabricError(error, { fn: tx.fn, txId });
      // fabric-network's TransactionError has the validation code, not the block: look it up.
      if (mapped instanceof CommitError && mapped.blockNumber < 0) {
        const block = await this.#qscc(id, "GetBlockByTxID", txId).then(decodeBlock, () => undefined);
        if (block) throw new CommitError(mapped.code, txId, block.number, `${tx.fn}: transaction ${txId} is invalid in block ${block.number}: ${mapped.code}`);
      }
      throw mapped;
    }
    const block = decodeBlock(await this.#qscc(id, "GetBlockByTxID", txId));
    const decoded = block.transactions.find((t) => t.txId === txId);
    if (!decoded) throw new LedgerError("FABRIC_ERROR", `${tx.fn}: transaction ${txId} not found in block ${block.number}`, txId);
    return {
      txId,
      timestamp: decoded.timestamp,
      blockNumber: block.number,
      blockHash: block.hash,
      result: new Uint8Array(result),
      events: toEvents(decoded, block.number, true),
      proposalResponse: decoded.proposalResponse,
      endorsements: toEndorsements(decoded),
    };
  }

  async evaluate(tx: TransactionRequest): Promise<Uint8Array> {
    const id = this.#identity(tx);
    try {
      return new Uint8Array(await this.#track(id.contract.evaluateTransaction(qualified(tx.fn), ...(tx.args ?? []))));
    } catch (error) {
      throw mapFabricError(error, { fn: tx.fn });
    }
  }

  events(options: EventsOptions = {}): CloseableAsyncIterable<ChaincodeEvent> {
    this.#assertOpen();
    const id = this.#identities[0]!;
    const checkpoint = new EventCheckpoint(options.startBlock, options.afterTransactionId);
    // fabric-network reconnects its event service itself; this source only adapts the listener
    // to an iterator and skips what the checkpoint says was delivered.
    const stream = resumableEvents(checkpoint, {
      open: async (cp) => {
        if (cp.getBlockNumber() === undefined) cp.recordBlock(await this.height());
        const queue = new PushQueue<ChaincodeEvent>();
        // Events of the checkpoint block up to and including its transaction were delivered.
        const startBlock = Number(cp.getBlockNumber());
        let skipUntil = cp.getTransactionId();
        const listener = async (event: ContractEvent): Promise<void> => {
          const t = event.getTransactionEvent();
          const blockNumber = Number(t.getBlockEvent().blockNumber.toString());
          if (skipUntil !== undefined) {
            if (blockNumber === startBlock) {
              if (t.transactionId === skipUntil) skipUntil = undefined;
              return;
            }
            skipUntil = undefined;
          }
          queue.push({ blockNumber, txId: t.transactionId, chaincodeName: event.chaincodeId, eventName: event.eventName, payload: new Uint8Array(event.payload ?? []) });
        };
        await id.contract.addContractListener(listener, { startBlock, type: "full" });
        return {
          events: queue,
          close: () => {
            id.contract.removeContractListener(listener);
            queue.end();
          },
        };
      },
      transient: () => false,
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
    for (const id of this.#identities) id.gateway.disconnect();
  }

  async #qscc(id: Connected, fn: string, ...args: string[]): Promise<Uint8Array> {
    this.#assertOpen();
    try {
      return new Uint8Array(await id.qscc.evaluateTransaction(fn, this.channel, ...args));
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

/** Listener callbacks to an async iterator; end() finishes it (and a pending next()). */
export class PushQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #waiting: ((r: IteratorResult<T>) => void) | undefined;
  #ended = false;

  push(item: T): void {
    if (this.#ended) return;
    if (this.#waiting) {
      const w = this.#waiting;
      this.#waiting = undefined;
      w({ value: item, done: false });
    } else this.#items.push(item);
  }

  end(): void {
    this.#ended = true;
    this.#waiting?.({ value: undefined, done: true });
    this.#waiting = undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift()!, done: false });
        if (this.#ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.#waiting = resolve;
        });
      },
    };
  }
}
