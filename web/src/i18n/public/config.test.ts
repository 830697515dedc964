import { describe, expect, it } from "vitest";
import { getPublicDictionary, matchPublicLocale, negotiatePublicLocale, PUBLIC_LOCALES, publicLocaleFromAcceptLanguage } from "./index";

describe("matchPublicLocale", () => {
  it.each([
    ["vi", "vi"],
    ["vi-VN", "vi"],
    ["lo", "lo"],
    ["lo-LA", "lo"],
    ["LO_la", "lo"],
    ["th-TH", "th"],
    ["th-TH-u-nu-thai", "th"],
    ["zh", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["zh-Hant-HK", "zh-CN"],
    ["en-GB", "en"],
    ["fr-FR", null],
    ["", null],
    [null, null],
    ["love", null],
  ])("%s → %s", (tag, expected) => {
    expect(matchPublicLocale(tag)).toBe(expected);
  });
});

describe("publicLocaleFromAcceptLanguage", () => {
  it.each([
    [null, null],
    ["", null],
    ["lo-LA,lo;q=0.9,en;q=0.5", "lo"],
    ["vi-VN,vi;q=0.9,en-US;q=0.8", "vi"],
    ["th", "th"],
    ["fr-FR,de;q=0.9,th;q=0.3", "th"],
    ["en;q=0.4,vi;q=0.8", "vi"],
    ["vi;q=0,en", "en"],
    ["*", null],
    ["de-DE,fr;q=0.8", null],
  ])("%s → %s", (header, expected) => {
    expect(publicLocaleFromAcceptLanguage(header)).toBe(expected);
  });
});

describe("negotiatePublicLocale", () => {
  it("prefers ?lang=, then the cookie, then Accept-Language, then English", () => {
    expect(negotiatePublicLocale({ query: "lo", cookie: "vi", acceptLanguage: "th" })).toBe("lo");
    expect(negotiatePublicLocale({ query: ["th", "vi"], cookie: "vi" })).toBe("th");
    expect(negotiatePublicLocale({ query: "xx", cookie: "vi", acceptLanguage: "th" })).toBe("vi");
    expect(negotiatePublicLocale({ cookie: "zh-CN", acceptLanguage: "th" })).toBe("zh-CN");
    expect(negotiatePublicLocale({ cookie: "garbage", acceptLanguage: "th-TH,en;q=0.5" })).toBe("th");
    expect(negotiatePublicLocale({ acceptLanguage: "pt-BR" })).toBe("en");
    expect(negotiatePublicLocale({})).toBe("en");
  });
});

describe("public dictionaries", () => {
  const walk = (value: unknown, path: string, out: Map<string, string>) => {
    if (typeof value === "string") out.set(path, value);
    else for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, `${path}.${key}`, out);
    return out;
  };
  const english = walk(getPublicDictionary("en"), "", new Map());
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it.each(PUBLIC_LOCALES)("%s has every message, none empty, with the same placeholders as English", (locale) => {
    const messages = walk(getPublicDictionary(locale), "", new Map());
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, text] of messages) {
      expect(text.trim(), path).not.toBe("");
      expect(placeholders(text), path).toEqual(placeholders(english.get(path) ?? ""));
    }
  });

  it("are really translated (not English copied over)", () => {
    for (const locale of PUBLIC_LOCALES.filter((l) => l !== "en")) {
      const messages = walk(getPublicDictionary(locale), "", new Map());
      const same = [...messages].filter(([path, text]) => text === english.get(path) && /[a-z]{4,}/.test(text.replace(/\{\w+\}|Corridor|SHA-256|Merkle|VIN|PDF/g, "")));
      expect(same, locale).toEqual([]);
    }
  });
});
