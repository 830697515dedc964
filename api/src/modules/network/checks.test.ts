import { describe, expect, it } from "vitest";
import { trainLimitFeu } from "./reference.js";
import { checkLegs, checkRules, checkStation } from "./services.js";

const known = new Set(["CNCKG", "CNKMG", "LABTN", "LAVTE"]);
const leg = (fromCode: string, toCode: string) => ({ fromCode, toCode, distanceKm: 100, transitHours: 5 });

describe("network checks", () => {
  it("accepts a chained route and names each fault of a bad one by field", () => {
    expect(checkLegs([leg("CNCKG", "CNKMG"), leg("CNKMG", "LABTN"), leg("LABTN", "LAVTE")], known)).toEqual([]);
    expect(checkLegs([], known).map((e) => e.path.join("."))).toEqual(["legs"]);
    expect(checkLegs([leg("CNCKG", "CNKMG"), leg("LABTN", "LAVTE")], known).map((e) => e.path.join("."))).toEqual(["legs.1.fromCode"]);
    expect(checkLegs([leg("CNCKG", "CNKMG"), leg("CNKMG", "CNCKG")], known).map((e) => e.path.join("."))).toEqual(["legs.1.toCode"]);
    expect(checkLegs([leg("CNCKG", "CNCKG")], known).map((e) => e.path.join("."))).toEqual(["legs.0.toCode"]);
    expect(checkLegs([{ ...leg("CNCKG", "CNKMG"), maxFeu: 0, dwellHours: -1 }], known).map((e) => e.path.join("."))).toEqual(["legs.0.dwellHours", "legs.0.maxFeu"]);
  });

  it("a station's code carries its country; time zones are IANA names", () => {
    const s = { code: "LAVTE", name: "Vientiane South", nameZh: "万象南", countryCode: "LA", kind: "TERMINAL" as const, timezone: "Asia/Vientiane" };
    expect(checkStation(s)).toEqual([]);
    expect(checkStation({ ...s, code: "CNCKG-TJC", countryCode: "CN" })).toEqual([]);
    expect(checkStation({ ...s, countryCode: "TH" }).map((e) => e.path[0])).toEqual(["countryCode"]);
    expect(checkStation({ ...s, timezone: "GMT+7 Vientiane" }).map((e) => e.path[0])).toEqual(["timezone"]);
    expect(checkStation({ ...s, latitude: 17.9 }).map((e) => e.path[0])).toEqual(["longitude"]);
    // in the caller's language
    expect(checkStation({ ...s, countryCode: "TH" }, { locale: "zh-CN" })[0]?.message).toBe("LA 开头的站点代码须属于国家 LA，而不是 TH。");
  });

  it("rules: one line per country, caps within 0–100 %, one fee per notice period", () => {
    const base = { maxFeuPerTrain: 45, maxGrossKgPerTrain: 1_000_000, cutoffLeadHours: 36, currencyCode: "USD", lithium: [], cancellationFees: [] };
    expect(checkRules(base, new Set(["USD"]))).toEqual([]);
    const fees = [
      { fromHoursBeforeDeparture: 24, feePerFeuMinor: 100 },
      { fromHoursBeforeDeparture: 24, feePerFeuMinor: 200 },
    ];
    expect(checkRules({ ...base, cancellationFees: fees }, new Set(["USD"])).map((e) => e.path.join("."))).toEqual(["cancellationFees.1.fromHoursBeforeDeparture"]);
    expect(checkRules({ ...base, maxFeuPerTrain: 0 }, new Set(["EUR"])).map((e) => e.path.join("."))).toEqual(["maxFeuPerTrain", "currencyCode"]);
  });

  it("the tightest leg limits the train", () => {
    expect(trainLimitFeu(50, [{ maxFeu: null }, { maxFeu: 36 }, { maxFeu: 40 }])).toBe(36);
    expect(trainLimitFeu(30, [{ maxFeu: 36 }])).toBe(30);
    expect(trainLimitFeu(45, [])).toBe(45);
  });
});
