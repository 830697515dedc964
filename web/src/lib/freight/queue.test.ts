import { describe, expect, it } from "vitest";
import { byOccurrence, DAY, nextStep, relativeTo } from "./queue";

const now = Date.parse("2026-12-01T00:00:00Z");
const later = new Date(now + DAY).toISOString();
const earlier = new Date(now - DAY).toISOString();
const draft = { status: "DRAFT", unplaced: [] };

describe("nextStep", () => {
  it("follows a train's load from no bookings to ready", () => {
    expect(nextStep({ bookedFeu: 0, cutoffAt: later, plan: null }, now)).toBe("noBookings");
    expect(nextStep({ bookedFeu: 2.5, cutoffAt: later, plan: null }, now)).toBe("run");
    expect(nextStep({ bookedFeu: 2.5, cutoffAt: later, plan: draft }, now)).toBe("review");
    expect(nextStep({ bookedFeu: 2.5, cutoffAt: earlier, plan: draft }, now)).toBe("lock");
    expect(nextStep({ bookedFeu: 2.5, cutoffAt: earlier, plan: { status: "DRAFT", unplaced: ["3 × TG-BAT72: LITHIUM_REFUSED"] } }, now)).toBe("resolve");
    expect(nextStep({ bookedFeu: 2.5, cutoffAt: earlier, plan: { status: "LOCKED", unplaced: [] } }, now)).toBe("ready");
  });
});

describe("relativeTo", () => {
  it("says how far off a time is in the nearest whole unit, either way", () => {
    expect(relativeTo(new Date(now + 3 * DAY + 3_600_000).toISOString(), now, "en", "in {time}", "passed {time} ago")).toBe("in 3 days");
    expect(relativeTo(new Date(now - 5 * 3_600_000).toISOString(), now, "en", "in {time}", "passed {time} ago")).toBe("passed 5 hours ago");
    expect(relativeTo(new Date(now + 20_000).toISOString(), now, "en", "in {time}", "passed {time} ago")).toBe("in 1 minute");
    expect(relativeTo(new Date(now + 36 * 3_600_000).toISOString(), now, "zh-CN", "{time}后", "已过 {time}")).toBe("36小时后");
  });
});

describe("byOccurrence", () => {
  it("orders by time, then by the journey when two share a minute", () => {
    const at = "2026-12-01T05:10:00.000Z";
    const ms = [
      { occurredAt: at, type: "DEPARTED" as const },
      { occurredAt: "2026-12-01T05:00:00.000Z", type: "GATE_IN" as const },
      { occurredAt: at, type: "LOADED" as const },
    ];
    expect([...ms].sort(byOccurrence).map((m) => m.type)).toEqual(["GATE_IN", "LOADED", "DEPARTED"]);
  });
});
