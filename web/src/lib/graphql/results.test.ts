import { describe, expect, it } from "vitest";
import { applyFieldErrors } from "./results";

/** A form that records what it was told to show. */
function recordingForm() {
  const shown: { name: unknown; errors?: string[] }[] = [];
  return { shown, form: { setFields: (fields: { name: unknown; errors?: string[] }[]) => void shown.push(...fields) } };
}

describe("applyFieldErrors", () => {
  it("puts errors under top-level fields, whatever the input's wrapping", () => {
    const { shown, form } = recordingForm();
    const rest = applyFieldErrors(
      form,
      [
        { path: ["input", "email"], message: "Enter a valid email address." },
        { path: ["email"], message: "Taken." },
        { path: ["input", "nickname"], message: "Unknown." },
      ],
      ["email", "password"],
    );
    expect(shown).toEqual([{ name: "email", errors: ["Enter a valid email address.", "Taken."] }]);
    expect(rest).toEqual(["Unknown."]);
  });

  it("puts an error of a list item under that item's field", () => {
    const { shown, form } = recordingForm();
    applyFieldErrors(
      form,
      [
        { path: ["legs", "1", "toCode"], message: "Leg 2 returns to CNCKG." },
        { path: ["legs"], message: "A corridor needs at least one leg." },
      ],
      ["legs", "code"],
    );
    expect(shown).toEqual([
      { name: ["legs", 1, "toCode"], errors: ["Leg 2 returns to CNCKG."] },
      { name: "legs", errors: ["A corridor needs at least one leg."] },
    ]);
  });

  it("keeps an error about a whole list element on the list (no field to put it under)", () => {
    const { shown, form } = recordingForm();
    applyFieldErrors(form, [{ path: ["input", "vins", "3"], message: "Not a VIN." }], ["vins"]);
    expect(shown).toEqual([{ name: "vins", errors: ["Not a VIN."] }]);
  });
});
