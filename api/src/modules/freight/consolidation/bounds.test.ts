import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeLowerBounds } from "./bounds.js";
import { CONTAINER_40HQ, DEFAULT_LITHIUM_RULES } from "./container-types.js";
import { dffCandidates, maxCombination } from "./dual-feasible.js";
import { BATTERIES, CARTON, crate, EBIKE } from "./fixtures.js";

const bounds = (items: Array<{ crate: ReturnType<typeof crate>; quantity: number }>, maxKwh?: number) =>
  computeLowerBounds({
    items: items.map((i, k) => ({ lineId: `l${k}`, ...i })),
    container: CONTAINER_40HQ,
    lithiumRules: maxKwh === undefined ? undefined : { accepted: ["UN3171"], segregate: [], maxKwhPerContainer: maxKwh },
  });

describe("lower bounds", () => {
  it("homogeneous e-motorcycles: volume says 2, the proven pattern says 3", () => {
    const b = bounds([{ crate: crate(), quantity: 100 }]);
    expect(b).toMatchObject({ volume: 2, pattern: 3, patternProven: true, containers: 3, patternEstimate: 3 });
    expect(b.byType[0]).toMatchObject({ quantity: 100, containersAtBestPattern: 3, provenBound: 3 });
    // Dual-feasible rounding sees part of the waste (2 tiers of 1.1 m, 3 crates of 0.65 m across).
    expect(b.dualFeasible).toBeGreaterThan(b.volume);
    expect(b.dualFeasible).toBeLessThanOrEqual(3);
  });

  it("weight and energy bind for dense or charged cargo", () => {
    expect(bounds([{ crate: crate({ length: 800, width: 600, height: 600, grossKg: 1000, lithium: { un: "none" } }), quantity: 30 }]).weight).toBe(2);
    expect(bounds([{ crate: crate(), quantity: 30 }], 25).energy).toBe(3); // 60 kWh at 25 kWh a container
  });

  it("mixed loads have no pattern bound but a pattern estimate", () => {
    const b = bounds([
      { crate: crate(), quantity: 36 },
      { crate: crate(EBIKE), quantity: 168 },
    ]);
    expect(b.pattern).toBeNull();
    expect(b.patternEstimate).toBe(2);
    expect(b.containers).toBeGreaterThanOrEqual(b.volume);
  });

  it("counts the height stack limits leave empty, also in mixed loads (stacking weights)", () => {
    // Two kinds of battery carton, 0.30 and 0.32 m high, both stacked 5 high at most: no column
    // holds more than five of them, so each needs a fifth of its footprint's column — not the
    // eighth its height alone would say. 600 × 0.240 + 600 × 0.244 m² = 290 m² of footprint
    // ÷ 28.3 m² of floor ÷ 5 = 2.05 → 3 containers, where volume says 2.
    const b = bounds([
      { crate: crate(BATTERIES), quantity: 600 },
      { crate: crate({ ...BATTERIES, width: 410, height: 320 }), quantity: 600 },
    ]);
    expect(b.pattern).toBeNull();
    expect(b.volume).toBe(2);
    expect(b.dualFeasible).toBe(3);
    expect(b.containers).toBe(3);
    expect(b.patternEstimate).toBe(3);
  });

  it("copes with crates in many heights and stack limits (heights grouped coarser)", () => {
    // 300 crate types of 300 different heights and every stack limit (as when crates are measured one by one).
    const items = Array.from({ length: 300 }, (_, k) => ({
      crate: crate({ length: 600 + (k % 7) * 90, width: 400 + (k % 5) * 60, height: 250 + k * 4, stackLimit: { maxTiers: 1 + (k % 6) }, lithium: { un: "none" } }),
      quantity: 3 + (k % 4),
    }));
    // (The LP stays small because heights are grouped coarser until at most 24 groups remain.)
    const b = bounds(items);
    expect(b.dualFeasible).toBeGreaterThanOrEqual(b.volume);
    expect(b.containers).toBeGreaterThanOrEqual(b.dualFeasible);
  });

  it("adds up the bounds of cargo classes that must travel apart", () => {
    const b = computeLowerBounds({
      items: [
        { lineId: "ckd", crate: crate(CARTON), quantity: 10 },
        { lineId: "bat", crate: crate(BATTERIES), quantity: 10 },
      ],
      container: CONTAINER_40HQ,
      lithiumRules: DEFAULT_LITHIUM_RULES, // UN3480 batteries never with non-DG cargo
    });
    expect(b.volume).toBe(1);
    expect(b.segregation).toBe(2);
    expect(b.containers).toBe(2);
  });

  it("leaves out crates that do not fit the reference container", () => {
    const b = bounds([
      { crate: crate({ height: 2650 }), quantity: 5 },
      { crate: crate(CARTON), quantity: 10 },
    ]);
    expect(b.byType.map((t) => t.quantity)).toEqual([10]);
    expect(b.containers).toBe(1);
  });
});

describe("dual-feasible functions", () => {
  it("property: sizes summing to at most the capacity map to at most 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 12_032 }), fc.array(fc.integer({ min: 1, max: 12_032 }), { minLength: 1, maxLength: 12 }), (capacity, raw) => {
        const sizes: number[] = [];
        let sum = 0;
        for (const s of raw) {
          if (sum + s <= capacity) {
            sizes.push(s);
            sum += s;
          }
        }
        for (const f of dffCandidates(capacity, raw, 16, 40)) {
          const total = sizes.reduce((t, s) => t + f.apply(s), 0);
          expect(total, f.name).toBeLessThanOrEqual(1 + 1e-9);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it("finds the longest reachable sum of extents", () => {
    expect(maxCombination(2350, [650, 1900])).toBe(1950);
    expect(maxCombination(12_032, [1900])).toBe(11_400);
    expect(maxCombination(100, [])).toBe(0);
  });
});
