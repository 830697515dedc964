import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";

/** poppler-utils helpers for tests: text, page count, fonts and page images of a PDF in memory. */

function withFile<T>(pdf: Buffer, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "corridor-doc-"));
  const path = join(dir, "doc.pdf");
  writeFileSync(path, pdf);
  try {
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of the whole document, or of pages first..last (1-based). */
export function pdfText(pdf: Buffer, pages?: { first: number; last?: number }): string {
  return withFile(pdf, (path) => {
    const args = ["-enc", "UTF-8"];
    if (pages) args.push("-f", String(pages.first), "-l", String(pages.last ?? pages.first));
    return execFileSync("pdftotext", [...args, path, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  });
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  return withFile(pdf, (path) => {
    const out = execFileSync("pdfinfo", ["-isodates", path], { encoding: "utf8" });
    const info: Record<string, string> = {};
    for (const line of out.split("\n")) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined) info[m[1].trim()] = m[2].trim();
    }
    return info;
  });
}

/** Rows of `pdffonts`: name, type, embedded, subset. */
export function pdfFonts(pdf: Buffer): Array<{ name: string; type: string; emb: boolean; sub: boolean }> {
  return withFile(pdf, (path) => {
    const out = execFileSync("pdffonts", [path], { encoding: "utf8" });
    return out
      .split("\n")
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const cols = l.trim().split(/\s+/);
        // name type [type words…] encoding emb sub uni object ID
        const n = cols.length;
        return { name: cols[0] ?? "", type: cols.slice(1, n - 6).join(" "), emb: cols[n - 5] === "yes", sub: cols[n - 4] === "yes" };
      });
  });
}

/** PNG of one page at `dpi` (pdftoppm). */
export function renderPagePng(pdf: Buffer, page = 1, dpi = 50): Buffer {
  return withFile(pdf, (path, dir) => {
    execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", path, join(dir, "page")]);
    return readFileSync(join(dir, "page.png"));
  });
}

export interface Image {
  width: number;
  height: number;
  /** One luminance byte per pixel. */
  gray: Uint8Array;
}

/** Minimal PNG decoder (8-bit grey, grey+alpha, RGB, RGBA; no interlace) → luminance. */
export function decodePng(png: Buffer): Image {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString("latin1", pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      colorType = data[9] ?? 0;
      if (depth !== 8 || data[12] !== 0) throw new Error("only 8-bit non-interlaced PNGs");
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    pos += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  if (!channels) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = out.subarray(y * stride, (y + 1) * stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (cur[x - channels] ?? 0) : 0;
      const b = prev[x] ?? 0;
      const c = x >= channels ? (prev[x - channels] ?? 0) : 0;
      const v = line[x] ?? 0;
      let r: number;
      switch (filter) {
        case 0:
          r = v;
          break;
        case 1:
          r = v + a;
          break;
        case 2:
          r = v + b;
          break;
        case 3:
          r = v + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          r = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`bad PNG filter ${filter}`);
      }
      cur[x] = r & 0xff;
    }
    prev = cur;
  }
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    if (channels <= 2) gray[i] = out[i * channels] ?? 0;
    else {
      const r = out[i * channels] ?? 0;
      const g = out[i * channels + 1] ?? 0;
      const b = out[i * channels + 2] ?? 0;
      gray[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  return { width, height, gray };
}

export interface ImageDiff {
  sameSize: boolean;
  /** Share of pixels whose luminance differs by more than `threshold`. */
  changedRatio: number;
  meanAbsDiff: number;
}

export function compareImages(a: Image, b: Image, threshold = 40): ImageDiff {
  if (a.width !== b.width || a.height !== b.height) return { sameSize: false, changedRatio: 1, meanAbsDiff: 255 };
  let changed = 0;
  let sum = 0;
  for (let i = 0; i < a.gray.length; i++) {
    const d = Math.abs((a.gray[i] ?? 0) - (b.gray[i] ?? 0));
    sum += d;
    if (d > threshold) changed++;
  }
  return { sameSize: true, changedRatio: changed / a.gray.length, meanAbsDiff: sum / a.gray.length };
}
