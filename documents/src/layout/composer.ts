import PDFDocument from "pdfkit";
import { sha256, stableStringify } from "../hash.js";
import type { DocumentMeta } from "../model.js";
import { defaultFontSet, type FontSet } from "./fonts.js";
import { drawText, layoutText, type TextBlock, type TextStyle, trimLayoutCaches } from "./text.js";
import { type Bilingual, COLORS, LINE, PAGE, SIZES } from "./theme.js";

export interface RenderOptions {
  /** Fonts and fallback chain; defaults to Noto Sans SC with fallbacks. */
  fonts?: FontSet;
}

/** What a render produced besides the bytes. */
export interface RenderResult {
  pdf: Buffer;
  sha256: string;
  pageCount: number;
  /** Characters no font could show; drawn as a coloured placeholder. */
  missingCharacters: string[];
}

/** Bumped when a change to rendering changes bytes for the same data. Part of the PDF /ID. */
export const RENDERER_VERSION = "corridor-documents/1";

let renders = 0;

export interface ComposerInit {
  template: string;
  title: Bilingual;
  meta: DocumentMeta;
  /** The validated input, hashed into the PDF /ID and the footer digest. */
  data: unknown;
  fonts?: FontSet;
  subject?: string;
  keywords?: string;
  /** Certificate look: a double border around every page. */
  frame?: boolean;
}

/**
 * Mutable drawing state for one render: the pdfkit document, the cursor and page breaks. Templates
 * stay pure functions: each creates a composer, draws and returns the bytes.
 */
export class Composer {
  readonly doc: PDFKit.PDFDocument;
  readonly fonts: FontSet;
  readonly title: Bilingual;
  readonly meta: DocumentMeta;
  /** sha256 of the canonical input JSON plus template and renderer version. */
  readonly dataDigest: string;
  private readonly frame: boolean;
  readonly left: number = PAGE.marginX;
  readonly right: number = PAGE.width - PAGE.marginX;
  readonly width: number = PAGE.width - 2 * PAGE.marginX;
  readonly top: number = PAGE.marginTop;
  readonly bottom: number = PAGE.height - PAGE.marginBottom - PAGE.footerHeight;
  y: number = PAGE.marginTop;
  pageCount = 1;
  private readonly registered = new Set<string>();
  private readonly missing = new Set<string>();
  /** Called after a page break to draw the running header; templates may add to it. */
  onNewPage: Array<(c: Composer) => void> = [];

  constructor(init: ComposerInit) {
    this.fonts = init.fonts ?? defaultFontSet();
    this.title = init.title;
    this.frame = init.frame ?? false;
    this.meta = init.meta;
    this.dataDigest = sha256(`${RENDERER_VERSION}\n${init.template}\n${stableStringify(init.data)}`);
    const issued = new Date(init.meta.issuedAt);
    this.doc = new PDFDocument({
      size: "A4",
      margin: 0,
      bufferPages: true,
      autoFirstPage: true,
      compress: true,
      info: {
        Title: `${init.title.zh} ${init.title.en} ${init.meta.documentNumber}`,
        Author: init.meta.issuer.name,
        Subject: init.subject ?? init.title.en,
        Keywords: init.keywords ?? `${init.template} ${init.meta.documentId}`,
        Creator: RENDERER_VERSION,
        Producer: "PDFKit",
        CreationDate: issued,
        ModDate: issued,
      },
      lang: "zh-CN",
      // No default Helvetica: pdfkit would parse its AFM metrics for every document.
      font: null as unknown as string,
    });
    // pdfkit derives /ID from the info dictionary; tie it to the input instead, so the same data
    // always gives the same file identifier and different data a different one.
    (this.doc as unknown as { _id: Uint8Array })._id = Buffer.from(this.dataDigest.slice(0, 32), "hex");
    for (const face of this.fonts.faces) {
      if (typeof face.src !== "string") this.doc.registerFont(face.name, face.src as unknown as Buffer);
    }
    for (const f of this.fonts.faces) this.registered.add(f.name);
  }

  layout(text: string, width: number, style: TextStyle, maxLines?: number): TextBlock {
    const block = layoutText(this.fonts, text, width, style, maxLines === undefined ? {} : { maxLines });
    for (const m of block.missing) this.missing.add(m);
    return block;
  }

  draw(block: TextBlock, x: number, y: number, width: number): void {
    drawText(this.doc, block, x, y, width);
  }

  /** Lay out and draw; returns the height used. */
  text(text: string, x: number, y: number, width: number, style: TextStyle): number {
    const block = this.layout(text, width, style);
    this.draw(block, x, y, width);
    return block.height;
  }

  /** Start a new page when `height` does not fit below the cursor. Returns true on a break. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  newPage(): void {
    this.doc.addPage({ size: "A4", margin: 0 });
    this.pageCount++;
    this.y = this.top;
    this.drawRunningHeader();
    for (const fn of this.onNewPage) fn(this);
  }

  /** Compact header on continuation pages: title and document number. */
  private drawRunningHeader(): void {
    const { doc } = this;
    const h1 = this.text(this.title.zh, this.left, this.y, this.width / 2, { size: 11, weight: "bold", color: COLORS.accent });
    this.text(this.title.en.toUpperCase(), this.left, this.y + h1, this.width / 2, { size: 7.5, color: COLORS.accent, weight: "bold" });
    this.text(`单据编号 Document No.`, this.left + this.width / 2, this.y, this.width / 2, { size: SIZES.label, color: COLORS.muted, align: "right" });
    this.text(this.meta.documentNumber, this.left + this.width / 2, this.y + 9, this.width / 2, { size: 9, weight: "bold", align: "right" });
    this.y += 26;
    doc.moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(1).strokeColor(COLORS.rule).stroke();
    this.y += 8;
  }

  /** Vertical gap. */
  gap(h: number): void {
    this.y += h;
  }

  /** Section heading with an accent bar: "货物明细 Cargo details". */
  heading(label: Bilingual, note?: string): void {
    // Keep a heading with what follows it (a table header and a row, or a few lines).
    this.ensure(64);
    const { doc } = this;
    doc
      .rect(this.left, this.y + 1.5, 2.2, 10)
      .fillColor(COLORS.accent)
      .fill();
    const zhW = this.layout(label.zh, this.width, { size: 9, weight: "bold" });
    this.draw(zhW, this.left + 6, this.y, this.width);
    const en = this.layout([label.en, label.ru].filter(Boolean).join("  "), this.width, { size: 8, color: COLORS.accent });
    this.draw(en, this.left + 6 + zhW.width + 5, this.y + 0.8, this.width);
    if (note) this.text(note, this.left, this.y + 1, this.width, { size: 6.8, color: COLORS.muted, align: "right" });
    this.y += 14;
  }

  /** Paragraph that flows across pages line by line. */
  flow(text: string, style: TextStyle, x = this.left, width = this.width): void {
    const block = this.layout(text, width, style);
    for (const line of block.lines) {
      this.ensure(block.lineAdvance);
      this.draw({ ...block, lines: [line], height: block.lineAdvance }, x, this.y, width);
      this.y += block.lineAdvance;
    }
  }

  hline(y: number, color: string = COLORS.grid, width = LINE, x1 = this.left, x2 = this.right): void {
    this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke();
  }

  /** Footers on every page ("page x / y" needs the final count), then the PDF bytes. */
  async finish(): Promise<RenderResult> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    const total = range.count;
    for (let i = 0; i < total; i++) {
      doc.switchToPage(range.start + i);
      if (this.frame) {
        doc
          .rect(18, 18, PAGE.width - 36, PAGE.height - 36)
          .lineWidth(1.6)
          .strokeColor(COLORS.accent)
          .stroke();
        doc
          .rect(22, 22, PAGE.width - 44, PAGE.height - 44)
          .lineWidth(0.5)
          .strokeColor(COLORS.accent)
          .stroke();
      }
      this.drawFooter(i + 1, total);
    }
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on("data", (c: Buffer) => chunks.push(c));
      doc.on("end", () => resolve(Buffer.concat(chunks)));
      doc.on("error", reject);
    });
    doc.end();
    const pdf = await done;
    if (++renders % 64 === 0) trimLayoutCaches();
    return { pdf, sha256: sha256(pdf), pageCount: total, missingCharacters: [...this.missing].sort() };
  }

  private drawFooter(page: number, total: number): void {
    const y = PAGE.height - PAGE.marginBottom - PAGE.footerHeight + 10;
    this.hline(y, COLORS.rule, 0.8);
    const style: TextStyle = { size: SIZES.footer, color: COLORS.muted };
    const third = this.width / 3;
    this.text(`单据ID Document ID  ${this.meta.documentId}`, this.left, y + 4, third * 1.2, style);
    this.text(`数据摘要 Data SHA-256  ${this.dataDigest.slice(0, 16)}`, this.left, y + 12.5, third * 1.4, style);
    this.text(this.meta.documentNumber, this.left + third * 1.2, y + 4, third * 0.8, { ...style, align: "center" });
    this.text(`第 ${page} / ${total} 页   Page ${page} / ${total}`, this.left + third * 2, y + 4, third, {
      size: 7.2,
      weight: "bold",
      color: COLORS.ink,
      align: "right",
    });
  }
}
