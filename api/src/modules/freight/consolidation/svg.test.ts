import { describe, expect, it } from "vitest";
import { CONTAINER_40HQ } from "./container-types.js";
import { CARTON, crate, line } from "./fixtures.js";
import { planConsolidation } from "./plan.js";
import { formatInt, renderLoadPlanSvg } from "./svg.js";

function sample() {
  return planConsolidation({
    containerTypes: [CONTAINER_40HQ],
    train: {},
    lines: [
      line({ bookingId: "BK-1 <Yadea & Co>", quantity: 20, destination: { stopCode: "DEDUI", unloadOrder: 2 } }),
      line({ bookingId: "BK-2", crate: crate(CARTON), quantity: 60, destination: { stopCode: "PLMAL", unloadOrder: 1 } }),
    ],
  }).containers[0]!;
}

/** Tags open and close in order (no XML parser in Node; this catches broken markup). */
function wellFormed(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}

describe("renderLoadPlanSvg", () => {
  it("draws every crate in both views with legend, dimensions, door and centre of gravity", () => {
    const c = sample();
    const { top, side } = renderLoadPlanSvg(c);
    for (const svg of [top, side]) {
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(wellFormed(svg)).toBe(true);
      expect(svg.match(/<rect [^>]*stroke-width="0.6"/g)).toHaveLength(c.placements.length);
      expect(svg).toContain("12,032 mm");
      expect(svg).toContain("DOOR");
      expect(svg).toContain("BK-1 &lt;Yadea &amp; Co&gt; · 20 crates · 1,800 kg");
      expect(svg).toContain("BK-2 · 60 crates");
      expect(svg).toContain("unload PLMAL → DEDUI");
    }
    expect(top).toContain("2,350 mm");
    expect(side).toContain("2,697 mm");
    expect(side).toContain(">CoG<");
    expect(top).toContain(">×2<");
  });

  it("is pure: the same container gives the same bytes; bookings keep distinct colours", () => {
    const c = sample();
    expect(renderLoadPlanSvg(c)).toEqual(renderLoadPlanSvg(structuredClone(c)));
    const fills = new Set([...renderLoadPlanSvg(c).top.matchAll(/<rect x="[^"]+" y="[^"]+" width="12" height="12" fill="([^"]+)"/g)].map((m) => m[1]));
    expect(fills.size).toBe(2);
  });

  it("formats numbers without the host locale", () => {
    expect(formatInt(1234567.4)).toBe("1,234,567");
    expect(formatInt(-2500)).toBe("-2,500");
    expect(formatInt(12)).toBe("12");
  });
});
