/**
 * Canonical JSON: RFC 8785 (JCS) serialization restricted to NFC strings.
 *
 * - object members sorted by their keys' UTF-16 code units, no whitespace;
 * - numbers as ECMAScript `Number#toString` (what `JSON.stringify` prints): finite only, -0 → 0;
 * - strings escaped as `JSON.stringify` escapes them (the JCS rules), and every string, keys
 *   included, must already be Unicode NFC and well-formed (no lone surrogates);
 * - members whose value is `undefined` are left out, as `JSON.parse(JSON.stringify(x))` would.
 *
 * Canonicalization never normalizes silently: a non-NFC string is an error, because two records
 * that differ only in normalization must not hash to the same leaf. Producers call `toNfc` on
 * their input first; verifiers reject what is not already canonical.
 */

export class CanonicalizationError extends Error {
  override readonly name = "CanonicalizationError";
  /** JSON-pointer-like path of the offending value, `""` for the root. */
  readonly path: string;
  constructor(message: string, path: string) {
    super(path ? `${message} at ${path}` : message);
    this.path = path;
  }
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

const MAX_DEPTH = 64;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NON_ASCII = /[\u0080-\uffff]/;

/** Canonical JSON text of `value`. Throws `CanonicalizationError` for anything JCS cannot represent. */
export function canonicalize(value: unknown): string {
  const keys: string[] = [];
  try {
    return write(value, keys);
  } catch (e) {
    if (e instanceof Problem) throw new CanonicalizationError(e.message, keys.map((k) => `/${k}`).join(""));
    throw e;
  }
}

/** UTF-8 bytes of `canonicalize(value)`. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), "utf8");
}

/** True when `text` is exactly the canonical serialization of the JSON value it encodes. */
export function isCanonicalJson(text: string): boolean {
  try {
    return canonicalize(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

/** Deep copy of a JSON value with every string (keys included) in Unicode NFC. */
export function toNfc<T>(value: T): T {
  if (typeof value === "string") return value.normalize("NFC") as T;
  if (Array.isArray(value)) return value.map((v) => toNfc(v)) as T;
  if (value !== null && typeof value === "object" && isPlainObject(value)) {
    // fromEntries defines own properties: `copy["__proto__"] = v` would set the prototype instead
    // (JSON.parse gives "__proto__" as an ordinary key, so it must stay one)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize("NFC"), toNfc(v)])) as T;
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Thrown inside the writer; `keys` (the path of the value being written) is still intact then. */
class Problem extends Error {}

// Printable ASCII other than `"` and `\`: always NFC, no surrogates, nothing to escape.
const NEEDS_CARE = /[^\u0020\u0021\u0023-\u005b\u005d-\u007e]/;

/** The JCS string literal for `s`, after checking it is NFC and well-formed. */
function quote(s: string): string {
  if (!NEEDS_CARE.test(s)) return `"${s}"`; // the common case, without JSON.stringify
  if (NON_ASCII.test(s)) {
    if (LONE_SURROGATE.test(s)) throw new Problem("string contains a lone surrogate");
    if (s.normalize("NFC") !== s) throw new Problem("string is not in Unicode NFC");
  }
  return JSON.stringify(s);
}

function write(value: unknown, keys: string[]): string {
  if (keys.length > MAX_DEPTH) throw new Problem(`nesting deeper than ${MAX_DEPTH}`);
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      // For finite numbers String() is Number#toString, which is what JCS prescribes (-0 → "0").
      if (!Number.isFinite(value)) throw new Problem("number is not finite");
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          keys.push(String(i));
          if (item === undefined) throw new Problem("array element is undefined");
          out += (i > 0 ? "," : "") + write(item, keys);
          keys.pop();
        }
        return `${out}]`;
      }
      if (!isPlainObject(value)) throw new Problem(`${value.constructor?.name ?? "object"} is not a plain JSON object`);
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 prescribes.
      const names = Object.keys(record).sort();
      let out = "{";
      let first = true;
      for (const name of names) {
        const member = record[name];
        if (member === undefined) continue;
        keys.push(name);
        out += `${first ? "" : ","}${quote(name)}:${write(member, keys)}`;
        keys.pop();
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new Problem(`${typeof value} is not a JSON value`);
  }
}
