import { formatInstant } from "../format.js";
import type { Composer } from "./composer.js";
import { drawFieldGrid, type FieldCell } from "./fields.js";
import { drawQr } from "./qr.js";
import { type Bilingual, COLORS, SIZES } from "./theme.js";

export interface HeaderOptions {
  /** Extra reference cells after document number and issue date (invoice no., booking ref …). */
  references?: FieldCell[];
  /** QR size in points (default 66); 0 leaves the QR out (when the body carries a bigger one). */
  qrSize?: number;
  qrCaption?: Bilingual;
}

/**
 * First-page header: issuer, bilingual title (中文 with English beneath), QR code to the verify
 * URL, then a reference strip with document number and issue date in the document's time zone.
 */
export function drawDocumentHeader(c: Composer, opts: HeaderOptions = {}): void {
  const { meta, title } = c;
  const qr = opts.qrSize ?? 66;
  const top = c.y;
  const leftW = qr > 0 ? c.width - qr - 14 : c.width;
  let y = top;
  y += c.text(meta.issuer.name, c.left, y, leftW, { size: 9.5, weight: "bold" });
  const addr = [meta.issuer.address.join(", "), meta.issuer.taxId].filter(Boolean).join("  ·  ");
  y += c.text(addr, c.left, y, leftW, { size: 7, color: COLORS.muted });
  y += 7;
  const zh = c.layout(title.zh, leftW, { size: SIZES.titleZh, weight: "bold", color: COLORS.accent, lineHeight: 1.2 });
  c.draw(zh, c.left, y, leftW);
  y += zh.height;
  y += c.text(title.en.toUpperCase(), c.left, y, leftW, { size: SIZES.titleEn, weight: "bold", color: COLORS.accent });
  let qrBottom = top;
  if (qr > 0) {
    const qx = c.right - qr;
    drawQr(c.doc, meta.verifyUrl, qx, top - 4, qr);
    const caption = opts.qrCaption ?? { zh: "扫码验证", en: "Scan to verify" };
    qrBottom = top - 4 + qr + c.text(`${caption.zh} ${caption.en}`, qx - 10, top - 4 + qr, qr + 20, { size: 5.8, color: COLORS.muted, align: "center" });
  }
  c.y = Math.max(y, qrBottom) + 4;
  c.hline(c.y, COLORS.rule, 1.6);
  c.y += 5;
  const cells: FieldCell[] = [
    { label: { zh: "单据编号", en: "Document No." }, value: meta.documentNumber, weight: "bold" },
    { label: { zh: "签发日期", en: "Date of issue" }, value: formatInstant(meta.issuedAt, meta.timeZone), span: 1.6 },
  ];
  if (meta.placeOfIssue) cells.push({ label: { zh: "签发地点", en: "Place of issue" }, value: meta.placeOfIssue });
  cells.push(...(opts.references ?? []));
  const rows: FieldCell[][] = [];
  for (let i = 0; i < cells.length; i += 4) rows.push(cells.slice(i, i + 4));
  drawFieldGrid(c, rows);
  c.y += 6;
}
