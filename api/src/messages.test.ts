import { describe, expect, it } from "vitest";
import { messageLocaleOf, say, utcMinute } from "./messages.js";
import { lithiumRefusal } from "./modules/freight/route.js";

describe("error message language", () => {
  it("follows Accept-Language, q-values honoured, any Chinese as zh-CN, English otherwise", () => {
    expect(messageLocaleOf(null)).toBe("en");
    expect(messageLocaleOf("zh-CN")).toBe("zh-CN");
    expect(messageLocaleOf("zh-TW,en;q=0.5")).toBe("zh-CN");
    expect(messageLocaleOf("en;q=0.4,zh;q=0.9")).toBe("zh-CN");
    expect(messageLocaleOf("de-DE,en;q=0.8,zh;q=0.7")).toBe("en");
    expect(messageLocaleOf("fr")).toBe("en");
  });

  it("says one sentence per language and names the zone of a time", () => {
    expect(say({ locale: "zh-CN" }, "closed", "已截止")).toBe("已截止");
    expect(say({}, "closed", "已截止")).toBe("closed");
    expect(utcMinute(new Date("2026-12-26T08:55:42Z"))).toBe("2026-12-26 08:55 UTC");
  });

  it("refuses lithium cargo in the caller's language", () => {
    const rules = [{ countryCode: "LA", acceptsUN3171: false, acceptsUN3480: false, acceptsUN3481: false, maxStateOfChargePct: 30 }];
    const cargo = [{ label: "YD-E8S", unNumber: "UN3171" as const, stateOfChargePct: 50 }];
    expect(lithiumRefusal(cargo, ["CN", "LA"], rules)).toBe("YD-E8S: UN3171 lithium cargo is not accepted in LA on this corridor.");
    expect(lithiumRefusal(cargo, ["CN", "LA"], rules, "zh-CN")).toBe("YD-E8S：本通道在 LA 不接受 UN3171 锂电池货物。");
  });
});
