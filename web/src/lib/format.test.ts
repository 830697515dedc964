import { describe, expect, it } from "vitest";
import { formatDateTime, orgDisplayName } from "./format";

describe("formatDateTime", () => {
  const instant = "2026-11-25T06:05:00Z";
  it("shows the time in the given zone, with the zone last", () => {
    expect(formatDateTime(instant, "en", "Asia/Shanghai")).toBe("Nov 25, 2026, 14:05 GMT+8");
    expect(formatDateTime(instant, "zh-CN", "Asia/Shanghai")).toBe("2026年11月25日 14:05 GMT+8");
    expect(formatDateTime(instant, "en", "Europe/Warsaw")).toBe("Nov 25, 2026, 07:05 GMT+1");
  });
  it("falls back to UTC for an unknown zone and to empty text for no date", () => {
    expect(formatDateTime(instant, "en", "Nowhere/Special")).toBe("Nov 25, 2026, 06:05 UTC");
    expect(formatDateTime(null, "en", "UTC")).toBe("");
    expect(formatDateTime("not a date", "en", "UTC")).toBe("");
  });
});

describe("orgDisplayName", () => {
  it("prefers the Chinese name for Chinese readers when there is one", () => {
    expect(orgDisplayName({ name: "Yadea", nameZh: "雅迪" }, "zh-CN")).toBe("雅迪");
    expect(orgDisplayName({ name: "Yadea", nameZh: "雅迪" }, "en")).toBe("Yadea");
    expect(orgDisplayName({ name: "Vientiane Moto", nameZh: null }, "zh-CN")).toBe("Vientiane Moto");
  });
});
