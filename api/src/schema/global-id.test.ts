import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { decodeGlobalId, decodeIdOf, encodeGlobalId } from "./global-id.js";

describe("global IDs", () => {
  it("round-trips any type name and id", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,30}$/), fc.string({ minLength: 1, maxLength: 100 }), (type, id) => {
        expect(decodeGlobalId(encodeGlobalId(type, id))).toEqual({ typename: type, id });
      }),
    );
  });

  it("rejects anything else with a ValidationError, never a crash", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (s) => {
        try {
          const d = decodeGlobalId(s);
          expect(encodeGlobalId(d.typename, d.id)).toBe(s);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
        }
      }),
    );
  });

  it("checks the expected type", () => {
    const id = encodeGlobalId("ApiKey", "abc");
    expect(decodeIdOf(id, "ApiKey")).toBe("abc");
    expect(() => decodeIdOf(id, "Membership", "membershipId")).toThrow(/is a ApiKey ID, not a Membership ID/);
  });
});
