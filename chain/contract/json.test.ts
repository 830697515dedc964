import fc from "fast-check";
import { expect, it } from "vitest";
import { canonicalize, toNfc } from "../proof/index.js";
import { canonicalJson, marshal, unmarshal } from "./json.js";

it("encodes exactly as chain/proof's canonical JSON (RFC 8785) for NFC values", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const v = toNfc(value);
      expect(canonicalJson(v)).toBe(canonicalize(v));
      expect(unmarshal(marshal(v))).toEqual(JSON.parse(canonicalize(v)));
    }),
  );
});

it("sorts keys and refuses what JSON cannot carry", () => {
  expect(canonicalJson({ b: 1, a: [true, null, "x"], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}');
  expect(() => canonicalJson({ n: Number.NaN })).toThrow(/no JSON form/);
  expect(() => canonicalJson([undefined])).toThrow(/undefined/);
  expect(() => canonicalJson({ d: new Date(0) })).toThrow(/only plain objects/);
});
