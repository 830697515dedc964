import { existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFontSet, defaultFontSet, latinOnlyFontSet, PLACEHOLDER, renderPackingListResult, resolveCluster } from "../src/index.js";
import { layoutText } from "../src/layout/text.js";
import { SHIPPER, samplePackingList } from "./fixtures.js";
import { pdfFonts, pdfText } from "./pdf-tools.js";

const set = defaultFontSet();
const faceOf = (ch: string) => resolveCluster(set, "regular", ch);

describe("font fallback", () => {
  it("Noto Sans SC covers Chinese, Latin-1, Vietnamese and Russian", () => {
    for (const ch of ["装", "é", "ư", "ệ", "Ж", "ё", "€", "№"]) {
      const r = faceOf(ch);
      expect(r.placeholder, ch).toBe(false);
      expect(r.face.name, ch).toBe("NotoSansSC-Regular");
    }
  });

  it("falls back to Helvetica (WinAnsi) for characters Noto Sans SC lacks", () => {
    const r = faceOf("š");
    expect(r.placeholder).toBe(false);
    // Either Noto Sans (when installed) or Helvetica covers it, or its NFD form in Noto Sans SC.
    expect(r.face.name === "Helvetica" || r.face.name.startsWith("Fallback") || r.text === "s\u030c").toBe(true);
  });

  it("uses a placeholder only when no face can show a character", () => {
    const r = faceOf("\u{1F6B2}");
    expect(r.placeholder).toBe(true);
    expect(r.text).toBe(PLACEHOLDER);
  });

  const dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  it.skipIf(!existsSync(dejavu))("a configured fallback font covers Polish and Kazakh, and text extracts intact", async () => {
    const fonts = createFontSet({ fallbacks: [{ regular: dejavu, bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" }] });
    for (const ch of ["ł", "ą", "Қ", "ә", "і"]) expect(resolveCluster(fonts, "regular", ch).placeholder, ch).toBe(false);
    const data = samplePackingList({
      consignee: { name: "ТОО «Қазақ Моторс» Kazakh Motors", address: ["Алматы, Қазақстан", "Hà Nội, Việt Nam", "Małaszewicze, Polska"] },
    });
    const r = await renderPackingListResult(data, { fonts });
    expect(r.missingCharacters).toEqual([]);
    const text = pdfText(r.pdf, { first: 1 });
    for (const s of ["Қазақ Моторс", "Алматы", "Hà Nội, Việt Nam", "Małaszewicze"]) expect(text).toContain(s);
    expect(pdfFonts(r.pdf).some((f) => f.name.includes("DejaVuSans") && f.sub)).toBe(true);
  });

  it("reports characters drawn as placeholders, and Cyrillic/Vietnamese extract intact with the default set", async () => {
    const data = samplePackingList({
      consignee: { ...SHIPPER, name: "Công ty TNHH Xe điện Hà Nội / ООО «Электромобили» 🚲" },
    });
    const r = await renderPackingListResult(data);
    expect(r.missingCharacters).toContain("\u{1F6B2}");
    const text = pdfText(r.pdf, { first: 1 });
    expect(text).toContain("Công ty TNHH Xe điện Hà Nội");
    expect(text).toContain("«Электромобили»");
  });

  it("the Latin-only set draws Chinese as placeholders (benchmark baseline)", () => {
    expect(resolveCluster(latinOnlyFontSet(), "regular", "装").placeholder).toBe(true);
    expect(resolveCluster(latinOnlyFontSet(), "regular", "é").face.name).toBe("Helvetica");
  });
});

describe("text layout", () => {
  const alphabet = fc.constantFrom(..."装箱单电动摩托车重庆，。ABCxyz 0123456789-/ÀéưệЖщłš ".split(""));
  const text = fc.array(alphabet, { maxLength: 120 }).map((a) => a.join(""));

  it("never lays a line out wider than the box (unless one character is)", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 12, max: 300 }), fc.constantFrom(6, 7.4, 9, 14), (s, width, size) => {
        const block = layoutText(set, s, width, { size });
        for (const line of block.lines) {
          const widest = Math.max(0, ...line.runs.flatMap((r) => [...r.text].map((ch) => r.face.widthOf(ch, size))));
          expect(line.width).toBeLessThanOrEqual(Math.max(width, widest) + 1e-6);
        }
        expect(block.height).toBeCloseTo(block.lines.length * block.lineAdvance, 6);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every non-space character, in order", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 8, max: 200 }), (s, width) => {
        const block = layoutText(set, s, width, { size: 8 });
        const out = block.lines.map((l) => l.runs.map((r) => r.text).join("")).join("");
        const strip = (x: string) => x.normalize("NFD").replace(/[\s?]/g, "");
        const missing = new Set(block.missing.map((m) => m.normalize("NFD")));
        const expected = [...s.normalize("NFC")].filter((ch) => !missing.has(ch.normalize("NFD"))).join("");
        expect(strip(out)).toBe(strip(expected));
      }),
      { numRuns: 300 },
    );
  });

  it("breaks Chinese between characters but not before closing punctuation", () => {
    const block = layoutText(set, "重庆团结村中心站，电动摩托车出口。", 40, { size: 9 });
    expect(block.lines.length).toBeGreaterThan(2);
    for (const line of block.lines.slice(1)) {
      const first = line.runs[0]?.text[0];
      expect(["，", "。"]).not.toContain(first);
    }
  });
});
