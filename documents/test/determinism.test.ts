import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderCommercialInvoiceResult, renderPackingListResult, sha256, stableStringify } from "../src/index.js";
import { sampleCommercialInvoice, sampleMeta, samplePackingList } from "./fixtures.js";

const here = dirname(fileURLToPath(import.meta.url));

function trailerId(pdf: Buffer): string {
  const m = /\/ID \[<([0-9a-f]+)> <([0-9a-f]+)>\]/.exec(pdf.toString("latin1"));
  if (!m?.[1]) throw new Error("no /ID in trailer");
  return m[1];
}

describe("deterministic output", () => {
  it("does not depend on what was rendered before", async () => {
    const a1 = await renderPackingListResult(samplePackingList());
    await renderCommercialInvoiceResult(sampleCommercialInvoice({}, 40));
    await renderPackingListResult(samplePackingList({}, { lines: 300 }));
    const a2 = await renderPackingListResult(samplePackingList());
    expect(a2.sha256).toBe(a1.sha256);
  });

  it("is the same in a fresh process", async () => {
    const inProcess = await renderPackingListResult(samplePackingList());
    const out = execFileSync(process.execPath, ["--import", "tsx", join(here, "render-sha.ts")], { encoding: "utf8", cwd: join(here, "..") });
    expect(out.trim()).toBe(inProcess.sha256);
  });

  it("derives /ID from the input, not from the clock or randomness", async () => {
    const a = await renderPackingListResult(samplePackingList());
    const b = await renderPackingListResult(samplePackingList({ meta: sampleMeta({ documentNumber: "PL-2025-000124" }) }));
    expect(trailerId(a.pdf)).toHaveLength(32);
    expect(trailerId(a.pdf)).not.toBe(trailerId(b.pdf));
    // The only dates in the file are the issue date (CreationDate and ModDate).
    const dates = a.pdf.toString("latin1").match(/D:\d{14}Z/g) ?? [];
    expect(dates).toEqual(["D:20250314023000Z", "D:20250314023000Z"]);
  });

  it("holds for generated packing lists (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 3 }), fc.string({ maxLength: 40 }), async (lines, containers, remarks) => {
        const data = samplePackingList({ remarks: remarks.trim() ? remarks : undefined }, { lines: Math.max(lines, containers), containers });
        const a = await renderPackingListResult(data);
        const b = await renderPackingListResult(structuredClone(data));
        expect(b.sha256).toBe(a.sha256);
      }),
      { numRuns: 12 },
    );
  });

  it("stableStringify sorts keys, so key order does not change the hash", () => {
    expect(stableStringify({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 3 } })).toBe('{"a":{"c":3,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
