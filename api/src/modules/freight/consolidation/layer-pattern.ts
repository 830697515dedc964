import { type FloorOrientation, floorOrientations, tiersIn } from "./crate.js";
import { type DualFeasibleFunction, identityDff, maxCombination, roundingDff } from "./dual-feasible.js";
import type { ContainerType, CrateSpec, LayerPattern } from "./types.js";

export interface FloorPosition {
  x: number;
  y: number;
  rotated: boolean;
}

/**
 * Exact guillotine patterns for one footprint (in up to two orientations) on every rectangle
 * [0, x] × [0, y] whose sides are "normal" (sums of the footprint's extents, Herz 1972), computed
 * once per footprint and container. A block of n columns of the footprint then takes the shortest
 * length along the container that holds n in the full width, so the same table answers "how long
 * is this block" in O(1) while filling and "where do the columns stand" when laying out.
 */
export class FloorPatternTable {
  readonly xs: Int32Array;
  readonly ys: Int32Array;
  /** Crates per layer in the full floor. */
  readonly maxCount: number;
  /** Shortest normal length (index into xs) holding at least c columns over the full width. */
  private readonly minIndexByCount: Int32Array;
  private readonly count: Int32Array;
  private readonly kind: Uint8Array;
  private readonly arg: Int32Array;
  private readonly normX: Int32Array;
  private readonly normY: Int32Array;
  private readonly positionsCache = new Map<number, FloorPosition[]>();
  private readonly widthCache = new Map<number, number>();
  /** Narrowest extent across the container over the orientations. */
  readonly minAcross: number;
  /** Proven bound on columns per layer, filled in by `bestLayerPattern`. */
  upperBound: number | undefined;
  private readonly fullY: number;

  constructor(
    readonly length: number,
    readonly width: number,
    readonly orientations: readonly FloorOrientation[],
    /**
     * Cut positions kept per this many mm (1 = every normal position). Thinning only drops cut
     * positions, never changes crate sizes, so patterns stay valid and whole grids stay exact.
     */
    readonly step: number,
  ) {
    const ox = orientations.map((o) => o.dx);
    const oy = orientations.map((o) => o.dy);
    this.minAcross = oy.length > 0 ? Math.min(...oy) : Number.POSITIVE_INFINITY;
    const xSet = normalSet(length, ox, step);
    const ySet = normalSet(width, oy, step);
    this.xs = xSet.values;
    this.ys = ySet.values;
    this.normX = xSet.norm;
    this.normY = ySet.norm;
    const nx = this.xs.length;
    const ny = this.ys.length;
    const { count, kinds, args } = guillotineTable(this.xs, this.ys, this.normX, this.normY, ox, oy);
    this.count = count;
    this.kind = kinds;
    this.arg = args;

    this.fullY = ny - 1;
    let maxCount = 0;
    for (let i = 0; i < nx; i++) maxCount = Math.max(maxCount, this.count[i * ny + this.fullY]!);
    this.maxCount = maxCount;
    this.minIndexByCount = new Int32Array(maxCount + 1).fill(-1);
    let reached = 0;
    for (let i = 0; i < nx && reached < maxCount; i++) {
      const c = this.count[i * ny + this.fullY]!;
      while (reached < c) this.minIndexByCount[++reached] = i;
    }
    this.minIndexByCount[0] = 0;
  }

  /** Shortest length along the container that holds `columns` columns, or Infinity. */
  lengthFor(columns: number): number {
    if (columns <= 0) return 0;
    if (columns > this.maxCount) return Number.POSITIVE_INFINITY;
    return this.xs[this.minIndexByCount[columns]!]!;
  }

  /** Most columns a block of at most `length` holds. */
  columnsWithin(length: number): number {
    let lo = 0;
    let hi = this.maxCount;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lengthFor(mid) <= length) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Width the shortest block of `columns` columns takes from the left wall. */
  widthUsed(columns: number): number {
    if (columns <= 0) return 0;
    let cached = this.widthCache.get(columns);
    if (cached === undefined) {
      cached = 0;
      for (const p of this.blockPositions(columns)) {
        const o = this.orientations.find((q) => q.rotated === p.rotated)!;
        cached = Math.max(cached, p.y + o.dy);
      }
      this.widthCache.set(columns, cached);
    }
    return cached;
  }

  /** Most columns in a free rectangle of the floor. */
  countIn(length: number, width: number): number {
    if (length <= 0 || width <= 0) return 0;
    return this.count[this.normX[Math.min(length, this.length)]! * this.ys.length + this.normY[Math.min(width, this.width)]!]!;
  }

  /** Shortest length of a `width`-wide rectangle holding `columns` columns, or Infinity. */
  lengthIn(width: number, columns: number): number {
    if (columns <= 0) return 0;
    if (width <= 0) return Number.POSITIVE_INFINITY;
    const ny = this.ys.length;
    const j = this.normY[Math.min(width, this.width)]!;
    const last = this.xs.length - 1;
    if (this.count[last * ny + j]! < columns) return Number.POSITIVE_INFINITY;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.count[mid * ny + j]! >= columns) hi = mid;
      else lo = mid + 1;
    }
    return this.xs[lo]!;
  }

  /** Positions of `columns` columns in a length × width rectangle, deepest first. */
  positionsIn(length: number, width: number, columns: number): FloorPosition[] {
    const i = this.normX[Math.min(length, this.length)]!;
    const j = this.normY[Math.min(width, this.width)]!;
    const key = -(i * this.ys.length + j) - 1;
    let all = this.positionsCache.get(key);
    if (!all) {
      all = this.reconstruct(i, j);
      this.positionsCache.set(key, all);
    }
    if (all.length < columns) throw new RangeError(`${columns} columns exceed ${all.length} in ${length}×${width}`);
    return all.slice(0, columns);
  }

  /**
   * Positions of `columns` columns in the shortest block holding them, deepest first (by x, then
   * y), relative to the block's corner.
   */
  blockPositions(columns: number): FloorPosition[] {
    if (columns <= 0) return [];
    const i = this.minIndexByCount[columns];
    if (i === undefined || i < 0) throw new RangeError(`${columns} columns exceed the floor pattern (${this.maxCount})`);
    let all = this.positionsCache.get(i);
    if (!all) {
      all = this.reconstruct(i, this.fullY);
      this.positionsCache.set(i, all);
    }
    return all.slice(0, columns);
  }

  private reconstruct(i0: number, j0: number): FloorPosition[] {
    const ny = this.ys.length;
    const out: FloorPosition[] = [];
    const stack: Array<[number, number, number, number]> = [[i0, j0, 0, 0]];
    while (stack.length > 0) {
      const [i, j, ox, oy] = stack.pop()!;
      const cell = i * ny + j;
      const x = this.xs[i]!;
      const y = this.ys[j]!;
      const kind = this.kind[cell]!;
      const arg = this.arg[cell]!;
      if (kind === 0) {
        if (arg < 0) continue;
        const { dx, dy, rotated } = this.orientations[arg]!;
        const nx = Math.floor(x / dx);
        const nyy = Math.floor(y / dy);
        for (let a = 0; a < nx; a++) for (let b = 0; b < nyy; b++) out.push({ x: ox + a * dx, y: oy + b * dy, rotated });
      } else if (kind === 1) {
        const xa = this.xs[arg]!;
        stack.push([arg, j, ox, oy], [this.normX[x - xa]!, j, ox + xa, oy]);
      } else {
        const yb = this.ys[arg]!;
        stack.push([i, arg, ox, oy], [i, this.normY[y - yb]!, ox, oy + yb]);
      }
    }
    return out.sort((p, q) => p.x - q.x || p.y - q.y);
  }
}

/**
 * The guillotine recursion over normal rectangles: count[i, j] is the most crates in xs[i] × ys[j],
 * with the decision (grid in orientation `arg`, cut along x at xs[arg], or along y at ys[arg]).
 */
function guillotineTable(xs: Int32Array, ys: Int32Array, normX: Int32Array, normY: Int32Array, ox: readonly number[], oy: readonly number[]) {
  const nx = xs.length;
  const ny = ys.length;
  const count = new Int32Array(nx * ny);
  const kinds = new Uint8Array(nx * ny);
  const args = new Int32Array(nx * ny);
  const area = ox.length > 0 ? ox[0]! * oy[0]! : 1;
  const no = ox.length;
  for (let i = 0; i < nx; i++) {
    const x = xs[i]!;
    for (let j = 0; j < ny; j++) {
      const y = ys[j]!;
      const cell = i * ny + j;
      let best = 0;
      let kind = 0;
      let arg = -1;
      for (let o = 0; o < no; o++) {
        const c = Math.floor(x / ox[o]!) * Math.floor(y / oy[o]!);
        if (c > best) {
          best = c;
          arg = o;
        }
      }
      const ceiling = Math.floor((x * y) / area);
      // Cuts across the length: the first piece is the smaller one, the rest is normalised.
      for (let a = 1; a < nx && best < ceiling; a++) {
        const xa = xs[a]!;
        if (2 * xa > x) break;
        const v = count[a * ny + j]! + count[normX[x - xa]! * ny + j]!;
        if (v > best) {
          best = v;
          kind = 1;
          arg = a;
        }
      }
      const row = i * ny;
      for (let b = 1; b < ny && best < ceiling; b++) {
        const yb = ys[b]!;
        if (2 * yb > y) break;
        const v = count[row + b]! + count[row + normY[y - yb]!]!;
        if (v > best) {
          best = v;
          kind = 2;
          arg = b;
        }
      }
      count[cell] = best;
      kinds[cell] = kind;
      args[cell] = arg;
    }
  }
  return { count, kinds, args };
}

/**
 * Sums of the extents up to the capacity (Herz's normal patterns: cuts elsewhere only waste), at
 * most one per `step` mm (the largest of each bucket), with `norm[v]` the index of the largest kept
 * value ≤ v.
 */
function normalSet(capacity: number, sizes: readonly number[], step: number): { values: Int32Array; norm: Int32Array } {
  const reach = reachable(capacity, sizes);
  const values: number[] = [];
  for (let v = 0; v <= capacity; v++) {
    if (reach[v] !== 1) continue;
    const last = values[values.length - 1];
    if (last !== undefined && last > 0 && Math.floor(last / step) === Math.floor(v / step)) values[values.length - 1] = v;
    else values.push(v);
  }
  const norm = new Int32Array(capacity + 1);
  let k = 0;
  for (let v = 0; v <= capacity; v++) {
    while (k + 1 < values.length && values[k + 1]! <= v) k++;
    norm[v] = k;
  }
  return { values: Int32Array.from(values), norm };
}

function reachable(capacity: number, sizes: readonly number[]): Uint8Array {
  const reach = new Uint8Array(capacity + 1);
  reach[0] = 1;
  const distinct = [...new Set(sizes)].filter((s) => s > 0 && s <= capacity);
  for (let v = 1; v <= capacity; v++) {
    for (const s of distinct) {
      if (s <= v && reach[v - s] === 1) {
        reach[v] = 1;
        break;
      }
    }
  }
  return reach;
}

/**
 * Estimated inner-loop steps of a table (cuts stop at half the side and at the area ceiling, so
 * nx·ny·(nx+ny)/4 overestimates); the step grows until the estimate fits: at most ~0.1 s a table.
 */
const TABLE_BUDGET = 8_000_000;

function countThinned(reach: Uint8Array, step: number): number {
  let n = 0;
  let bucket = -2;
  for (let v = 0; v < reach.length; v++) {
    if (reach[v] !== 1) continue;
    const b = v === 0 ? -1 : Math.floor(v / step);
    if (b !== bucket) n++;
    bucket = b;
  }
  return n;
}

/** Builds the table with the finest cut step (1 … 100 mm) whose cost fits the budget. */
export function buildFloorPatternTable(length: number, width: number, orientations: readonly FloorOrientation[]): FloorPatternTable {
  const rx = reachable(
    length,
    orientations.map((o) => o.dx),
  );
  const ry = reachable(
    width,
    orientations.map((o) => o.dy),
  );
  for (const step of [1, 2, 5, 10, 20, 25, 50]) {
    const nx = countThinned(rx, step);
    const ny = countThinned(ry, step);
    if ((nx * ny * (nx + ny)) / 4 <= TABLE_BUDGET) return new FloorPatternTable(length, width, orientations, step);
  }
  return new FloorPatternTable(length, width, orientations, 100);
}

/**
 * Proven upper bound on identical footprints per layer: the better of the area bound over the
 * longest and widest reachable sums of extents (Barnes 1979) and a two-axis dual-feasible bound.
 */
export function layerUpperBound(length: number, width: number, orientations: readonly FloorOrientation[]): number {
  if (orientations.length === 0) return 0;
  if (orientations.length === 1) {
    const o = orientations[0]!;
    return Math.floor(length / o.dx) * Math.floor(width / o.dy);
  }
  const xStar = maxCombination(
    length,
    orientations.map((o) => o.dx),
  );
  const yStar = maxCombination(
    width,
    orientations.map((o) => o.dy),
  );
  const area = orientations[0]!.dx * orientations[0]!.dy;
  let best = Math.floor((xStar * yStar) / area + 1e-9);
  const family = (cap: number): DualFeasibleFunction[] => [identityDff(cap), ...Array.from({ length: 24 }, (_, k) => roundingDff(cap, k + 1))];
  const fxs = family(xStar);
  const fys = family(yStar);
  for (const fx of fxs) {
    for (const fy of fys) {
      let share = Number.POSITIVE_INFINITY;
      for (const o of orientations) share = Math.min(share, fx.apply(o.dx) * fy.apply(o.dy));
      if (share > 0) best = Math.min(best, Math.floor(1 / share + 1e-9));
    }
  }
  return best;
}

/**
 * Tables by floor and canonical orientations, shared by all plans in the process. Least recently
 * used tables go first beyond the cap, so a long-running API does not grow without bound.
 */
const tableCache = new Map<string, FloorPatternTable>();
const TABLE_CACHE_CAP = 400;

/** The floor size a crate is planned with: its own, or the largest of the crates pooled with it. */
export interface Footprint {
  length: number;
  width: number;
}

/**
 * The orientations a pattern table uses for a crate: those the crate itself may stand in, with
 * its planning footprint (whole millimetres, rounded up; capped at what the container and door
 * allow, which the crate itself respects), so crates a few millimetres apart share one table.
 */
export function canonicalOrientations(crate: CrateSpec, container: ContainerType, footprint: Footprint = crate): FloorOrientation[] {
  const across = Math.min(container.inner.width, container.door.width);
  const l = Math.ceil(Math.max(footprint.length, crate.length));
  const w = Math.ceil(Math.max(footprint.width, crate.width));
  return floorOrientations(crate, container).map((o) => ({
    dx: Math.min(o.rotated ? w : l, container.inner.length),
    dy: Math.min(o.rotated ? l : w, across),
    rotated: o.rotated,
  }));
}

/** Crates with the same key share pattern blocks and columns. */
export function footprintKey(crate: CrateSpec, container: ContainerType, footprint: Footprint = crate): string {
  return canonicalOrientations(crate, container, footprint)
    .map((o) => `${o.dx}x${o.dy}${o.rotated ? "r" : ""}`)
    .join(",");
}

/** The (cached) pattern table for a crate's footprint on a container type's floor. */
export function floorTableFor(crate: CrateSpec, container: ContainerType, footprint: Footprint = crate): FloorPatternTable {
  const key = `${container.inner.length}x${container.inner.width}|${footprintKey(crate, container, footprint)}`;
  let table = tableCache.get(key);
  if (table) {
    tableCache.delete(key);
  } else {
    table = buildFloorPatternTable(container.inner.length, container.inner.width, canonicalOrientations(crate, container, footprint));
    if (tableCache.size >= TABLE_CACHE_CAP) tableCache.delete(tableCache.keys().next().value!);
  }
  tableCache.set(key, table);
  return table;
}

/**
 * The best layer pattern for a crate in a container: guillotine floor pattern in both
 * orientations, times the tiers the height and stack limit allow. Null when the crate cannot be
 * loaded into this container type at all.
 */
export function bestLayerPattern(crate: CrateSpec, container: ContainerType): LayerPattern | null {
  const orientations = floorOrientations(crate, container);
  if (orientations.length === 0) return null;
  const table = floorTableFor(crate, container);
  const positions = table.blockPositions(table.maxCount);
  const tiers = tiersIn(crate, container);
  const turned = positions.filter((p) => p.rotated).length;
  // Sizes rounded down keep the upper bound valid for fractional millimetres.
  const floored = orientations.map((o) => ({ dx: Math.floor(o.dx), dy: Math.floor(o.dy), rotated: o.rotated }));
  table.upperBound ??= Math.max(table.maxCount, layerUpperBound(container.inner.length, container.inner.width, floored));
  return {
    containerType: container.code,
    perLayer: table.maxCount,
    perLayerUpperBound: table.upperBound,
    tiers,
    perContainer: table.maxCount * tiers,
    lengthwise: positions.length - turned,
    turned,
    positions: positions.map((p) => ({ ...p })),
  };
}
