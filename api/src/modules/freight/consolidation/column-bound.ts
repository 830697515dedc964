/**
 * Stacking weights: what a crate costs of the height above its footprint, counting the crates a
 * stack limit forbids on top of it.
 *
 * Take any vertical line through the floor of a container (off every crate edge). The crates it
 * crosses form a "column": their heights sum to at most the inner height, and, because a crate
 * may have at most (maxTiers − 1) crates above it anywhere over its footprint (checkPlan's rule),
 * the j-th crate from the bottom of a column of k has maxTiers ≥ k − j + 1. Sorting by maxTiers,
 * that is: for every s, at most s crates of the column have maxTiers ≤ s.
 *
 * Weights w per crate group are "column-feasible" when every such column weighs at most 1. Then
 * integrating over the floor, Σ crates (footprint area × w) ≤ floor area for every container, and
 * after conservative scaling of the floor axes (Fekete & Schepers) the same holds with
 * dual-feasible floor shares: w can stand where a dual-feasible function of height stands in
 * `dualFeasibleBound`. It is sharper for upright crates that cannot be stacked to the roof: two
 * 1.1 m e-motorcycle crates (maxTiers 2) fill a column of 2.7 m, so each weighs 1/2, not 0.41.
 *
 * `columnWeights` finds weights by linear programming (maximise Σ value × w over the columns met
 * so far; add the heaviest column under the current weights; repeat), then scales them by the
 * exact heaviest column so they are feasible whatever the arithmetic did. Pure, deterministic.
 */

/** Crates of one height and stack limit; `value` is their summed floor share, the LP objective. */
export interface ColumnGroup {
  height: number;
  maxTiers: number;
  value: number;
}

const EPS = 1e-9;

/** Heaviest column under `weights`, exactly (branch and bound), or an upper bound if `budget` nodes run out. */
export function heaviestColumn(
  groups: readonly ColumnGroup[],
  weights: readonly number[],
  capacity: number,
  budget = 2_000_000,
): { weight: number; counts: number[]; exact: boolean } {
  const order = groups
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => g.height > 0 && g.height <= capacity && g.maxTiers >= 1)
    .sort((a, b) => a.g.maxTiers - b.g.maxTiers || a.g.height - b.g.height || a.i - b.i);
  const n = order.length;
  // Best weight per mm of height from position k on: a fractional knapsack bound for pruning.
  const ratio = new Float64Array(n + 1);
  for (let k = n - 1; k >= 0; k--) {
    const { g, i } = order[k]!;
    ratio[k] = Math.max(ratio[k + 1]!, (weights[i] ?? 0) / g.height);
  }
  const counts = new Array<number>(groups.length).fill(0);
  let best = 0;
  let bestCounts = counts.slice();
  let nodes = 0;
  let exact = true;
  const dfs = (k: number, heightLeft: number, count: number, weight: number) => {
    if (++nodes > budget) {
      exact = false;
      return;
    }
    if (weight > best + EPS) {
      best = weight;
      bestCounts = counts.slice();
    }
    if (k === n || weight + heightLeft * ratio[k]! <= best + EPS) return;
    const { g, i } = order[k]!;
    const w = weights[i] ?? 0;
    // At most maxTiers crates in the column have maxTiers ≤ this group's (groups come in ascending order).
    const most = Math.min(Math.floor(heightLeft / g.height), g.maxTiers - count);
    for (let c = w > 0 ? most : 0; c >= 0; c--) {
      counts[i] = c;
      dfs(k + 1, heightLeft - c * g.height, count + c, weight + c * w);
      if (!exact) break;
    }
    counts[i] = 0;
  };
  dfs(0, capacity, 0, 0);
  if (!exact) {
    // A bound every column obeys: the fractional knapsack over all groups.
    return { weight: Math.max(best, capacity * ratio[0]!), counts: bestCounts, exact: false };
  }
  return { weight: best, counts: bestCounts, exact: true };
}

/**
 * max v·x subject to A x ≤ 1, x ≥ 0 (every row of A non-negative, each variable bounded by some
 * row): primal simplex from the origin with Bland's rule. Small dense problems only.
 */
export function maximiseUnderOnes(v: readonly number[], rows: readonly (readonly number[])[]): number[] {
  const n = v.length;
  const m = rows.length;
  const width = n + m + 1;
  const rhs = width - 1;
  const t = Array.from({ length: m + 1 }, () => new Float64Array(width));
  rows.forEach((row, r) => {
    const tr = t[r]!;
    for (let j = 0; j < n; j++) tr[j] = row[j] ?? 0;
    tr[n + r] = 1;
    tr[rhs] = 1;
  });
  const z = t[m]!;
  for (let j = 0; j < n; j++) z[j] = -(v[j] ?? 0);
  const basis = Array.from({ length: m }, (_, r) => n + r);
  for (let iteration = 0; iteration < 50 * (n + m); iteration++) {
    let enter = -1;
    for (let j = 0; j < n + m; j++) {
      if (z[j]! < -1e-12) {
        enter = j;
        break;
      }
    }
    if (enter < 0) break;
    let leave = -1;
    let bestRatio = Number.POSITIVE_INFINITY;
    for (let r = 0; r < m; r++) {
      const a = t[r]![enter]!;
      if (a <= 1e-12) continue;
      const q = t[r]![rhs]! / a;
      if (q < bestRatio - 1e-12 || (q <= bestRatio + 1e-12 && leave >= 0 && basis[r]! < basis[leave]!)) {
        bestRatio = q;
        leave = r;
      }
    }
    if (leave < 0) break; // unbounded: cannot happen when every variable has a row
    const pr = t[leave]!;
    const p = pr[enter]!;
    for (let j = 0; j < width; j++) pr[j] = pr[j]! / p;
    for (let r = 0; r <= m; r++) {
      if (r === leave) continue;
      const tr = t[r]!;
      const f = tr[enter]!;
      if (f === 0) continue;
      for (let j = 0; j < width; j++) tr[j] = tr[j]! - f * pr[j]!;
    }
    basis[leave] = enter;
  }
  const x = new Array<number>(n).fill(0);
  basis.forEach((b, r) => {
    if (b < n) x[b] = Math.max(0, t[r]![rhs]!);
  });
  return x;
}

/**
 * Column-feasible weights for the groups (every column weighs at most 1), chosen to make
 * Σ value × w large. Groups that fit no column get weight 0.
 */
export function columnWeights(groups: readonly ColumnGroup[], capacity: number, maxRounds = 200): number[] {
  const n = groups.length;
  if (n === 0) return [];
  // Start from the one-crate columns (each weight ≤ 1) and the tallest single-group stacks.
  const rows: number[][] = [];
  groups.forEach((g, i) => {
    if (g.height > capacity) return;
    const row = new Array<number>(n).fill(0);
    row[i] = Math.max(1, Math.min(g.maxTiers, Math.floor(capacity / g.height)));
    rows.push(row);
  });
  const value = groups.map((g) => (g.height <= capacity ? g.value : 0));
  let weights = new Array<number>(n).fill(0);
  for (let round = 0; round < maxRounds; round++) {
    weights = maximiseUnderOnes(value, rows);
    const heaviest = heaviestColumn(groups, weights, capacity);
    if (!heaviest.exact || heaviest.weight <= 1 + 1e-7) break;
    rows.push(heaviest.counts);
  }
  // Feasible whatever the floating point did: divide by the heaviest column, found exactly.
  const heaviest = heaviestColumn(groups, weights, capacity);
  const scale = heaviest.weight > 1 ? 1 / heaviest.weight : 1;
  return weights.map((w) => w * scale * (1 - 1e-12));
}
