import { describe, expect, it } from "vitest";
import { fmt, getDictionary, localeFromAcceptLanguage } from "./index";

describe("localeFromAcceptLanguage", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,en;q=0.5,zh;q=0.7", "zh-CN"],
    ["de-DE,fr;q=0.8", "en"],
    ["zh;q=0,en", "en"],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe("fmt", () => {
  it("fills placeholders and leaves unknown ones", () => {
    expect(fmt("Page {page} of {pages} {other}", { page: 2, pages: 5 })).toBe("Page 2 of 5 {other}");
  });
});

describe("dictionaries", () => {
  it("have no empty messages", () => {
    const walk = (value: unknown, path: string): string[] =>
      typeof value === "string" ? (value.trim() === "" ? [path] : []) : Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => walk(child, `${path}.${key}`));
    expect(walk(getDictionary("en"), "en")).toEqual([]);
    expect(walk(getDictionary("zh-CN"), "zh-CN")).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const placeholders = (value: unknown, path: string, out: Map<string, string>) => {
      if (typeof value === "string")
        out.set(
          path,
          [...value.matchAll(/\{(\w+)\}/g)]
            .map((m) => m[1])
            .sort()
            .join(","),
        );
      else for (const [key, child] of Object.entries(value as Record<string, unknown>)) placeholders(child, `${path}.${key}`, out);
      return out;
    };
    expect(placeholders(getDictionary("zh-CN"), "", new Map())).toEqual(placeholders(getDictionary("en"), "", new Map()));
  });
});
