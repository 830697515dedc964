import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPlan } from "./check-plan.js";
import { containerBound } from "./container-bound.js";
import { CONTAINER_20GP, CONTAINER_40HQ, DEFAULT_LITHIUM_RULES } from "./container-types.js";
import { BATTERIES, CARTON, crate, EBIKE, line } from "./fixtures.js";
import { moveBookingToContainer } from "./move.js";
import { planConsolidation } from "./plan.js";
import type { CargoLine, ConsolidationInput, ConsolidationPlan } from "./types.js";

const DUI = { stopCode: "DEDUI", unloadOrder: 2 };
const MAL = { stopCode: "PLMAL", unloadOrder: 1 };

function setup(lines: CargoLine[], options: ConsolidationInput["options"] = { multiDrop: "never" }): { input: ConsolidationInput; plan: ConsolidationPlan } {
  const input: ConsolidationInput = { containerTypes: [CONTAINER_40HQ], train: {}, lithiumRules: DEFAULT_LITHIUM_RULES, lines, options };
  const plan = planConsolidation(input);
  expect(checkPlan(plan, input)).toEqual([]);
  return { input, plan };
}

const containerOf = (plan: ConsolidationPlan, bookingId: string) => [...new Set(plan.containers.filter((c) => c.bookingIds.includes(bookingId)).map((c) => c.index))];

describe("moving a booking into another container", () => {
  it("places the booking's crates into the free space, keeps the unloading order and drops the emptied container", () => {
    const { input, plan } = setup([line({ id: "a", bookingId: "A", quantity: 10, destination: DUI }), line({ id: "b", bookingId: "B", quantity: 10, destination: MAL })]);
    expect(plan.containers).toHaveLength(2);
    const [from] = containerOf(plan, "B");
    const to = from === 0 ? 1 : 0;
    const before = structuredClone(plan);
    const r = moveBookingToContainer(plan, input, { bookingId: "B", toContainer: to });
    if (!r.ok) throw new Error(r.refusal.detail);
    expect(plan).toEqual(before); // the input plan is not touched
    expect(r.moved).toBe(10);
    expect(r.plan.containers).toHaveLength(1);
    expect(r.toContainer).toBe(0);
    const c = r.plan.containers[0]!;
    expect(c.placements).toHaveLength(20);
    expect(c.bookingIds.sort()).toEqual(["A", "B"]);
    expect(c.destinations.map((d) => d.stopCode)).toEqual(["PLMAL", "DEDUI"]);
    expect(checkPlan(r.plan, input)).toEqual([]);
    // Malaszewicze is unloaded first: its crates stand nearer the door than every Duisburg crate.
    const minMal = Math.min(...c.placements.filter((p) => p.bookingId === "B").map((p) => p.x));
    const maxDui = Math.max(...c.placements.filter((p) => p.bookingId === "A").map((p) => p.x + p.dims.length));
    expect(minMal).toBeGreaterThanOrEqual(maxDui);
    expect(r.plan.summary).toMatchObject({ containersUsed: 1, cratesPlaced: 20, splitBookings: [] });
    expect(r.plan.summary.cargoKg).toBe(20 * 90);
  });

  it("refuses with the crates left over when they do not fit, and leaves the plan as it was", () => {
    // 34 e-motorcycles of the 36 a 40HQ holds, and 12 more in a second container.
    const { input, plan } = setup([line({ id: "a", bookingId: "A", quantity: 34 }), line({ id: "b", bookingId: "B", quantity: 12, destination: MAL })]);
    const to = containerOf(plan, "A")[0]!;
    const before = structuredClone(plan);
    const r = moveBookingToContainer(plan, input, { bookingId: "B", toContainer: to });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.reason).toBe("DOES_NOT_FIT");
    expect(r.refusal.cratesToMove).toBe(12);
    expect(r.refusal.cratesLeftOver).toBeGreaterThanOrEqual(10);
    expect(r.refusal.detail).toMatch(new RegExp(`^does not fit: ${r.refusal.cratesLeftOver} of 12 crates left over`));
    expect(plan).toEqual(before);
  });

  it("fills the gaps a full plan leaves: two e-motorcycles join 34 in one container", () => {
    const { input, plan } = setup([line({ id: "a", bookingId: "A", quantity: 34 }), line({ id: "b", bookingId: "B", quantity: 2 })], { multiDrop: "never" });
    // The planner keeps whole bookings together where it can: both fit one container already.
    expect(plan.containers).toHaveLength(1);
    const split = setup([line({ id: "a", bookingId: "A", quantity: 30 }), line({ id: "b", bookingId: "B", quantity: 6, destination: MAL })]);
    expect(split.plan.containers).toHaveLength(2);
    const r = moveBookingToContainer(split.plan, split.input, { bookingId: "B", toContainer: containerOf(split.plan, "A")[0]! });
    if (!r.ok) throw new Error(r.refusal.detail);
    expect(r.plan.containers).toHaveLength(1);
    expect(r.plan.containers[0]!.placements).toHaveLength(36);
    expect(input.lines).toHaveLength(2);
  });

  it("refuses lithium segregation, payload, energy caps, doors, unknown containers and bookings", () => {
    const seg = setup([line({ id: "bat", bookingId: "BAT", crate: crate(BATTERIES), quantity: 5 }), line({ id: "ckd", bookingId: "CKD", crate: crate(CARTON), quantity: 5 })]);
    const batIn = containerOf(seg.plan, "BAT")[0]!;
    const r1 = moveBookingToContainer(seg.plan, seg.input, { bookingId: "CKD", toContainer: batIn });
    expect(r1).toMatchObject({ ok: false, refusal: { reason: "SEGREGATION", detail: expect.stringMatching(/non-DG may not share a container with UN3480/) } });

    const heavy = crate({ ...CARTON, grossKg: 1000, length: 1200, width: 1000, height: 1000, stackLimit: { maxTiers: 1 } });
    const pay = setup([line({ id: "h1", bookingId: "H1", crate: heavy, quantity: 20 }), line({ id: "h2", bookingId: "H2", crate: heavy, quantity: 10, destination: MAL })]);
    const r2 = moveBookingToContainer(pay.plan, pay.input, { bookingId: "H2", toContainer: containerOf(pay.plan, "H1")[0]! });
    expect(r2).toMatchObject({ ok: false, refusal: { reason: "EXCEEDS_PAYLOAD", detail: "10,000 kg more on 20,000 kg makes 30,000 kg, over the 40HQ payload of 26,500 kg" } });

    const capped: ConsolidationInput = { ...seg.input, lithiumRules: { ...DEFAULT_LITHIUM_RULES, segregate: [], maxKwhPerContainer: 10 } };
    const e = setup([line({ id: "e1", bookingId: "E1", quantity: 4 }), line({ id: "e2", bookingId: "E2", quantity: 4, destination: MAL })]);
    const r3 = moveBookingToContainer(e.plan, { ...e.input, lithiumRules: capped.lithiumRules }, { bookingId: "E2", toContainer: containerOf(e.plan, "E1")[0]! });
    expect(r3).toMatchObject({ ok: false, refusal: { reason: "LITHIUM_ENERGY_LIMIT" } });

    const twoTypes: ConsolidationInput = {
      containerTypes: [CONTAINER_40HQ, CONTAINER_20GP],
      train: {},
      lithiumRules: DEFAULT_LITHIUM_RULES,
      options: { multiDrop: "never" },
      lines: [
        line({ id: "small", bookingId: "S", crate: crate(EBIKE), quantity: 4 }),
        line({ id: "tall", bookingId: "T", crate: crate({ height: 2500, stackLimit: { maxTiers: 1 } }), quantity: 1, destination: MAL }),
      ],
    };
    const tp = planConsolidation(twoTypes);
    const small = tp.containers.find((c) => c.bookingIds.includes("S"))!;
    expect(small.type.code).toBe("20GP");
    const r4 = moveBookingToContainer(tp, twoTypes, { bookingId: "T", toContainer: small.index });
    expect(r4).toMatchObject({ ok: false, refusal: { reason: "EXCEEDS_DOOR" } });

    expect(moveBookingToContainer(seg.plan, seg.input, { bookingId: "CKD", toContainer: 7 })).toMatchObject({ ok: false, refusal: { reason: "UNKNOWN_CONTAINER" } });
    expect(moveBookingToContainer(seg.plan, seg.input, { bookingId: "nobody", toContainer: 0 })).toMatchObject({ ok: false, refusal: { reason: "NOT_IN_PLAN" } });
    expect(moveBookingToContainer(seg.plan, seg.input, { bookingId: "BAT", toContainer: batIn })).toMatchObject({ ok: false, refusal: { reason: "ALREADY_THERE" } });
  });

  it("refuses a fourth stop in one container", () => {
    const stops = ["A", "B", "C", "D"].map((s, i) => line({ id: s, bookingId: s, quantity: 2, crate: crate(CARTON), destination: { stopCode: s, unloadOrder: i + 1 } }));
    const { input, plan } = setup(stops, { multiDrop: "whenSaves", maxStopsPerContainer: 3 });
    expect(plan.containers).toHaveLength(2);
    const full = plan.containers.find((c) => c.destinations.length === 3)!;
    const loner = plan.containers.find((c) => c.destinations.length === 1)!;
    const r = moveBookingToContainer(plan, input, { bookingId: loner.bookingIds[0]!, toContainer: full.index });
    expect(r).toMatchObject({ ok: false, refusal: { reason: "TOO_MANY_STOPS" } });
  });
});

describe("a container's plan ÷ bound", () => {
  it("is 1 for a container its crate type's proven pattern fills, and above 1 for a part-filled one", () => {
    const { input, plan } = setup([line({ id: "a", bookingId: "A", quantity: 36 + 18 })]);
    const lines = new Map(input.lines.map((l) => [l.id, l]));
    const [full, half] = plan.containers.map((c) => containerBound(c, lines));
    expect(full).toMatchObject({ lowerBoundShare: 1, patternShare: 1, ratio: 1 });
    expect(half).toMatchObject({ lowerBoundShare: 0.5, patternShare: 0.5, ratio: 2 });
  });
});

/** Mixed loads of the e-two-wheeler trade: a few bookings, two stops, some lithium. */
const catalogue = [crate(), crate(EBIKE), crate(CARTON), crate(BATTERIES), crate({ length: 2050, width: 760, height: 1200, grossKg: 130, mayTurn: false })];
const load = fc
  .array(
    fc.record({
      kind: fc.integer({ min: 0, max: catalogue.length - 1 }),
      quantity: fc.integer({ min: 1, max: 40 }),
      stop: fc.integer({ min: 0, max: 2 }),
      maxTiers: fc.integer({ min: 1, max: 4 }),
    }),
    { minLength: 2, maxLength: 8 },
  )
  .map((rows) =>
    rows.map((r, i) =>
      line({
        id: `l${i}`,
        bookingId: `b${i}`,
        quantity: r.quantity,
        crate: { ...catalogue[r.kind]!, stackLimit: { maxTiers: r.maxTiers } },
        destination: [MAL, DUI, { stopCode: "BYMIN", unloadOrder: 0 }][r.stop]!,
      }),
    ),
  );

describe("moves, property-based", () => {
  it("never overlap, stay inside, respect stack limits, support and unloading order, and lose no crate", () => {
    let moved = 0;
    let refused = 0;
    fc.assert(
      fc.property(load, fc.nat(), fc.nat(), fc.constantFrom<"never" | "whenSaves">("never", "whenSaves"), (lines, pickBooking, pickContainer, multiDrop) => {
        const input: ConsolidationInput = { containerTypes: [CONTAINER_40HQ, CONTAINER_20GP], train: {}, lithiumRules: DEFAULT_LITHIUM_RULES, lines, options: { multiDrop } };
        const plan = planConsolidation(input);
        if (plan.containers.length < 2) return;
        const bookingId = lines[pickBooking % lines.length]!.bookingId;
        const toContainer = pickContainer % plan.containers.length;
        const before = JSON.stringify(plan);
        const r = moveBookingToContainer(plan, input, { bookingId, toContainer });
        expect(JSON.stringify(plan)).toBe(before);
        if (!r.ok) {
          refused++;
          // the placement itself never produces a plan the checker rejects
          expect(r.refusal.reason).not.toBe("PLAN_CHECK");
          return;
        }
        moved++;
        expect(checkPlan(r.plan, input)).toEqual([]);
        const crates = (p: ConsolidationPlan) => p.containers.reduce((s, c) => s + c.placements.length, 0);
        expect(crates(r.plan)).toBe(crates(plan));
        expect(r.plan.containers.filter((c) => c.bookingIds.includes(bookingId)).map((c) => c.index)).toEqual([r.toContainer]);
        expect(r.plan.containers.every((c, i) => c.index === i && c.placements.length > 0)).toBe(true);
        // deterministic
        expect(JSON.stringify(moveBookingToContainer(plan, input, { bookingId, toContainer }))).toBe(JSON.stringify(r));
      }),
      { numRuns: 150, seed: 20261125 },
    );
    expect(moved).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(0);
  });
});
