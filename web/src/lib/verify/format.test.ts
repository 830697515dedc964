import { afterEach, describe, expect, it, vi } from "vitest";
import { formatDay, formatInstant, isIdentifier, marketName, neutralInstant, normalizeIdentifier, parseDay, parseSha256, toHex } from "./format";
import { withLang } from "./links";

describe("identifiers", () => {
  it("normalizes what people type and accepts VINs and frame numbers", () => {
    expect(normalizeIdentifier(" lydee8s05r 0000001 ")).toBe("LYDEE8S05R0000001");
    expect(normalizeIdentifier("ｌｙｄ１２３")).toBe("LYD123");
    expect(isIdentifier("LYDEE8S05R0000001")).toBe(true);
    expect(isIdentifier("YD-2025-000123")).toBe(true);
    expect(isIdentifier("AB")).toBe(false);
    expect(isIdentifier("-ABC")).toBe(false);
    expect(isIdentifier("ABC/../X")).toBe(false);
    expect(isIdentifier("A".repeat(41))).toBe(false);
  });
});

describe("parseSha256", () => {
  const hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  it("accepts any case, spaces and a sha256: prefix", () => {
    expect(parseSha256(hex)).toBe(hex);
    expect(parseSha256(`  ${hex.toUpperCase()} `)).toBe(hex);
    expect(parseSha256(`sha256:${hex}`)).toBe(hex);
    expect(parseSha256(`${hex.slice(0, 32)} ${hex.slice(32)}`)).toBe(hex);
  });
  it("refuses anything else", () => {
    expect(parseSha256(hex.slice(1))).toBeNull();
    expect(parseSha256(`${hex}0`)).toBeNull();
    expect(parseSha256(`${hex.slice(1)}g`)).toBeNull();
    expect(parseSha256("")).toBeNull();
  });
  it("hex-encodes digests", () => {
    expect(toHex(new Uint8Array([0, 15, 16, 255]))).toBe("000f10ff");
  });
});

describe("days", () => {
  it("parses only real calendar days", () => {
    expect(parseDay("2026-02-28")).toBe("2026-02-28");
    expect(parseDay("2026-02-30")).toBeNull();
    expect(parseDay("2026-2-3")).toBeNull();
    expect(parseDay(undefined)).toBeNull();
  });
  it("formats a calendar day in each language without shifting it", () => {
    expect(formatDay("2026-03-01", "en")).toBe("Mar 1, 2026");
    expect(formatDay("2026-03-01", "zh-CN")).toBe("2026年3月1日");
    expect(formatDay("2026-03-01", "vi")).toMatch(/2026/);
    expect(formatDay("2026-03-01", "lo")).toMatch(/ມ\.ນ\./);
    // Gregorian years for Thai, like the certificates (not the Buddhist 2569)
    expect(formatDay("2026-03-01", "th")).toMatch(/2026/);
    expect(formatDay("2026-03-01", "th")).toMatch(/มี\.ค\./);
    expect(formatDay("not a day", "en")).toBe("not a day");
  });
  it("formats instants with their time zone named", () => {
    expect(formatInstant("2026-03-01T20:30:00Z", "en")).toMatch(/Mar 1, 2026.*8:30.*UTC/);
    expect(formatInstant("2026-03-01T20:30:00Z", "en", "Asia/Vientiane")).toMatch(/Mar 2, 2026.*03:30.*GMT\+7/);
    expect(formatInstant("2026-03-01T20:30:00Z", "lo", "Asia/Vientiane")).toMatch(/GMT\+7/);
    expect(formatInstant("2026-03-01T20:30:00Z", "en", "Bad/Zone")).toMatch(/UTC/);
  });
});

describe("an engine without the reader's language (Chromium has no Lao)", () => {
  afterEach(() => vi.restoreAllMocks());
  const withoutLao = () =>
    vi.spyOn(Intl.DateTimeFormat, "supportedLocalesOf").mockImplementation((locales) => [locales].flat().filter((l): l is string => typeof l === "string" && !l.startsWith("lo")));

  it("writes instants neutrally, still naming the zone", () => {
    expect(neutralInstant("2026-03-01T20:30:00Z")).toBe("2026-03-01 20:30 UTC");
    expect(neutralInstant("2026-03-01T20:30:00Z", "Asia/Vientiane")).toBe("2026-03-02 03:30 GMT+7");
    expect(neutralInstant("nonsense")).toBe("nonsense");
  });

  it("falls back to neutral days, instants and the API's market names", () => {
    withoutLao();
    expect(formatDay("2026-03-01", "lo")).toBe("2026-03-01");
    expect(formatInstant("2026-03-01T20:30:00Z", "lo", "Asia/Vientiane")).toBe("2026-03-02 03:30 GMT+7");
    expect(marketName({ code: "TH", name: "Thailand", nameZh: "泰国" }, "TH", "lo")).toBe("Thailand");
    // other languages are unaffected
    expect(formatDay("2026-03-01", "vi")).not.toBe("2026-03-01");
  });
});

describe("marketName", () => {
  const laos = { code: "LA", name: "Laos", nameZh: "老挝" };
  it("uses Chinese from the API and the locale's own region names otherwise", () => {
    expect(marketName(laos, "LA", "zh-CN")).toBe("老挝");
    expect(marketName(laos, "LA", "en")).toBe("Laos");
    expect(marketName(laos, "LA", "lo")).toBe("ລາວ");
    expect(marketName(laos, "LA", "th")).toBe("ลาว");
    expect(marketName(laos, "LA", "vi")).toBe("Lào");
    expect(marketName({ code: "EAEU", name: "Eurasian Economic Union", nameZh: "欧亚经济联盟" }, "EAEU", "vi")).toBe("Eurasian Economic Union");
    expect(marketName(undefined, "ZZ", "en")).toBe("ZZ");
  });
});

describe("withLang", () => {
  it("keeps the language in links", () => {
    expect(withLang("/verify", "lo")).toBe("/verify?lang=lo");
    expect(withLang("/verify/X1", "vi", { market: "VN", on: "2026-01-02", other: null })).toBe("/verify/X1?market=VN&on=2026-01-02&lang=vi");
  });
});
