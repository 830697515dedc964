import type { Placement, PlannedContainer } from "./types.js";

export interface SvgOptions {
  /** Width of the container drawing in px (default 960); the scale follows from it. */
  drawingWidth?: number;
  /** Fill colours given to bookings in order of first appearance; cycles through hues beyond. */
  palette?: readonly string[];
  /** Title prefix, default "Container {index + 1}". */
  title?: string;
}

export interface LoadPlanSvg {
  /** Seen from above: the front wall at the left, the door at the right. */
  top: string;
  /** Seen from the left side wall: floor at the bottom, door at the right. */
  side: string;
}

/** Colour-blind-friendly first colours (Okabe–Ito and Tableau), then golden-angle hues. */
const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#8CD17D", "#B6992D", "#499894", "#FF9D9A", "#79706E", "#D37295", "#A0CBE8"];

const MARGIN = { left: 70, right: 60, top: 58, bottom: 56 };
const LEGEND_ROW = 18;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const n1 = (v: number) => {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
};
/** Locale-independent thousands separators, so output never depends on the host's ICU data. */
export function formatInt(v: number): string {
  const r = Math.round(v);
  const s = String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return r < 0 ? `-${s}` : s;
}
const signed = (v: number) => (Math.round(v) > 0 ? `+${formatInt(v)}` : formatInt(v));

function colorFor(i: number, palette: readonly string[]): string {
  if (i < palette.length) return palette[i]!;
  const hue = Math.round((i * 137.508) % 360);
  return `hsl(${hue},55%,60%)`;
}

interface Legend {
  colors: Map<string, string>;
  rows: Array<{ bookingId: string; color: string; crates: number; kg: number }>;
}

function legendFor(c: PlannedContainer, palette: readonly string[]): Legend {
  const colors = new Map<string, string>();
  const stats = new Map<string, { crates: number; kg: number }>();
  for (const p of c.placements) {
    if (!colors.has(p.bookingId)) colors.set(p.bookingId, colorFor(colors.size, palette));
    const s = stats.get(p.bookingId) ?? { crates: 0, kg: 0 };
    s.crates++;
    s.kg += p.grossKg;
    stats.set(p.bookingId, s);
  }
  return { colors, rows: [...colors].map(([bookingId, color]) => ({ bookingId, color, ...stats.get(bookingId)! })) };
}

function legendSvg(legend: Legend, x0: number, y0: number, width: number): { svg: string; height: number } {
  const colWidth = 300;
  const perRow = Math.max(1, Math.floor(width / colWidth));
  const parts: string[] = [];
  legend.rows.forEach((r, i) => {
    const x = x0 + (i % perRow) * colWidth;
    const y = y0 + Math.floor(i / perRow) * LEGEND_ROW;
    parts.push(
      `<rect x="${n1(x)}" y="${n1(y)}" width="12" height="12" fill="${esc(r.color)}" stroke="#333" stroke-width="0.5"/>`,
      `<text x="${n1(x + 18)}" y="${n1(y + 10)}">${esc(r.bookingId)} · ${formatInt(r.crates)} crates · ${formatInt(r.kg)} kg</text>`,
    );
  });
  return { svg: parts.join(""), height: Math.ceil(legend.rows.length / perRow) * LEGEND_ROW };
}

function dimensionLine(x1: number, y1: number, x2: number, y2: number, label: string, vertical: boolean): string {
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2;
  const text = vertical
    ? `<text x="${n1(mx - 6)}" y="${n1(my)}" text-anchor="middle" transform="rotate(-90 ${n1(mx - 6)} ${n1(my)})">${esc(label)}</text>`
    : `<text x="${n1(mx)}" y="${n1(my + 14)}" text-anchor="middle">${esc(label)}</text>`;
  return `<line x1="${n1(x1)}" y1="${n1(y1)}" x2="${n1(x2)}" y2="${n1(y2)}" stroke="#333" stroke-width="1" marker-start="url(#arrow)" marker-end="url(#arrow)"/>${text}`;
}

const DEFS =
  '<defs><marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>';

function frame(width: number, height: number, body: string, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n1(width)}" height="${n1(height)}" viewBox="0 0 ${n1(width)} ${n1(height)}" font-family="Helvetica, Arial, sans-serif" font-size="11" role="img">` +
    `<title>${esc(title)}</title>${DEFS}<rect width="100%" height="100%" fill="#fff"/>${body}</svg>`
  );
}

/**
 * Renders a container's load plan as two SVG documents, a top view and a side view, crates
 * coloured by booking, with a legend, the inner dimensions and the centre of gravity. Pure string
 * output: the same container gives the same bytes.
 */
export function renderLoadPlanSvg(container: PlannedContainer, options: SvgOptions = {}): LoadPlanSvg {
  const palette = options.palette ?? PALETTE;
  const drawingWidth = options.drawingWidth ?? 960;
  const { inner } = container.type;
  const s = drawingWidth / inner.length;
  const legend = legendFor(container, palette);
  const title = options.title ?? `Container ${container.index + 1}`;
  const cog = container.centerOfGravity;
  const stops = container.destinations.map((d) => d.stopCode).join(" → ");
  const stats = `${formatInt(container.placements.length)} crates · ${formatInt(container.cargoKg)} kg · ${n1(container.volumeUtilizationPct)} % volume · CoG ${signed(cog.lengthwiseOffsetMm)} mm from mid-length · unload ${stops || "—"}`;
  const totalWidth = MARGIN.left + drawingWidth + MARGIN.right;

  const view = (kind: "top" | "side") => {
    const depth = kind === "top" ? inner.width : inner.height;
    const h = depth * s;
    const x0 = MARGIN.left;
    const y0 = MARGIN.top;
    const body: string[] = [
      `<text x="${x0}" y="20" font-size="14" font-weight="bold">${esc(`${title} · ${container.type.code} · ${kind} view`)}</text>`,
      `<text x="${x0}" y="38">${esc(stats)}</text>`,
      `<rect x="${n1(x0)}" y="${n1(y0)}" width="${n1(drawingWidth)}" height="${n1(h)}" fill="#f4f4f4" stroke="#000" stroke-width="1.5"/>`,
    ];
    const crates = orderForView(container.placements, kind);
    const stackCount = kind === "top" ? countStacks(container.placements) : null;
    for (const p of crates) {
      const x = x0 + p.x * s;
      const w = p.dims.length * s;
      const y = kind === "top" ? y0 + p.y * s : y0 + (inner.height - p.z - p.dims.height) * s;
      const hh = (kind === "top" ? p.dims.width : p.dims.height) * s;
      const color = legend.colors.get(p.bookingId)!;
      body.push(
        `<rect x="${n1(x)}" y="${n1(y)}" width="${n1(w)}" height="${n1(hh)}" fill="${esc(color)}" stroke="#333" stroke-width="0.6"><title>${esc(`${p.bookingId} · ${p.lineId} #${p.crateIndex + 1} · ${p.dims.length}×${p.dims.width}×${p.dims.height} mm · ${formatInt(p.grossKg)} kg · tier ${p.tier}`)}</title></rect>`,
      );
      const stacked = stackCount?.get(stackKey(p));
      if (stacked !== undefined && stacked.count > 1 && p.z === stacked.topZ && w >= 14 && hh >= 11)
        body.push(`<text x="${n1(x + w / 2)}" y="${n1(y + hh / 2 + 4)}" text-anchor="middle" font-size="9">×${stacked.count}</text>`);
    }
    // Front wall and door.
    body.push(
      `<text x="${n1(x0 - 6)}" y="${n1(y0 + h + 14)}" text-anchor="end" font-size="9">FRONT</text>`,
      `<line x1="${n1(x0 + drawingWidth)}" y1="${n1(y0)}" x2="${n1(x0 + drawingWidth)}" y2="${n1(y0 + h)}" stroke="#c00" stroke-width="4"/>`,
      `<text x="${n1(x0 + drawingWidth + 6)}" y="${n1(y0 + h / 2 + 4)}" fill="#c00" font-weight="bold">DOOR</text>`,
    );
    // Centre of gravity: a cross in the top view, a marker under the floor in the side view.
    const cx = x0 + cog.x * s;
    if (kind === "top") {
      const cy = y0 + cog.y * s;
      body.push(
        `<path d="M${n1(cx - 6)},${n1(cy)} H${n1(cx + 6)} M${n1(cx)},${n1(cy - 6)} V${n1(cy + 6)}" stroke="#000" stroke-width="2"/><circle cx="${n1(cx)}" cy="${n1(cy)}" r="4" fill="none" stroke="#000" stroke-width="1.5"/>`,
      );
    } else {
      const fy = y0 + h;
      body.push(`<path d="M${n1(cx)},${n1(fy + 2)} l-5,9 h10 z" fill="#000"/><text x="${n1(cx + 8)}" y="${n1(fy + 11)}" font-size="9">CoG</text>`);
    }
    body.push(
      `<line x1="${n1(x0 + drawingWidth / 2)}" y1="${n1(y0 - 4)}" x2="${n1(x0 + drawingWidth / 2)}" y2="${n1(y0 + h + 4)}" stroke="#666" stroke-dasharray="4 3" stroke-width="0.8"/>`,
      dimensionLine(x0, y0 + h + 22, x0 + drawingWidth, y0 + h + 22, `${formatInt(inner.length)} mm`, false),
      dimensionLine(x0 - 22, y0, x0 - 22, y0 + h, `${formatInt(depth)} mm`, true),
    );
    const legendTop = y0 + h + MARGIN.bottom;
    const l = legendSvg(legend, x0, legendTop, drawingWidth);
    body.push(l.svg);
    return frame(totalWidth, legendTop + l.height + 12, body.join(""), `${title} ${kind} view`);
  };
  return { top: view("top"), side: view("side") };
}

const stackKey = (p: Placement) => `${p.x},${p.y},${p.dims.length},${p.dims.width}`;

/** Painter's order: top view lowest first; side view farthest (largest y) first. */
function orderForView(placements: readonly Placement[], kind: "top" | "side"): Placement[] {
  const ps = [...placements];
  if (kind === "top") ps.sort((a, b) => a.z - b.z || a.x - b.x || a.y - b.y);
  else ps.sort((a, b) => b.y - a.y || a.x - b.x || a.z - b.z);
  return ps;
}

/**
 * Crates per floor position and footprint, and the height of the topmost, for the "×n" labels.
 * Keyed by footprint too: a column standing on a base layer of smaller crates counts its own.
 */
function countStacks(placements: readonly Placement[]): Map<string, { count: number; topZ: number }> {
  const m = new Map<string, { count: number; topZ: number }>();
  for (const p of placements) {
    const k = stackKey(p);
    const s = m.get(k) ?? { count: 0, topZ: p.z };
    s.count++;
    s.topZ = Math.max(s.topZ, p.z);
    m.set(k, s);
  }
  return m;
}
