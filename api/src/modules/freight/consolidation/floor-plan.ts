import type { FloorPatternTable, FloorPosition } from "./layer-pattern.js";

/**
 * Crates of one column pool at one stop, with what decides whether they can form a base layer
 * under a taller block or stand on one: sizes when every crate in the pool is the same size
 * (null otherwise), the fewest crates any of them may carry, and the masses.
 */
export interface PoolDemand {
  key: string;
  crates: number;
  tiers: number;
  /** Length, width and height shared by every crate of the pool; null when they differ. */
  exact: { length: number; width: number; height: number } | null;
  maxOnTop: number;
  minKg: number;
  maxKg: number;
}

/** Columns of one footprint wanted at one stop of a container. */
export interface BlockDemand {
  key: string;
  table: FloorPatternTable;
  columns: number;
  /** The pools the columns come from; needed only to plan base layers. */
  pools?: readonly PoolDemand[];
  /** Stands on a base layer: laid out as a block of its own, never in another block's strip. */
  raised?: boolean;
  /** The footprint whose columns the block takes, when its key differs (a raised part). */
  footprint?: string;
}

/**
 * A layer (or a few) of low crates of one pool filling the floor under a block of tall crates
 * whose columns leave headroom: e-motorcycle crates stand two high (2.2 m of 2.697 m), so a
 * layer of 400 mm CKD cartons under them uses height that would stay empty.
 */
export interface BaseLayer {
  /** Footprint key of the block standing on the layer. */
  hostKey: string;
  /** Footprint key and pool of the crates in the layer. */
  key: string;
  pool: string;
  table: FloorPatternTable;
  /** Layers of pads, and the crate height: the host block stands at layers × height. */
  layers: number;
  height: number;
  /** Crates in all layers together. */
  crates: number;
}

export interface BaseRules {
  /** Inner height and width of the container. */
  height: number;
  width: number;
  /** Smallest share of a crate's base that must rest on the layer below. */
  minSupport: number;
}

/** Columns of a narrower footprint standing in the strip a host block leaves along the side wall. */
export interface GuestRegion {
  key: string;
  columns: number;
  /** From the host block's start. */
  xOffset: number;
  length: number;
  /** From the left wall: where the host pattern ends. */
  yOffset: number;
  width: number;
}

export interface HostBlock {
  key: string;
  /** The host's own columns in its pattern block; may be 0 when all went into other strips. */
  columns: number;
  length: number;
  guests: GuestRegion[];
  /** Low crates under the host's columns (not under its guests), if any. */
  base?: BaseLayer;
}

/**
 * Chooses base layers for one stop. For each footprint whose columns leave headroom (widest
 * first), the pool of low crates that fills most volume under it: a pad of base crates under
 * each of as many of its columns as the pool covers whole (in one or more layers). Those columns
 * become a raised block of their own, the rest stay on the floor. A base must hold what stands
 * on it (see `baseHolds`), and a raised block is kept only when the stop's floor gets no longer.
 * Returns the demands with the base crates taken out of their pools' columns.
 */
export function assignBaseLayers(demands: readonly BlockDemand[], rules: BaseRules): { demands: BlockDemand[]; bases: BaseLayer[]; length: number } {
  const bases: BaseLayer[] = [];
  if (!mayHaveBase(demands, rules.height)) return { demands: [...demands], bases, length: walk(demands, rules.width, null) };
  // Sorted by key: the choice must not depend on the order the demands come in, or the filler
  // (which lists the block it changes first) and the layout would disagree on the floor length.
  let current = demands.filter((d) => d.columns > 0).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let currentLength = -1;
  const hosts = [...current].sort(byWidthThenKey);
  const done = new Set<string>();
  for (const host of hosts) {
    const hp = host.pools;
    if (hp?.length !== 1 || done.has(host.key)) continue;
    const h = hp[0]!;
    if (!h.exact || !matchesTable(h.exact, host.table)) continue;
    const headroom = rules.height - Math.min(h.tiers, h.crates) * h.exact.height;
    let best: { base: BaseLayer; volume: number; columns: number } | null = null;
    for (const cand of current) {
      if (cand.key === host.key || done.has(cand.key) || !cand.pools) continue;
      for (const b of cand.pools) {
        if (!b.exact || b.exact.height > headroom || b.crates === 0 || !matchesTable(b.exact, cand.table)) continue;
        const crateVolume = b.exact.length * b.exact.width * b.exact.height;
        for (let layers = Math.min(Math.floor(headroom / b.exact.height), b.tiers); layers >= 1; layers--) {
          // Most host columns whose pads the pool fills, `layers` deep.
          let lo = 0;
          let hi = host.columns;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (layers * baseGeometry(host.table, mid, cand.table).perLayer <= b.crates) lo = mid;
            else hi = mid - 1;
          }
          if (lo === 0) continue;
          const geometry = baseGeometry(host.table, lo, cand.table);
          if (!baseHolds(geometry, layers, h, b, rules.minSupport)) continue;
          const volume = layers * geometry.perLayer * crateVolume;
          // Ties go to the first candidate in key order (see above).
          if (!best || volume > best.volume) {
            const base = {
              hostKey: `${host.key}${RAISED}`,
              key: cand.key,
              pool: b.key,
              table: cand.table,
              layers,
              height: b.exact.height,
              crates: layers * geometry.perLayer,
            };
            best = { base, volume, columns: lo };
          }
          break;
        }
      }
    }
    if (!best) continue;
    const { base, columns } = best;
    const trial: BlockDemand[] = [];
    for (const d of current) {
      if (d.key === host.key) {
        trial.push({ key: base.hostKey, footprint: host.key, table: host.table, columns, raised: true });
        if (host.columns > columns) trial.push({ key: host.key, table: host.table, columns: host.columns - columns });
      } else if (d.key === base.key) {
        const pools = d.pools!.map((p) => (p.key === base.pool ? { ...p, crates: p.crates - base.crates } : p));
        const left = pools.reduce((s, p) => s + Math.ceil(p.crates / p.tiers), 0);
        if (left > 0) trial.push({ ...d, pools, columns: left });
      } else trial.push(d);
    }
    if (currentLength < 0) currentLength = walk(current, rules.width, null);
    const trialLength = walk(trial, rules.width, null);
    done.add(host.key);
    if (trialLength > currentLength) continue;
    current = trial;
    currentLength = trialLength;
    bases.push(base);
    done.add(base.key);
  }
  // `current` holds the same columns as `demands` when no base was taken, so its walk is theirs.
  return { demands: bases.length > 0 ? current : [...demands], bases, length: currentLength >= 0 ? currentLength : walk(current, rules.width, null) };
}

/** Cheap test first: some footprint of one exact size with headroom over another's exact pool. */
function mayHaveBase(demands: readonly BlockDemand[], height: number): boolean {
  for (const host of demands) {
    const h = host.pools?.length === 1 ? host.pools[0]! : null;
    if (!h?.exact || host.columns === 0) continue;
    const headroom = height - Math.min(h.tiers, h.crates) * h.exact.height;
    for (const cand of demands) {
      if (cand !== host && cand.pools?.some((p) => p.exact !== null && p.crates > 0 && p.exact.height <= headroom)) return true;
    }
  }
  return false;
}

/** Key suffix of the part of a block that stands on a base layer. */
const RAISED = "\u0002raised";

function matchesTable(size: { length: number; width: number }, table: FloorPatternTable): boolean {
  return table.orientations.some((o) => (o.rotated ? o.dx === size.width && o.dy === size.length : o.dx === size.length && o.dy === size.width));
}

interface BaseGeometry {
  /** Base crates under the whole block: a pad under each host column. */
  perLayer: number;
  /** Pad positions, relative to the block corner (the host's own positions offset). */
  positions: FloorPosition[];
  /** Least share of a host crate's base resting on its pad. */
  minCover: number;
  /** Fewest base crates in one column's pad (the load of a column spreads over them). */
  minPad: number;
}

const geometryCache = new WeakMap<FloorPatternTable, WeakMap<FloorPatternTable, Map<number, BaseGeometry>>>();

/**
 * The base layer under a block as pads: under each host column, the most base crates that fit
 * inside its footprint. Every base crate then carries one column only, and each column rests on
 * its own pad. Cached per host table, column count and base table.
 */
export function baseGeometry(host: FloorPatternTable, columns: number, base: FloorPatternTable): BaseGeometry {
  let byBase = geometryCache.get(host);
  if (!byBase) {
    byBase = new WeakMap();
    geometryCache.set(host, byBase);
  }
  let byColumns = byBase.get(base);
  if (!byColumns) {
    byColumns = new Map();
    byBase.set(base, byColumns);
  }
  let g = byColumns.get(columns);
  if (!g) {
    g = { perLayer: 0, positions: [], minCover: 0, minPad: 0 };
    if (Number.isFinite(host.lengthFor(columns))) {
      let minCover = Number.POSITIVE_INFINITY;
      let minPad = Number.POSITIVE_INFINITY;
      const positions: FloorPosition[] = [];
      for (const p of host.blockPositions(columns)) {
        const o = host.orientations.find((q) => q.rotated === p.rotated)!;
        const n = base.countIn(o.dx, o.dy);
        const pad = n > 0 ? base.positionsIn(o.dx, o.dy, n) : [];
        let covered = 0;
        for (const q of pad) {
          const b = base.orientations.find((r) => r.rotated === q.rotated)!;
          covered += b.dx * b.dy;
          positions.push({ x: p.x + q.x, y: p.y + q.y, rotated: q.rotated });
        }
        minCover = Math.min(minCover, covered / (o.dx * o.dy));
        minPad = Math.min(minPad, n);
      }
      g = { perLayer: positions.length, positions, minCover: positions.length > 0 ? minCover : 0, minPad: positions.length > 0 ? minPad : 0 };
    }
    byColumns.set(columns, g);
  }
  return g;
}

/**
 * Whether `layers` layers of base crates hold the host columns: support, stack limits (the
 * layers above and the host column, counted as checkPlan counts) and weight: a column's weight
 * spread over its pad must not exceed what a base crate bears under a full stack of its own kind.
 */
function baseHolds(g: BaseGeometry, layers: number, host: PoolDemand, base: PoolDemand, minSupport: number): boolean {
  if (g.perLayer === 0 || g.minCover < minSupport - 1e-9) return false;
  if (layers - 1 + host.tiers > base.maxOnTop) return false;
  const kg = (layers - 1) * base.maxKg + (host.tiers * host.maxKg) / g.minPad;
  return kg <= base.maxOnTop * base.minKg + 1e-9;
}

/**
 * Lays out the blocks of one stop along the floor. A block's pattern often leaves a strip along
 * the side wall (three 650 mm e-motorcycle crates across 2,350 mm leave 400 mm for the whole
 * block length); narrower footprints of the same stop stand there before they get blocks of
 * their own. Widest footprints host first; a footprint only visits blocks laid out before it.
 */
export function planStopFloor(demands: readonly BlockDemand[], width: number, bases: readonly BaseLayer[] = []): { length: number; hosts: HostBlock[] } {
  const hosts: HostBlock[] = [];
  const length = walk(demands, width, hosts);
  for (const base of bases) {
    const host = hosts.find((h) => h.key === base.hostKey);
    if (host) host.base = base;
  }
  return { length, hosts };
}

/**
 * The floor length of a stop (base layers chosen, then `planStopFloor`), without building the
 * layout: the filler's hot path.
 */
export function stopFloorLength(demands: readonly BlockDemand[], rules: BaseRules): number {
  if (demands.length === 1) return demands[0]!.table.lengthFor(demands[0]!.columns);
  return assignBaseLayers(demands, rules).length;
}

const byWidthThenKey = (a: BlockDemand, b: BlockDemand) => b.table.minAcross - a.table.minAcross || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function walk(demands: readonly BlockDemand[], width: number, hosts: HostBlock[] | null): number {
  const order = demands.filter((d) => d.columns > 0).sort(byWidthThenKey);
  const left = order.map((d) => d.columns);
  let total = 0;
  for (let h = 0; h < order.length; h++) {
    const own = left[h]!;
    if (own === 0) continue;
    const host = order[h]!;
    const length = host.table.lengthFor(own);
    if (length === Number.POSITIVE_INFINITY) return length;
    const guests: GuestRegion[] = [];
    const yOffset = host.table.widthUsed(own);
    const strip = width - yOffset;
    let x = 0;
    for (let g = h + 1; g < order.length && strip > 0 && x < length; g++) {
      const guest = order[g]!;
      if (left[g] === 0 || guest.raised || guest.table.minAcross > strip) continue;
      const take = Math.min(guest.table.countIn(length - x, strip), left[g]!);
      if (take === 0) continue;
      const used = guest.table.lengthIn(strip, take);
      if (hosts) guests.push({ key: guest.key, columns: take, xOffset: x, length: used, yOffset, width: strip });
      left[g] = left[g]! - take;
      x += used;
    }
    hosts?.push({ key: host.key, columns: own, length, guests });
    total += length;
  }
  return total;
}
