import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanonicalizationError, canonicalBytes, canonicalize, isCanonicalJson, toNfc } from "./canonical.js";

describe("canonicalize (RFC 8785 JCS, NFC strings)", () => {
  it("matches the RFC 8785 §3.2.2 example", () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalize(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it("sorts keys by UTF-16 code units (RFC 8785 §3.2.3)", () => {
    // The RFC's example uses U+FB33, a composition exclusion that NFC decomposes, so the last key
    // here is another code unit above the surrogates: U+FF21 (NFC-stable).
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\uff21": "Fullwidth A",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    const text = canonicalize(input);
    const keys = [...text.matchAll(/"([^"]*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(keys).toEqual(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\uff21"]);
    expect(() => canonicalize({ "\ufb33": 1 })).toThrow(/NFC/);
  });

  it("prints numbers the ECMAScript way", () => {
    expect(canonicalize([-0, 0, 1, -1.5, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.2])).toBe("[0,0,1,-1.5,1e+21,1e-7,123456789012345680000,0.30000000000000004]");
  });

  it("leaves out undefined members but not nulls", () => {
    expect(canonicalize({ b: undefined, a: null })).toBe('{"a":null}');
  });

  it.each([
    ["NaN", Number.NaN, "number is not finite"],
    ["Infinity", { a: Number.POSITIVE_INFINITY }, "number is not finite at /a"],
    ["a lone surrogate", { s: "x\ud800" }, "lone surrogate at /s"],
    ["a non-NFC string", { name: "Ame\u0301lie" }, "not in Unicode NFC at /name"],
    ["a non-NFC key", { "e\u0301": 1 }, "not in Unicode NFC at /e\u0301"],
    ["a Date", { d: new Date(0) }, "Date is not a plain JSON object at /d"],
    ["a Map", new Map(), "Map is not a plain JSON object"],
    ["a bigint", 1n, "bigint is not a JSON value"],
    ["undefined in an array", [1, undefined], "array element is undefined at /1"],
    ["a function", { f: () => 1 }, "function is not a JSON value at /f"],
  ])("rejects %s", (_, value, message) => {
    expect(() => canonicalize(value)).toThrow(CanonicalizationError);
    expect(() => canonicalize(value)).toThrow(message);
  });

  it("rejects cycles and absurd nesting instead of overflowing the stack", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/nesting deeper than/);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(() => canonicalize(deep)).toThrow(/nesting deeper than/);
  });

  it("encodes as UTF-8 and recognizes canonical text", () => {
    expect(canonicalBytes({ 名: "重庆" }).toString("hex")).toBe(Buffer.from('{"名":"重庆"}', "utf8").toString("hex"));
    expect(isCanonicalJson('{"a":1,"b":[true]}')).toBe(true);
    expect(isCanonicalJson('{"b":[true],"a":1}')).toBe(false);
    expect(isCanonicalJson('{"a": 1}')).toBe(false);
    expect(isCanonicalJson('{"a":1.0}')).toBe(false);
    expect(isCanonicalJson("not json")).toBe(false);
  });

  it("toNfc normalizes keys and values deeply", () => {
    expect(toNfc({ "e\u0301": ["Ame\u0301lie", 1, null] })).toEqual({ "\u00e9": ["Am\u00e9lie", 1, null] });
    expect(canonicalize(toNfc({ x: "A\u030a" }))).toBe('{"x":"\u00c5"}');
  });

  it('keeps "__proto__" an ordinary key, as JSON.parse does', () => {
    const parsed = JSON.parse('{"__proto__":{"a":1},"b":"A\u030a"}');
    const nfc = toNfc(parsed);
    expect(Object.getPrototypeOf(nfc)).toBe(Object.prototype);
    expect(canonicalize(nfc)).toBe('{"__proto__":{"a":1},"b":"\u00c5"}');
  });

  const nfcJson = fc.jsonValue().map((v) => toNfc(v));

  it("is idempotent through JSON (property)", () => {
    fc.assert(
      fc.property(nfcJson, (value) => {
        let text: string;
        try {
          text = canonicalize(value);
        } catch (e) {
          // fast-check's JSON values may contain lone surrogates; those must be refused, nothing else
          expect((e as Error).message).toMatch(/lone surrogate/);
          return;
        }
        expect(canonicalize(JSON.parse(text))).toBe(text);
        expect(isCanonicalJson(text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on member order (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), fc.infiniteStream(fc.nat()), (dict, randoms) => {
        const entries = Object.entries(toNfc(dict));
        const shuffled = [...entries].sort(() => (randoms.next().value % 3) - 1);
        try {
          expect(canonicalize(Object.fromEntries(shuffled))).toBe(canonicalize(Object.fromEntries(entries)));
        } catch (e) {
          expect((e as Error).message).toMatch(/lone surrogate/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
