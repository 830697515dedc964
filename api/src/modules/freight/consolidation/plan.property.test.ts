import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPlan } from "./check-plan.js";
import { CONTAINER_20GP, CONTAINER_40HQ, DEFAULT_LITHIUM_RULES } from "./container-types.js";
import { planConsolidation } from "./plan.js";
import type { CargoLine, ConsolidationInput, CrateSpec, LithiumInfo, LithiumRules, StackLimit } from "./types.js";

/** Crates from the e-two-wheeler trade, plus arbitrary ones (some too big, heavy or malformed). */
const catalogue: Array<[number, number, number, number, number]> = [
  [1900, 650, 1100, 90, 2],
  [2050, 760, 1200, 130, 2],
  [1500, 300, 800, 28, 3],
  [1000, 450, 760, 22, 3],
  [1200, 800, 900, 320, 2],
  [800, 600, 600, 110, 4],
  [600, 400, 400, 25, 6],
  [600, 400, 300, 28, 5],
];

const lithium: fc.Arbitrary<LithiumInfo> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ un: "none" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      un: fc.constantFrom("UN3171" as const, "UN3480" as const, "UN3481" as const),
      whPerCrate: fc.integer({ min: 0, max: 4000 }),
      stateOfCharge: fc.constantFrom(0.3, 0.5, 0.65, 0.8),
    }),
  },
);

const stackLimit: fc.Arbitrary<StackLimit> = fc.oneof(fc.record({ maxTiers: fc.integer({ min: 1, max: 6 }) }), fc.record({ maxOnTop: fc.integer({ min: 0, max: 5 }) }));

const crateSpec: fc.Arbitrary<CrateSpec> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        base: fc.constantFrom(...catalogue),
        kg: fc.integer({ min: -20, max: 40 }),
        mayTurn: fc.boolean(),
        lithium,
      })
      .map(({ base: [length, width, height, kg, tiers], kg: dk, mayTurn, lithium }) => ({
        length,
        width,
        height,
        grossKg: kg + dk,
        stackLimit: { maxTiers: tiers },
        mayTurn,
        packaging: "CBU" as const,
        lithium,
      })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      length: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 150, max: 3000 }) }, { weight: 1, arbitrary: fc.integer({ min: 3000, max: 13_000 }) }),
      // Some sizes in fractional millimetres, as measured.
      width: fc.oneof(
        fc.integer({ min: 150, max: 2400 }),
        fc.integer({ min: 300, max: 4800 }).map((v) => v / 2),
      ),
      height: fc.oneof(
        fc.integer({ min: 150, max: 2800 }),
        fc.integer({ min: 300, max: 5600 }).map((v) => v / 2),
      ),
      grossKg: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 5, max: 1500 }) }, { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 30_000 }) }),
      stackLimit,
      mayTurn: fc.boolean(),
      packaging: fc.constantFrom("CBU" as const, "SKD" as const, "CKD" as const),
      lithium,
    }),
  },
);

const stops = [
  { stopCode: "BYMSQ", unloadOrder: 1 },
  { stopCode: "PLMAL", unloadOrder: 2 },
  { stopCode: "DEDUI", unloadOrder: 3 },
];

const rules: fc.Arbitrary<LithiumRules | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(DEFAULT_LITHIUM_RULES),
  fc.record({
    accepted: fc.subarray(["UN3171", "UN3480", "UN3481"] as const),
    maxStateOfCharge: fc.constant({ UN3171: 0.65 }),
    segregate: fc.subarray([["UN3480", "non-DG"] as const, ["UN3171", "non-DG"] as const, ["UN3480", "UN3481"] as const]),
    maxKwhPerContainer: fc.oneof(fc.constant(undefined), fc.integer({ min: 5, max: 300 })),
  }),
);

const inputArb: fc.Arbitrary<ConsolidationInput> = fc
  .record({
    lines: fc.array(
      fc.record({
        booking: fc.integer({ min: 0, max: 5 }),
        stop: fc.constantFrom(...stops),
        crate: crateSpec,
        quantity: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 12, arbitrary: fc.integer({ min: 1, max: 70 }) }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    withTwenty: fc.boolean(),
    train: fc.oneof(fc.constant({}), fc.record({ maxContainers: fc.integer({ min: 1, max: 4 }) }), fc.record({ maxGrossKg: fc.integer({ min: 10_000, max: 80_000 }) })),
    lithiumRules: rules,
    multiDrop: fc.constantFrom("whenSaves" as const, "never" as const),
    maxStops: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ lines, withTwenty, train, lithiumRules, multiDrop, maxStops }) => ({
    containerTypes: withTwenty ? [CONTAINER_40HQ, CONTAINER_20GP] : [CONTAINER_40HQ],
    train,
    // A booking goes to one stop: the first line's stop wins.
    lines: lines.map(
      (l, i): CargoLine => ({
        id: `L${i}`,
        bookingId: `B${l.booking}`,
        destination: lines.find((m) => m.booking === l.booking)!.stop,
        crate: l.crate,
        quantity: l.quantity,
      }),
    ),
    lithiumRules,
    options: { multiDrop, maxStopsPerContainer: maxStops },
  }));

describe("planConsolidation properties", () => {
  it("every plan passes checkPlan: inside, through the door, no overlaps, supported, stack limits, payload, lithium, unload order, train, every crate accounted for", () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const plan = planConsolidation(inp);
        expect(checkPlan(plan, inp)).toEqual([]);
        const total = inp.lines.reduce((s, l) => s + l.quantity, 0);
        expect(plan.summary.cratesPlaced + plan.summary.cratesUnplaced).toBe(total);
        for (const u of plan.unplaced) expect(u.detail.length).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: 20_251_125 },
    );
  });

  it("never uses fewer containers than the lower bound, and reports sane figures", () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const plan = planConsolidation(inp);
        expect(plan.summary.containersUsed).toBeGreaterThanOrEqual(plan.bounds.containers);
        expect(plan.bounds.containers).toBeGreaterThanOrEqual(plan.bounds.volume);
        expect(plan.bounds.dualFeasible).toBeGreaterThanOrEqual(plan.bounds.volume);
        for (const c of plan.containers) {
          expect(c.volumeUtilizationPct).toBeLessThanOrEqual(100);
          expect(c.cargoKg).toBeLessThanOrEqual(c.type.payloadKg);
          expect(c.centerOfGravity.x).toBeGreaterThanOrEqual(0);
          expect(c.centerOfGravity.x).toBeLessThanOrEqual(c.type.inner.length);
          expect(c.placements.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it("is deterministic: the same input, even a copy, gives the same plan", () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        expect(JSON.stringify(planConsolidation(structuredClone(inp)))).toBe(JSON.stringify(planConsolidation(inp)));
      }),
      { numRuns: 40, seed: 99 },
    );
  });
});

describe("planConsolidation with crates measured one by one", () => {
  // Over 96 distinct footprints the planner pools crates to a few millimetres: crates of slightly
  // different sizes and heights share tables, blocks and columns. Plans must stay valid.
  const measured = fc
    .array(
      fc.record({
        base: fc.constantFrom(...catalogue),
        dl: fc.integer({ min: 0, max: 40 }),
        dw: fc.integer({ min: 0, max: 40 }),
        dh: fc.integer({ min: 0, max: 30 }),
        kg: fc.integer({ min: -20, max: 40 }),
        quantity: fc.integer({ min: 1, max: 30 }),
        booking: fc.integer({ min: 0, max: 40 }),
      }),
      { minLength: 110, maxLength: 140 },
    )
    .map(
      (rows): ConsolidationInput => ({
        containerTypes: [CONTAINER_40HQ, CONTAINER_20GP],
        train: {},
        lithiumRules: DEFAULT_LITHIUM_RULES,
        lines: rows.map(({ base: [l, w, h, kg, tiers], dl, dw, dh, kg: dk, quantity, booking }, i) => ({
          id: `M${i}`,
          bookingId: `B${booking}`,
          destination: stops[booking % 3]!,
          crate: { length: l + dl, width: w + dw, height: h + dh, grossKg: kg + dk, stackLimit: { maxTiers: tiers }, mayTurn: true, packaging: "CBU", lithium: { un: "none" } },
          quantity,
        })),
      }),
    );

  it("pooled plans pass checkPlan and respect the lower bound", () => {
    fc.assert(
      fc.property(measured, (inp) => {
        const plan = planConsolidation(inp);
        expect(checkPlan(plan, inp)).toEqual([]);
        expect(plan.summary.containersUsed).toBeGreaterThanOrEqual(plan.bounds.containers);
        expect(plan.summary.cratesUnplaced).toBe(0);
      }),
      { numRuns: 16, seed: 11 },
    );
  });
});
