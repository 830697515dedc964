/**
 * SHA-256 with RFC 6962 domain separation: leaf = H(0x00 || data), node = H(0x01 || left || right).
 *
 * The `…Into` functions write the 32-byte digest into a caller's buffer at an offset and allocate
 * nothing per call: a one-shot digest returned as a latin1 string is several times cheaper in Node
 * than a Buffer digest, and a tree of a million leaves makes two million of them.
 */
import * as crypto from "node:crypto";

export const HASH_SIZE = 32;
export const LEAF_PREFIX = 0x00;
export const NODE_PREFIX = 0x01;

type OneShot = (algorithm: string, data: crypto.BinaryLike, outputEncoding: "binary") => string;
// crypto.hash exists from Node 20.12 / 21.7; Fabric's Node chaincode images may be older.
const oneShot: OneShot | undefined = typeof crypto.hash === "function" ? (crypto.hash as OneShot) : undefined;

function digestLatin1(data: Uint8Array | string): string {
  if (oneShot) return oneShot("sha256", data, "binary");
  return crypto.createHash("sha256").update(data).digest("binary");
}

function writeLatin1(digest: string, dst: Uint8Array, offset: number): void {
  for (let i = 0; i < HASH_SIZE; i++) dst[offset + i] = digest.charCodeAt(i);
}

/** Plain SHA-256. */
export function sha256(data: Uint8Array | string): Buffer {
  return crypto.createHash("sha256").update(data).digest();
}

const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeScratch[0] = NODE_PREFIX;

/** H(0x01 || src[l..l+32] || right[r..r+32]) written to dst[o..o+32]. */
export function hashChildrenInto(left: Uint8Array, leftOffset: number, right: Uint8Array, rightOffset: number, dst: Uint8Array, dstOffset: number): void {
  nodeScratch.set(left.subarray(leftOffset, leftOffset + HASH_SIZE), 1);
  nodeScratch.set(right.subarray(rightOffset, rightOffset + HASH_SIZE), 1 + HASH_SIZE);
  writeLatin1(digestLatin1(nodeScratch), dst, dstOffset);
}

/** Same as hashChildrenInto for two adjacent hashes in one Buffer (the bulk tree-building path). */
export function hashAdjacentInto(src: Buffer, offset: number, dst: Uint8Array, dstOffset: number): void {
  src.copy(nodeScratch, 1, offset, offset + 2 * HASH_SIZE);
  writeLatin1(digestLatin1(nodeScratch), dst, dstOffset);
}

/** Interior node hash H(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) throw new RangeError("child hashes must be 32 bytes");
  const out = Buffer.allocUnsafe(HASH_SIZE);
  hashChildrenInto(left, 0, right, 0, out, 0);
  return out;
}

// Leaf inputs of one length share a scratch buffer, so bulk leaf hashing allocates nothing.
const leafScratch = new Map<number, Buffer>();
const MAX_SCRATCH_LENGTH = 1024;

/**
 * H(0x00 || data) written to dst[o..o+32]. A string is hashed as its UTF-8 bytes.
 */
export function hashLeafInto(data: Uint8Array | string, dst: Uint8Array, dstOffset: number): void {
  const length = 1 + (typeof data === "string" ? Buffer.byteLength(data, "utf8") : data.length);
  let scratch = leafScratch.get(length);
  if (!scratch) {
    scratch = Buffer.alloc(length);
    if (length <= MAX_SCRATCH_LENGTH) leafScratch.set(length, scratch);
  }
  scratch[0] = LEAF_PREFIX;
  if (typeof data === "string") scratch.write(data, 1, "utf8");
  else scratch.set(data, 1);
  writeLatin1(digestLatin1(scratch), dst, dstOffset);
}

/** Leaf hash H(0x00 || data); strings are hashed as UTF-8. */
export function hashLeaf(data: Uint8Array | string): Buffer {
  const out = Buffer.allocUnsafe(HASH_SIZE);
  hashLeafInto(data, out, 0);
  return out;
}
