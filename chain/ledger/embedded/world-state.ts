// World state of the embedded ledger: the latest value and version of every key, in key order
// for range scans, plus the history index (which transactions wrote a key). It is derived
// entirely from the block log: rebuilt on open by applying the write sets of valid
// transactions, as a Fabric peer rebuilds its state database from its blocks.

/** Fabric's version of a key: the (block, transaction) position of its last valid write. */
export type Version = readonly [block: number, tx: number];

export interface Entry {
  value: Uint8Array;
  version: Version;
}

/** A key written by a transaction; value null deletes it. */
export type Write = readonly [key: string, value: Uint8Array | null];

export function sameVersion(a: Version | null | undefined, b: Version | null | undefined): boolean {
  return a === b || (!!a && !!b && a[0] === b[0] && a[1] === b[1]);
}

/**
 * Orders keys by Unicode code point, i.e. by their UTF-8 bytes as LevelDB does. JavaScript's `<`
 * compares UTF-16 code units, which puts U+E000–U+FFFF after astral characters (surrogates);
 * Fabric's range end U+10FFFF must sort last.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

function fixup(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c + 0x2000; // surrogates above U+E000–U+FFFF
  if (c >= 0xe000) return c - 0x800;
  return c;
}

export class WorldState {
  readonly #entries = new Map<string, Entry>();
  /** Keys in compareKeys order, except while bulk loading (then in arrival order). */
  #keys: string[] = [];
  #bulk = false;
  /** key → positions of the valid transactions that wrote it, oldest first. */
  readonly #history = new Map<string, Version[]>();

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): Entry | undefined {
    return this.#entries.get(key);
  }

  /** Keys k with start <= k < end (end "" = no upper bound), in order, with their entries. */
  range(start: string, end: string): [string, Entry][] {
    this.#assertOrdered();
    const out: [string, Entry][] = [];
    for (let i = this.#lowerBound(start); i < this.#keys.length; i++) {
      const key = this.#keys[i] as string;
      if (end !== "" && compareKeys(key, end) >= 0) break;
      out.push([key, this.#entries.get(key) as Entry]);
    }
    return out;
  }

  history(key: string): readonly Version[] {
    return this.#history.get(key) ?? [];
  }

  /** While replaying the block log: skip keeping keys ordered until endBulkLoad sorts once. */
  beginBulkLoad(): void {
    this.#bulk = true;
  }

  endBulkLoad(): void {
    this.#bulk = false;
    this.#keys = [...this.#entries.keys()].sort(compareKeys);
  }

  /**
   * Applies a valid transaction's writes at `version`. Returns a function that undoes exactly
   * this application (used to validate a block before it is durable).
   */
  apply(writes: readonly Write[], version: Version): () => void {
    const before: [string, Entry | undefined][] = [];
    const added: string[] = [];
    const removed: string[] = [];
    for (const [key, value] of writes) {
      const old = this.#entries.get(key);
      before.push([key, old]);
      if (value === null) {
        if (old) {
          this.#entries.delete(key);
          removed.push(key);
        }
      } else {
        this.#entries.set(key, { value, version });
        if (!old) added.push(key);
      }
      const hist = this.#history.get(key);
      if (hist) hist.push(version);
      else this.#history.set(key, [version]);
    }
    this.#reindex(added, removed);
    return () => {
      for (let i = before.length - 1; i >= 0; i--) {
        const [key, old] = before[i] as [string, Entry | undefined];
        const h = this.#history.get(key);
        h?.pop();
        if (h?.length === 0) this.#history.delete(key);
        if (old) this.#entries.set(key, old);
        else this.#entries.delete(key);
      }
      this.#reindex(removed, added);
    };
  }

  /** Keeps #keys in order after keys were added and removed (each list without duplicates). */
  #reindex(added: readonly string[], removed: readonly string[]): void {
    if (this.#bulk) {
      // Order is restored by endBulkLoad; removed keys are dropped there too.
      for (const k of added) this.#keys.push(k);
      return;
    }
    if (added.length + removed.length <= 16) {
      for (const k of removed) {
        const i = this.#lowerBound(k);
        if (this.#keys[i] === k) this.#keys.splice(i, 1);
      }
      for (const k of added) this.#keys.splice(this.#lowerBound(k), 0, k);
      return;
    }
    // Many keys at once (a certification listing thousands of VIN hashes): one merge pass.
    const gone = new Set(removed);
    const kept = gone.size ? this.#keys.filter((k) => !gone.has(k)) : this.#keys;
    const fresh = [...added].sort(compareKeys);
    const merged: string[] = new Array(kept.length + fresh.length);
    let i = 0;
    let j = 0;
    let o = 0;
    while (i < kept.length && j < fresh.length) {
      merged[o++] = compareKeys(kept[i] as string, fresh[j] as string) <= 0 ? (kept[i++] as string) : (fresh[j++] as string);
    }
    while (i < kept.length) merged[o++] = kept[i++] as string;
    while (j < fresh.length) merged[o++] = fresh[j++] as string;
    this.#keys = merged;
  }

  #assertOrdered(): void {
    if (this.#bulk) throw new Error("world state is being loaded; range queries wait for endBulkLoad");
  }

  /** Index of the first key >= k. */
  #lowerBound(k: string): number {
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.#keys[mid] as string, k) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
