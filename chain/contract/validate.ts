// Argument checks shared by the records' validated constructors. Each failure is an
// INVALID_ARGUMENT ContractError naming the field, so a caller can tell what to fix.
import { ContractError, ContractErrorCode } from "./errors.js";

const ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
const MSP_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;
const HEX64 = /^[0-9a-f]{64}$/;
// A 17-character VIN (ISO 3779) or a frame number (车架号): chain/proof accepts 3–40 of [A-Z0-9-].
const VIN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;
const MARKET = /^[A-Z][A-Z0-9-]{1,15}$/;
const DOCUMENT_KIND = /^[A-Z][A-Z0-9_]{1,63}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function invalid(field: string, why: string): ContractError {
  return new ContractError(ContractErrorCode.InvalidArgument, `${field} ${why}`);
}

function str(value: unknown, field: string): string {
  if (typeof value !== "string") throw invalid(field, "must be a string");
  return value;
}

function matching(re: RegExp, what: string) {
  return (value: unknown, field: string): string => {
    const s = str(value, field);
    if (!re.test(s)) throw invalid(field, `must be ${what} (got ${JSON.stringify(s.slice(0, 80))})`);
    return s;
  };
}

/** Record ids: 1–128 of letters, digits and . _ : / - */
export const id = matching(ID, "1–128 letters, digits or . _ : / - starting with a letter or digit");
export const mspId = matching(MSP_ID, "an MSP ID (letters, digits, . and -)");
export const sha256Hex = matching(HEX64, "a SHA-256 digest as 64 lowercase hex digits");
export const vin = matching(VIN, "a VIN or frame number: 3–40 uppercase letters, digits or -");
export const market = matching(MARKET, "a market code such as EU, ID, TH, VN, PH, CN, EAEU");
export const documentKind = matching(DOCUMENT_KIND, "a document kind in upper case, such as CERTIFICATE_OF_CONFORMITY");

export function text(value: unknown, field: string, max: number): string {
  const s = str(value, field);
  if (s.trim() === "" || s.trim() !== s) throw invalid(field, "must be non-empty, without leading or trailing spaces");
  if (s.length > max) throw invalid(field, `must be at most ${max} characters`);
  if (CONTROL.test(s)) throw invalid(field, "must not contain control characters");
  // Records must hash the same wherever they are re-encoded (chain/proof rejects non-NFC text):
  // callers normalize, the contract only checks.
  if (LONE_SURROGATE.test(s) || s.normalize("NFC") !== s) throw invalid(field, "must be well-formed Unicode in NFC");
  return s;
}

/** A calendar date YYYY-MM-DD that exists. */
export function date(value: unknown, field: string): string {
  const s = str(value, field);
  const m = DATE.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) return s;
  }
  throw invalid(field, `must be a date YYYY-MM-DD (got ${JSON.stringify(s.slice(0, 40))})`);
}

/** An ISO 8601 instant with a zone; returned normalized to UTC milliseconds. */
export function instant(value: unknown, field: string): string {
  const s = str(value, field);
  const t = DATETIME.test(s) ? Date.parse(s) : Number.NaN;
  if (Number.isNaN(t)) throw invalid(field, `must be an ISO 8601 date-time with a zone (got ${JSON.stringify(s.slice(0, 40))})`);
  return new Date(t).toISOString();
}

export function positiveInt(value: unknown, field: string, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw invalid(field, `must be a whole number from 1 to ${max}`);
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  const s = str(value, field);
  if (!(allowed as readonly string[]).includes(s)) throw invalid(field, `must be one of ${allowed.join(", ")}`);
  return s as T;
}

export function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(field, "must be an object");
  return value as Record<string, unknown>;
}

/** Parses a JSON argument, turning a syntax error into INVALID_ARGUMENT. */
export function json(value: string, field: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw invalid(field, "must be valid JSON");
  }
}
