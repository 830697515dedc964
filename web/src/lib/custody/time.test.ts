import { describe, expect, it } from "vitest";
import { fromZonedInputValue, toZonedInputValue } from "./time";

describe("zoned datetime-local values", () => {
  it("reads the wall time in the organization's zone, not the browser's", () => {
    expect(fromZonedInputValue("2026-11-25T14:05", "Asia/Shanghai")?.toISOString()).toBe("2026-11-25T06:05:00.000Z");
    expect(fromZonedInputValue("2026-11-25T14:05", "Asia/Vientiane")?.toISOString()).toBe("2026-11-25T07:05:00.000Z");
    expect(fromZonedInputValue("2026-11-25T14:05", "UTC")?.toISOString()).toBe("2026-11-25T14:05:00.000Z");
  });

  it("handles daylight saving time on both sides of the change", () => {
    expect(fromZonedInputValue("2026-07-01T12:00", "Europe/Berlin")?.toISOString()).toBe("2026-07-01T10:00:00.000Z");
    expect(fromZonedInputValue("2026-01-01T12:00", "Europe/Berlin")?.toISOString()).toBe("2026-01-01T11:00:00.000Z");
  });

  it("writes an instant as the zone's wall time", () => {
    const instant = new Date("2026-11-25T06:05:30Z");
    expect(toZonedInputValue(instant, "Asia/Shanghai")).toBe("2026-11-25T14:05");
    expect(toZonedInputValue(instant, "Europe/Berlin")).toBe("2026-11-25T07:05");
    expect(fromZonedInputValue(toZonedInputValue(instant, "Asia/Vientiane"), "Asia/Vientiane")?.toISOString()).toBe("2026-11-25T06:05:00.000Z");
  });

  it("rejects what is not a date-time and falls back to UTC for unknown zones", () => {
    expect(fromZonedInputValue("", "Asia/Shanghai")).toBeNull();
    expect(fromZonedInputValue("2026-02-30T10:00", "Asia/Shanghai")).toBeNull();
    expect(fromZonedInputValue("25/11/2026 14:05", "Asia/Shanghai")).toBeNull();
    expect(fromZonedInputValue("2026-11-25T14:05", "Mars/Olympus")?.toISOString()).toBe("2026-11-25T14:05:00.000Z");
  });
});
