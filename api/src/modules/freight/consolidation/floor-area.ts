import type { Placement } from "./types.js";

/**
 * Floor area under some crate: the union of the crates' outlines seen from above. Columns of one
 * footprint share an outline, so the common case is the crates on the floor added up; only when
 * a crate stands wider than what is under it (a column on a base layer of smaller crates, or a
 * crate placed by hand across two columns) is the union computed, by a sweep along x.
 */
export function coveredFloorArea(placements: readonly Placement[]): number {
  const onFloor = new Set<string>();
  let area = 0;
  for (const p of placements) {
    if (p.z !== 0) continue;
    onFloor.add(outline(p));
    area += p.dims.length * p.dims.width;
  }
  const rects = new Map<string, Placement>();
  let simple = true;
  for (const p of placements) {
    const key = outline(p);
    if (p.z !== 0 && !onFloor.has(key)) simple = false;
    if (!rects.has(key)) rects.set(key, p);
  }
  return simple ? area : unionArea([...rects.values()]);
}

const outline = (p: Placement) => `${p.x},${p.y},${p.dims.length},${p.dims.width}`;

function unionArea(rects: readonly Placement[]): number {
  const xs = [...new Set(rects.flatMap((r) => [r.x, r.x + r.dims.length]))].sort((a, b) => a - b);
  let area = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const x0 = xs[i]!;
    const x1 = xs[i + 1]!;
    const spans: Array<[number, number]> = [];
    for (const r of rects) if (r.x <= x0 && r.x + r.dims.length >= x1) spans.push([r.y, r.y + r.dims.width]);
    if (spans.length === 0) continue;
    spans.sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let [lo, hi] = spans[0]!;
    for (const [a, b] of spans) {
      if (a > hi) {
        covered += hi - lo;
        lo = a;
        hi = b;
      } else hi = Math.max(hi, b);
    }
    covered += hi - lo;
    area += covered * (x1 - x0);
  }
  return area;
}
