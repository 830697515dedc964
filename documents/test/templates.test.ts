import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sha256 } from "../src/index.js";
import { CATALOG } from "./catalog.js";
import { compareImages, decodePng, pdfFonts, pdfInfo, pdfText, renderPagePng } from "./pdf-tools.js";

const here = dirname(fileURLToPath(import.meta.url));
const REFERENCE_DIR = join(here, "reference");
/** Set UPDATE_REFERENCE=1 to rewrite the reference images after a reviewed visual change. */
const UPDATE = process.env.UPDATE_REFERENCE === "1";

describe.each(CATALOG)("$name", (entry) => {
  it("shows its key fields in Chinese and English", async () => {
    const r = await entry.render(entry.sample() as never);
    const text = pdfText(r.pdf, { first: 1 });
    for (const word of entry.expect) expect(text, word).toContain(word);
    // Every page carries "page x / y" and the document id in its footer.
    const all = pdfText(r.pdf);
    expect(all).toContain(`Page 1 / ${r.pageCount}`);
    expect(all).toContain("doc_01JQ7X");
  });

  it("is byte-identical for the same input", async () => {
    const a = await entry.render(entry.sample() as never);
    const b = await entry.render(entry.sample() as never);
    expect(a.sha256).toBe(sha256(a.pdf));
    expect(b.pdf.equals(a.pdf)).toBe(true);
    expect(b.sha256).toBe(a.sha256);
  });

  it("embeds subset fonts and dates from the data", async () => {
    const r = await entry.render(entry.sample() as never);
    const fonts = pdfFonts(r.pdf);
    const noto = fonts.filter((f) => f.name.includes("NotoSansSC"));
    expect(noto.length).toBeGreaterThan(0);
    for (const f of noto) {
      expect(f.emb && f.sub).toBe(true);
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
    }
    const info = pdfInfo(r.pdf);
    expect(info.CreationDate).toBe("2025-03-14T02:30:00Z");
    expect(info.ModDate).toBe("2025-03-14T02:30:00Z");
    expect(info["Page size"]).toContain("595.28 x 841.89");
  });

  it("matches the reviewed reference image of page 1", async () => {
    const r = await entry.render(entry.sample() as never);
    const png = renderPagePng(r.pdf, 1, 50);
    const file = join(REFERENCE_DIR, `${entry.name}.png`);
    if (UPDATE || !existsSync(file)) {
      mkdirSync(REFERENCE_DIR, { recursive: true });
      writeFileSync(file, png);
      if (!UPDATE) throw new Error(`reference image ${file} was missing: written, review it and rerun`);
      return;
    }
    const diff = compareImages(decodePng(png), decodePng(readFileSync(file)));
    expect(diff.sameSize).toBe(true);
    // Tolerates anti-aliasing differences between poppler versions, not moved or missing content.
    expect(diff.changedRatio).toBeLessThan(0.004);
    expect(diff.meanAbsDiff).toBeLessThan(1.5);
  });
});
