// The chaincode stub the embedded ledger hands to fabric-shim's dispatcher: Fabric's
// ChaincodeStub semantics on the embedded world state, recording a read-write set.
//
// As on a peer: reads see committed state only (never this transaction's own writes); the
// first read of each key records its version; range and partial-composite-key queries record the
// keys they returned for phantom-read validation; writes are buffered and applied only if the
// transaction commits valid; setEvent keeps the last event. Rich (CouchDB) queries, private
// data, state-based endorsement and chaincode-to-chaincode calls are not supported (they throw).
import { createRequire } from "node:module";
import type { ChaincodeProposal, ChaincodeResponse, ChaincodeStub, Iterators, SerializedIdentity, SplitCompositekey, StateQueryResponse, Timestamp } from "fabric-shim";
import type { RangeRead } from "./format.js";
import type { Version, WorldState } from "./world-state.js";

const require = createRequire(import.meta.url);
const Long = createRequire(require.resolve("fabric-shim"))("long") as { fromNumber(n: number, unsigned?: boolean): Timestamp["seconds"] };

const COMPOSITE_NS = "\u0000";
const MIN_RUNE = "\u0000";
const MAX_RUNE = "\u{10ffff}";
const EMPTY_KEY_SUBSTITUTE = "\u0001";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A historic value of a key, as the ledger's block log tells it. */
export interface HistoricValue {
  txId: string;
  timestamp: Date;
  isDelete: boolean;
  value: Uint8Array;
}

export interface SimulationContext {
  state: WorldState;
  /** Resolves one history entry (reads its block). */
  history(key: string, version: Version): Promise<HistoricValue>;
  channel: string;
  txId: string;
  timestamp: Date;
  creator: SerializedIdentity;
  /** MSP of the peer simulating the transaction. */
  peerMspId: string;
  /** Function ("contract:transaction") then arguments. */
  args: readonly Buffer[];
}

class Unsupported extends Error {
  constructor(what: string) {
    super(`${what} is not supported by the embedded ledger`);
  }
}

export class SimulationStub implements ChaincodeStub {
  readonly #ctx: SimulationContext;
  /** First read of each key and the version seen. */
  readonly reads = new Map<string, Version | null>();
  readonly ranges: RangeRead[] = [];
  /** Last write of each key; null deletes. */
  readonly writes = new Map<string, Buffer | null>();
  event: { name: string; payload: Buffer } | null = null;

  constructor(ctx: SimulationContext) {
    this.#ctx = ctx;
  }

  // ── proposal ──────────────────────────────────────────────────────────────────────────────

  getBufferArgs(): Buffer[] {
    return [...this.#ctx.args];
  }

  getArgs(): string[] {
    return this.#ctx.args.map((a) => a.toString("utf8"));
  }

  getStringArgs(): string[] {
    return this.getArgs();
  }

  getFunctionAndParameters(): { params: string[]; fcn: string } {
    const [fcn = "", ...params] = this.getArgs();
    return { fcn, params };
  }

  getTxID(): string {
    return this.#ctx.txId;
  }

  getChannelID(): string {
    return this.#ctx.channel;
  }

  getCreator(): SerializedIdentity {
    return this.#ctx.creator;
  }

  getMspID(): string {
    return this.#ctx.peerMspId;
  }

  getTransient(): Map<string, Uint8Array> {
    return new Map();
  }

  getTxTimestamp(): Timestamp {
    const ms = this.#ctx.timestamp.getTime();
    return { seconds: Long.fromNumber(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
  }

  getDateTimestamp(): Date {
    return new Date(this.#ctx.timestamp.getTime());
  }

  getSignedProposal(): ChaincodeProposal.SignedProposal {
    throw new Unsupported("getSignedProposal");
  }

  getBinding(): string {
    throw new Unsupported("getBinding");
  }

  // ── state ─────────────────────────────────────────────────────────────────────────────────

  async getState(key: string): Promise<Uint8Array> {
    checkKey(key);
    const entry = this.#ctx.state.get(key);
    if (!this.reads.has(key)) this.reads.set(key, entry?.version ?? null);
    return entry ? Buffer.from(entry.value) : Buffer.alloc(0);
  }

  async putState(key: string, value: Uint8Array): Promise<void> {
    checkKey(key);
    if (!(value instanceof Uint8Array)) throw new TypeError(`putState(${JSON.stringify(key)}): value must be bytes`);
    // An empty value deletes, as in Fabric's state database.
    this.writes.set(key, value.length === 0 ? null : Buffer.from(value));
  }

  async deleteState(key: string): Promise<void> {
    checkKey(key);
    this.writes.set(key, null);
  }

  getStateByRange(startKey: string, endKey: string): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    for (const k of [startKey, endKey]) {
      if (k.startsWith(COMPOSITE_NS)) throw new Error(`first character of the key [${k}] contains a null character which is not allowed`);
    }
    // As fabric-shim does: an empty start skips composite keys (which begin with U+0000).
    return this.#range(startKey === "" ? EMPTY_KEY_SUBSTITUTE : startKey, endKey);
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    const prefix = this.createCompositeKey(objectType, attributes);
    return this.#range(prefix, prefix + MAX_RUNE);
  }

  getHistoryForKey(key: string): Promise<Iterators.HistoryQueryIterator> & AsyncIterable<Iterators.KeyModification> {
    return queryable(async () => {
      checkKey(key);
      // Newest first, as Fabric 2.x returns them. Not re-checked at validation (as in Fabric).
      const versions = [...this.#ctx.state.history(key)].reverse();
      const mods: Iterators.KeyModification[] = [];
      for (const version of versions) {
        const h = await this.#ctx.history(key, version);
        const ms = h.timestamp.getTime();
        mods.push({
          txId: h.txId,
          isDelete: h.isDelete,
          value: Buffer.from(h.value),
          timestamp: { seconds: Long.fromNumber(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 },
        });
      }
      return listIterator(
        mods,
        (m) => m,
        () => {},
      );
    });
  }

  #range(start: string, end: string): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    return queryable(async () => {
      const rows = this.#ctx.state.range(start, end);
      const read: RangeRead = { start, end, exhausted: false, reads: [] };
      this.ranges.push(read);
      return listIterator(
        rows,
        ([key, entry]): Iterators.KV => ({ namespace: "", key, value: Buffer.from(entry.value) }),
        (row) => {
          if (row) read.reads.push([row[0], row[1].version]);
          else read.exhausted = true;
        },
      );
    });
  }

  setEvent(name: string, payload: Uint8Array): void {
    if (typeof name !== "string" || name === "") throw new Error("Event name must be a non-empty string");
    this.event = { name, payload: Buffer.from(payload) };
  }

  // ── composite keys (fabric-shim's encoding) ───────────────────────────────────────────────

  createCompositeKey(objectType: string, attributes: string[]): string {
    checkAttribute(objectType);
    if (!Array.isArray(attributes)) throw new Error("attributes must be an array");
    let key = COMPOSITE_NS + objectType + MIN_RUNE;
    for (const a of attributes) {
      checkAttribute(a);
      key += a + MIN_RUNE;
    }
    return key;
  }

  splitCompositeKey(compositeKey: string): SplitCompositekey {
    const result: SplitCompositekey = { objectType: null as unknown as string, attributes: [] };
    if (compositeKey && compositeKey.length > 1 && compositeKey.charAt(0) === COMPOSITE_NS) {
      const parts = compositeKey.substring(1).split(MIN_RUNE);
      result.objectType = parts[0] as string;
      parts.pop();
      if (parts.length > 1) {
        parts.shift();
        result.attributes = parts;
      }
    }
    return result;
  }

  // ── not supported here ────────────────────────────────────────────────────────────────────

  getStateByRangeWithPagination(): Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV> {
    throw new Unsupported("getStateByRangeWithPagination");
  }
  getStateByPartialCompositeKeyWithPagination(): Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV> {
    throw new Unsupported("getStateByPartialCompositeKeyWithPagination");
  }
  getQueryResult(): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    throw new Unsupported("getQueryResult (rich queries need CouchDB)");
  }
  getQueryResultWithPagination(): Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV> {
    throw new Unsupported("getQueryResultWithPagination (rich queries need CouchDB)");
  }
  async setStateValidationParameter(): Promise<void> {
    throw new Unsupported("state-based endorsement (setStateValidationParameter)");
  }
  async getStateValidationParameter(): Promise<Uint8Array> {
    throw new Unsupported("state-based endorsement (getStateValidationParameter)");
  }
  async invokeChaincode(): Promise<ChaincodeResponse> {
    throw new Unsupported("invokeChaincode");
  }
  async getPrivateData(): Promise<Uint8Array> {
    throw new Unsupported("private data");
  }
  async getPrivateDataHash(): Promise<Uint8Array> {
    throw new Unsupported("private data");
  }
  async putPrivateData(): Promise<void> {
    throw new Unsupported("private data");
  }
  async deletePrivateData(): Promise<void> {
    throw new Unsupported("private data");
  }
  async purgePrivateData(): Promise<void> {
    throw new Unsupported("private data");
  }
  async setPrivateDataValidationParameter(): Promise<void> {
    throw new Unsupported("private data");
  }
  async getPrivateDataValidationParameter(): Promise<Uint8Array> {
    throw new Unsupported("private data");
  }
  getPrivateDataByRange(): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    throw new Unsupported("private data");
  }
  getPrivateDataByPartialCompositeKey(): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    throw new Unsupported("private data");
  }
  getPrivateDataQueryResult(): Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV> {
    throw new Unsupported("private data");
  }
}

function checkKey(key: string): void {
  if (typeof key !== "string" || key === "") throw new Error("key must be a non-empty string");
  if (LONE_SURROGATE.test(key)) throw new Error(`key ${JSON.stringify(key)} is not valid UTF-8`);
}

function checkAttribute(attr: string): void {
  if (!attr || typeof attr !== "string") throw new Error("object type or attribute not a non-zero length string");
  if (LONE_SURROGATE.test(attr)) throw new Error(`attribute ${JSON.stringify(attr)} is not valid UTF-8`);
}

/**
 * An iterator over a list, yielding `view(item)`; `onStep` sees each item taken, then undefined
 * once the list is exhausted.
 */
function listIterator<T, U>(items: readonly T[], view: (item: T) => U, onStep: (item: T | undefined) => void): Iterators.CommonIterator<U> {
  let i = 0;
  let closed = false;
  return {
    async next(): Promise<Iterators.NextResult<U>> {
      if (closed || i >= items.length) {
        if (!closed) onStep(undefined);
        closed = true;
        return { done: true } as Iterators.NextResult<U>;
      }
      const item = items[i++] as T;
      onStep(item);
      return { value: view(item), done: false };
    },
    async close() {
      closed = true;
    },
  };
}

/** fabric-shim's shape: a promise of an iterator that is also async-iterable itself. */
function queryable<T>(make: () => Promise<Iterators.CommonIterator<T>>): Promise<Iterators.CommonIterator<T>> & AsyncIterable<T> {
  const promise = make() as Promise<Iterators.CommonIterator<T>> & AsyncIterable<T>;
  promise.catch(() => {}); // rejections reach whoever awaits or iterates; none is left unhandled
  promise[Symbol.asyncIterator] = () => {
    let iterator: Iterators.CommonIterator<T> | undefined;
    return {
      async next() {
        iterator ??= await promise;
        const r = await iterator.next();
        if (r.done) await iterator.close();
        return r.done ? { done: true, value: undefined } : { done: false, value: r.value };
      },
      async return() {
        await iterator?.close();
        return { done: true, value: undefined };
      },
    };
  };
  return promise;
}
