import type { Composer } from "./composer.js";
import { type Bilingual, CELL_PAD_X, COLORS, inline, LINE, SIZES } from "./theme.js";

export interface SignatureBox {
  label: Bilingual;
  kind: "signature" | "stamp";
  /** Printed name, title or place under the signing line. */
  lines?: string[];
}

/** Boxes for hand signatures and company stamps, kept together on one page. */
export function drawSignatureBoxes(c: Composer, boxes: readonly SignatureBox[], opts: { height?: number } = {}): void {
  const h = opts.height ?? 84;
  c.ensure(h + 4);
  const w = c.width / boxes.length;
  const y = c.y;
  boxes.forEach((b, i) => {
    const x = c.left + i * w;
    c.doc.rect(x, y, w, h).lineWidth(LINE).strokeColor(COLORS.grid).stroke();
    c.text(inline(b.label), x + CELL_PAD_X, y + 2.5, w - 2 * CELL_PAD_X, { size: SIZES.label, color: COLORS.muted });
    if (b.kind === "stamp") {
      const r = Math.min(w, h) * 0.3;
      c.doc
        .circle(x + w / 2, y + h / 2 + 3, r)
        .dash(2, { space: 2 })
        .lineWidth(0.6)
        .strokeColor(COLORS.faint)
        .stroke()
        .undash();
      c.text("盖章处 Stamp here", x, y + h / 2, w, { size: 6, color: COLORS.faint, align: "center" });
    } else {
      const ly = y + h - 26;
      c.doc
        .moveTo(x + 10, ly)
        .lineTo(x + w - 10, ly)
        .lineWidth(0.6)
        .strokeColor(COLORS.muted)
        .stroke();
      const text = (b.lines ?? []).filter(Boolean).join("\n") || " ";
      c.text(text, x + 10, ly + 2, w - 20, { size: 6.8, color: COLORS.ink, lineHeight: 1.2 });
    }
  });
  c.y = y + h;
}
