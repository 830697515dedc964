/**
 * Dual-feasible functions (Fekete & Schepers 2001; Clautiaux, Alves & Valério de Carvalho 2010).
 * f maps item sizes in [0, C] to [0, 1] so that any set of sizes summing to at most C maps to a sum
 * of at most 1. Applied per axis to every item of a packing, the transformed volumes still sum to at
 * most 1 per bin, which turns the plain volume bound into a sharper one. Sizes are integers (mm).
 */
export interface DualFeasibleFunction {
  name: string;
  apply(size: number): number;
}

export function identityDff(capacity: number): DualFeasibleFunction {
  return { name: "id", apply: (s) => s / capacity };
}

/** u^(k): x ↦ x if (k+1)·x is an integer, else ⌊(k+1)·x⌋ / k. Rounds sizes up to "1 of k per bin". */
export function roundingDff(capacity: number, k: number): DualFeasibleFunction {
  return {
    name: `u${k}`,
    apply: (s) => (((k + 1) * s) % capacity === 0 ? s / capacity : Math.floor(((k + 1) * s) / capacity) / k),
  };
}

/** U^(ε): large items (> C − ε) count as a whole bin, small ones (< ε) as nothing. */
export function thresholdDff(capacity: number, epsilon: number): DualFeasibleFunction {
  return {
    name: `U${epsilon}`,
    apply: (s) => (s > capacity - epsilon ? 1 : s < epsilon ? 0 : s / capacity),
  };
}

/**
 * The candidate functions for one axis: identity, u^(k) for k ≤ maxK, and U^(ε) at the item sizes
 * up to half the capacity (the only thresholds where U^(ε) changes). `limit` caps the list.
 */
export function dffCandidates(capacity: number, sizes: readonly number[], maxK: number, limit: number): DualFeasibleFunction[] {
  const out: DualFeasibleFunction[] = [identityDff(capacity)];
  for (let k = 1; k <= maxK && out.length < limit; k++) out.push(roundingDff(capacity, k));
  const eps = [...new Set(sizes.filter((s) => s > 0 && 2 * s <= capacity))].sort((a, b) => b - a);
  for (const e of eps) {
    if (out.length >= limit) break;
    out.push(thresholdDff(capacity, e));
  }
  return out;
}

/**
 * Largest sum ≤ capacity of non-negative integer combinations of `sizes` (subset-sum with
 * repetition). Any straight line through a container crosses crates whose extents form such a
 * sum, so the capacity may be replaced by it in every bound.
 */
export function maxCombination(capacity: number, sizes: readonly number[]): number {
  const distinct = [...new Set(sizes.filter((s) => s > 0 && s <= capacity))];
  if (distinct.length === 0) return 0;
  const reach = new Uint8Array(capacity + 1);
  reach[0] = 1;
  for (let v = 1; v <= capacity; v++) {
    for (const s of distinct) {
      if (s <= v && reach[v - s] === 1) {
        reach[v] = 1;
        break;
      }
    }
  }
  for (let v = capacity; v > 0; v--) if (reach[v] === 1) return v;
  return 0;
}
