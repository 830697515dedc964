import type { ContainerDraft, LineInfo } from "./draft.js";
import { lineFit } from "./draft.js";
import { coveredFloorArea } from "./floor-area.js";
import { assignBaseLayers, type BaseLayer, type BlockDemand, baseGeometry, planStopFloor } from "./floor-plan.js";
import type { FloorPatternTable } from "./layer-pattern.js";
import { summarizeLithium } from "./lithium.js";
import type { CenterOfGravity, CrateSpec, Destination, Placement, PlannedContainer } from "./types.js";

interface Crate {
  info: LineInfo;
  crateIndex: number;
}

/** Crates bottom to top, all of one height (one column pool). */
interface Column {
  crates: Crate[];
  kg: number;
  /** Crate length and width (the same for every crate in the column). */
  length: number;
  width: number;
}

interface PlacedColumn {
  column: Column;
  /** Height of the base layer the column stands on (0 on the floor), and its layers. */
  z: number;
  tiersBelow: number;
  /** Relative to the block start along x; absolute across y. */
  x: number;
  y: number;
  rotated: boolean;
  /**
   * Width of the pattern cell the column stands in. Pooled crates may be a few mm narrower than
   * the cell (each its own size), so mirroring maps the cell, never a crate's own width.
   */
  cellAcross: number;
}

/** A host pattern block with the guest columns in its side strip: one unit along the floor. */
interface LaidBlock {
  stop: Destination;
  columns: PlacedColumn[];
  length: number;
  kg: number;
  /** Mass-weighted x of the block's crates relative to the block start. */
  momentX: number;
}

const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

interface ContainerColumns {
  /** Columns per stop and footprint key, pool after pool. */
  columns: Map<string, Column[]>;
  /** Crates set aside for base layers per stop and pool, heaviest first. */
  baseCrates: Map<string, Crate[]>;
  stops: Map<string, Destination>;
}

/** Per stop: the demands after base layers took their crates, and the base layers. */
type PreparedStops = Map<string, { demands: BlockDemand[]; bases: BaseLayer[] }>;

function prepareStops(draft: ContainerDraft): PreparedStops {
  const out: PreparedStops = new Map();
  for (const { stop, demands } of draft.stopDemands()) out.set(stop, assignBaseLayers(demands, draft.baseRules));
  return out;
}

/**
 * Crates per stop and column pool, lines in the order they joined (bookings stay together), cut
 * into columns of the pool's tiers with the heavier crates low.
 */
function collectColumns(draft: ContainerDraft, prepared: PreparedStops): ContainerColumns {
  const pools = new Map<string, { footprint: string; tiers: number; crates: Crate[] }>();
  const stops = new Map<string, Destination>();
  for (const chunk of draft.chunks.values()) {
    const info = chunk.info;
    const fit = lineFit(info, draft.type)!;
    const d = info.line.destination;
    const stop = `${d.unloadOrder}\u0000${d.stopCode}`;
    stops.set(stop, d);
    const key = `${stop}\u0000${fit.pool}`;
    const pool = pools.get(key) ?? { footprint: `${stop}\u0000${fit.footprint}`, tiers: fit.tiers, crates: [] };
    const indices: number[] = [];
    for (const [start, count] of chunk.runs) for (let i = 0; i < count; i++) indices.push(start + i);
    indices.sort((a, b) => a - b);
    for (const crateIndex of indices) pool.crates.push({ info, crateIndex });
    pools.set(key, pool);
  }
  const baseTake = new Map<string, number>();
  for (const [stop, { bases }] of prepared) {
    for (const b of bases) {
      const key = `${stop}\u0000${b.pool}`;
      baseTake.set(key, (baseTake.get(key) ?? 0) + b.crates);
    }
  }
  const columns = new Map<string, Column[]>();
  const baseCrates = new Map<string, Crate[]>();
  for (const [key, pool] of pools) {
    const take = baseTake.get(key) ?? 0;
    if (take > 0) {
      // The heaviest crates of the pool go into the base layer, low in the container.
      const heavy = [...pool.crates].sort((a, b) => b.info.kg - a.info.kg || a.info.order - b.info.order || a.crateIndex - b.crateIndex).slice(0, take);
      const taken = new Set(heavy);
      baseCrates.set(key, heavy);
      pool.crates = pool.crates.filter((c) => !taken.has(c));
    }
    const list = columns.get(pool.footprint) ?? [];
    for (let i = 0; i < pool.crates.length; i += pool.tiers) {
      const crates = pool.crates.slice(i, i + pool.tiers).sort((a, b) => b.info.kg - a.info.kg || a.info.order - b.info.order || a.crateIndex - b.crateIndex);
      const first = crates[0]!.info.crate;
      list.push({ crates, kg: crates.reduce((sum, c) => sum + c.info.kg, 0), length: first.length, width: first.width });
    }
    columns.set(pool.footprint, list);
  }
  return { columns, baseCrates, stops };
}

/** Splits one footprint's block at one stop in two, so lighter cargo can flank heavier. */
interface BlockSplit {
  stop: string;
  key: string;
  first: number;
}

const PART = "\u0001";

function buildBlocks(draft: ContainerDraft, prepared: PreparedStops, cc: ContainerColumns, split: BlockSplit | null): { blocks: LaidBlock[]; length: number } {
  const width = draft.type.inner.width;
  const blocks: LaidBlock[] = [];
  let length = 0;
  for (const [stop, { demands: base, bases }] of prepared) {
    let demands = base;
    if (split && split.stop === stop) {
      demands = base.flatMap((d) =>
        d.key === split.key
          ? [
              { key: `${d.key}${PART}a`, footprint: d.key, table: d.table, columns: split.first },
              { key: `${d.key}${PART}b`, footprint: d.key, table: d.table, columns: d.columns - split.first },
            ]
          : [d],
      );
    }
    const baseLeft = new Map<string, Crate[]>();
    for (const b of bases) if (!baseLeft.has(b.pool)) baseLeft.set(b.pool, [...(cc.baseCrates.get(`${stop}\u0000${b.pool}`) ?? [])]);
    const tables = new Map(demands.map((d) => [d.key, d.table]));
    const footprints = new Map(demands.map((d) => [d.key, d.footprint ?? d.key.split(PART)[0]!]));
    const next = new Map<string, number>();
    const take = (key: string, n: number): Column[] => {
      const footprint = footprints.get(key)!;
      const list = cc.columns.get(`${stop}\u0000${footprint}`) ?? [];
      const from = next.get(footprint) ?? 0;
      next.set(footprint, from + n);
      return list.slice(from, from + n);
    };
    const plan = planStopFloor(demands, width, bases);
    length += plan.length;
    for (const host of plan.hosts) {
      const placed: PlacedColumn[] = [];
      const hostTable = tables.get(host.key)!;
      const centre = host.guests.length === 0 ? Math.floor((width - hostTable.widthUsed(host.columns)) / 2) : 0;
      // Guests first in the column queue of their footprint: they were counted before own blocks.
      const guestCols = host.guests.map((g) => ({ g, cols: take(g.key, g.columns) }));
      const own = take(host.key, host.columns);
      const across = (table: FloorPatternTable, rotated: boolean) => table.orientations.find((o) => o.rotated === rotated)!.dy;
      let raisedBy = 0;
      if (host.base) {
        const b = host.base;
        const crates = baseLeft.get(b.pool)!.splice(0, b.crates);
        baseGeometry(hostTable, host.columns, b.table).positions.forEach((p, k) => {
          const stack = crates.slice(k * b.layers, (k + 1) * b.layers);
          const first = stack[0]!.info.crate;
          const column = { crates: stack, kg: stack.reduce((sum, c) => sum + c.info.kg, 0), length: first.length, width: first.width };
          placed.push({ column, z: 0, tiersBelow: 0, x: p.x, y: p.y + centre, rotated: p.rotated, cellAcross: across(b.table, p.rotated) });
        });
        raisedBy = b.layers * b.height;
      }
      hostTable.blockPositions(host.columns).forEach((p, k) => {
        placed.push({ column: own[k]!, z: raisedBy, tiersBelow: host.base?.layers ?? 0, x: p.x, y: p.y + centre, rotated: p.rotated, cellAcross: across(hostTable, p.rotated) });
      });
      for (const { g, cols } of guestCols) {
        const guestTable = tables.get(g.key)!;
        guestTable.positionsIn(g.length, g.width, g.columns).forEach((p, k) => {
          placed.push({ column: cols[k]!, z: 0, tiersBelow: 0, x: g.xOffset + p.x, y: g.yOffset + p.y, rotated: p.rotated, cellAcross: across(guestTable, p.rotated) });
        });
      }
      let kg = 0;
      let momentX = 0;
      for (const col of placed) {
        const dx = col.rotated ? col.column.width : col.column.length;
        kg += col.column.kg;
        momentX += col.column.kg * (col.x + dx / 2);
      }
      blocks.push({ stop: cc.stops.get(stop)!, columns: placed, length: host.length, kg, momentX });
    }
  }
  return { blocks, length };
}

/**
 * Orders blocks along the container: the last stop deepest (loaded first), the first stop at the
 * door. Within a stop the block order is free, so a few orders are tried and the one whose centre
 * of gravity ends nearest mid-length after centring the load in the spare length wins.
 */
function arrange(blocks: LaidBlock[], innerLength: number): { order: LaidBlock[]; shift: number; offset: number } {
  const byStop = new Map<string, LaidBlock[]>();
  const stops: Destination[] = [];
  for (const b of blocks) {
    const key = `${b.stop.unloadOrder}\u0000${b.stop.stopCode}`;
    if (!byStop.has(key)) {
      byStop.set(key, []);
      stops.push(b.stop);
    }
    byStop.get(key)!.push(b);
  }
  stops.sort((a, b) => b.unloadOrder - a.unloadOrder || cmp(a.stopCode, b.stopCode));
  const segments = stops.map((s) => byStop.get(`${s.unloadOrder}\u0000${s.stopCode}`)!);
  const density = (b: LaidBlock) => (b.length > 0 ? b.kg / b.length : 0);
  const variants = (seg: LaidBlock[]): LaidBlock[][] => {
    if (seg.length < 2) return [seg];
    const desc = [...seg].sort((a, b) => density(b) - density(a));
    const heavyInMiddle = (sorted: LaidBlock[]) => {
      const out: LaidBlock[] = [];
      sorted.forEach((b, i) => {
        if (i % 2 === 0) out.push(b);
        else out.unshift(b);
      });
      return out;
    };
    return [seg, [...seg].reverse(), desc, [...desc].reverse(), heavyInMiddle(desc), heavyInMiddle([...seg].sort((a, b) => b.kg - a.kg))];
  };

  const evaluate = (order: LaidBlock[]) => {
    let x = 0;
    let kg = 0;
    let moment = 0;
    for (const b of order) {
      moment += b.momentX + b.kg * x;
      kg += b.kg;
      x += b.length;
    }
    const slack = Math.max(0, innerLength - x);
    const cog = kg > 0 ? moment / kg : x / 2;
    const shift = Math.min(slack, Math.max(0, Math.round(innerLength / 2 - cog)));
    return { shift, offset: Math.abs(cog + shift - innerLength / 2) };
  };

  // Segments vary independently; choose each segment's order greedily, front wall to door.
  let chosen: LaidBlock[][] = segments.map((s) => s);
  for (let s = 0; s < segments.length; s++) {
    let best: { seg: LaidBlock[]; offset: number } | null = null;
    for (const v of variants(segments[s]!)) {
      const trial = chosen.map((seg, i) => (i === s ? v : seg));
      const { offset } = evaluate(trial.flat());
      if (!best || offset < best.offset - 1e-6) best = { seg: v, offset };
    }
    chosen = chosen.map((seg, i) => (i === s ? best!.seg : seg));
  }
  const order = chosen.flat();
  return { order, ...evaluate(order) };
}

/** Offsets above this share of the length are worth splitting a block for. */
const COG_TOLERANCE = 0.01;
const SPLIT_SHARES = [0.5, 0.35, 0.65, 0.2, 0.8];

/**
 * Turns a filled draft into crate positions and the figures shown on a load plan. When the blocks
 * in any order leave the centre of gravity off mid-length (a heavy SKD block at one end, light
 * e-bikes at the other), one block is split in two so the lighter cargo can flank the heavier,
 * as long as both halves still fit the floor.
 */
export function layoutContainer(draft: ContainerDraft, index: number): PlannedContainer {
  const type = draft.type;
  const L = type.inner.length;
  const prepared = prepareStops(draft);
  const cc = collectColumns(draft, prepared);
  let best = arrange(buildBlocks(draft, prepared, cc, null).blocks, L);
  if (best.offset > COG_TOLERANCE * L) {
    search: for (const [stop, { demands }] of prepared) {
      for (const d of demands) {
        if (d.raised) continue;
        for (const share of SPLIT_SHARES) {
          const first = Math.min(d.columns - 1, Math.max(1, Math.round(d.columns * share)));
          if (first < 1 || first >= d.columns) continue;
          const { blocks, length } = buildBlocks(draft, prepared, cc, { stop, key: d.key, first });
          if (length > L) continue;
          const candidate = arrange(blocks, L);
          if (candidate.offset < best.offset - 1) best = candidate;
          if (best.offset <= COG_TOLERANCE * L) break search;
        }
      }
    }
  }
  const { order, shift } = best;
  const W = type.inner.width;
  const across = (col: PlacedColumn) => col.cellAcross;
  // Blocks span the full width, so each may be mirrored across the centre line: choose mirrors
  // so the lateral moments (a host on one side, light guests in its strip) cancel.
  const lateral = order.map((block, i) => {
    let m = 0;
    for (const col of block.columns) m += col.column.kg * (col.y + across(col) / 2 - W / 2);
    return { i, m };
  });
  lateral.sort((a, b) => Math.abs(b.m) - Math.abs(a.m) || a.i - b.i);
  const mirror = new Set<number>();
  let total = 0;
  for (const { i, m } of lateral) {
    if (Math.abs(total - m) < Math.abs(total + m)) {
      mirror.add(i);
      total -= m;
    } else total += m;
  }
  const placements: Placement[] = [];
  let x0 = shift;
  for (const [b, block] of order.entries()) {
    for (const col of block.columns) {
      const y = mirror.has(b) ? W - col.y - across(col) : col.y;
      let z = col.z;
      col.column.crates.forEach(({ info, crateIndex }, tier) => {
        const c = info.crate;
        const dims = { length: col.rotated ? c.width : c.length, width: col.rotated ? c.length : c.width, height: c.height };
        placements.push({
          lineId: info.line.id,
          bookingId: info.line.bookingId,
          crateIndex,
          stopCode: block.stop.stopCode,
          x: x0 + col.x,
          y,
          z,
          rotated: col.rotated,
          dims,
          grossKg: c.grossKg,
          tier: col.tiersBelow + tier + 1,
        });
        z += c.height;
      });
    }
    x0 += block.length;
  }
  return describeContainer(draft, index, placements);
}

function describeContainer(draft: ContainerDraft, index: number, placements: Placement[]): PlannedContainer {
  const type = draft.type;
  const { inner } = type;
  let kg = 0;
  let mx = 0;
  let my = 0;
  let mz = 0;
  let volume = 0;
  const floor = coveredFloorArea(placements);
  for (const p of placements) {
    kg += p.grossKg;
    mx += p.grossKg * (p.x + p.dims.length / 2);
    my += p.grossKg * (p.y + p.dims.width / 2);
    mz += p.grossKg * (p.z + p.dims.height / 2);
    volume += p.dims.length * p.dims.width * p.dims.height;
  }
  const cx = kg > 0 ? mx / kg : inner.length / 2;
  const cy = kg > 0 ? my / kg : inner.width / 2;
  const cog: CenterOfGravity = {
    x: round1(cx),
    y: round1(cy),
    z: round1(kg > 0 ? mz / kg : 0),
    lengthwiseOffsetMm: round1(cx - inner.length / 2),
    lengthwiseOffsetRatio: Math.round(((cx - inner.length / 2) / inner.length) * 10_000) / 10_000,
    lateralOffsetMm: round1(cy - inner.width / 2),
  };
  const stops = new Map<string, Destination>();
  const bookings: string[] = [];
  const seenBookings = new Set<string>();
  const crates: CrateSpec[] = [];
  for (const chunk of draft.chunks.values()) {
    const d = chunk.info.line.destination;
    stops.set(`${d.unloadOrder}\u0000${d.stopCode}`, { stopCode: d.stopCode, unloadOrder: d.unloadOrder });
    for (let i = 0; i < chunk.quantity; i++) crates.push(chunk.info.crate);
  }
  for (const p of placements) {
    if (!seenBookings.has(p.bookingId)) {
      seenBookings.add(p.bookingId);
      bookings.push(p.bookingId);
    }
  }
  return {
    index,
    type,
    placements,
    cargoKg: round1(kg),
    grossKg: round1(kg + type.tareKg),
    volumeUtilizationPct: round1((volume / (inner.length * inner.width * inner.height)) * 100),
    floorUtilizationPct: round1((floor / (inner.length * inner.width)) * 100),
    centerOfGravity: cog,
    destinations: [...stops.values()].sort((a, b) => a.unloadOrder - b.unloadOrder || cmp(a.stopCode, b.stopCode)),
    bookingIds: bookings,
    lithium: summarizeLithium(crates),
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
