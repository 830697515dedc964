import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

/**
 * Fonts and the per-character fallback chain.
 *
 * A {@link FontSet} holds, for each text weight, an ordered chain of faces. Every grapheme cluster
 * is drawn with the first face whose cmap covers all of its code points. Noto Sans SC covers CJK,
 * Latin-1, Vietnamese, Greek and Russian Cyrillic but not Latin Extended-A (Polish ł ą ę, Czech
 * č ř, Turkish ğ ş) nor Kazakh Cyrillic (ә қ ү і), so a second face is needed for those; see
 * {@link createFontSet}. Parsed fonts are cached per process: parsing and shaping a 10 MB TTF for
 * each render would dominate render time.
 */

/** The part of a fontkit font that this package uses. */
export interface FontkitFont {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): { advanceWidth: number };
}

export type FontWeight = "regular" | "bold" | "mono";

/** A file (absolute path) or the bytes of a TTF/OTF font. */
export type FontSource = string | Uint8Array;

export interface FallbackFont {
  regular: FontSource;
  bold?: FontSource;
}

type StandardFontName = "Helvetica" | "Helvetica-Bold" | "Courier";

/** One face in a chain: knows its coverage and measures text at a size. */
export interface FontFace {
  /** Name the face is registered under in each document; stable, so font ids are stable. */
  readonly name: string;
  readonly src: FontkitFont | StandardFontName;
  /** Ascender above the baseline as a fraction of the font size. */
  readonly ascent: number;
  has(codePoint: number): boolean;
  /** Width in points of `text` at `size`, measured the way pdfkit lays text out. */
  widthOf(text: string, size: number): number;
}

export interface FontSet {
  readonly id: string;
  readonly chains: Readonly<Record<FontWeight, readonly FontFace[]>>;
  /** Faces in the order they were declared; used to register them with a document. */
  readonly faces: readonly FontFace[];
  /** Cache of cluster → resolution, shared by all renders with this set. */
  readonly clusterCache: Map<string, ClusterResolution>;
}

export interface ClusterResolution {
  /** The text to draw: the cluster, its NFD decomposition, or the placeholder. */
  readonly text: string;
  readonly face: FontFace;
  readonly placeholder: boolean;
}

/** Drawn, in the placeholder colour, for a character that no face in the chain can show. */
export const PLACEHOLDER = "?";

const requireHere = createRequire(import.meta.url);
const fontkit = createRequire(requireHere.resolve("pdfkit"))("fontkit") as {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
};

const NOTO_SC_REGULAR = "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf";
const NOTO_SC_BOLD = "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf";
/** Optional: when this package is installed it joins the default chain (Latin Extended, Kazakh). */
const NOTO_SANS_REGULAR = "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf";
const NOTO_SANS_BOLD = "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf";

const parsedFonts = new Map<string, FontkitFont>();
const patchedGlyphClasses = new WeakSet<object>();

/**
 * fontkit decodes a glyph's outline again each time a document's subset includes it. Glyph
 * objects are cached per font, and for static (non-variable) fonts the decoded outline never
 * changes, so memoise it on the glyph: subsetting then costs a copy of the glyph's bytes.
 */
function memoiseGlyphDecode(font: FontkitFont): void {
  const f = font as unknown as { getGlyph?: (id: number) => object; _variationProcessor?: unknown };
  if (typeof f.getGlyph !== "function" || f._variationProcessor) return;
  const proto = Object.getPrototypeOf(f.getGlyph(0)) as { _decode?: (this: object) => unknown } | null;
  if (!proto || typeof proto._decode !== "function" || patchedGlyphClasses.has(proto)) return;
  patchedGlyphClasses.add(proto);
  const decode = proto._decode;
  const memo = new WeakMap<object, unknown>();
  proto._decode = function (this: object) {
    if (memo.has(this)) return memo.get(this);
    const out = decode.call(this);
    memo.set(this, out);
    return out;
  };
}

function loadFontkit(source: FontSource): FontkitFont {
  if (typeof source === "string") {
    const hit = parsedFonts.get(source);
    if (hit) return hit;
    const font = fontkit.create(readFileSync(source));
    memoiseGlyphDecode(font);
    parsedFonts.set(source, font);
    return font;
  }
  const font = fontkit.create(source);
  memoiseGlyphDecode(font);
  return font;
}

/** Resolve a file shipped in an npm package; null when the package is not installed. */
export function resolvePackageFile(specifier: string): string | null {
  try {
    return requireHere.resolve(specifier);
  } catch {
    return null;
  }
}

/** Word-level width cache, the same split pdfkit uses (text is laid out per space-ended word). */
const WIDTH_CACHE_LIMIT = 200_000;

class EmbeddedFace implements FontFace {
  readonly ascent: number;
  private readonly unitsPerEm: number;
  private readonly widths = new Map<string, number>();
  private readonly coverage = new Map<number, boolean>();
  constructor(
    readonly name: string,
    readonly src: FontkitFont,
  ) {
    this.unitsPerEm = src.unitsPerEm;
    this.ascent = src.ascent / this.unitsPerEm;
  }
  has(codePoint: number): boolean {
    let hit = this.coverage.get(codePoint);
    if (hit === undefined) {
      hit = this.src.hasGlyphForCodePoint(codePoint);
      this.coverage.set(codePoint, hit);
    }
    return hit;
  }
  widthOf(text: string, size: number): number {
    let units = 0;
    let last = 0;
    for (let i = 0; i <= text.length; i++) {
      const ch = text.charCodeAt(i);
      if ((i === text.length && last < i) || ch === 32 || ch === 9) {
        units += this.wordUnits(text.slice(last, i + 1));
        last = i + 1;
      }
    }
    return (units * size) / this.unitsPerEm;
  }
  private wordUnits(word: string): number {
    let w = this.widths.get(word);
    if (w === undefined) {
      if (this.widths.size > WIDTH_CACHE_LIMIT) this.widths.clear();
      w = this.src.layout(word).advanceWidth;
      this.widths.set(word, w);
    }
    return w;
  }
}

/** Code points of the WinAnsi encoding that pdfkit's standard 14 fonts can show. */
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const winAnsi = new Set<number>([
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
  ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => 0xa0 + i),
  ...[...WIN_ANSI_EXTRA].map((c) => c.codePointAt(0) ?? 0),
]);

let measuringDoc: PDFKit.PDFDocument | null = null;

class StandardFace implements FontFace {
  readonly ascent: number;
  private readonly widths = new Map<string, number>();
  constructor(readonly name: StandardFontName) {
    this.ascent = name === "Courier" ? 0.629 : 0.718;
  }
  get src(): StandardFontName {
    return this.name;
  }
  has(codePoint: number): boolean {
    return winAnsi.has(codePoint);
  }
  widthOf(text: string, size: number): number {
    let w = this.widths.get(text);
    if (w === undefined) {
      if (this.widths.size > WIDTH_CACHE_LIMIT) this.widths.clear();
      measuringDoc ??= new PDFDocument({ autoFirstPage: false });
      w = measuringDoc.font(this.name).fontSize(1000).widthOfString(text);
      this.widths.set(text, w);
    }
    return (w * size) / 1000;
  }
}

const standardFaces = new Map<StandardFontName, StandardFace>();
function standard(name: StandardFontName): StandardFace {
  let f = standardFaces.get(name);
  if (!f) {
    f = new StandardFace(name);
    standardFaces.set(name, f);
  }
  return f;
}

const embeddedFaces = new Map<string, EmbeddedFace>();
function embedded(name: string, source: FontSource): EmbeddedFace {
  const key = typeof source === "string" ? `${name}@${source}` : name;
  let f = embeddedFaces.get(key);
  if (!f) {
    f = new EmbeddedFace(name, loadFontkit(source));
    embeddedFaces.set(key, f);
  }
  return f;
}

export interface FontSetOptions {
  /** Include Noto Sans SC (default true). False gives the Latin-only WinAnsi set used for comparison. */
  cjk?: boolean;
  /** Faces tried after Noto Sans SC and before the WinAnsi standard fonts, in order. */
  fallbacks?: readonly FallbackFont[];
  /** Add `@expo-google-fonts/noto-sans` when it is installed (default true). */
  autoDetectNotoSans?: boolean;
}

let fontSetCounter = 0;

/**
 * Build a font set. Faces are parsed once per process and shared across sets and renders.
 * Chains: Noto Sans SC → `fallbacks` → Noto Sans (if installed) → Helvetica/Courier (WinAnsi)
 * → NFD decomposition → placeholder.
 */
export function createFontSet(options: FontSetOptions = {}): FontSet {
  const cjk = options.cjk ?? true;
  const regular: FontFace[] = [];
  const bold: FontFace[] = [];
  const mono: FontFace[] = [standard("Courier")];
  if (cjk) {
    const r = resolvePackageFile(NOTO_SC_REGULAR);
    const b = resolvePackageFile(NOTO_SC_BOLD);
    if (!r || !b) throw new Error("Noto Sans SC is not installed (@expo-google-fonts/noto-sans-sc)");
    regular.push(embedded("NotoSansSC-Regular", r));
    bold.push(embedded("NotoSansSC-Bold", b));
  }
  const fallbacks = [...(options.fallbacks ?? [])];
  if (cjk && (options.autoDetectNotoSans ?? true)) {
    const r = resolvePackageFile(NOTO_SANS_REGULAR);
    const b = resolvePackageFile(NOTO_SANS_BOLD);
    if (r) fallbacks.push(b ? { regular: r, bold: b } : { regular: r });
  }
  fallbacks.forEach((fb, i) => {
    const r = embedded(`Fallback${i + 1}-Regular`, fb.regular);
    regular.push(r);
    bold.push(fb.bold ? embedded(`Fallback${i + 1}-Bold`, fb.bold) : r);
  });
  regular.push(standard("Helvetica"));
  bold.push(standard("Helvetica-Bold"));
  // Digests and ids are ASCII: Courier first, then the regular chain for anything else.
  mono.push(...regular);
  const faces = [...new Set([...regular, ...bold, ...mono])];
  return {
    id: `fontset-${++fontSetCounter}`,
    chains: { regular, bold, mono },
    faces,
    clusterCache: new Map(),
  };
}

let defaultSet: FontSet | null = null;
/** The process-wide default set (Noto Sans SC with fallbacks), created on first use. */
export function defaultFontSet(): FontSet {
  defaultSet ??= createFontSet();
  return defaultSet;
}

let latinSet: FontSet | null = null;
/** Helvetica/Courier only (WinAnsi): CJK shows as placeholders. For benchmarks and comparison. */
export function latinOnlyFontSet(): FontSet {
  latinSet ??= createFontSet({ cjk: false });
  return latinSet;
}

function coveredBy(face: FontFace, text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!face.has(cp)) return false;
  }
  return true;
}

/**
 * Choose the face for one grapheme cluster: the first face covering the whole cluster, else the
 * first covering its NFD decomposition (base letter + combining marks), else the placeholder.
 */
export function resolveCluster(set: FontSet, weight: FontWeight, cluster: string): ClusterResolution {
  const key = weight === "regular" ? cluster : `${weight}\u0000${cluster}`;
  const hit = set.clusterCache.get(key);
  if (hit) return hit;
  const chain = set.chains[weight];
  let res: ClusterResolution | undefined;
  for (const face of chain) {
    if (coveredBy(face, cluster)) {
      res = { text: cluster, face, placeholder: false };
      break;
    }
  }
  if (!res) {
    const nfd = cluster.normalize("NFD");
    if (nfd !== cluster) {
      for (const face of chain) {
        if (coveredBy(face, nfd)) {
          res = { text: nfd, face, placeholder: false };
          break;
        }
      }
    }
  }
  if (!res) {
    const face = chain.find((f) => f.has(PLACEHOLDER.codePointAt(0) ?? 63)) ?? chain[0];
    if (!face) throw new Error("empty font chain");
    res = { text: PLACEHOLDER, face, placeholder: true };
  }
  if (set.clusterCache.size > 100_000) set.clusterCache.clear();
  set.clusterCache.set(key, res);
  return res;
}
