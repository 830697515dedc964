import { tiersIn } from "./crate.js";
import { bestLayerPattern } from "./layer-pattern.js";
import type { CargoLine, CrateSpec, PlannedContainer } from "./types.js";

export interface ContainerBound {
  /**
   * The least share of one container of this type its cargo needs, 0–1: the largest of the crate
   * volume ÷ inner volume, cargo ÷ payload, and for each crate type its count ÷ the proven most
   * per container (upper bound of the layer pattern × tiers). A true lower bound.
   */
  lowerBoundShare: number;
  /** Σ over crate types of count ÷ best pattern per container: not a bound, the usual yardstick. */
  patternShare: number;
  /** Containers used (1) ÷ lower bound share: 1 is a container no plan could fill more tightly. */
  ratio: number;
}

/**
 * How full one container of a plan is against what its cargo must take at least: the plan ÷ bound
 * figure of the whole plan, for one container. Pure.
 */
export function containerBound(container: PlannedContainer, lines: ReadonlyMap<string, CargoLine>): ContainerBound {
  const { type } = container;
  const { inner } = type;
  let volume = 0;
  let kg = 0;
  const counts = new Map<string, { crate: CrateSpec; quantity: number }>();
  for (const p of container.placements) {
    volume += p.dims.length * p.dims.width * p.dims.height;
    kg += p.grossKg;
    const crate = lines.get(p.lineId)?.crate;
    if (!crate) continue;
    const key = `${crate.length}x${crate.width}x${crate.height}/${crate.mayTurn}/${tiersIn(crate, type)}`;
    const entry = counts.get(key);
    if (entry) entry.quantity++;
    else counts.set(key, { crate, quantity: 1 });
  }
  let typeShare = 0;
  let patternShare = 0;
  for (const { crate, quantity } of counts.values()) {
    const pattern = bestLayerPattern(crate, type);
    if (!pattern || pattern.perContainer === 0) continue;
    typeShare = Math.max(typeShare, quantity / (pattern.perLayerUpperBound * pattern.tiers));
    patternShare += quantity / pattern.perContainer;
  }
  const share = Math.max(volume / (inner.length * inner.width * inner.height), kg / type.payloadKg, typeShare);
  const r4 = (v: number) => Math.round(v * 10_000) / 10_000;
  return { lowerBoundShare: r4(share), patternShare: r4(patternShare), ratio: share > 0 ? r4(1 / share) : 1 };
}
