// The embedded backend: the corridor contract run in process against a one-node ledger kept in a
// data folder. It behaves like a Fabric channel with one peer per organization living in this
// process: transactions are simulated (through fabric-shim's dispatcher), endorsed by the
// submitting organization's peer and the platform's, cut into blocks, validated (endorsement
// policy, MVCC and phantom reads) and committed to an append-only hash-chained block log.
//
// It is for development, demos and tests. One process, one node, every organization's keys in
// one folder: it proves nothing to anyone who does not trust that folder. See ../README.md.
import { type KeyObject, randomBytes, verify, X509Certificate } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { CONTRACT_NAME, Roles } from "../../contract/constants.js";
import { ContractErrorCode } from "../../contract/errors.js";
import { canonicalJson } from "../../contract/json.js";
import { CommitError, ContractRejectedError, LedgerError, LedgerErrorCode, LedgerIntegrityError } from "../errors.js";
import type {
  BlockTransaction,
  ChaincodeEvent,
  CloseableAsyncIterable,
  Endorsement,
  EventsOptions,
  Ledger,
  LedgerBlock,
  SubmitResult,
  TransactionRequest,
  ValidationCode,
} from "../ledger.js";
import { BlockStore } from "./block-store.js";
import { DEMO_ORGANIZATIONS } from "./consortium.js";
import { corridorChaincode, detachFabricProcessHandlers } from "./fabric-runtime.js";
import {
  type ChannelConfig,
  endorsementMessage,
  loadValue,
  makeBlock,
  type Proposal,
  proposalResponseBytes,
  type StoredBlock,
  sha256Hex,
  storeValue,
  type TxEnvelope,
} from "./format.js";
import { acquireLock, type Lock } from "./lock.js";
import { LocalMsp, type OrganizationSpec, signBase64 } from "./msp.js";
import { type HistoricValue, SimulationStub } from "./stub.js";
import { compareKeys, sameVersion, type Version, WorldState, type Write } from "./world-state.js";

export interface BlockCutting {
  /** Most transactions in one block. Default 100. */
  maxTransactions?: number;
  /**
   * How long the first transaction waits for others to share its block, in ms. Default 0: the
   * block is cut as soon as the event loop is idle, so transactions submitted together share a
   * block and a lone one is committed at once.
   */
  batchTimeoutMs?: number;
}

export interface EmbeddedLedgerOptions {
  /** Folder for the block log, the identities (msp/) and the lock; created if missing. */
  dataDir: string;
  /**
   * The consortium; exactly one organization has the platform role. Default: DEMO_ORGANIZATIONS.
   * New organizations or changed roles are written to the ledger (a configuration block and the
   * contract's configure transaction) when the ledger opens.
   */
  organizations?: readonly OrganizationSpec[];
  /** Default "corridor". */
  channel?: string;
  /** Default "corridor". */
  chaincode?: string;
  blockCutting?: BlockCutting;
  /** Source of transaction timestamps. Default: the system clock. */
  clock?: () => Date;
  /**
   * What opening checks. "hashes" (default): every block's number, links and hashes. "full":
   * also every endorsement signature, certificate and the endorsement policy (slower: about
   * 0.1 ms per signature).
   */
  verifyOnOpen?: "hashes" | "full";
  /** Told about recoverable oddities (a torn last line cut off). Default: process.emitWarning. */
  onWarning?: (message: string) => void;
}

/** Chaincode version reported in the contract metadata. */
const CHAINCODE_VERSION = "0.1.0";
const BLOCK_CACHE = 64;

interface Pending {
  proposal: Proposal;
  endorsements: Endorsement[];
  proposalResponse: Buffer;
  writes: Write[];
  fn: string;
  resolve(result: SubmitResult): void;
  reject(error: unknown): void;
}

interface Simulation {
  stub: SimulationStub;
  proposal: Proposal;
  payload: Buffer;
  fn: string;
}

export class EmbeddedLedger implements Ledger {
  readonly channel: string;
  readonly chaincode: string;
  readonly dataDir: string;
  /** The local identities (e.g. to sign chain/proof anchor statements with an organization's peer key). */
  readonly msp: LocalMsp;

  readonly #store: BlockStore;
  readonly #state: WorldState;
  readonly #lock: Lock;
  readonly #dispatcher = corridorChaincode(CHAINCODE_VERSION);
  readonly #clock: () => Date;
  readonly #maxTx: number;
  readonly #batchTimeoutMs: number;
  #config: ChannelConfig;
  #pending: Pending[] = [];
  #cutScheduled: NodeJS.Timeout | NodeJS.Immediate | undefined;
  #commits: Promise<void> = Promise.resolve();
  #inFlight = 0;
  readonly #streams = new Set<EventStream>();
  readonly #blockCache = new Map<number, StoredBlock>();
  readonly #certs = new CertificateCache();
  #closing = false;
  #closed = false;
  #broken: Error | undefined;

  private constructor(init: {
    options: EmbeddedLedgerOptions;
    dataDir: string;
    msp: LocalMsp;
    store: BlockStore;
    state: WorldState;
    lock: Lock;
    config: ChannelConfig | undefined;
  }) {
    const { options } = init;
    this.channel = options.channel ?? "corridor";
    this.chaincode = options.chaincode ?? "corridor";
    this.dataDir = init.dataDir;
    this.msp = init.msp;
    this.#store = init.store;
    this.#state = init.state;
    this.#lock = init.lock;
    this.#clock = options.clock ?? (() => new Date());
    this.#maxTx = Math.max(1, options.blockCutting?.maxTransactions ?? 100);
    this.#batchTimeoutMs = Math.max(0, options.blockCutting?.batchTimeoutMs ?? 0);
    this.#config = init.config ?? { channel: this.channel, organizations: [] };
  }

  /**
   * Opens the ledger in `options.dataDir`, creating it (identities, genesis block, consortium
   * configuration) on first use. Fails with LedgerIntegrityError when the block log does not
   * verify and with LedgerError LEDGER_LOCKED when another ledger has the folder open.
   */
  static async open(options: EmbeddedLedgerOptions): Promise<EmbeddedLedger> {
    detachFabricProcessHandlers();
    const organizations = checkOrganizations(options.organizations ?? DEMO_ORGANIZATIONS);
    const dataDir = resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
    const lock = await acquireLock(join(dataDir, "LOCK"));
    try {
      const msp = await LocalMsp.open(join(dataDir, "msp"), organizations);
      const state = new WorldState();
      const full = options.verifyOnOpen === "full";
      let config: ChannelConfig | undefined;
      const certs = new CertificateCache();
      state.beginBulkLoad();
      const store = await BlockStore.open(
        join(dataDir, "blocks.jsonl"),
        (block) => {
          if (block.data.kind === "config") {
            config = block.data.config;
            return;
          }
          const { number } = block.header;
          const valid = block.data.transactions.map((tx, i) => [tx, i] as const).filter(([tx]) => tx.validationCode === "VALID");
          if (full) {
            for (const [tx] of valid) {
              const code = config ? validateEndorsements(options.channel ?? "corridor", tx, config, certs) : "NO_CONFIGURATION";
              if (code !== "VALID") throw new LedgerIntegrityError(`block ${number} transaction ${tx.txId} is marked VALID but fails validation: ${code}`, number);
            }
          }
          for (const [tx, i] of valid) state.apply(decodeWrites(tx), [number, i]);
        },
        (bytes) => (options.onWarning ?? ((m: string) => process.emitWarning(m)))(`embedded ledger: cut off a torn last block (${bytes} bytes) left by an interrupted write`),
      );
      state.endBulkLoad();
      const ledger = new EmbeddedLedger({ options, dataDir, msp, store, state, lock, config });
      try {
        await ledger.#reconcile(organizations);
      } catch (error) {
        await ledger.close();
        throw error;
      }
      return ledger;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  // ── Ledger ────────────────────────────────────────────────────────────────────────────────

  async submit(tx: TransactionRequest): Promise<SubmitResult> {
    this.#assertUsable();
    this.#inFlight++;
    try {
      const sim = await this.#simulate(tx);
      const platform = platformOf(this.#config);
      const endorsers = [...new Set([sim.proposal.creator.mspId, platform, ...(tx.endorsingOrganizations ?? [])])];
      const proposalResponse = proposalResponseBytes(this.channel, sim.proposal);
      const endorsements = endorsers.map((mspId): Endorsement => {
        const peer = this.msp.peer(mspId);
        return {
          mspId,
          certificate: peer.certificatePem,
          signature: signBase64(peer, endorsementMessage(proposalResponse, peer.certificatePem)),
        };
      });
      if (this.#broken) throw this.#broken;
      return await new Promise<SubmitResult>((resolve, reject) => {
        this.#pending.push({
          proposal: sim.proposal,
          endorsements,
          proposalResponse,
          writes: [...sim.stub.writes.entries()].sort(([a], [b]) => compareKeys(a, b)),
          fn: sim.fn,
          resolve,
          reject,
        });
        this.#scheduleCut();
      });
    } finally {
      this.#inFlight--;
    }
  }

  async evaluate(tx: TransactionRequest): Promise<Uint8Array> {
    this.#assertUsable();
    return (await this.#simulate(tx)).payload;
  }

  events(options: EventsOptions = {}): CloseableAsyncIterable<ChaincodeEvent> {
    this.#assertUsable();
    const start = options.startBlock ?? this.#store.height;
    if (!Number.isSafeInteger(start) || start < 0) throw new LedgerError(LedgerErrorCode.InvalidRequest, `startBlock ${start} is not a block number`);
    const stream = new EventStream({
      start,
      liveFrom: this.#store.height,
      afterTransactionId: options.afterTransactionId,
      read: (n) => this.block(n),
      onClose: (s) => this.#streams.delete(s),
    });
    this.#streams.add(stream);
    return stream;
  }

  async block(n: number): Promise<LedgerBlock> {
    if (this.#closed) throw new LedgerError(LedgerErrorCode.Closed, "the ledger is closed");
    if (!Number.isSafeInteger(n) || n < 0 || n >= this.#store.height) {
      throw new LedgerError(LedgerErrorCode.NotFound, `no block ${n}: the ledger has ${this.#store.height} blocks`);
    }
    return toLedgerBlock(await this.#storedBlock(n), this.chaincode);
  }

  async height(): Promise<number> {
    return this.#store.height;
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    // Let transactions still being simulated reach the queue, then commit everything queued.
    while (this.#inFlight > 0 || this.#pending.length > 0) {
      this.#cutNow();
      await this.#commits;
      if (this.#inFlight > 0) await new Promise((r) => setImmediate(r));
    }
    await this.#commits;
    for (const s of this.#streams) s.close();
    this.#closed = true;
    await this.#store.close();
    await this.#lock.release();
  }

  // ── beyond the interface ──────────────────────────────────────────────────────────────────

  /** The channel configuration in force: organizations, roles and CA certificates. */
  get channelConfig(): ChannelConfig {
    return this.#config;
  }

  /**
   * Re-checks the whole block log: hashes, links, and every endorsement against the policy and
   * the organizations' CA certificates in force at that block. Throws LedgerIntegrityError.
   */
  async verify(): Promise<{ blocks: number; transactions: number }> {
    let previous = "";
    let config: ChannelConfig | undefined;
    let transactions = 0;
    const certs = new CertificateCache();
    for (let n = 0; n < this.#store.height; n++) {
      const block = await this.#store.read(n);
      const fail = (why: string): never => {
        throw new LedgerIntegrityError(`block ${n} does not verify: ${why}`, n, this.#store.file);
      };
      if (block.header.number !== n) fail(`it says it is block ${block.header.number}`);
      if (block.header.previousHash !== previous) fail("previousHash does not match");
      if (sha256Hex(canonicalJson(block.data)) !== block.header.dataHash) fail("data hash");
      if (sha256Hex(canonicalJson(block.header)) !== block.hash) fail("header hash");
      previous = block.hash;
      if (block.data.kind === "config") {
        config = block.data.config;
        continue;
      }
      if (!config) fail("a transaction block precedes the first configuration block");
      for (const tx of block.data.transactions) {
        transactions++;
        if (tx.validationCode !== "VALID") continue;
        const code = validateEndorsements(this.channel, tx, config as ChannelConfig, certs);
        if (code !== "VALID") fail(`transaction ${tx.txId} is marked VALID but fails validation: ${code}`);
      }
    }
    return { blocks: this.#store.height, transactions };
  }

  // ── simulation and endorsement ────────────────────────────────────────────────────────────

  async #simulate(tx: TransactionRequest): Promise<Simulation> {
    const { fn } = tx;
    const args = tx.args ?? [];
    if (typeof fn !== "string" || fn === "") throw new LedgerError(LedgerErrorCode.InvalidRequest, "fn must name a transaction");
    if (!Array.isArray(args) || args.some((a) => typeof a !== "string")) {
      throw new LedgerError(LedgerErrorCode.InvalidRequest, `${fn}: arguments must be strings`);
    }
    if (typeof tx.identity?.mspId !== "string") throw new LedgerError(LedgerErrorCode.InvalidRequest, `${fn}: identity.mspId is required`);
    const identity = this.msp.user(tx.identity);
    if (!this.#config.organizations.some((o) => o.mspId === identity.mspId)) {
      throw new LedgerError(LedgerErrorCode.UnknownIdentity, `${identity.mspId} is not a member of channel ${this.channel}`);
    }
    const creatorBytes = Buffer.from(identity.certificatePem, "utf8");
    // Fabric's transaction id: SHA-256 of a fresh nonce and the creator's identity.
    const txId = sha256Hex(Buffer.concat([randomBytes(24), creatorBytes]));
    const timestamp = new Date(this.#clock().getTime());
    const invoked = fn.includes(":") ? fn : `${CONTRACT_NAME}:${fn}`;
    const stub = new SimulationStub({
      state: this.#state,
      history: (key, version) => this.#historicValue(key, version),
      channel: this.channel,
      txId,
      timestamp,
      creator: { mspid: identity.mspId, idBytes: creatorBytes },
      peerMspId: platformOf(this.#config),
      args: [Buffer.from(invoked, "utf8"), ...args.map((a) => Buffer.from(a, "utf8"))],
    });
    const response = await this.#dispatcher.Invoke(stub);
    if (response.status !== 200) throw ContractRejectedError.fromMessage(response.message ?? "", txId, fn);
    const payload = Buffer.from(response.payload ?? new Uint8Array());
    const proposal: Proposal = {
      txId,
      timestamp: timestamp.toISOString(),
      creator: { mspId: identity.mspId, certificate: identity.certificatePem },
      chaincode: this.chaincode,
      fn: invoked,
      args: [...args],
      response: { status: response.status, message: response.message ?? "", payload: storeValue(payload) },
      rwset: {
        reads: [...stub.reads.entries()].sort(([a], [b]) => compareKeys(a, b)),
        ranges: stub.ranges,
        writes: [...stub.writes.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([k, v]) => [k, v === null ? null : storeValue(v)]),
      },
      event: stub.event ? { name: stub.event.name, payload: storeValue(stub.event.payload) } : null,
    };
    return { stub, proposal, payload, fn };
  }

  // ── ordering and commit ───────────────────────────────────────────────────────────────────

  #scheduleCut(): void {
    if (this.#pending.length >= this.#maxTx) {
      this.#cutNow();
      return;
    }
    if (this.#cutScheduled) return;
    this.#cutScheduled = this.#batchTimeoutMs > 0 ? setTimeout(() => this.#cutNow(), this.#batchTimeoutMs) : setImmediate(() => this.#cutNow());
  }

  #cutNow(): void {
    if (this.#cutScheduled) {
      clearTimeout(this.#cutScheduled as NodeJS.Timeout);
      clearImmediate(this.#cutScheduled as NodeJS.Immediate);
      this.#cutScheduled = undefined;
    }
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#maxTx);
      this.#commits = this.#commits
        .then(() => this.#commitBlock(batch))
        .catch((error: unknown) => {
          // Not expected (append failures are handled inside); never leave a submitter waiting.
          for (const p of batch) p.reject(error);
        });
    }
  }

  async #commitBlock(batch: Pending[]): Promise<void> {
    if (this.#broken) {
      for (const p of batch) p.reject(this.#broken);
      return;
    }
    const number = this.#store.height;
    // Validate in order against committed state plus the block's earlier valid transactions,
    // then undo: nothing is visible until the block is durable.
    const undo: (() => void)[] = [];
    const codes = batch.map((p, i): ValidationCode => {
      const code = this.#validate(p);
      if (code === "VALID") undo.push(this.#state.apply(p.writes, [number, i]));
      return code;
    });
    for (let i = undo.length - 1; i >= 0; i--) undo[i]?.();

    const transactions: TxEnvelope[] = batch.map((p, i) => ({
      ...p.proposal,
      endorsements: p.endorsements,
      validationCode: codes[i] as ValidationCode,
    }));
    const block = makeBlock(number, this.#store.tipHash, { kind: "transactions", transactions });
    try {
      await this.#store.append(block);
    } catch (cause) {
      this.#broken = new LedgerError(LedgerErrorCode.WriteFailed, `could not append block ${number}: ${String(cause)}; reopen the ledger`, undefined, { cause });
      for (const p of batch) p.reject(this.#broken);
      return;
    }
    batch.forEach((p, i) => {
      if (codes[i] === "VALID") this.#state.apply(p.writes, [number, i]);
    });
    this.#remember(number, block);

    const events: ChaincodeEvent[] = [];
    batch.forEach((p, i) => {
      const code = codes[i] as ValidationCode;
      const txEvents = code === "VALID" ? eventsOf(p.proposal, number, this.chaincode) : [];
      events.push(...txEvents);
      if (code !== "VALID") {
        p.reject(new CommitError(code, p.proposal.txId, number));
        return;
      }
      p.resolve({
        txId: p.proposal.txId,
        timestamp: p.proposal.timestamp,
        blockNumber: number,
        blockHash: block.hash,
        result: loadValue(p.proposal.response.payload),
        events: txEvents,
        proposalResponse: p.proposalResponse,
        endorsements: p.endorsements,
      });
    });
    const order = batch.map((p) => p.proposal.txId);
    for (const s of this.#streams) s.deliver(number, events, order);
  }

  /** Fabric's validation of one transaction: endorsement policy, then MVCC and phantom reads. */
  #validate(p: Pending): ValidationCode {
    const policy = validateEndorsements(this.channel, { ...p.proposal, endorsements: p.endorsements }, this.#config, this.#certs);
    if (policy !== "VALID") return policy;
    for (const [key, version] of p.proposal.rwset.reads) {
      if (!sameVersion(this.#state.get(key)?.version ?? null, version)) return "MVCC_READ_CONFLICT";
    }
    for (const range of p.proposal.rwset.ranges) {
      const now = this.#state.range(range.start, range.end);
      let seen = now;
      if (!range.exhausted) {
        const last = range.reads.at(-1)?.[0];
        seen = last === undefined ? [] : now.filter(([k]) => compareKeys(k, last) <= 0);
      }
      if (seen.length !== range.reads.length) return "PHANTOM_READ_CONFLICT";
      for (let i = 0; i < seen.length; i++) {
        const [k, entry] = seen[i] as [string, { version: Version }];
        const [rk, rv] = range.reads[i] as [string, Version];
        if (k !== rk || !sameVersion(entry.version, rv)) return "PHANTOM_READ_CONFLICT";
      }
    }
    return "VALID";
  }

  // ── configuration ─────────────────────────────────────────────────────────────────────────

  /** Brings the channel configuration and the contract's consortium configuration in line with `organizations`. */
  async #reconcile(organizations: readonly OrganizationSpec[]): Promise<void> {
    const wanted: ChannelConfig = {
      channel: this.channel,
      organizations: organizations
        .map((o) => ({ mspId: o.mspId, name: o.name, roles: [...o.roles].sort(), caCertificate: this.msp.caCertificate(o.mspId) }))
        .sort((a, b) => (a.mspId < b.mspId ? -1 : 1)),
    };
    if (canonicalJson(wanted) !== canonicalJson(this.#store.height === 0 ? null : this.#config)) {
      const block = makeBlock(this.#store.height, this.#store.tipHash, { kind: "config", config: wanted });
      await this.#store.append(block);
      this.#remember(block.header.number, block);
      this.#config = wanted;
    }

    const platform = platformOf(wanted);
    const members = wanted.organizations.map(({ mspId, name, roles }) => ({ mspId, name, roles }));
    const desired = canonicalJson({ platformMspId: platform, members });
    let current: string | undefined;
    try {
      const stored = JSON.parse(Buffer.from(await this.evaluate({ fn: "getConfig", identity: { mspId: platform, user: Roles.Platform } })).toString("utf8"));
      current = canonicalJson({ platformMspId: stored.platformMspId, members: stored.members });
    } catch (error) {
      if (!(error instanceof ContractRejectedError && error.code === ContractErrorCode.NotConfigured)) throw error;
    }
    if (current !== desired) {
      await this.submit({ fn: "configure", args: [desired], identity: { mspId: platform, user: Roles.Platform } });
    }
  }

  // ── blocks and history ────────────────────────────────────────────────────────────────────

  async #storedBlock(n: number): Promise<StoredBlock> {
    const cached = this.#blockCache.get(n);
    if (cached) return cached;
    const block = await this.#store.read(n);
    this.#remember(n, block);
    return block;
  }

  #remember(n: number, block: StoredBlock): void {
    this.#blockCache.delete(n);
    this.#blockCache.set(n, block);
    if (this.#blockCache.size > BLOCK_CACHE) {
      const oldest = this.#blockCache.keys().next().value as number;
      this.#blockCache.delete(oldest);
    }
  }

  async #historicValue(key: string, [b, t]: Version): Promise<HistoricValue> {
    const block = await this.#storedBlock(b);
    const tx = block.data.kind === "transactions" ? block.data.transactions[t] : undefined;
    const write = tx?.rwset.writes.find(([k]) => k === key);
    if (!tx || !write) throw new LedgerIntegrityError(`history of ${JSON.stringify(key)} points at block ${b} tx ${t}, which did not write it`, b);
    return { txId: tx.txId, timestamp: new Date(tx.timestamp), isDelete: write[1] === null, value: write[1] === null ? Buffer.alloc(0) : loadValue(write[1]) };
  }

  #assertUsable(): void {
    if (this.#closing) throw new LedgerError(LedgerErrorCode.Closed, "the ledger is closed");
    if (this.#broken) throw this.#broken;
  }
}

/** Opens an embedded ledger; see EmbeddedLedgerOptions. */
export function openEmbeddedLedger(options: EmbeddedLedgerOptions): Promise<EmbeddedLedger> {
  return EmbeddedLedger.open(options);
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────

function checkOrganizations(orgs: readonly OrganizationSpec[]): readonly OrganizationSpec[] {
  const ids = new Set<string>();
  for (const o of orgs) {
    if (ids.has(o.mspId)) throw new LedgerError(LedgerErrorCode.InvalidRequest, `organization ${o.mspId} is listed twice`);
    ids.add(o.mspId);
    if (o.roles.length === 0) throw new LedgerError(LedgerErrorCode.InvalidRequest, `organization ${o.mspId} has no role`);
  }
  const platforms = orgs.filter((o) => o.roles.includes(Roles.Platform));
  if (platforms.length !== 1) {
    throw new LedgerError(LedgerErrorCode.InvalidRequest, `exactly one organization must have the platform role (found ${platforms.length})`);
  }
  return orgs;
}

function platformOf(config: ChannelConfig): string {
  const platform = config.organizations.find((o) => o.roles.includes(Roles.Platform));
  if (!platform) throw new LedgerError(LedgerErrorCode.InvalidRequest, "the channel configuration names no platform organization");
  return platform.mspId;
}

function decodeWrites(tx: TxEnvelope): Write[] {
  return tx.rwset.writes.map(([k, v]) => [k, v === null ? null : loadValue(v)]);
}

function eventsOf(p: Proposal, blockNumber: number, chaincodeName: string): ChaincodeEvent[] {
  return p.event ? [{ blockNumber, txId: p.txId, chaincodeName, eventName: p.event.name, payload: loadValue(p.event.payload) }] : [];
}

/**
 * The endorsement policy: the creator's organization AND the platform organization, each by a
 * valid signature of a peer certificate issued by that organization's CA in the channel
 * configuration. Also checks that the creator's certificate was issued by its organization's CA.
 */
function validateEndorsements(channel: string, tx: Proposal & { endorsements: readonly Endorsement[] }, config: ChannelConfig, certs: CertificateCache): ValidationCode {
  const issuedBy = (certPem: string, mspId: string): boolean => {
    const ca = config.organizations.find((o) => o.mspId === mspId)?.caCertificate;
    return ca !== undefined && certs.issuedBy(certPem, ca);
  };
  if (!issuedBy(tx.creator.certificate, tx.creator.mspId)) return "BAD_CREATOR_SIGNATURE";
  let platform: string;
  try {
    platform = platformOf(config);
  } catch {
    return "ENDORSEMENT_POLICY_FAILURE";
  }
  const payload = proposalResponseBytes(channel, tx);
  for (const mspId of new Set([tx.creator.mspId, platform])) {
    const ok = tx.endorsements.some(
      (e) =>
        e.mspId === mspId &&
        issuedBy(e.certificate, mspId) &&
        verify("sha256", endorsementMessage(payload, e.certificate), { key: certs.publicKey(e.certificate), dsaEncoding: "der" }, Buffer.from(e.signature, "base64")),
    );
    if (!ok) return "ENDORSEMENT_POLICY_FAILURE";
  }
  return "VALID";
}

/** Parsed certificates and chain checks, by PEM: a handful of peer certificates sign everything. */
class CertificateCache {
  readonly #keys = new Map<string, KeyObject>();
  readonly #issued = new Map<string, boolean>();

  publicKey(certPem: string): KeyObject {
    let key = this.#keys.get(certPem);
    if (!key) {
      key = new X509Certificate(certPem).publicKey;
      this.#keys.set(certPem, key);
    }
    return key;
  }

  issuedBy(certPem: string, caPem: string): boolean {
    const id = `${caPem}\n${certPem}`;
    let ok = this.#issued.get(id);
    if (ok === undefined) {
      try {
        const cert = new X509Certificate(certPem);
        ok = cert.checkIssued(new X509Certificate(caPem)) && cert.verify(this.publicKey(caPem));
      } catch {
        ok = false;
      }
      this.#issued.set(id, ok);
    }
    return ok;
  }
}

function toLedgerBlock(block: StoredBlock, chaincodeName: string): LedgerBlock {
  const transactions: BlockTransaction[] =
    block.data.kind === "transactions"
      ? block.data.transactions.map((tx) => ({
          txId: tx.txId,
          timestamp: tx.timestamp,
          creatorMspId: tx.creator.mspId,
          fn: tx.fn.includes(":") ? tx.fn.slice(tx.fn.indexOf(":") + 1) : tx.fn,
          args: tx.args,
          validationCode: tx.validationCode,
          events: tx.validationCode === "VALID" ? eventsOf(tx, block.header.number, chaincodeName) : [],
          endorsements: tx.endorsements,
        }))
      : [];
  return {
    number: block.header.number,
    hash: block.hash,
    previousHash: block.header.previousHash,
    dataHash: block.header.dataHash,
    isConfig: block.data.kind === "config",
    transactions,
  };
}

/** Chaincode events from a block on: read back from the log, then delivered live. */
class EventStream implements CloseableAsyncIterable<ChaincodeEvent> {
  readonly #start: number;
  readonly #liveFrom: number;
  readonly #after: string | undefined;
  readonly #read: (n: number) => Promise<LedgerBlock>;
  readonly #onClose: (s: EventStream) => void;
  readonly #queue: ChaincodeEvent[] = [];
  #wake: (() => void) | undefined;
  #closed = false;
  #iterating = false;

  constructor(init: {
    start: number;
    liveFrom: number;
    afterTransactionId: string | undefined;
    read: (n: number) => Promise<LedgerBlock>;
    onClose: (s: EventStream) => void;
  }) {
    this.#start = init.start;
    this.#liveFrom = init.liveFrom;
    this.#after = init.afterTransactionId;
    this.#read = init.read;
    this.#onClose = init.onClose;
  }

  /** Called by the ledger with each committed block's events. */
  deliver(blockNumber: number, events: readonly ChaincodeEvent[], txOrder: readonly string[]): void {
    if (this.#closed || blockNumber < this.#start) return;
    this.#queue.push(...this.#checkpointed(blockNumber, events, txOrder));
    this.#wake?.();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue.length = 0;
    this.#onClose(this);
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ChaincodeEvent> {
    if (this.#iterating) throw new LedgerError(LedgerErrorCode.InvalidRequest, "an event stream can be iterated once");
    this.#iterating = true;
    try {
      for (let n = this.#start; n < this.#liveFrom && !this.#closed; n++) {
        const block = await this.#read(n);
        const order = block.transactions.map((t) => t.txId);
        for (const e of this.#checkpointed(
          n,
          block.transactions.flatMap((t) => t.events),
          order,
        )) {
          if (this.#closed) return;
          yield e;
        }
      }
      while (!this.#closed) {
        const next = this.#queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
      }
    } finally {
      this.close();
    }
  }

  /** Drops, in the checkpoint's block, the events of its transaction and of those before it. */
  #checkpointed(blockNumber: number, events: readonly ChaincodeEvent[], txOrder: readonly string[]): readonly ChaincodeEvent[] {
    if (blockNumber !== this.#start || this.#after === undefined) return events;
    const upTo = txOrder.indexOf(this.#after);
    if (upTo === -1) return events;
    const done = new Set(txOrder.slice(0, upTo + 1));
    return events.filter((e) => !done.has(e.txId));
  }
}
