// One deterministic JSON encoding for everything the contract writes to the ledger or returns:
// object keys sorted (UTF-16 code unit order, as in RFC 8785), no whitespace, no undefined in
// arrays, no non-finite numbers. Every endorser must produce byte-identical write sets and
// results, so nothing may depend on property insertion order.

export function canonicalJson(value: unknown): string {
  return encode(value, "$");
}

/** Encodes a ledger value (state entry, result, event payload). */
export function marshal(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), "utf8");
}

/** Decodes a ledger value written by {@link marshal}. */
export function unmarshal(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
}

function encode(value: unknown, path: string): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
      return JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        return `[${value
          .map((item, i) => {
            if (item === undefined) throw new TypeError(`${path}[${i}] is undefined`);
            return encode(item, `${path}[${i}]`);
          })
          .join(",")}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`${path}: only plain objects are encoded (got ${proto?.constructor?.name ?? "?"})`);
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${encode(v, `${path}.${k}`)}`).join(",")}}`;
    }
    default:
      throw new TypeError(`${path}: ${typeof value} has no JSON form`);
  }
}
