import { columnWeights } from "./column-bound.js";
import { cargoClass, crateKwh, floorOrientations, maxOnTop, tiersIn } from "./crate.js";
import { type DualFeasibleFunction, dffCandidates, maxCombination } from "./dual-feasible.js";
import { bestLayerPattern, type Footprint, floorTableFor, layerUpperBound } from "./layer-pattern.js";
import type { CargoClass, ContainerType, CrateSpec, CrateTypeBound, LayerPattern, LithiumRules, LithiumUn, LowerBounds } from "./types.js";

export interface BoundItem {
  lineId: string;
  crate: CrateSpec;
  quantity: number;
  /** The footprint the planner pooled the crate into, when it pooled; types follow it. */
  footprint?: Footprint;
}

const EPS = 1e-9;
const ceil = (v: number) => Math.max(0, Math.ceil(v - EPS));

/** Crates that share footprint (as pooled), turning and tiers are one type. */
function typeKey(footprint: Footprint, mayTurn: boolean, tiers: number): string {
  return `${footprint.length}x${footprint.width}${mayTurn ? "t" : ""}/${tiers}`;
}

interface TypeAgg {
  key: string;
  crate: CrateSpec;
  /** Largest footprint in the type (its pattern fits every crate) and smallest (its bound holds). */
  maxLength: number;
  maxWidth: number;
  minLength: number;
  minWidth: number;
  tiers: number;
  quantity: number;
  lineIds: string[];
}

/** A shape for the dual-feasible bound: sizes rounded down to the resolution, so it holds for all. */
interface Shape {
  n: number;
  crate: CrateSpec;
}

/**
 * Lower bounds on the containers of `container` type needed for the given crates. Crates that do
 * not fit this container type (size, door or payload) are left out: they travel in another type.
 */
export function computeLowerBounds(options: {
  items: readonly BoundItem[];
  container: ContainerType;
  lithiumRules?: LithiumRules;
  /** Round sizes down to this many mm for the dual-feasible bound, to keep it fast (default 1). */
  resolution?: number;
}): LowerBounds {
  const all = boundsOf(options);
  const segregation = segregationBound(options);
  return { ...all, segregation, containers: Math.max(all.containers, segregation) };
}

/**
 * Classes that must not share a container never do: the containers holding each class of a
 * pairwise-segregated set are different containers, so their bounds add up. The largest such sum.
 */
function segregationBound(options: Parameters<typeof computeLowerBounds>[0]): number {
  const pairs = options.lithiumRules?.segregate ?? [];
  if (pairs.length === 0) return 0;
  const byClass = new Map<CargoClass, BoundItem[]>();
  for (const item of options.items) {
    const cls = cargoClass(item.crate);
    const list = byClass.get(cls) ?? [];
    list.push(item);
    byClass.set(cls, list);
  }
  const apart = (a: CargoClass, b: CargoClass) => pairs.some(([p, q]) => (p === a && q === b) || (p === b && q === a));
  // Only classes kept apart from another class present count; the others need no bound of their own.
  const present = [...byClass.keys()].sort();
  const classes = present.filter((c) => present.some((d) => apart(c, d)));
  const single = new Map(classes.map((c) => [c, provenPart(boundsOf({ ...options, items: byClass.get(c) ?? [] }))]));
  let best = 0;
  // At most four cargo classes: every subset whose members are pairwise kept apart.
  for (let mask = 1; mask < 1 << classes.length; mask++) {
    const members = classes.filter((_, i) => mask & (1 << i));
    if (members.length < 2 || !members.every((a, i) => members.slice(i + 1).every((b) => apart(a, b)))) continue;
    best = Math.max(
      best,
      members.reduce((sum, c) => sum + (single.get(c) ?? 0), 0),
    );
  }
  return best;
}

/** The part of a class's bounds that is proven: its homogeneous pattern only when proven optimal. */
function provenPart(b: Omit<LowerBounds, "segregation">): number {
  if (b.pattern === null || b.patternProven) return b.containers;
  return Math.max(b.volume, b.weight, b.energy, b.dualFeasible, ...b.byType.map((t) => t.provenBound));
}

function boundsOf(options: Parameters<typeof computeLowerBounds>[0]): Omit<LowerBounds, "segregation"> {
  const { container, lithiumRules } = options;
  const r = options.resolution ?? 1;
  const items = options.items.filter((i) => i.quantity > 0 && i.crate.grossKg <= container.payloadKg && floorOrientations(i.crate, container).length > 0);
  const { inner } = container;

  let volume = 0;
  let mass = 0;
  let kwh = 0;
  const kwhByUn = new Map<LithiumUn, number>();
  const types = new Map<string, TypeAgg>();
  const shapes = new Map<string, Shape>();
  for (const item of items) {
    const c = item.crate;
    volume += c.length * c.width * c.height * item.quantity;
    mass += c.grossKg * item.quantity;
    const e = crateKwh(c) * item.quantity;
    kwh += e;
    if (c.lithium.un !== "none") kwhByUn.set(c.lithium.un, (kwhByUn.get(c.lithium.un) ?? 0) + e);
    const tiers = tiersIn(c, container);
    const key = typeKey(item.footprint ?? c, c.mayTurn, tiers);
    const agg = types.get(key);
    if (agg) {
      agg.quantity += item.quantity;
      agg.lineIds.push(item.lineId);
      agg.maxLength = Math.max(agg.maxLength, c.length);
      agg.maxWidth = Math.max(agg.maxWidth, c.width);
      agg.minLength = Math.min(agg.minLength, c.length);
      agg.minWidth = Math.min(agg.minWidth, c.width);
    } else {
      types.set(key, { key, crate: c, maxLength: c.length, maxWidth: c.width, minLength: c.length, minWidth: c.width, tiers, quantity: item.quantity, lineIds: [item.lineId] });
    }
    const down = (v: number) => Math.max(1, Math.floor(v / r) * r);
    const shapeCrate = { ...c, length: down(c.length), width: down(c.width), height: down(c.height) };
    const shapeKey = `${shapeCrate.length}x${shapeCrate.width}x${shapeCrate.height}${c.mayTurn ? "t" : ""}/${maxOnTop(c)}`;
    const shape = shapes.get(shapeKey);
    if (shape) shape.n += item.quantity;
    else shapes.set(shapeKey, { n: item.quantity, crate: shapeCrate });
  }

  let energy = 0;
  if (lithiumRules?.maxKwhPerContainer !== undefined && lithiumRules.maxKwhPerContainer > 0) energy = ceil(kwh / lithiumRules.maxKwhPerContainer);
  for (const [un, cap] of Object.entries(lithiumRules?.maxKwhPerContainerByUn ?? {})) {
    if (cap !== undefined && cap > 0) energy = Math.max(energy, ceil((kwhByUn.get(un as LithiumUn) ?? 0) / cap));
  }

  const byType: CrateTypeBound[] = [];
  let estimate = 0;
  for (const t of [...types.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const pattern = typePattern(t, container);
    if (!pattern) continue;
    estimate += t.quantity / pattern.perContainer;
    byType.push({
      key: t.key,
      lineIds: t.lineIds,
      quantity: t.quantity,
      pattern,
      containersAtBestPattern: ceil(t.quantity / pattern.perContainer),
      provenBound: ceil(t.quantity / (pattern.perLayerUpperBound * pattern.tiers)),
    });
  }

  const single = byType.length === 1 ? byType[0]! : null;
  const bounds = {
    volume: ceil(volume / (inner.length * inner.width * inner.height)),
    weight: ceil(mass / container.payloadKg),
    energy,
    dualFeasible: dualFeasibleBound([...shapes.values()], container),
    pattern: single ? single.containersAtBestPattern : null,
    patternProven: single ? single.pattern.perLayer === single.pattern.perLayerUpperBound : false,
  };
  const containers = Math.max(bounds.volume, bounds.weight, bounds.energy, bounds.dualFeasible, bounds.pattern ?? 0, ...byType.map((b) => b.provenBound));
  return { containerType: container.code, ...bounds, containers, patternEstimate: ceil(estimate), byType };
}

/**
 * The pattern of a type: at its largest footprint (a pattern every crate of the type fits), with
 * the proven bound at its smallest (a bound every crate obeys). One size: the exact best pattern.
 */
function typePattern(t: TypeAgg, container: ContainerType): LayerPattern | null {
  if (t.minLength === t.maxLength && t.minWidth === t.maxWidth) return bestLayerPattern(t.crate, container);
  const table = floorTableFor(t.crate, container, { length: t.maxLength, width: t.maxWidth });
  if (table.maxCount === 0) return null;
  const smallest = floorOrientations({ ...t.crate, length: Math.floor(t.minLength), width: Math.floor(t.minWidth) }, container);
  const positions = table.blockPositions(table.maxCount);
  const turned = positions.filter((p) => p.rotated).length;
  return {
    containerType: container.code,
    perLayer: table.maxCount,
    perLayerUpperBound: Math.max(table.maxCount, layerUpperBound(container.inner.length, container.inner.width, smallest)),
    tiers: t.tiers,
    perContainer: table.maxCount * t.tiers,
    lengthwise: positions.length - turned,
    turned,
    positions: positions.map((p) => ({ ...p })),
  };
}

/** Steps the triple search may take: |candidates|³ × types × 2 orientations. */
const DFF_BUDGET = 20_000_000;

/**
 * Fekete–Schepers bound: for dual-feasible functions fx, fy, fz, every container holds crates whose
 * transformed volumes fx(dx)·fy(dy)·fz(h) sum to at most 1; a turnable crate counts at its smaller
 * transformed volume. Capacities are the longest reachable sums of extents on each axis.
 */
function dualFeasibleBound(types: readonly Shape[], container: ContainerType): number {
  if (types.length === 0) return 0;
  const { inner } = container;
  const shapes = types.map((t) => ({ n: t.n, h: t.crate.height, o: floorOrientations(t.crate, container) }));
  const X = maxCombination(
    inner.length,
    shapes.flatMap((s) => s.o.map((o) => o.dx)),
  );
  const Y = maxCombination(
    inner.width,
    shapes.flatMap((s) => s.o.map((o) => o.dy)),
  );
  const Z = maxCombination(
    inner.height,
    shapes.map((s) => s.h),
  );
  const limit = Math.max(4, Math.min(40, Math.floor(Math.cbrt(DFF_BUDGET / (2 * shapes.length)))));
  const fxs = dffCandidates(
    X,
    shapes.flatMap((s) => s.o.map((o) => o.dx)),
    16,
    limit,
  );
  const fys = dffCandidates(
    Y,
    shapes.flatMap((s) => s.o.map((o) => o.dy)),
    16,
    limit,
  );
  const fzs = dffCandidates(
    Z,
    shapes.map((s) => s.h),
    16,
    limit,
  );

  // Per axis and function, the transformed extent of each type in each orientation (flat arrays:
  // [function][type * 2 + orientation]); a type that cannot turn repeats its one orientation.
  const T = shapes.length;
  const transform = (fs: DualFeasibleFunction[], extent: (s: (typeof shapes)[number], o: number) => number) => {
    const out = new Float64Array(fs.length * T * 2);
    fs.forEach((f, k) => {
      shapes.forEach((s, t) => {
        out[k * T * 2 + t * 2] = f.apply(extent(s, 0));
        out[k * T * 2 + t * 2 + 1] = f.apply(extent(s, s.o.length > 1 ? 1 : 0));
      });
    });
    return out;
  };
  const vx = transform(fxs, (s, o) => s.o[o]!.dx);
  const vy = transform(fys, (s, o) => s.o[o]!.dy);
  // Vertical candidates: the dual-feasible functions of height, then the stacking weights
  // (column-bound.ts), which also count the crates stack limits keep off the top of a crate.
  const stacking = stackingWeights(types, inner.length * inner.width, inner.height);
  const Z_CANDIDATES = fzs.length + 1;
  const vz = new Float64Array(Z_CANDIDATES * T);
  fzs.forEach((f, k) => {
    shapes.forEach((s, t) => {
      vz[k * T + t] = f.apply(s.h);
    });
  });
  shapes.forEach((_, t) => {
    vz[fzs.length * T + t] = stacking[t]!;
  });

  let best = 0;
  const floorShare = new Float64Array(T);
  for (let a = 0; a < fxs.length; a++) {
    for (let b = 0; b < fys.length; b++) {
      for (let t = 0; t < T; t++) {
        const i = a * T * 2 + t * 2;
        const j = b * T * 2 + t * 2;
        floorShare[t] = shapes[t]!.n * Math.min(vx[i]! * vy[j]!, vx[i + 1]! * vy[j + 1]!);
      }
      for (let c = 0; c < Z_CANDIDATES; c++) {
        let sum = 0;
        for (let t = 0; t < T; t++) sum += floorShare[t]! * vz[c * T + t]!;
        if (sum > best) best = sum;
      }
    }
  }
  return ceil(best);
}

/**
 * Heights are grouped in steps of mm, rounded down (a relaxation: the bound holds); the step grows
 * until there are at most MAX_STACK_GROUPS groups, which keeps the LP small. Beyond the largest
 * step the stacking weights are left out (weights of 0 are feasible, just weak).
 */
const STACK_HEIGHT_STEPS = [10, 25, 50, 100, 200];
const MAX_STACK_GROUPS = 24;

/**
 * Stacking weights per shape (column-bound.ts): shapes grouped by height (rounded down) and
 * stack limit, the LP valued by each group's floor share of one container.
 */
function stackingWeights(types: readonly Shape[], floorArea: number, height: number): number[] {
  for (const step of STACK_HEIGHT_STEPS) {
    const groups: { height: number; maxTiers: number; value: number }[] = [];
    const index = new Map<string, number>();
    const groupOf = types.map((t) => {
      const h = Math.max(1, Math.floor(t.crate.height / step) * step);
      const tiers = maxOnTop(t.crate) + 1;
      const key = `${h}/${tiers}`;
      let g = index.get(key);
      if (g === undefined) {
        g = groups.length;
        index.set(key, g);
        groups.push({ height: h, maxTiers: tiers, value: 0 });
      }
      groups[g]!.value += (t.n * t.crate.length * t.crate.width) / floorArea;
      return g;
    });
    if (groups.length > MAX_STACK_GROUPS) continue;
    const weights = columnWeights(groups, height);
    return groupOf.map((g) => weights[g] ?? 0);
  }
  return types.map(() => 0);
}
