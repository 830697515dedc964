import { describe, expect, it } from "vitest";
import { renderPackingListResult } from "../src/index.js";
import { samplePackingList } from "./fixtures.js";
import { pdfText } from "./pdf-tools.js";

describe("packing list across many pages", () => {
  it("repeats the table header and the container heading on every page", async () => {
    const data = samplePackingList({}, { lines: 600, containers: 3 });
    const r = await renderPackingListResult(data);
    expect(r.pageCount).toBeGreaterThan(10);
    for (let page = 1; page <= r.pageCount; page++) {
      const text = pdfText(r.pdf, { first: page });
      expect(text, `page ${page}`).toContain("唛头/箱号");
      expect(text, `page ${page}`).toContain("Marks & Nos.");
      expect(text, `page ${page}`).toContain("Gross wt");
      expect(text, `page ${page}`).toContain(`Page ${page} / ${r.pageCount}`);
      expect(text, `page ${page}`).toContain("PL-2025-000123");
      if (page > 1) expect(text, `page ${page}`).toMatch(/Container [A-Z]{4}\d{7}/);
    }
    // Continuation pages name the container they continue.
    expect(pdfText(r.pdf, { first: 2 })).toContain("续 continued");
    // Every line is printed exactly once: its running number appears in the text.
    const all = pdfText(r.pdf);
    for (const n of [1, 200, 201, 399, 600]) expect(all).toMatch(new RegExp(`(^|\\s)${n}\\s`));
    expect(all).toContain("合计 Total");
  });

  it("renders 2,000 lines", async () => {
    const data = samplePackingList({}, { lines: 2000, containers: 4 });
    const t = performance.now();
    const r = await renderPackingListResult(data);
    const ms = performance.now() - t;
    expect(r.pageCount).toBeGreaterThan(40);
    expect(ms).toBeLessThan(20_000);
    const last = pdfText(r.pdf, { first: r.pageCount });
    expect(last).toContain(`Page ${r.pageCount} / ${r.pageCount}`);
  });

  it("computes totals exactly (kg in grams, CBM from dimensions)", async () => {
    const data = samplePackingList({}, { lines: 3, containers: 1 });
    const r = await renderPackingListResult(data);
    const text = pdfText(r.pdf);
    const lines = data.containers[0]?.lines ?? [];
    const gross = lines.reduce((s, l) => s + Math.round(l.grossKg * 1000), 0) / 1000;
    expect(text).toContain(gross.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  });
});
