/**
 * RFC 6962 / RFC 9162 Merkle tree over SHA-256.
 *
 * MTH({}) = SHA-256(""), MTH({d0}) = H(0x00 || d0), and for n > 1 with k the largest power of two
 * smaller than n: MTH(D[n]) = H(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
 *
 * The tree is built bottom-up, one flat Buffer per level: pairing adjacent nodes and carrying an
 * odd last node up unchanged yields exactly the RFC 6962 split, without recursion or node objects.
 * Memory is about 64 bytes per leaf (all levels), so a 1,000,000-leaf batch holds ~64 MB; for
 * larger batches compute the root with `MerkleRootAccumulator` (O(log n) memory).
 */
import { HASH_SIZE, hashAdjacentInto, hashChildren, hashChildrenInto, hashLeafInto, sha256 } from "./hash.js";

export class InclusionProofError extends Error {
  override readonly name = "InclusionProofError";
}

const EMPTY_ROOT = sha256(new Uint8Array(0));

function assertSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`${what} must be a non-negative safe integer`);
}

function half(n: number): number {
  return Math.floor(n / 2);
}

export class MerkleTree {
  /** levels[0] holds the leaf hashes, each later level the parents; the last level is the root. */
  private readonly levels: readonly Buffer[];
  readonly size: number;

  private constructor(levels: readonly Buffer[], size: number) {
    this.levels = levels;
    this.size = size;
  }

  /** Builds the tree from leaf data (each hashed as H(0x00 || data); strings as UTF-8). */
  static fromLeaves(leaves: readonly (Uint8Array | string)[]): MerkleTree {
    const hashes = Buffer.allocUnsafe(leaves.length * HASH_SIZE);
    for (let i = 0; i < leaves.length; i++) hashLeafInto(leaves[i]!, hashes, i * HASH_SIZE);
    return MerkleTree.build(hashes, leaves.length);
  }

  /** Builds the tree from leaf hashes: one flat buffer of 32·n bytes, or an array of 32-byte hashes. */
  static fromLeafHashes(leafHashes: Uint8Array | readonly Uint8Array[]): MerkleTree {
    let flat: Buffer;
    if (leafHashes instanceof Uint8Array) {
      if (leafHashes.length % HASH_SIZE !== 0) throw new RangeError("flat leaf hashes must be a multiple of 32 bytes");
      flat = Buffer.from(leafHashes.buffer.slice(leafHashes.byteOffset, leafHashes.byteOffset + leafHashes.byteLength));
    } else {
      flat = Buffer.allocUnsafe(leafHashes.length * HASH_SIZE);
      leafHashes.forEach((h, i) => {
        if (h.length !== HASH_SIZE) throw new RangeError(`leaf hash ${i} is ${h.length} bytes, not 32`);
        flat.set(h, i * HASH_SIZE);
      });
    }
    return MerkleTree.build(flat, flat.length / HASH_SIZE);
  }

  private static build(leafHashes: Buffer, size: number): MerkleTree {
    const levels: Buffer[] = [leafHashes];
    let level = leafHashes;
    let count = size;
    while (count > 1) {
      const pairs = half(count);
      const nextCount = pairs + (count % 2);
      const next = Buffer.allocUnsafe(nextCount * HASH_SIZE);
      for (let i = 0; i < pairs; i++) hashAdjacentInto(level, i * 2 * HASH_SIZE, next, i * HASH_SIZE);
      if (nextCount > pairs) level.copy(next, pairs * HASH_SIZE, (count - 1) * HASH_SIZE, count * HASH_SIZE);
      levels.push(next);
      level = next;
      count = nextCount;
    }
    return new MerkleTree(levels, size);
  }

  /** The tree head MTH(D[n]); SHA-256("") for the empty tree. */
  root(): Buffer {
    if (this.size === 0) return Buffer.from(EMPTY_ROOT);
    return Buffer.from(this.levels[this.levels.length - 1]!.subarray(0, HASH_SIZE));
  }

  rootHex(): string {
    return this.root().toString("hex");
  }

  leafHash(index: number): Buffer {
    this.checkIndex(index);
    return Buffer.from(this.levels[0]!.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE));
  }

  /** All leaf hashes as one flat buffer (32·n bytes): what to persist to rebuild the tree later. */
  leafHashes(): Buffer {
    return Buffer.from(this.levels[0]!.subarray(0, this.size * HASH_SIZE));
  }

  /** RFC 6962 PATH(index, D[n]): sibling hashes from the leaf level upward. */
  auditPath(index: number): Buffer[] {
    this.checkIndex(index);
    const path: Buffer[] = [];
    let i = index;
    let count = this.size;
    for (let k = 0; k < this.levels.length - 1; k++) {
      const sibling = i % 2 === 0 ? i + 1 : i - 1;
      if (sibling < count) path.push(Buffer.from(this.levels[k]!.subarray(sibling * HASH_SIZE, (sibling + 1) * HASH_SIZE)));
      i = half(i);
      count = count - half(count);
    }
    return path;
  }

  auditPathHex(index: number): string[] {
    return this.auditPath(index).map((h) => h.toString("hex"));
  }

  private checkIndex(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) throw new RangeError(`leaf index ${index} is outside a tree of ${this.size} leaves`);
  }
}

/** MTH over leaf hashes (flat 32·n bytes or an array of 32-byte hashes) without keeping the tree. */
export function merkleRoot(leafHashes: Uint8Array | readonly Uint8Array[]): Buffer {
  const acc = new MerkleRootAccumulator();
  if (leafHashes instanceof Uint8Array) {
    if (leafHashes.length % HASH_SIZE !== 0) throw new RangeError("flat leaf hashes must be a multiple of 32 bytes");
    for (let o = 0; o < leafHashes.length; o += HASH_SIZE) acc.pushLeafHash(leafHashes.subarray(o, o + HASH_SIZE));
  } else {
    for (const h of leafHashes) acc.pushLeafHash(h);
  }
  return acc.root();
}

/**
 * Streaming tree head: push leaf hashes in order, read the root at any time. Keeps one hash per
 * set bit of the leaf count (≤ 53), so it suits batches too large to hold as a full tree.
 */
export class MerkleRootAccumulator {
  private readonly stack: Buffer[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  pushLeafHash(leafHash: Uint8Array): void {
    if (leafHash.length !== HASH_SIZE) throw new RangeError("leaf hash must be 32 bytes");
    const node = Buffer.from(leafHash);
    for (let n = this.count; n % 2 === 1; n = half(n)) {
      const left = this.stack.pop()!;
      hashChildrenInto(left, 0, node, 0, node, 0);
    }
    this.stack.push(node);
    this.count++;
  }

  pushLeaf(data: Uint8Array | string): void {
    const h = Buffer.allocUnsafe(HASH_SIZE);
    hashLeafInto(data, h, 0);
    this.pushLeafHash(h);
  }

  root(): Buffer {
    if (this.count === 0) return Buffer.from(EMPTY_ROOT);
    let r: Buffer = Buffer.from(this.stack[this.stack.length - 1]!);
    for (let j = this.stack.length - 2; j >= 0; j--) r = hashChildren(this.stack[j]!, r);
    return r;
  }
}

/** Number of hashes in the audit path of `index` in a tree of `size` leaves (≤ ⌈log2 size⌉). */
export function auditPathLength(index: number, size: number): number {
  assertSize(size, "tree size");
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError("leaf index out of range");
  let length = 0;
  for (let i = index, n = size; n > 1; i = half(i), n -= half(n)) {
    if ((i % 2 === 0 ? i + 1 : i - 1) < n) length++;
  }
  return length;
}

/** ⌈log2 n⌉ for n ≥ 1: the longest audit path in a tree of n leaves. */
export function maxAuditPathLength(size: number): number {
  assertSize(size, "tree size");
  let depth = 0;
  while (2 ** depth < size) depth++;
  return depth;
}

/**
 * RFC 9162 §2.1.3.2: the root an inclusion proof leads to. Throws InclusionProofError when the
 * path cannot belong to (index, size) — wrong length, index out of range, malformed hash.
 */
export function rootFromInclusionProof(leafHash: Uint8Array, index: number, size: number, auditPath: readonly Uint8Array[]): Buffer {
  assertSize(size, "tree size");
  if (!Number.isSafeInteger(index) || index < 0) throw new InclusionProofError("leaf index must be a non-negative integer");
  if (index >= size) throw new InclusionProofError(`leaf index ${index} is outside a tree of ${size} leaves`);
  if (leafHash.length !== HASH_SIZE) throw new InclusionProofError("leaf hash must be 32 bytes");
  let fn = index;
  let sn = size - 1;
  const r = Buffer.from(leafHash);
  for (const p of auditPath) {
    if (p.length !== HASH_SIZE) throw new InclusionProofError("audit path hashes must be 32 bytes");
    if (sn === 0) throw new InclusionProofError(`audit path is longer than a proof for leaf ${index} of ${size} can be`);
    if (fn % 2 === 1 || fn === sn) {
      hashChildrenInto(p, 0, r, 0, r, 0);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      hashChildrenInto(r, 0, p, 0, r, 0);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new InclusionProofError(`audit path is shorter than a proof for leaf ${index} of ${size} must be`);
  return r;
}

/** True when `auditPath` proves that `leafHash` is leaf `index` of the tree of `size` with head `root`. */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, auditPath: readonly Uint8Array[], root: Uint8Array): boolean {
  try {
    return rootFromInclusionProof(leafHash, index, size, auditPath).equals(root);
  } catch (e) {
    if (e instanceof InclusionProofError || e instanceof RangeError) return false;
    throw e;
  }
}
