import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ColumnGroup, columnWeights, heaviestColumn, maximiseUnderOnes } from "./column-bound.js";

const H = 2697;

/**
 * Every column, straight from the rule checkPlan enforces (a crate has at most maxTiers − 1
 * crates above it): counts whose heights fit and that can be ordered so that the j-th crate from
 * the bottom of k has maxTiers ≥ k − j + 1 (the largest limits at the bottom is the best order).
 */
function allColumns(groups: readonly ColumnGroup[], capacity: number): number[][] {
  const out: number[][] = [];
  const counts = new Array<number>(groups.length).fill(0);
  const feasible = () => {
    const limits = groups.flatMap((g, i) => Array.from({ length: counts[i]! }, () => g.maxTiers)).sort((a, b) => b - a);
    return limits.every((m, j) => m >= limits.length - j);
  };
  const walk = (i: number, left: number) => {
    if (i === groups.length) {
      if (feasible()) out.push(counts.slice());
      return;
    }
    for (let c = 0; c * groups[i]!.height <= left; c++) {
      counts[i] = c;
      walk(i + 1, left - c * groups[i]!.height);
    }
    counts[i] = 0;
  };
  walk(0, capacity);
  return out;
}

const weightOf = (column: readonly number[], weights: readonly number[]) => column.reduce((s, c, i) => s + c * (weights[i] ?? 0), 0);

/** One to five crate groups: heights 0.25–1.4 m, stack limits 1–6. */
const groupsArb = fc.array(
  fc.record({ height: fc.integer({ min: 250, max: 1400 }), maxTiers: fc.integer({ min: 1, max: 6 }), value: fc.integer({ min: 1, max: 100 }).map((v) => v / 10) }),
  { minLength: 1, maxLength: 5 },
);

describe("stacking weights", () => {
  it("one crate type alone: each crate weighs 1 ÷ the crates a column can hold", () => {
    // e-motorcycle crates: 1.1 m, stack 2 high → 1/2 (height alone would say 1.1/2.697 = 0.41)
    expect(columnWeights([{ height: 1100, maxTiers: 2, value: 1 }], H)[0]).toBeCloseTo(0.5, 9);
    // CKD cartons: 0.4 m, 6 high (2.4 m) → 1/6
    expect(columnWeights([{ height: 400, maxTiers: 6, value: 1 }], H)[0]).toBeCloseTo(1 / 6, 9);
    // battery cartons: 0.3 m but only 5 high → 1/5, not 1/8
    expect(columnWeights([{ height: 300, maxTiers: 5, value: 1 }], H)[0]).toBeCloseTo(0.2, 9);
  });

  it("the stack rule in counts: at most s crates of a column have maxTiers ≤ s", () => {
    // Three crates that may carry nothing (maxTiers 1) never share a column, however low.
    const groups = [{ height: 300, maxTiers: 1, value: 1 }];
    expect(heaviestColumn(groups, [1], H)).toMatchObject({ weight: 1, counts: [1] });
    // Two 2-high crates and one 3-high one: 3 crates, two with maxTiers ≤ 2 — allowed.
    const mixed = [
      { height: 500, maxTiers: 2, value: 1 },
      { height: 500, maxTiers: 3, value: 1 },
    ];
    expect(heaviestColumn(mixed, [1, 1], H).weight).toBe(3);
  });

  it("property: the heaviest column is found exactly (against enumerating every column)", () => {
    fc.assert(
      fc.property(groupsArb, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }), (groups, raw) => {
        const weights = groups.map((_, i) => (raw[i] ?? 0) / 37);
        const columns = allColumns(groups, H);
        const best = Math.max(...columns.map((c) => weightOf(c, weights)));
        const found = heaviestColumn(groups, weights, H);
        expect(found.exact).toBe(true);
        expect(found.weight).toBeCloseTo(best, 9);
        expect(weightOf(found.counts, weights)).toBeCloseTo(found.weight, 9);
        expect(columns.some((c) => c.every((v, i) => v === found.counts[i]))).toBe(true);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("property: the weights are feasible (no column over 1) and optimal (an LP over every column agrees)", () => {
    fc.assert(
      fc.property(groupsArb, (groups) => {
        const columns = allColumns(groups, H).filter((c) => c.some((v) => v > 0));
        const weights = columnWeights(groups, H);
        for (const c of columns) expect(weightOf(c, weights)).toBeLessThanOrEqual(1 + 1e-9);
        const value = (w: readonly number[]) => groups.reduce((s, g, i) => s + g.value * (w[i] ?? 0), 0);
        const full = maximiseUnderOnes(
          groups.map((g) => g.value),
          columns,
        );
        expect(value(weights)).toBeCloseTo(value(full), 6);
      }),
      { numRuns: 100, seed: 12 },
    );
  });

  it("a budget that runs out still gives an upper bound on every column", () => {
    const groups = [
      { height: 300, maxTiers: 9, value: 1 },
      { height: 310, maxTiers: 9, value: 1 },
      { height: 320, maxTiers: 9, value: 1 },
    ];
    const weights = [0.11, 0.12, 0.13];
    const capped = heaviestColumn(groups, weights, H, 3);
    expect(capped.exact).toBe(false);
    const best = Math.max(...allColumns(groups, H).map((c) => weightOf(c, weights)));
    expect(capped.weight).toBeGreaterThanOrEqual(best);
  });
});

describe("maximiseUnderOnes", () => {
  it("solves a small LP, and a degenerate one", () => {
    // max 3x + 2y s.t. 2x + y ≤ 1, x + 2y ≤ 1 → x = y = 1/3, value 5/3
    const [x, y] = maximiseUnderOnes(
      [3, 2],
      [
        [2, 1],
        [1, 2],
      ],
    );
    expect(x).toBeCloseTo(1 / 3, 9);
    expect(y).toBeCloseTo(1 / 3, 9);
    // repeated rows (degenerate vertices) terminate with the optimum
    const z = maximiseUnderOnes(
      [1, 1, 1],
      [
        [1, 1, 0],
        [1, 1, 0],
        [0, 1, 1],
        [1, 0, 1],
      ],
    );
    expect(z.reduce((s, v) => s + v, 0)).toBeCloseTo(1.5, 9);
  });
});
