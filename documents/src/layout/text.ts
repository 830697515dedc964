import type { FontFace, FontSet, FontWeight } from "./fonts.js";
import { resolveCluster } from "./fonts.js";

/**
 * Text layout with per-cluster font fallback and line wrapping. pdfkit wraps text with one font
 * per call, so mixed-script strings (a Chinese label with a Polish station name) are split here
 * into runs, each drawn with the face that covers it, on a shared baseline.
 */

export interface TextStyle {
  size: number;
  weight?: FontWeight;
  color?: string;
  align?: "left" | "center" | "right";
  /** Line advance as a multiple of `size` (default 1.28). */
  lineHeight?: number;
}

export interface Run {
  readonly text: string;
  readonly face: FontFace;
  readonly width: number;
  readonly placeholder: boolean;
}

export interface Line {
  readonly runs: readonly Run[];
  readonly width: number;
}

export interface TextBlock {
  readonly lines: readonly Line[];
  readonly style: TextStyle;
  readonly lineAdvance: number;
  /** Total height: lines × line advance. */
  readonly height: number;
  /** Widest line. */
  readonly width: number;
  /** Characters replaced by the placeholder because no face covers them. */
  readonly missing: readonly string[];
}

export const PLACEHOLDER_COLOR = "#C0392B";
const DEFAULT_LINE_HEIGHT = 1.28;

interface Cluster {
  text: string;
  face: FontFace;
  placeholder: boolean;
  source: string;
  space: boolean;
  /** A line may break after this cluster. */
  breakAfter: boolean;
}

const MARK = /\p{M}/u;
// Characters after which a Chinese line may not break, and before which it may not break.
const NO_BREAK_AFTER = new Set([..."([{（【「『《〈“‘"]);
const NO_BREAK_BEFORE = new Set([...")]}.,;:!?%）】」』》〉”’，。、；：？！…·"]);

function isWide(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

function isInvisible(cp: number): boolean {
  return (cp < 0x20 && cp !== 0x0a) || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0x2028 || cp === 0x2029 || cp === 0x2060 || cp === 0xfeff;
}

/** Normalise to NFC, turn tabs into spaces and drop control and zero-width characters. */
export function cleanText(input: string): string {
  const s = input.normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, " ");
  let clean = true;
  for (let i = 0; i < s.length; i++) {
    if (isInvisible(s.charCodeAt(i))) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
  let out = "";
  for (const ch of s) if (!isInvisible(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

function clusters(set: FontSet, weight: FontWeight, paragraph: string, missing: string[]): Cluster[] {
  const out: Cluster[] = [];
  const cps = [...paragraph];
  let i = 0;
  while (i < cps.length) {
    let text = cps[i] ?? "";
    i++;
    // Combining marks (and variation selectors) stay with their base character.
    while (i < cps.length && MARK.test(cps[i] ?? "")) {
      text += cps[i];
      i++;
    }
    const res = resolveCluster(set, weight, text);
    if (res.placeholder) missing.push(text);
    out.push({
      text: res.text,
      face: res.face,
      placeholder: res.placeholder,
      source: text,
      space: text === " " || text === "\u3000",
      breakAfter: false,
    });
  }
  for (let k = 0; k < out.length; k++) {
    const c = out[k];
    const next = out[k + 1];
    if (!c || !next) continue;
    const cp = c.source.codePointAt(0) ?? 0;
    const ncp = next.source.codePointAt(0) ?? 0;
    if (next.space) continue; // break after the spaces, not before them
    if (NO_BREAK_BEFORE.has(next.source) || NO_BREAK_AFTER.has(c.source)) continue;
    if (c.space || isWide(cp) || isWide(ncp)) c.breakAfter = true;
    else if (c.source === "/" && k > 0) c.breakAfter = true;
  }
  return out;
}

function measure(cs: readonly Cluster[], from: number, to: number, size: number): number {
  let w = 0;
  let start = from;
  for (let k = from + 1; k <= to; k++) {
    const a = cs[start];
    const b = cs[k];
    if (!a) break;
    if (k === to || !b || b.face !== a.face || b.placeholder !== a.placeholder) {
      let s = "";
      for (let j = start; j < k; j++) s += cs[j]?.text ?? "";
      w += a.face.widthOf(s, size);
      start = k;
    }
  }
  return w;
}

function toRuns(cs: readonly Cluster[], from: number, to: number, size: number): Line {
  const runs: Run[] = [];
  let width = 0;
  let start = from;
  for (let k = from + 1; k <= to; k++) {
    const a = cs[start];
    const b = cs[k];
    if (!a) break;
    if (k === to || !b || b.face !== a.face || b.placeholder !== a.placeholder) {
      let s = "";
      for (let j = start; j < k; j++) s += cs[j]?.text ?? "";
      const w = a.face.widthOf(s, size);
      runs.push({ text: s, face: a.face, width: w, placeholder: a.placeholder });
      width += w;
      start = k;
    }
  }
  return { runs, width };
}

/**
 * Lay `text` out in lines no wider than `maxWidth` points. Words wider than a line are broken
 * between characters, so no line is ever wider than `maxWidth` unless one character is.
 */
export function layoutText(set: FontSet, input: string, maxWidth: number, style: TextStyle, options: { maxLines?: number } = {}): TextBlock {
  const weight = style.weight ?? "regular";
  const size = style.size;
  const lineAdvance = size * (style.lineHeight ?? DEFAULT_LINE_HEIGHT);
  const lines: Line[] = [];
  const missing: string[] = [];
  const paragraphs = cleanText(input).split("\n");
  for (const paragraph of paragraphs) {
    const cs = clusters(set, weight, paragraph, missing);
    if (cs.length === 0) {
      lines.push({ runs: [], width: 0 });
      continue;
    }
    // Words: [start, end) ranges ending at a break opportunity.
    let lineStart = 0;
    let k = 0;
    let lineEnd = 0; // exclusive end of content committed to the current line
    while (k < cs.length) {
      let wordEnd = k;
      while (wordEnd < cs.length && !cs[wordEnd]?.breakAfter) wordEnd++;
      wordEnd = Math.min(wordEnd + 1, cs.length);
      // Width of the line if the word is added, trailing spaces excluded.
      let contentEnd = wordEnd;
      while (contentEnd > lineStart && cs[contentEnd - 1]?.space) contentEnd--;
      const w = measure(cs, lineStart, contentEnd, size);
      if (w <= maxWidth + 1e-6 || contentEnd <= lineStart) {
        lineEnd = wordEnd;
        k = wordEnd;
        continue;
      }
      if (lineEnd > lineStart) {
        lines.push(finishLine(cs, lineStart, lineEnd, size));
        lineStart = lineEnd;
        k = lineEnd;
        continue;
      }
      // A single word wider than the line: break it between clusters.
      let end = lineStart + 1;
      while (end < contentEnd && measure(cs, lineStart, end + 1, size) <= maxWidth + 1e-6) end++;
      lines.push(finishLine(cs, lineStart, end, size));
      lineStart = end;
      lineEnd = end;
      k = end;
    }
    if (lineEnd > lineStart || lines.length === 0) lines.push(finishLine(cs, lineStart, lineEnd, size));
  }
  let out = lines;
  if (options.maxLines !== undefined && lines.length > options.maxLines) {
    out = lines.slice(0, Math.max(1, options.maxLines));
  }
  const width = out.reduce((m, l) => Math.max(m, l.width), 0);
  return { lines: out, style, lineAdvance, height: out.length * lineAdvance, width, missing };
}

function finishLine(cs: readonly Cluster[], from: number, to: number, size: number): Line {
  let end = to;
  while (end > from && cs[end - 1]?.space) end--;
  let start = from;
  while (start < end && cs[start]?.space && start > 0) start++;
  return toRuns(cs, start, end, size);
}

/** Height of the visual centre of capitals and ideographs above the baseline, per unit size. */
const OPTICAL_CENTRE = 0.37;

/**
 * pdfkit shapes text per document (a layout cache per embedded font instance). Shaped runs do not
 * depend on the document (glyph ids, advances, positions in 1/1000 em), so one cache per face is
 * shared by all documents; the per-document subset is still built by pdfkit's encode().
 */
const sharedLayoutCaches = new Map<string, Record<string, unknown>>();
let sharedLayoutEntries = 0;

function shareLayoutCache(doc: PDFKit.PDFDocument, face: FontFace): void {
  if (typeof face.src === "string") return;
  const font = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (!font) return;
  let shared = sharedLayoutCaches.get(face.name);
  if (!shared) {
    shared = Object.create(null) as Record<string, unknown>;
    sharedLayoutCaches.set(face.name, shared);
  }
  if (font.layoutCache !== shared) font.layoutCache = shared;
}

/** Drop shared shaping caches when they grow large (called between renders). */
export function trimLayoutCaches(limit = 100_000): void {
  sharedLayoutEntries = 0;
  for (const cache of sharedLayoutCaches.values()) sharedLayoutEntries += Object.keys(cache).length;
  if (sharedLayoutEntries > limit) sharedLayoutCaches.clear();
}

/** Draw a laid-out block with its top-left at (x, y) inside a box `width` wide. */
export function drawText(doc: PDFKit.PDFDocument, block: TextBlock, x: number, y: number, width: number): void {
  const { style } = block;
  const size = style.size;
  const color = style.color ?? "#1A1A1A";
  let baseline = y + block.lineAdvance / 2 + size * OPTICAL_CENTRE;
  for (const line of block.lines) {
    let cx = x;
    if (style.align === "right") cx = x + width - line.width;
    else if (style.align === "center") cx = x + (width - line.width) / 2;
    for (const run of line.runs) {
      doc.font(run.face.name).fontSize(size);
      shareLayoutCache(doc, run.face);
      doc.fillColor(run.placeholder ? PLACEHOLDER_COLOR : color);
      doc.text(run.text, cx, baseline - run.face.ascent * size, { lineBreak: false });
      cx += run.width;
    }
    baseline += block.lineAdvance;
  }
}
