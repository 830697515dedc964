import { cargoClass, crateKwh, floorOrientations, maxOnTop, tiersIn } from "./crate.js";
import { type BaseRules, type BlockDemand, type PoolDemand, stopFloorLength } from "./floor-plan.js";
import { type FloorPatternTable, type Footprint, floorTableFor, footprintKey } from "./layer-pattern.js";
import { mayJoin } from "./lithium.js";
import type { CargoClass, CargoLine, ContainerType, CrateSpec, LithiumRules, LithiumUn } from "./types.js";

/** A cargo line accepted for loading, with what the planner derives from it once. */
export interface LineInfo {
  /** Position in the input; the planner's tie-breaker everywhere. */
  order: number;
  line: CargoLine;
  crate: CrateSpec;
  /** The container type this line is packed into (the reference type when it fits). */
  home: ContainerType;
  kg: number;
  kwh: number;
  cls: CargoClass;
  un: LithiumUn | null;
  segregationGroup: number;
  /** Order of the line's booking in the input. */
  bookingOrder: number;
  /** Key of the line's stop (unload order and code). */
  stop: string;
  /** The floor size planned with: the largest crate of its pool (see `planningResolution`). */
  footprint: Footprint;
  /** Crates stacked in one column differ by less than this many mm each way. */
  stackGrain: number;
  fit: Map<string, LineFit | null>;
}

export interface LineFit {
  table: FloorPatternTable;
  tiers: number;
  /** Crates with the same footprint at the same stop share one pattern block. */
  footprint: string;
  /**
   * Crates with the same footprint and tiers may share columns whatever their line: in a column
   * of at most `tiers` crates none has more above it than its stack limit allows.
   */
  pool: string;
}

export function lineFit(info: LineInfo, type: ContainerType): LineFit | null {
  let f = info.fit.get(type.code);
  if (f === undefined) {
    if (floorOrientations(info.crate, type).length > 0 && info.crate.grossKg <= type.payloadKg) {
      const footprint = footprintKey(info.crate, type, info.footprint);
      const tiers = tiersIn(info.crate, type);
      // Any `tiers` crates with this tiers figure stack within the container height (each is at
      // most 1/tiers of it) and within their stack limits, whatever their heights; crates sharing
      // a column differ by under `stackGrain` mm each way, so each rests on nearly all its base.
      const g = info.stackGrain;
      const stackFootprint = `${Math.ceil(info.crate.length / g)}x${Math.ceil(info.crate.width / g)}`;
      f = { table: floorTableFor(info.crate, type, info.footprint), tiers, footprint, pool: `${footprint}/${stackFootprint}/${tiers}` };
    } else f = null;
    info.fit.set(type.code, f);
  }
  return f;
}

export function makeLineInfo(
  line: CargoLine,
  order: number,
  bookingOrder: number,
  home: ContainerType,
  segregationGroup: number,
  footprint: Footprint = line.crate,
  stackGrain = 1,
): LineInfo {
  const crate = line.crate;
  return {
    order,
    line,
    crate,
    home,
    kg: crate.grossKg,
    kwh: crateKwh(crate),
    cls: cargoClass(crate),
    un: crate.lithium.un === "none" ? null : crate.lithium.un,
    segregationGroup,
    bookingOrder,
    stop: `${line.destination.unloadOrder}\u0000${line.destination.stopCode}`,
    footprint,
    stackGrain,
    fit: new Map(),
  };
}

/** Some crates of one line: crate indices as [first, count] runs. */
export interface Chunk {
  info: LineInfo;
  runs: Array<[number, number]>;
  quantity: number;
}

export function wholeLine(info: LineInfo): Chunk {
  return { info, runs: [[0, info.line.quantity]], quantity: info.line.quantity };
}

/** Splits off the first `n` crates of a chunk. */
export function takeFront(chunk: Chunk, n: number): [Chunk, Chunk] {
  const front: Array<[number, number]> = [];
  const back: Array<[number, number]> = [];
  let left = n;
  for (const [start, count] of chunk.runs) {
    if (left >= count) {
      front.push([start, count]);
      left -= count;
    } else if (left > 0) {
      front.push([start, left]);
      back.push([start + left, count - left]);
      left = 0;
    } else back.push([start, count]);
  }
  return [
    { info: chunk.info, runs: front, quantity: n },
    { info: chunk.info, runs: back, quantity: chunk.quantity - n },
  ];
}

export interface DraftContext {
  rules: LithiumRules;
  maxStops: number;
  /** Smallest share of a crate's base resting on crates below (default 0.75). */
  minSupport?: number;
}

const stopKey = (info: LineInfo) => info.stop;

interface StopFloor {
  /** Crates per column pool at this stop. */
  pools: Map<string, PoolDemand>;
  /** Columns per footprint at this stop, with their pools. */
  blocks: Map<string, BlockDemand>;
  length: number;
}

/** A pool with `add` more crates of one kind. */
function grownPool(prev: PoolDemand | undefined, key: string, tiers: number, crate: CrateSpec, add: number): PoolDemand {
  const size = { length: crate.length, width: crate.width, height: crate.height };
  if (!prev) return { key, crates: add, tiers, exact: size, maxOnTop: maxOnTop(crate), minKg: crate.grossKg, maxKg: crate.grossKg };
  const e = prev.exact;
  return {
    key,
    crates: prev.crates + add,
    tiers,
    exact: e && e.length === size.length && e.width === size.width && e.height === size.height ? e : null,
    maxOnTop: Math.min(prev.maxOnTop, maxOnTop(crate)),
    minKg: Math.min(prev.minKg, crate.grossKg),
    maxKg: Math.max(prev.maxKg, crate.grossKg),
  };
}

/**
 * A container being filled, tracked through the quantities that limit it: floor length taken by
 * the pattern blocks of each stop (see `planStopFloor`), payload, lithium energy, cargo classes,
 * stops. A check costs the floor plan of one stop (a walk along its blocks, one more per block
 * that might stand on a base layer), so filling thousands of containers stays cheap; the 3D
 * positions follow from the same floor plans in `layoutContainer`.
 */
export class ContainerDraft {
  readonly chunks = new Map<LineInfo, Chunk>();
  private readonly floors = new Map<string, StopFloor>();
  usedLength = 0;
  kg = 0;
  kwh = 0;
  private readonly kwhByUn = new Map<LithiumUn, number>();
  private readonly classes = new Map<CargoClass, number>();

  /** What base layers must satisfy in this container. */
  readonly baseRules: BaseRules;

  constructor(
    readonly type: ContainerType,
    private readonly ctx: DraftContext,
  ) {
    this.baseRules = { height: type.inner.height, width: type.inner.width, minSupport: ctx.minSupport ?? 0.75 };
  }

  get isEmpty(): boolean {
    return this.chunks.size === 0;
  }

  get crateCount(): number {
    let n = 0;
    for (const c of this.chunks.values()) n += c.quantity;
    return n;
  }

  /** Share of the binding capacity (floor length or payload) in use, 0–1. */
  get fill(): number {
    return Math.max(this.usedLength / this.type.inner.length, this.kg / this.type.payloadKg);
  }

  /** Per stop: the column demands the layout places (their order does not matter). */
  stopDemands(): Array<{ stop: string; demands: BlockDemand[] }> {
    return [...this.floors].map(([stop, f]) => ({ stop, demands: [...f.blocks.values()] }));
  }

  /** Stop floor plan length if `add` more crates of a line join. */
  private stopLengthWith(info: LineInfo, fit: LineFit, add: number): { stop: string; length: number; block: BlockDemand; pool: PoolDemand } {
    const stop = stopKey(info);
    const floor = this.floors.get(stop);
    const prevPool = floor?.pools.get(fit.pool);
    const have = prevPool?.crates ?? 0;
    const pool = grownPool(prevPool, fit.pool, fit.tiers, info.crate, add);
    const extra = Math.ceil((have + add) / fit.tiers) - Math.ceil(have / fit.tiers);
    const prev = floor?.blocks.get(fit.footprint);
    const pools = prev?.pools ? (prevPool ? prev.pools.map((p) => (p.key === fit.pool ? pool : p)) : [...prev.pools, pool]) : [pool];
    const block: BlockDemand = { key: fit.footprint, table: fit.table, columns: (prev?.columns ?? 0) + extra, pools };
    // Without a second footprint there is nothing to stand on, so no base layer can change.
    if (extra === 0 && floor && floor.blocks.size === 1 && prev) return { stop, length: floor.length, block, pool };
    const demands: BlockDemand[] = [block];
    if (floor) for (const b of floor.blocks.values()) if (b.key !== fit.footprint) demands.push(b);
    return { stop, length: stopFloorLength(demands, this.baseRules), block, pool };
  }

  /** Whether n crates of the line may join on every count but floor length. */
  private admits(info: LineInfo, n: number): boolean {
    if (n === 0) return true;
    if (!this.floors.has(stopKey(info)) && this.floors.size >= this.ctx.maxStops) return false;
    if (!this.classes.has(info.cls) && !mayJoin(this.classes.keys(), info.cls, this.ctx.rules)) return false;
    if (this.kg + n * info.kg > this.type.payloadKg + 1e-9) return false;
    if (info.kwh > 0) {
      const rules = this.ctx.rules;
      const add = n * info.kwh;
      if (rules.maxKwhPerContainer !== undefined && this.kwh + add > rules.maxKwhPerContainer + 1e-9) return false;
      const cap = rules.maxKwhPerContainerByUn?.[info.un!];
      if (cap !== undefined && (this.kwhByUn.get(info.un!) ?? 0) + add > cap + 1e-9) return false;
    }
    return true;
  }

  private lengthOk(info: LineInfo, fit: LineFit, n: number): boolean {
    const { stop, length } = this.stopLengthWith(info, fit, n);
    return this.usedLength - (this.floors.get(stop)?.length ?? 0) + length <= this.type.inner.length;
  }

  /** Most crates of the line (up to `available`) that fit now. */
  maxFit(info: LineInfo, available: number): number {
    const fit = lineFit(info, this.type);
    if (!fit || available <= 0) return 0;
    const ok = (n: number) => this.admits(info, n) && this.lengthOk(info, fit, n);
    if (ok(available)) return available;
    let lo = 0;
    let hi = available - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ok(mid)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Whether all chunks fit together, without changing the draft. */
  fitsAll(chunks: readonly Chunk[]): boolean {
    const trial = this.clone();
    for (const c of chunks) {
      if (trial.maxFit(c.info, c.quantity) < c.quantity) return false;
      trial.add(c);
    }
    return true;
  }

  add(chunk: Chunk): void {
    if (chunk.quantity === 0) return;
    const info = chunk.info;
    const fit = lineFit(info, this.type);
    if (!fit) throw new Error(`line ${info.line.id} does not fit ${this.type.code}`);
    const { stop, length, block, pool } = this.stopLengthWith(info, fit, chunk.quantity);
    this.usedLength += length - (this.floors.get(stop)?.length ?? 0);
    const floor = this.floors.get(stop) ?? { pools: new Map<string, PoolDemand>(), blocks: new Map<string, BlockDemand>(), length: 0 };
    floor.pools.set(fit.pool, pool);
    floor.blocks.set(fit.footprint, block);
    floor.length = length;
    this.floors.set(stop, floor);

    const prev = this.chunks.get(info);
    if (prev) {
      prev.runs.push(...chunk.runs.map((r) => [r[0], r[1]] as [number, number]));
      prev.quantity += chunk.quantity;
    } else this.chunks.set(info, { info, runs: chunk.runs.map((r) => [r[0], r[1]]), quantity: chunk.quantity });
    this.kg += chunk.quantity * info.kg;
    if (info.kwh > 0) {
      this.kwh += chunk.quantity * info.kwh;
      this.kwhByUn.set(info.un!, (this.kwhByUn.get(info.un!) ?? 0) + chunk.quantity * info.kwh);
    }
    this.classes.set(info.cls, (this.classes.get(info.cls) ?? 0) + chunk.quantity);
  }

  clone(type: ContainerType = this.type): ContainerDraft {
    const d = new ContainerDraft(type, this.ctx);
    if (type === this.type) {
      for (const [k, c] of this.chunks) d.chunks.set(k, { info: c.info, runs: c.runs.map((r) => [r[0], r[1]]), quantity: c.quantity });
      for (const [k, f] of this.floors) d.floors.set(k, { pools: new Map(f.pools), blocks: new Map(f.blocks), length: f.length });
      d.usedLength = this.usedLength;
      d.kg = this.kg;
      d.kwh = this.kwh;
      for (const [k, v] of this.kwhByUn) d.kwhByUn.set(k, v);
      for (const [k, v] of this.classes) d.classes.set(k, v);
    }
    return d;
  }

  /** The same content in another container type, or null when it does not fit there. */
  movedTo(type: ContainerType): ContainerDraft | null {
    const d = new ContainerDraft(type, this.ctx);
    for (const c of this.chunks.values()) {
      if (d.maxFit(c.info, c.quantity) < c.quantity) return null;
      d.add(c);
    }
    return d;
  }
}
