import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTAINER_20GP, CONTAINER_40HQ } from "./container-types.js";
import { floorOrientations } from "./crate.js";
import { crate } from "./fixtures.js";
import { bestLayerPattern, FloorPatternTable, layerUpperBound } from "./layer-pattern.js";

const { inner } = CONTAINER_40HQ;

/** Every rectangle inside the region and no two overlapping (sweep along x, plain loops: fast). */
function assertValidLayer(positions: Array<{ x: number; y: number; rotated: boolean }>, l: number, w: number, length: number, width: number) {
  const rects = positions.map((p) => ({ x: p.x, y: p.y, dx: p.rotated ? w : l, dy: p.rotated ? l : w })).sort((a, b) => a.x - b.x);
  const problems: string[] = [];
  for (let i = 0; i < rects.length; i++) {
    const a = rects[i]!;
    if (a.x < 0 || a.y < 0 || a.x + a.dx > length || a.y + a.dy > width) problems.push(`outside: ${JSON.stringify(a)}`);
    for (let j = i + 1; j < rects.length && rects[j]!.x < a.x + a.dx; j++) {
      const b = rects[j]!;
      if (!(a.y + a.dy <= b.y || b.y + b.dy <= a.y)) problems.push(`overlap: ${JSON.stringify(a)} ${JSON.stringify(b)}`);
    }
  }
  expect(problems.slice(0, 5)).toEqual([]);
}

describe("best layer pattern", () => {
  it("e-motorcycle crate 1.9 × 0.65 × 1.1 m in a 40HQ: 36, and 36 is proven the most any upright plan holds", () => {
    const p = bestLayerPattern(crate(), CONTAINER_40HQ)!;
    // 56 by volume, but upright crates stand in two tiers (2 × 1.1 m of 2.697 m) and a floor line
    // across the width meets at most three lengthwise crates (1.95 m) or one turned (1.9 m):
    // 18 per layer is the proven maximum (area bound over reachable sums: ⌊11,950 × 1,950 / 1,235,000⌋).
    expect(p.perLayer).toBe(18);
    expect(p.perLayerUpperBound).toBe(18);
    expect(p.tiers).toBe(2);
    expect(p.perContainer).toBe(36);
    expect(Math.floor((inner.length * inner.width * inner.height) / (1900 * 650 * 1100))).toBe(56);
    assertValidLayer(p.positions, 1900, 650, inner.length, inner.width);
  });

  it("mixes orientations when that beats both grids: SKD kit 1.2 × 0.8 m gets 25 per layer, grids only 20 and 15", () => {
    const p = bestLayerPattern(crate({ length: 1200, width: 800, height: 900 }), CONTAINER_40HQ)!;
    expect(p.perLayer).toBe(25);
    expect(p.perLayerUpperBound).toBe(25);
    expect(p.lengthwise).toBeGreaterThan(0);
    expect(p.turned).toBeGreaterThan(0);
    assertValidLayer(p.positions, 1200, 800, inner.length, inner.width);
  });

  it("respects the stack limit and height in tiers, and keeps a crate that may not turn lengthwise", () => {
    const p = bestLayerPattern(crate({ length: 1100, width: 1000, height: 600, stackLimit: { maxOnTop: 2 }, mayTurn: false }), CONTAINER_40HQ)!;
    expect(p.tiers).toBe(3);
    expect(p.turned).toBe(0);
    expect(p.perLayer).toBe(10 * 2);
    expect(p.perLayerUpperBound).toBe(20);
  });

  it("returns null for a crate that cannot be loaded", () => {
    expect(bestLayerPattern(crate({ height: 2600 }), CONTAINER_40HQ)).toBeNull(); // door 2.58 m
    expect(bestLayerPattern(crate({ height: 2400 }), CONTAINER_20GP)).toBeNull();
  });

  it("property: valid, at least the better single-orientation grid, at most the proven bound", () => {
    fc.assert(
      fc.property(fc.integer({ min: 150, max: 2400 }), fc.integer({ min: 150, max: 2340 }), fc.boolean(), (l, w, mayTurn) => {
        const c = crate({ length: l, width: w, mayTurn });
        const orientations = floorOrientations(c, CONTAINER_40HQ);
        fc.pre(orientations.length > 0);
        const p = bestLayerPattern(c, CONTAINER_40HQ)!;
        const grid = Math.max(...orientations.map((o) => Math.floor(inner.length / o.dx) * Math.floor(inner.width / o.dy)));
        expect(p.perLayer).toBeGreaterThanOrEqual(grid);
        expect(p.perLayer).toBeLessThanOrEqual(layerUpperBound(inner.length, inner.width, orientations));
        expect(p.positions).toHaveLength(p.perLayer);
        if (!mayTurn) expect(p.turned).toBe(0);
        assertValidLayer(p.positions, l, w, inner.length, inner.width);
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});

describe("floor pattern table", () => {
  const table = new FloorPatternTable(inner.length, inner.width, floorOrientations(crate({ length: 1500, width: 300 }), CONTAINER_40HQ), 1);

  it("answers the shortest block for n columns, monotone in n, and its positions fit in it", () => {
    let last = 0;
    for (let n = 1; n <= table.maxCount; n++) {
      const len = table.lengthFor(n);
      expect(len).toBeGreaterThanOrEqual(last);
      last = len;
      const ps = table.blockPositions(n);
      expect(ps).toHaveLength(n);
      assertValidLayer(ps, 1500, 300, len, inner.width);
      expect(table.columnsWithin(len)).toBeGreaterThanOrEqual(n);
    }
    expect(table.lengthFor(table.maxCount + 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it("counts columns in side strips: a 400 mm strip beside e-motorcycles takes e-bike crates lengthwise", () => {
    expect(table.countIn(5700, 400)).toBe(3);
    expect(table.lengthIn(400, 3)).toBe(4500);
    assertValidLayer(table.positionsIn(5700, 400, 3), 1500, 300, 5700, 400);
  });

  it("thins cut positions for awkward small footprints and stays valid and near the bound", () => {
    const p = bestLayerPattern(crate({ length: 137, width: 89, height: 100 }), CONTAINER_40HQ)!;
    expect(p.perLayer).toBeGreaterThan(0.95 * p.perLayerUpperBound);
    assertValidLayer(p.positions, 137, 89, inner.length, inner.width);
  });
});
