import type { FloorPatternTable } from "./layer-pattern.js";

/** Columns of one footprint wanted at one stop of a container. */
export interface BlockDemand {
  key: string;
  table: FloorPatternTable;
  columns: number;
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
}

/**
 * Lays out the blocks of one stop along the floor. A block's pattern often leaves a strip along
 * the side wall (three 650 mm e-motorcycle crates across 2,350 mm leave 400 mm for the whole
 * block length); narrower footprints of the same stop stand there before they get blocks of
 * their own. Widest footprints host first; a footprint only visits blocks laid out before it.
 */
export function planStopFloor(demands: readonly BlockDemand[], width: number): { length: number; hosts: HostBlock[] } {
  const hosts: HostBlock[] = [];
  const length = walk(demands, width, hosts);
  return { length, hosts };
}

/** The floor length of `planStopFloor` alone, without building the layout: the filler's hot path. */
export function stopFloorLength(demands: readonly BlockDemand[], width: number): number {
  if (demands.length === 1) return demands[0]!.table.lengthFor(demands[0]!.columns);
  return walk(demands, width, null);
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
      if (left[g] === 0 || guest.table.minAcross > strip) continue;
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
