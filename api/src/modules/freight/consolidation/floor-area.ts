import type { Placement } from "./types.js";

/**
 * Floor area under some crate: the union of the crates' outlines seen from above. Columns of one
 * footprint share an outline, so the common case is the crates on the floor added up; only when
 * a crate stands wider than what is under it (a column on a base layer of smaller crates, or a
 * crate placed by hand across two columns) is the union computed, by a sweep along x.
 */
export function coveredFloorArea(placements: readonly Placement[]): number {
  const onFloor = new Map<number, Placement[]>();
  let area = 0;
  for (const p of placements) {
    if (p.z !== 0) continue;
    const list = onFloor.get(p.x);
    if (list) list.push(p);
    else onFloor.set(p.x, [p]);
    area += p.dims.length * p.dims.width;
  }
  const sameOutline = (a: Placement, b: Placement) => a.y === b.y && a.dims.length === b.dims.length && a.dims.width === b.dims.width;
  const raised: Placement[] = [];
  for (const p of placements) {
    if (p.z !== 0 && !onFloor.get(p.x)?.some((q) => sameOutline(p, q)) && !raised.some((q) => q.x === p.x && sameOutline(p, q))) raised.push(p);
  }
  if (raised.length === 0) return area;
  return unionArea([...placements.filter((p) => p.z === 0), ...raised]);
}

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
