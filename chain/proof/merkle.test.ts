import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashChildren, hashLeaf } from "./hash.js";
import { auditPathLength, InclusionProofError, MerkleRootAccumulator, MerkleTree, maxAuditPathLength, merkleRoot, rootFromInclusionProof, verifyInclusion } from "./merkle.js";

const unhex = (h: string) => Buffer.from(h, "hex");
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

// Certificate Transparency's reference data (RFC 6962 test vectors used by the CT implementations).
const CT_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(unhex);
const CT_ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
// [leaf index (0-based), tree size, audit path]
const CT_INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    5,
    8,
    [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
  [
    1,
    5,
    [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
];

/** RFC 6962 §2.1 MTH, written as literally as possible, for comparison. */
function referenceRoot(leaves: readonly Uint8Array[]): Buffer {
  const n = leaves.length;
  if (n === 0) return createHash("sha256").digest();
  if (n === 1)
    return createHash("sha256")
      .update(Buffer.from([0]))
      .update(leaves[0]!)
      .digest();
  let k = 1;
  while (k * 2 < n) k *= 2;
  return createHash("sha256")
    .update(Buffer.from([1]))
    .update(referenceRoot(leaves.slice(0, k)))
    .update(referenceRoot(leaves.slice(k)))
    .digest();
}

const leafData = (n: number, seed = 0) => Array.from({ length: n }, (_, i) => Buffer.from(`leaf-${seed}-${i}`));

describe("RFC 6962 known answers", () => {
  it("hashes leaves and nodes with domain separation", () => {
    expect(hex(hashLeaf(new Uint8Array(0)))).toBe(CT_ROOTS[1]);
    expect(hex(hashLeaf("abc"))).toBe(createHash("sha256").update(Buffer.from("\u0000abc")).digest("hex"));
    const l = hashLeaf("a");
    const r = hashLeaf("b");
    expect(hex(hashChildren(l, r))).toBe(
      createHash("sha256")
        .update(Buffer.concat([Buffer.from([1]), l, r]))
        .digest("hex"),
    );
  });

  it("matches the CT tree heads for sizes 0..8", () => {
    for (let n = 0; n <= 8; n++) {
      expect(MerkleTree.fromLeaves(CT_LEAVES.slice(0, n)).rootHex(), `size ${n}`).toBe(CT_ROOTS[n]);
      expect(hex(merkleRoot(CT_LEAVES.slice(0, n).map((d) => hashLeaf(d)))), `streamed size ${n}`).toBe(CT_ROOTS[n]);
    }
  });

  it.each(CT_INCLUSION)("matches the CT audit path of leaf %i in a tree of %i", (index, size, path) => {
    const tree = MerkleTree.fromLeaves(CT_LEAVES.slice(0, size));
    expect(tree.auditPathHex(index)).toEqual(path);
    expect(verifyInclusion(hashLeaf(CT_LEAVES[index]!), index, size, path.map(unhex), unhex(CT_ROOTS[size]!))).toBe(true);
  });
});

describe("MerkleTree", () => {
  it("equals the literal RFC 6962 recursion for every size up to 130", () => {
    for (let n = 0; n <= 130; n++) {
      const leaves = leafData(n);
      expect(MerkleTree.fromLeaves(leaves).rootHex(), `size ${n}`).toBe(hex(referenceRoot(leaves)));
    }
  });

  it("builds the same tree from data, flat hashes and hash arrays, and round-trips its leaf hashes", () => {
    const leaves = leafData(77);
    const a = MerkleTree.fromLeaves(leaves);
    const b = MerkleTree.fromLeafHashes(leaves.map((d) => hashLeaf(d)));
    const c = MerkleTree.fromLeafHashes(a.leafHashes());
    expect(b.rootHex()).toBe(a.rootHex());
    expect(c.rootHex()).toBe(a.rootHex());
    expect(a.leafHash(5).equals(hashLeaf(leaves[5]!))).toBe(true);
    expect(MerkleTree.fromLeaves(leaves.map((l) => l.toString())).rootHex()).toBe(a.rootHex());
  });

  it("rejects bad input", () => {
    expect(() => MerkleTree.fromLeafHashes(new Uint8Array(33))).toThrow(RangeError);
    expect(() => MerkleTree.fromLeafHashes([new Uint8Array(31)])).toThrow(RangeError);
    const tree = MerkleTree.fromLeaves(leafData(3));
    expect(() => tree.auditPath(3)).toThrow(RangeError);
    expect(() => tree.auditPath(-1)).toThrow(RangeError);
    expect(() => tree.auditPath(1.5)).toThrow(RangeError);
  });

  it("every leaf's audit path verifies, for random sizes up to 3,000 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 1 << 30 }), (size, seed) => {
        const tree = MerkleTree.fromLeaves(leafData(size, seed));
        const root = tree.root();
        const bound = maxAuditPathLength(size);
        for (let i = 0; i < size; i++) {
          const path = tree.auditPath(i);
          expect(path.length).toBe(auditPathLength(i, size));
          expect(path.length).toBeLessThanOrEqual(bound);
          if (!verifyInclusion(tree.leafHash(i), i, size, path, root)) throw new Error(`leaf ${i} of ${size} does not verify`);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("the streamed root equals the tree root (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), (size) => {
        const leaves = leafData(size, 7);
        const acc = new MerkleRootAccumulator();
        for (const l of leaves) acc.pushLeaf(l);
        expect(acc.size).toBe(size);
        expect(hex(acc.root())).toBe(MerkleTree.fromLeaves(leaves).rootHex());
      }),
      { numRuns: 40 },
    );
  });

  it("flipping any bit of the leaf, any path hash or the root fails verification (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2000 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (size, indexSeed, target, bit) => {
        const tree = MerkleTree.fromLeaves(leafData(size, 3));
        const index = indexSeed % size;
        const leaf = tree.leafHash(index);
        const path = tree.auditPath(index);
        const root = tree.root();
        const flip = (b: Buffer) => {
          const c = Buffer.from(b);
          c[bit >> 3]! ^= 1 << (bit & 7);
          return c;
        };
        const slot = target % (path.length + 2);
        if (slot === path.length) expect(verifyInclusion(flip(leaf), index, size, path, root)).toBe(false);
        else if (slot === path.length + 1) expect(verifyInclusion(leaf, index, size, path, flip(root))).toBe(false);
        else
          expect(
            verifyInclusion(
              leaf,
              index,
              size,
              path.map((p, i) => (i === slot ? flip(p) : p)),
              root,
            ),
          ).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("a proof for one position does not pass for another", () => {
    const size = 1000;
    const tree = MerkleTree.fromLeaves(leafData(size));
    const root = tree.root();
    for (const index of [0, 1, 499, 998, 999]) {
      const leaf = tree.leafHash(index);
      const path = tree.auditPath(index);
      for (const other of [index - 1, index + 1]) if (other >= 0 && other < size) expect(verifyInclusion(leaf, other, size, path, root)).toBe(false);
    }
  });

  it("does not bind the tree size by itself, which is why endorsers sign it", () => {
    // Leaf 0's path in a tree of 1000 is all right-hand siblings, so the same hashes climb to the
    // same root whatever size the path is claimed for, as long as the path length fits.
    const tree = MerkleTree.fromLeaves(leafData(1000));
    expect(verifyInclusion(tree.leafHash(0), 0, 1024, tree.auditPath(0), tree.root())).toBe(true);
    expect(verifyInclusion(tree.leafHash(0), 0, 2048, tree.auditPath(0), tree.root())).toBe(false);
  });

  it("explains why an audit path cannot fit", () => {
    const tree = MerkleTree.fromLeaves(leafData(8));
    const path = tree.auditPath(3);
    expect(() => rootFromInclusionProof(tree.leafHash(3), 3, 8, path.slice(1))).toThrow(/shorter/);
    expect(() => rootFromInclusionProof(tree.leafHash(3), 3, 8, [...path, path[0]!])).toThrow(/longer/);
    expect(() => rootFromInclusionProof(tree.leafHash(3), 8, 8, path)).toThrow(InclusionProofError);
    expect(() => rootFromInclusionProof(tree.leafHash(3), 3, 8, [Buffer.alloc(31), ...path.slice(1)])).toThrow(/32 bytes/);
  });

  it("keeps proofs within 32·⌈log2 N⌉ bytes", () => {
    expect(maxAuditPathLength(1)).toBe(0);
    expect(maxAuditPathLength(2)).toBe(1);
    expect(maxAuditPathLength(1000)).toBe(10);
    expect(maxAuditPathLength(1024)).toBe(10);
    expect(maxAuditPathLength(1025)).toBe(11);
    expect(maxAuditPathLength(15_000_000)).toBe(24);
    expect(auditPathLength(0, 15_000_000)).toBe(24);
    expect(auditPathLength(14_999_999, 15_000_000)).toBeLessThanOrEqual(24);
  });
});
