import { describe, expect, it } from "vitest";
import { checkPlan } from "./check-plan.js";
import { CONTAINER_40HQ, DEFAULT_LITHIUM_RULES } from "./container-types.js";
import { BATTERIES, CARTON, crate, line } from "./fixtures.js";
import { planConsolidation } from "./plan.js";
import type { ConsolidationInput, ConsolidationPlan } from "./types.js";

const DUI = { stopCode: "DEDUI", unloadOrder: 2 };
const MAL = { stopCode: "PLMAL", unloadOrder: 1 };

function fixture(): { input: ConsolidationInput; plan: ConsolidationPlan } {
  const input: ConsolidationInput = {
    containerTypes: [CONTAINER_40HQ],
    train: { maxContainers: 3 },
    lithiumRules: DEFAULT_LITHIUM_RULES,
    lines: [line({ id: "moto", quantity: 20, destination: DUI }), line({ id: "parts", crate: crate(CARTON), quantity: 30, destination: MAL })],
  };
  return { input, plan: planConsolidation(input) };
}

const kinds = (input: ConsolidationInput, plan: ConsolidationPlan) => [...new Set(checkPlan(plan, input).map((v) => v.kind))].sort();

describe("checkPlan catches broken plans", () => {
  it("accepts the planner's own plan", () => {
    const { input, plan } = fixture();
    expect(checkPlan(plan, input)).toEqual([]);
  });

  it("finds overlaps, crates sticking out, floating crates and missing crates", () => {
    const { input, plan } = fixture();
    const ps = plan.containers[0]!.placements;
    const floor = ps.filter((p) => p.z === 0);
    floor[1]!.x = floor[0]!.x + 10;
    floor[1]!.y = floor[0]!.y;
    expect(kinds(input, plan)).toContain("OVERLAP");

    const f2 = fixture();
    f2.plan.containers[0]!.placements[0]!.x = CONTAINER_40HQ.inner.length - 100;
    expect(kinds(f2.input, f2.plan)).toContain("OUT_OF_BOUNDS");

    const f3 = fixture();
    const top = f3.plan.containers[0]!.placements.find((p) => p.z > 0)!;
    top.z += 300;
    expect(kinds(f3.input, f3.plan)).toContain("UNSUPPORTED");

    const f4 = fixture();
    f4.plan.containers[0]!.placements.pop();
    expect(kinds(f4.input, f4.plan)).toEqual(["CRATE_MISSING"]);
  });

  it("finds stack limits broken, turned crates that may not turn, and cargo in the wrong order", () => {
    const f = fixture();
    f.input.lines[0]!.crate.stackLimit = { maxTiers: 1 }; // the plan stacks them two high
    expect(kinds(f.input, f.plan)).toEqual(["STACK_LIMIT"]);

    const g = fixture();
    g.input.lines[1]!.crate.mayTurn = false;
    const carton = g.plan.containers[0]!.placements.find((p) => p.lineId === "parts")!;
    Object.assign(carton, { rotated: !carton.rotated, dims: { length: carton.dims.width, width: carton.dims.length, height: carton.dims.height } });
    expect(kinds(g.input, g.plan)).toContain("ORIENTATION");

    const h = fixture();
    for (const p of h.plan.containers[0]!.placements) if (p.stopCode === "PLMAL") p.x = 0;
    expect(kinds(h.input, h.plan)).toContain("UNLOAD_ORDER");
  });

  it("finds payload, segregation, energy and train limits broken", () => {
    const input: ConsolidationInput = {
      containerTypes: [CONTAINER_40HQ],
      train: {},
      lithiumRules: DEFAULT_LITHIUM_RULES,
      lines: [line({ id: "bat", crate: crate(BATTERIES), quantity: 5 }), line({ id: "ckd", crate: crate(CARTON), quantity: 5 })],
    };
    const plan = planConsolidation(input);
    expect(plan.containers).toHaveLength(2);
    const merged: ConsolidationPlan = {
      ...plan,
      containers: [{ ...plan.containers[0]!, placements: [...plan.containers[0]!.placements, ...plan.containers[1]!.placements.map((p) => ({ ...p, z: p.z + 1000 }))] }],
    };
    const strict = { ...input, train: { maxContainers: 0 }, lithiumRules: { ...DEFAULT_LITHIUM_RULES, maxKwhPerContainer: 1 } };
    strict.lines[1]!.crate.grossKg = 30_000;
    expect(kinds(strict, merged)).toEqual(expect.arrayContaining(["PAYLOAD", "SEGREGATION", "ENERGY", "TRAIN"]));
  });
});
