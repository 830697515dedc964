import { describe, expect, it } from "vitest";
import { corridorStations, formatMoney, originTimeZone, toMinor } from "./format";

const station = (code: string, timezone: string) => ({ code, name: code, nameZh: code, timezone });

describe("formatMoney", () => {
  it("uses the currency's own digits", () => {
    expect(formatMoney({ amountMinor: 650050, currency: "USD" }, "en")).toBe("$6,500.50");
    expect(formatMoney({ amountMinor: 1200, currency: "JPY" }, "en")).toBe("¥1,200");
    expect(formatMoney({ amountMinor: 1500, currency: "KWD" }, "en").replace(/\s/g, " ")).toBe("KWD 1.500");
    expect(formatMoney({ amountMinor: 650050, currency: "USD" }, "zh-CN")).toBe("US$6,500.50");
  });
  it("converts typed amounts to minor units", () => {
    expect(toMinor(65.5, "USD")).toBe(6550);
    expect(toMinor(1200, "JPY")).toBe(1200);
  });
});

describe("corridor helpers", () => {
  const corridor = {
    legs: [
      { seq: 2, from: station("KMG", "Asia/Shanghai"), to: station("VTE", "Asia/Vientiane") },
      { seq: 1, from: station("CKG", "Asia/Shanghai"), to: station("KMG", "Asia/Shanghai") },
    ],
  };
  it("takes the origin's time zone and lists stations in order", () => {
    expect(originTimeZone(corridor)).toBe("Asia/Shanghai");
    expect(corridorStations(corridor).map((s) => s.code)).toEqual(["CKG", "KMG", "VTE"]);
  });
});
