// Vehicle identifiers: the 17-character VIN (ISO 3779) and the frame number (车架号) that small
// two-wheelers carry instead.
//
// Check digit rule applied: position 9 is the ISO 3779 / FMVSS 565 check digit (weights
// 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2, letters transliterated, sum mod 11, 10 = "X") when the
// VIN's world manufacturer identifier is Chinese (first character "L": GB 16735 requires the check
// digit) or North American (first character 1–5: 49 CFR 565 requires it). Other regions (Europe,
// most of Asia) do not mandate it, so position 9 is not checked there.

import { type RowProblem, rowProblem } from "./row-errors.js";

export const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/;
export const FRAME_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

const VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** The check digit position 9 should hold ("0"–"9" or "X"); the VIN must match VIN_PATTERN. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin.charAt(i);
    const value = c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : (VALUES[c] ?? 0);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const r = sum % 11;
  return r === 10 ? "X" : String(r);
}

/** Whether position 9 must be the check digit: Chinese (L…) and North American (1–5…) VINs. */
export function vinRequiresCheckDigit(vin: string): boolean {
  const c = vin.charAt(0);
  return c === "L" || (c >= "1" && c <= "5");
}

/** Why a VIN is not acceptable (code, params, message), or null. Expects it trimmed and upper-cased. */
export function vinIssue(vin: string): RowProblem | null {
  if (vin.length !== 17) return rowProblem("VIN_LENGTH", `A VIN has 17 characters; this one has ${vin.length}.`, { length: vin.length });
  if (/[IOQ]/.test(vin)) return rowProblem("VIN_FORBIDDEN_LETTER", "A VIN never contains the letters I, O or Q.");
  if (!VIN_PATTERN.test(vin)) return rowProblem("VIN_CHARACTERS", "A VIN has only capital letters and digits.");
  if (vinRequiresCheckDigit(vin)) {
    const expected = vinCheckDigit(vin);
    const actual = vin.charAt(8);
    if (actual !== expected) {
      return rowProblem("VIN_CHECK_DIGIT", `The check digit (9th character) should be ${expected}, not ${actual}: the VIN is mistyped.`, { expected, actual });
    }
  }
  return null;
}

/** Why a VIN is not acceptable, or null. Expects it trimmed and upper-cased. */
export function vinProblem(vin: string): string | null {
  return vinIssue(vin)?.message ?? null;
}

/** Why a frame number is not acceptable (code and message), or null. Expects it trimmed and upper-cased. */
export function frameNumberIssue(frame: string): RowProblem | null {
  return FRAME_NUMBER_PATTERN.test(frame) ? null : rowProblem("FRAME_NUMBER_FORMAT", "A frame number has 3–40 capital letters, digits or '-'.");
}

/** Why a frame number is not acceptable, or null. Expects it trimmed and upper-cased. */
export function frameNumberProblem(frame: string): string | null {
  return frameNumberIssue(frame)?.message ?? null;
}
