import { partyLines } from "../format.js";
import type { Party } from "../model.js";
import type { Composer } from "./composer.js";
import type { FontWeight } from "./fonts.js";
import type { TextBlock } from "./text.js";
import { type Bilingual, CELL_PAD_X, CELL_PAD_Y, COLORS, inline, LINE, SIZES } from "./theme.js";

/** One labelled box of a form grid: small bilingual label on top, the value beneath. */
export interface FieldCell {
  label: Bilingual;
  value: string;
  /** Secondary text under the value (addresses, notes), smaller and regular. */
  sub?: string;
  /** Relative width within its row (default 1). */
  span?: number;
  weight?: FontWeight;
  align?: "left" | "right" | "center";
  size?: number;
  /** Minimum inner height for the value area (signatures, free text). */
  minHeight?: number;
  fill?: string;
}

interface LaidCell {
  cell: FieldCell;
  x: number;
  w: number;
  label: TextBlock;
  value: TextBlock;
  sub: TextBlock | null;
  h: number;
}

/** Rows of labelled cells; cells in a row share the height of the tallest. Long values wrap. */
export function drawFieldGrid(c: Composer, rows: FieldCell[][], opts: { x?: number; width?: number } = {}): void {
  const x0 = opts.x ?? c.left;
  const width = opts.width ?? c.width;
  for (const row of rows) {
    if (row.length === 0) continue;
    const total = row.reduce((s, cell) => s + (cell.span ?? 1), 0);
    let x = x0;
    const laid: LaidCell[] = row.map((cell, i) => {
      const w = i === row.length - 1 ? x0 + width - x : (width * (cell.span ?? 1)) / total;
      const inner = w - 2 * CELL_PAD_X;
      const label = c.layout(inline(cell.label), inner, { size: SIZES.label, color: COLORS.muted });
      const value = c.layout(cell.value, inner, {
        size: cell.size ?? SIZES.value,
        weight: cell.weight ?? "regular",
        align: cell.align ?? "left",
      });
      const sub = cell.sub ? c.layout(cell.sub, inner, { size: SIZES.value - 0.8, color: COLORS.ink }) : null;
      const body = Math.max(value.height + (sub ? sub.height : 0), cell.minHeight ?? 0);
      const h = CELL_PAD_Y + label.height + 0.5 + body + CELL_PAD_Y;
      const out = { cell, x, w, label, value, sub, h };
      x += w;
      return out;
    });
    const rowH = Math.max(...laid.map((l) => l.h));
    c.ensure(rowH);
    const y = c.y;
    for (const l of laid) {
      if (l.cell.fill) c.doc.rect(l.x, y, l.w, rowH).fillColor(l.cell.fill).fill();
      c.doc.rect(l.x, y, l.w, rowH).lineWidth(LINE).strokeColor(COLORS.grid).stroke();
      const inner = l.w - 2 * CELL_PAD_X;
      c.draw(l.label, l.x + CELL_PAD_X, y + CELL_PAD_Y, inner);
      const vy = y + CELL_PAD_Y + l.label.height + 0.5;
      c.draw(l.value, l.x + CELL_PAD_X, vy, inner);
      if (l.sub) c.draw(l.sub, l.x + CELL_PAD_X, vy + l.value.height, inner);
    }
    c.y = y + rowH;
  }
}

export const PARTY_LABELS = {
  shipper: { zh: "发货人", en: "Shipper / Exporter" },
  consignee: { zh: "收货人", en: "Consignee" },
  notify: { zh: "通知方", en: "Notify party" },
  seller: { zh: "卖方", en: "Seller / Exporter" },
  buyer: { zh: "买方", en: "Buyer / Importer" },
  carrier: { zh: "承运人", en: "Carrier" },
} satisfies Record<string, Bilingual>;

/** Parties side by side (shipper, consignee, notify …), names bold, addresses wrapped. */
export function drawParties(c: Composer, parties: Array<{ label: Bilingual; party: Party | undefined }>): void {
  const cells: FieldCell[] = parties.map(({ label, party }) =>
    party ? { label, value: party.name, weight: "bold", sub: partyLines(party).join("\n") } : { label, value: "—", sub: "" },
  );
  drawFieldGrid(c, [cells]);
}
