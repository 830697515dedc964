import type { Composer } from "./composer.js";
import { type Bilingual, CELL_PAD_X, CELL_PAD_Y, COLORS, inline, LINE, SIZES } from "./theme.js";

export interface TotalLine {
  label: Bilingual;
  value: string;
  /** The grand total: bold with a fill. */
  emphasis?: boolean;
}

/** Right-aligned totals box (label left, amount right). */
export function drawTotals(c: Composer, totals: readonly TotalLine[], opts: { width?: number } = {}): void {
  const w = opts.width ?? c.width * 0.48;
  const x = c.right - w;
  const labelW = w * 0.55;
  const laid = totals.map((t) => {
    const style = { size: t.emphasis ? 8.8 : SIZES.value, weight: t.emphasis ? ("bold" as const) : ("regular" as const) };
    const label = c.layout(inline(t.label), labelW - 2 * CELL_PAD_X, { ...style, size: style.size - 0.8, color: t.emphasis ? COLORS.ink : COLORS.muted });
    const value = c.layout(t.value, w - labelW - 2 * CELL_PAD_X, { ...style, align: "right" });
    return { t, label, value, h: Math.max(label.height, value.height) + 2 * CELL_PAD_Y };
  });
  c.ensure(laid.reduce((s, l) => s + l.h, 0));
  for (const l of laid) {
    const y = c.y;
    if (l.t.emphasis) c.doc.rect(x, y, w, l.h).fillColor(COLORS.totalFill).fill();
    c.draw(l.label, x + CELL_PAD_X, y + CELL_PAD_Y + (l.h - 2 * CELL_PAD_Y - l.label.height) / 2, labelW - 2 * CELL_PAD_X);
    c.draw(l.value, x + labelW + CELL_PAD_X, y + CELL_PAD_Y, w - labelW - 2 * CELL_PAD_X);
    c.doc.rect(x, y, w, l.h).lineWidth(LINE).strokeColor(COLORS.grid).stroke();
    c.y = y + l.h;
  }
}
