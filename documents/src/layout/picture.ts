import type { Composer } from "./composer.js";
import { COLORS, LINE, SIZES } from "./theme.js";

/** [x, y, w, h, color, label] in millimetres, origin at the container's door-left corner. */
export type PictureRect = readonly [x: number, y: number, w: number, h: number, color: string, label: string];

export interface PictureView {
  title: { zh: string; en: string };
  /** Extent of the view in mm (container inner length × width or height). */
  extentMm: { w: number; h: number };
  rects: readonly PictureRect[];
}

/** Black or white, whichever reads better on `hex`. */
function contrastText(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#1A1A1A" : "#FFFFFF";
}

/**
 * Draw a to-scale view of rectangles inside a container outline with vector operations, a metre
 * scale along the bottom and labels centred in rectangles that are big enough for them.
 * Returns the height used.
 */
export function drawPictureView(c: Composer, view: PictureView, x: number, y: number, width: number, maxHeight: number): number {
  const titleH = c.text(`${view.title.zh}  ${view.title.en}`, x, y, width, { size: 7.5, weight: "bold", color: COLORS.accent });
  const top = y + titleH + 2;
  const scale = Math.min(width / view.extentMm.w, (maxHeight - titleH - 16) / view.extentMm.h);
  const W = view.extentMm.w * scale;
  const H = view.extentMm.h * scale;
  const { doc } = c;
  doc.rect(x, top, W, H).fillColor("#FAFBFC").fill();
  for (const [rx, ry, rw, rh, color, label] of view.rects) {
    // The y axis of the input grows upward from the floor/left wall; PDF y grows downward.
    const px = x + rx * scale;
    const py = top + H - (ry + rh) * scale;
    doc
      .rect(px, py, rw * scale, rh * scale)
      .fillColor(color)
      .fill();
    doc
      .rect(px, py, rw * scale, rh * scale)
      .lineWidth(0.4)
      .strokeColor("#FFFFFF")
      .stroke();
    if (label) {
      const block = c.layout(label, Math.max(rw * scale - 2, 1), { size: 5.2, color: contrastText(color), align: "center" }, 2);
      if (block.width <= rw * scale - 2 && block.height <= rh * scale - 1) c.draw(block, px + 1, py + (rh * scale - block.height) / 2, rw * scale - 2);
    }
  }
  doc.rect(x, top, W, H).lineWidth(1.1).strokeColor(COLORS.ink).stroke();
  // The door is at the far end (x = length); the front wall at x = 0.
  c.text("门\nDoor", x + W + 2, top + H / 2 - 7, 24, { size: 5.5, color: COLORS.muted });
  c.text("前端\nFront", x - 18, top + H / 2 - 7, 17, { size: 5.5, color: COLORS.muted, align: "right" });
  // Scale: a tick each metre, labelled every 2 m.
  const sy = top + H + 3;
  doc
    .moveTo(x, sy)
    .lineTo(x + W, sy)
    .lineWidth(LINE)
    .strokeColor(COLORS.muted)
    .stroke();
  for (let m = 0; m * 1000 <= view.extentMm.w; m++) {
    const tx = x + m * 1000 * scale;
    doc
      .moveTo(tx, sy)
      .lineTo(tx, sy + (m % 2 === 0 ? 3 : 1.8))
      .lineWidth(LINE)
      .strokeColor(COLORS.muted)
      .stroke();
    if (m % 2 === 0) c.text(`${m} m`, tx - 10, sy + 3.5, 20, { size: SIZES.label - 0.8, color: COLORS.muted, align: "center" });
  }
  const dims = `${view.extentMm.w} × ${view.extentMm.h} mm`;
  c.text(dims, x, top - titleH - 2, W, { size: 6.5, color: COLORS.muted, align: "right" });
  return titleH + 2 + H + 13;
}

/** Colour swatches with labels, flowing in columns. Returns the height used. */
export function drawLegend(c: Composer, items: ReadonlyArray<{ color: string; label: string }>, x: number, y: number, width: number): number {
  const colW = Math.max(width / 4, 110);
  const perRow = Math.max(1, Math.floor(width / colW));
  let rowY = y;
  let rowH = 0;
  items.forEach((item, i) => {
    const col = i % perRow;
    if (col === 0 && i > 0) {
      rowY += rowH + 2;
      rowH = 0;
    }
    const cx = x + col * colW;
    c.doc
      .rect(cx, rowY + 1.5, 8, 6)
      .fillColor(item.color)
      .fill();
    c.doc
      .rect(cx, rowY + 1.5, 8, 6)
      .lineWidth(0.3)
      .strokeColor(COLORS.muted)
      .stroke();
    const h = c.text(item.label, cx + 11, rowY, colW - 14, { size: 6.8 });
    rowH = Math.max(rowH, h);
  });
  return rowY + rowH - y;
}
