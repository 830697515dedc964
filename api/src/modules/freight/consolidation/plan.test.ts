import { describe, expect, it } from "vitest";
import { checkPlan } from "./check-plan.js";
import { CONTAINER_20GP, CONTAINER_40HQ, DEFAULT_LITHIUM_RULES } from "./container-types.js";
import { ConsolidationInputError } from "./errors.js";
import { BATTERIES, CARTON, crate, EBIKE, line } from "./fixtures.js";
import { planConsolidation } from "./plan.js";
import type { ConsolidationInput, ConsolidationPlan } from "./types.js";

function plan(input: Partial<ConsolidationInput> & Pick<ConsolidationInput, "lines">): { plan: ConsolidationPlan; input: ConsolidationInput } {
  const full: ConsolidationInput = { containerTypes: [CONTAINER_40HQ], train: {}, ...input };
  const p = planConsolidation(full);
  expect(checkPlan(p, full)).toEqual([]);
  return { plan: p, input: full };
}

const DUI = { stopCode: "DEDUI", unloadOrder: 2 };
const MAL = { stopCode: "PLMAL", unloadOrder: 1 };

describe("planConsolidation: packing", () => {
  it("packs e-motorcycle crates at the proven best pattern: 108 crates, 3 × 36, bound 3", () => {
    const { plan: p } = plan({ lines: [line({ quantity: 40 }), line({ quantity: 33 }), line({ quantity: 35 })] });
    expect(p.containers.map((c) => c.placements.length)).toEqual([36, 36, 36]);
    expect(p.bounds.pattern).toBe(3);
    expect(p.bounds.patternProven).toBe(true);
    expect(p.summary).toMatchObject({ containersUsed: 3, lowerBound: 3, ratio: 1, excess: 0, cratesUnplaced: 0 });
    expect(p.containers[0]!.volumeUtilizationPct).toBeCloseTo(64.1, 1);
  });

  it("stands narrow crates in the strip the e-motorcycle pattern leaves along the wall", () => {
    const { plan: p } = plan({ lines: [line({ quantity: 36 }), line({ crate: crate(EBIKE), quantity: 24 })] });
    expect(p.containers).toHaveLength(1);
    const bikes = p.containers[0]!.placements.filter((q) => q.dims.height === 800);
    expect(bikes).toHaveLength(24);
    // Seven 1.5 m columns of three fill the 400 mm strip along the 11.4 m block; the eighth stands
    // turned in the 632 mm left at the door end.
    expect(bikes.filter((b) => b.y >= 1950)).toHaveLength(21);
  });

  it("stands e-motorcycle crates on a layer of CKD cartons, using the headroom two tiers leave", () => {
    // 36 motorcycle crates take 11.4 m of floor two high (2.2 of 2.697 m); 216 cartons in columns
    // of six would need 36 columns, and the strip and door end hold only 24: two containers.
    // Under every motorcycle column fit four cartons turned (1.6 × 0.6 m of its 1.9 × 0.65 m),
    // 400 + 2 × 1,100 = 2,600 mm: 72 cartons go under, the other 144 fit beside, one container.
    const { plan: p } = plan({ lines: [line({ quantity: 36 }), line({ crate: crate(CARTON), quantity: 216 })] });
    expect(p.containers).toHaveLength(1);
    const placements = p.containers[0]!.placements;
    const raised = placements.filter((q) => q.dims.height === 1100 && q.z === 400);
    expect(raised).toHaveLength(18);
    expect(raised.every((q) => q.tier === 2)).toBe(true);
    expect(placements.filter((q) => q.dims.height === 1100 && q.z === 1500)).toHaveLength(18);
    const underneath = placements.filter(
      (q) =>
        q.dims.height === 400 &&
        q.z === 0 &&
        raised.some((m) => q.x >= m.x && q.x + q.dims.length <= m.x + m.dims.length && q.y >= m.y && q.y + q.dims.width <= m.y + m.dims.width),
    );
    expect(underneath).toHaveLength(72);
    // Floor used counts the outline seen from above: the motorcycle columns and the 24 carton
    // columns beside them, not the pads hidden under the columns.
    const floor = (18 * 1900 * 650 + 24 * 600 * 400) / (CONTAINER_40HQ.inner.length * CONTAINER_40HQ.inner.width);
    expect(p.containers[0]!.floorUtilizationPct).toBeCloseTo(floor * 100, 1);
  });

  it("raises no crate on cartons too light to bear it, nor on pads that would carry it on less than its minimum support", () => {
    // A carton of 5 kg bears 5 × 5 kg at the bottom of its own stack; a column of two 90 kg
    // motorcycles spread over a pad of four puts 45 kg on each.
    const light = plan({ lines: [line({ quantity: 36 }), line({ crate: crate({ ...CARTON, grossKg: 5 }), quantity: 216 })] }).plan;
    expect(light.containers).toHaveLength(2);
    expect(light.containers.flatMap((c) => c.placements).filter((q) => q.dims.height === 1100 && q.z === 400)).toHaveLength(0);
    // Four turned cartons cover 78 % of a motorcycle crate's base: enough at 75 %, not at 80 %.
    const strict = plan({ lines: [line({ quantity: 36 }), line({ crate: crate(CARTON), quantity: 216 })], options: { minSupportRatio: 0.8 } }).plan;
    expect(strict.containers).toHaveLength(2);
    expect(strict.containers.flatMap((c) => c.placements).filter((q) => q.dims.height === 1100 && q.z === 400)).toHaveLength(0);
  });

  it("puts heavier crates low when lines share columns", () => {
    const light = line({ crate: crate({ grossKg: 60 }), quantity: 1 });
    const heavy = line({ crate: crate({ grossKg: 120 }), quantity: 1 });
    const { plan: p } = plan({ lines: [light, heavy] });
    const byTier = p.containers[0]!.placements.sort((a, b) => a.tier - b.tier);
    expect(byTier.map((q) => q.grossKg)).toEqual([120, 60]);
    expect(byTier[1]!.z).toBe(1100);
  });

  it("keeps small bookings whole and splits only what cannot fit", () => {
    const lines = Array.from({ length: 12 }, (_, i) => line({ bookingId: `B${i}`, quantity: 8 + (i % 5) }));
    const { plan: p } = plan({ lines });
    const total = lines.reduce((s, l) => s + l.quantity, 0);
    expect(p.summary.cratesPlaced).toBe(total);
    expect(p.summary.splitBookings.length).toBeLessThanOrEqual(p.containers.length - 1);
  });

  it("centres a part load so the centre of gravity sits near mid-length", () => {
    const { plan: p } = plan({ lines: [line({ quantity: 10 })] });
    const cog = p.containers[0]!.centerOfGravity;
    expect(Math.abs(cog.lengthwiseOffsetMm)).toBeLessThan(400);
    expect(Math.abs(cog.lateralOffsetMm)).toBeLessThan(400);
  });

  it("moves a small load into a 20GP when both types are offered", () => {
    const { plan: p } = plan({ containerTypes: [CONTAINER_40HQ, CONTAINER_20GP], lines: [line({ crate: crate(CARTON), quantity: 40 })] });
    expect(p.containers.map((c) => c.type.code)).toEqual(["20GP"]);
    expect(p.summary.teu).toBe(1);
  });

  it("is deterministic: the same input gives the same plan", () => {
    const lines = [
      line({ quantity: 50, destination: DUI }),
      line({ crate: crate(EBIKE), quantity: 70, destination: MAL }),
      line({ crate: crate(CARTON), quantity: 90, destination: MAL }),
    ];
    const a = planConsolidation({ containerTypes: [CONTAINER_40HQ, CONTAINER_20GP], train: {}, lines });
    const b = planConsolidation({ containerTypes: [CONTAINER_40HQ, CONTAINER_20GP], train: {}, lines: structuredClone(lines) });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe("planConsolidation: rejections", () => {
  it("rejects a crate that fits inside but not through the door, with a typed reason", () => {
    const tall = line({ crate: crate({ height: 2620 }), quantity: 2 }); // door 2,580 mm, inside 2,697 mm
    const wide = line({ crate: crate({ length: 1000, width: 2345, mayTurn: false }), quantity: 1 }); // door 2,340, inside 2,350
    const { plan: p } = plan({ lines: [tall, wide, line({ quantity: 1 })] });
    expect(p.unplaced.map((u) => [u.lineId, u.reason, u.quantity])).toEqual([
      [tall.id, "EXCEEDS_DOOR", 2],
      [wide.id, "EXCEEDS_DOOR", 1],
    ]);
    expect(p.unplaced[1]!.detail).toContain("may not be turned");
    expect(p.summary.cratesPlaced).toBe(1);
  });

  it("lets a wide crate in turned when it may turn", () => {
    const wide = line({ crate: crate({ length: 1000, width: 2345, height: 1000 }), quantity: 2 });
    const { plan: p } = plan({ lines: [wide] });
    expect(p.unplaced).toEqual([]);
    expect(p.containers[0]!.placements.every((q) => q.rotated && q.dims.width === 1000)).toBe(true);
  });

  it("rejects crates bigger than any container, heavier than the payload, or malformed", () => {
    const long = line({ crate: crate({ length: 12_500 }), quantity: 1 });
    const heavy = line({ crate: crate({ grossKg: 27_000 }), quantity: 1 });
    const broken = line({ crate: crate({ width: -5 }), quantity: 3 });
    const { plan: p } = plan({ lines: [long, heavy, broken] });
    const reasons = Object.fromEntries(p.unplaced.map((u) => [u.lineId, u.reason]));
    expect(reasons).toEqual({ [long.id]: "EXCEEDS_CONTAINER", [heavy.id]: "EXCEEDS_PAYLOAD", [broken.id]: "INVALID_LINE" });
    expect(p.containers).toEqual([]);
    expect(p.summary).toMatchObject({ containersUsed: 0, lowerBound: 0, ratio: 1 });
  });

  it("refuses input it cannot plan with a coded error", () => {
    const l = line();
    expect(() => planConsolidation({ containerTypes: [CONTAINER_40HQ], train: {}, lines: [l, l] })).toThrow(ConsolidationInputError);
    expect(() => planConsolidation({ containerTypes: [], train: {}, lines: [] })).toThrow(expect.objectContaining({ code: "NO_CONTAINER_TYPES" }));
  });
});

describe("planConsolidation: lithium", () => {
  it("keeps loose batteries (UN3480) out of containers with non-DG cargo, and reports the lithium", () => {
    const { plan: p } = plan({ lithiumRules: DEFAULT_LITHIUM_RULES, lines: [line({ crate: crate(BATTERIES), quantity: 10 }), line({ crate: crate(CARTON), quantity: 10 })] });
    expect(p.containers).toHaveLength(2);
    for (const c of p.containers) expect(c.lithium.classes.includes("UN3480") && c.lithium.classes.includes("non-DG")).toBe(false);
    const batteries = p.containers.find((c) => c.lithium.classes.includes("UN3480"))!;
    expect(batteries.lithium).toMatchObject({ totalKwh: 15, un383Required: true, byUn: [{ un: "UN3480", crates: 10, kwh: 15, maxStateOfCharge: 0.3 }] });
  });

  it("lets vehicles with batteries (UN3171) travel with either", () => {
    const { plan: p } = plan({ lithiumRules: DEFAULT_LITHIUM_RULES, lines: [line({ quantity: 4 }), line({ crate: crate(CARTON), quantity: 10 })] });
    expect(p.containers).toHaveLength(1);
    expect(p.containers[0]!.lithium.classes).toEqual(["non-DG", "UN3171"]);
  });

  it("caps energy per container and rejects what the rules refuse", () => {
    const rules = { ...DEFAULT_LITHIUM_RULES, maxKwhPerContainer: 40 };
    const charged = line({ crate: crate({ lithium: { un: "UN3171", whPerCrate: 2000, stateOfCharge: 0.9 } }), quantity: 2 });
    const { plan: p } = plan({ lithiumRules: rules, lines: [line({ quantity: 36 }), charged] });
    expect(p.containers.every((c) => c.lithium.totalKwh <= 40)).toBe(true);
    expect(p.containers).toHaveLength(2); // 36 × 2 kWh = 72 kWh
    expect(p.bounds.energy).toBe(2);
    expect(p.unplaced).toMatchObject([{ lineId: charged.id, reason: "LITHIUM_CHARGE_TOO_HIGH" }]);
    const refused = plan({ lithiumRules: { ...rules, accepted: ["UN3171"] }, lines: [line({ crate: crate(BATTERIES), quantity: 3 })] });
    expect(refused.plan.unplaced).toMatchObject([{ reason: "LITHIUM_NOT_ACCEPTED", quantity: 3 }]);
  });
});

describe("planConsolidation: destinations and the train", () => {
  it("multi-drop: shares a container when that saves one, the last stop deepest", () => {
    const first = line({ destination: MAL, crate: crate(CARTON), quantity: 60 });
    const last = line({ destination: DUI, quantity: 12 });
    const { plan: p } = plan({ lines: [first, last] });
    expect(p.containers).toHaveLength(1);
    const c = p.containers[0]!;
    expect(c.destinations.map((d) => d.stopCode)).toEqual(["PLMAL", "DEDUI"]);
    const maxDeep = Math.max(...c.placements.filter((q) => q.stopCode === "DEDUI").map((q) => q.x + q.dims.length));
    const minNear = Math.min(...c.placements.filter((q) => q.stopCode === "PLMAL").map((q) => q.x));
    expect(maxDeep).toBeLessThanOrEqual(minNear);
  });

  it("separate containers per destination when sharing saves nothing, or when multi-drop is off", () => {
    const a = line({ destination: MAL, quantity: 30 });
    const b = line({ destination: DUI, quantity: 30 });
    expect(plan({ lines: [a, b] }).plan.containers.map((c) => c.destinations.length)).toEqual([1, 1]);
    const small = [line({ destination: MAL, quantity: 4 }), line({ destination: DUI, quantity: 4 })];
    expect(plan({ lines: small, options: { multiDrop: "never" } }).plan.containers).toHaveLength(2);
    expect(plan({ lines: small }).plan.containers).toHaveLength(1);
  });

  it("honours the stop limit per container", () => {
    const stops = ["A", "B", "C", "D"].map((s, i) => line({ destination: { stopCode: s, unloadOrder: i + 1 }, quantity: 2 }));
    const { plan: p } = plan({ lines: stops, options: { maxStopsPerContainer: 2 } });
    expect(p.containers.every((c) => c.destinations.length <= 2)).toBe(true);
    expect(p.containers).toHaveLength(2);
  });

  it("leaves the least-filled containers off a full train and says why", () => {
    const { plan: p } = plan({ train: { maxContainers: 2 }, lines: [line({ quantity: 36 * 2 + 5 })] });
    expect(p.containers).toHaveLength(2);
    expect(p.summary.containersBeforeTrainLimits).toBe(3);
    expect(p.unplaced).toMatchObject([{ reason: "TRAIN_CONTAINER_LIMIT", quantity: 5 }]);
    const heavy = plan({ train: { maxGrossKg: 40_000 }, lines: [line({ crate: crate({ grossKg: 700 }), quantity: 72 })] });
    expect(heavy.plan.summary.trainGrossKg).toBeLessThanOrEqual(40_000);
    expect(heavy.plan.unplaced[0]?.reason).toBe("TRAIN_WEIGHT_LIMIT");
  });
});
