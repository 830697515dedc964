import { describe, expect, it } from "vitest";
import { dissolveWeakest } from "./assign.js";
import { checkPlan } from "./check-plan.js";
import { CONTAINER_40HQ } from "./container-types.js";
import { ContainerDraft, makeLineInfo, wholeLine } from "./draft.js";
import { CARTON, crate, EBIKE, line } from "./fixtures.js";
import { assignBaseLayers, stopFloorLength } from "./floor-plan.js";
import { NO_LITHIUM_RULES } from "./lithium.js";
import { planConsolidation } from "./plan.js";

const ctx = { rules: NO_LITHIUM_RULES, maxStops: 3, minSupport: 0.75 };

function draftOf(...lines: ReturnType<typeof line>[]): ContainerDraft {
  const d = new ContainerDraft(CONTAINER_40HQ, ctx);
  for (const [i, l] of lines.entries()) d.add(wholeLine(makeLineInfo(l, i, i, CONTAINER_40HQ, 0)));
  return d;
}

describe("dissolveWeakest", () => {
  it("empties a container whose crates fit in the gaps of the others", () => {
    // 36 motorcycle crates leave a 400 mm strip along 11.4 m and 632 mm at the door: room for
    // 21 e-bike crates in the strip and 6 turned at the door end.
    const full = draftOf(line({ quantity: 36 }));
    const weak = draftOf(line({ crate: crate(EBIKE), quantity: 27 }));
    const out = dissolveWeakest([full, weak], true);
    expect(out).toHaveLength(1);
    expect(out[0]!.crateCount).toBe(63);
    // The input drafts are not changed.
    expect(full.crateCount).toBe(36);
  });

  it("leaves every container as it was when one crate does not find room", () => {
    const full = draftOf(line({ quantity: 36 }));
    const weak = draftOf(line({ crate: crate(EBIKE), quantity: 28 }));
    const out = dissolveWeakest([full, weak], true);
    expect(out).toHaveLength(2);
    expect(out[0]).toBe(full);
    expect(out[1]).toBe(weak);
    expect([full.crateCount, weak.crateCount]).toEqual([36, 28]);
  });

  it("keeps single-stop containers single-stop when multi-drop is off", () => {
    // Another stop's crates get floor of their own (unloading order), not the strip: the 632 mm
    // at the door end holds six.
    const full = draftOf(line({ quantity: 36 }));
    const weak = draftOf(line({ crate: crate(EBIKE), quantity: 6, destination: { stopCode: "PLMAL", unloadOrder: 2 } }));
    expect(dissolveWeakest([full, weak], false)).toHaveLength(2);
    expect(dissolveWeakest([full, weak], true)).toHaveLength(1);
  });
});

describe("base layers", () => {
  it("are chosen the same whatever order a stop's blocks come in, so the filler and the layout agree", () => {
    // Two carton kinds make equally good pads under the motorcycle crates (four per crate, 78 %).
    const lines = [
      line({ quantity: 36 }),
      line({ crate: crate({ ...CARTON, length: 600, width: 400 }), quantity: 72 }),
      line({ crate: crate({ ...CARTON, length: 800, width: 300 }), quantity: 200 }),
    ];
    const d = draftOf(...lines);
    const demands = d.stopDemands()[0]!.demands;
    const forward = assignBaseLayers(demands, d.baseRules);
    const backward = assignBaseLayers([...demands].reverse(), d.baseRules);
    expect(forward.bases.length).toBeGreaterThan(0);
    expect(backward.bases.map((b) => [b.hostKey, b.pool, b.crates])).toEqual(forward.bases.map((b) => [b.hostKey, b.pool, b.crates]));
    expect(stopFloorLength([...demands].reverse(), d.baseRules)).toBe(stopFloorLength(demands, d.baseRules));
    for (const order of [
      [0, 1, 2],
      [0, 2, 1],
      [2, 1, 0],
      [1, 2, 0],
    ]) {
      const input = { containerTypes: [CONTAINER_40HQ], train: {}, lines: order.map((i) => lines[i]!) };
      expect(checkPlan(planConsolidation(input), input)).toEqual([]);
    }
  });
});
