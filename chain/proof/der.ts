/**
 * The small part of ASN.1 DER that X.509 certificates for Corridor need: a strict reader (definite,
 * minimal lengths; low tag numbers) and writers for the universal types used in certificates.
 */

export class DerError extends Error {
  override readonly name = "DerError";
}

export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** One decoded TLV: `buf[start..end)` is the whole element, `buf[valueStart..end)` its contents. */
export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly valueStart: number;
  readonly end: number;
}

/** Reads the element at `offset`, which must end at or before `limit`. */
export function readTlv(buf: Uint8Array, offset: number, limit: number = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError("truncated element");
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError("high tag numbers are not supported");
  let length = buf[offset + 1]!;
  let valueStart = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0) throw new DerError("indefinite length is not DER");
    if (octets > 4) throw new DerError("length too large");
    if (valueStart + octets > limit) throw new DerError("truncated length");
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + buf[valueStart + i]!;
    if (buf[valueStart] === 0 || length < 0x80) throw new DerError("length is not minimally encoded");
    valueStart += octets;
  }
  const end = valueStart + length;
  if (end > limit) throw new DerError("element runs past its container");
  return { tag, start: offset, valueStart, end };
}

/** Reads the element at offset 0 and requires it to fill `buf` exactly. */
export function readRoot(buf: Uint8Array): Tlv {
  const tlv = readTlv(buf, 0, buf.length);
  if (tlv.end !== buf.length) throw new DerError("trailing bytes after the element");
  return tlv;
}

/** The elements inside a constructed element. */
export function childrenOf(buf: Uint8Array, parent: Tlv): Tlv[] {
  if ((parent.tag & 0x20) === 0) throw new DerError("element is not constructed");
  const out: Tlv[] = [];
  for (let o = parent.valueStart; o < parent.end; ) {
    const child = readTlv(buf, o, parent.end);
    out.push(child);
    o = child.end;
  }
  return out;
}

export function contentOf(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.valueStart, tlv.end);
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv) throw new DerError(`${what} is missing`);
  if (tlv.tag !== tag) throw new DerError(`${what} has tag 0x${tlv.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return tlv;
}

export function decodeOid(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new DerError("empty OID");
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (value === 0 && b === 0x80) throw new DerError("OID arc is not minimally encoded");
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) throw new DerError("OID arc too large");
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        arcs.push(first, value - first * 40);
      } else {
        arcs.push(value);
      }
      value = 0;
    } else if (i === bytes.length - 1) {
      throw new DerError("truncated OID");
    }
  }
  return arcs.join(".");
}

/** Non-negative INTEGER contents as a bigint (rejects negative and non-minimal encodings). */
export function decodeUnsignedInteger(bytes: Uint8Array): bigint {
  if (bytes.length === 0) throw new DerError("empty INTEGER");
  if (bytes[0]! & 0x80) throw new DerError("INTEGER is negative");
  if (bytes.length > 1 && bytes[0] === 0 && (bytes[1]! & 0x80) === 0) throw new DerError("INTEGER is not minimally encoded");
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

// ---- writing ----

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export function sequence(...items: Uint8Array[]): Buffer {
  return tlv(Tag.SEQUENCE, Buffer.concat(items));
}

/** SET OF with its elements in DER order (sorted by their encodings). */
export function setOf(...items: Uint8Array[]): Buffer {
  const sorted = [...items].sort((a, b) => Buffer.compare(a, b));
  return tlv(Tag.SET, Buffer.concat(sorted));
}

/** INTEGER from a non-negative magnitude given big-endian. */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  let bytes = Buffer.from(magnitude.subarray(i));
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(Tag.INTEGER, bytes);
}

export function smallInteger(n: number): Buffer {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError("only non-negative integers");
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return unsignedInteger(Uint8Array.from(bytes.length ? bytes : [0]));
}

export function boolean(value: boolean): Buffer {
  return tlv(Tag.BOOLEAN, Buffer.from([value ? 0xff : 0x00]));
}

export function nullValue(): Buffer {
  return Buffer.from([Tag.NULL, 0]);
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split(".").map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`bad OID ${dotted}`);
    return Number(a);
  });
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined || first > 2 || (first < 2 && second >= 40)) throw new RangeError(`bad OID ${dotted}`);
  const out: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const chunk: number[] = [arc % 128];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v % 128) | 0x80);
    out.push(...chunk);
  }
  return tlv(Tag.OID, Buffer.from(out));
}

export function octetString(bytes: Uint8Array): Buffer {
  return tlv(Tag.OCTET_STRING, bytes);
}

/** BIT STRING with no unused bits. */
export function bitString(bytes: Uint8Array): Buffer {
  return tlv(Tag.BIT_STRING, Buffer.concat([Buffer.from([0]), bytes]));
}

/** BIT STRING of named bits (bit 0 is the most significant bit of the first byte), DER-trimmed. */
export function namedBits(bits: readonly number[]): Buffer {
  if (bits.length === 0) return tlv(Tag.BIT_STRING, Buffer.from([0]));
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const b of bits) bytes[Math.floor(b / 8)]! |= 0x80 >> (b % 8);
  const unused = 7 - (highest % 8);
  return tlv(Tag.BIT_STRING, Buffer.concat([Buffer.from([unused]), bytes]));
}

export function utf8String(s: string): Buffer {
  return tlv(Tag.UTF8_STRING, Buffer.from(s, "utf8"));
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

export function isPrintableString(s: string): boolean {
  return PRINTABLE.test(s);
}

export function printableString(s: string): Buffer {
  if (!isPrintableString(s)) throw new RangeError(`not a PrintableString: ${s}`);
  return tlv(Tag.PRINTABLE_STRING, Buffer.from(s, "latin1"));
}

/** UTCTime for 1950–2049 and GeneralizedTime otherwise (RFC 5280 §4.1.2.5), whole seconds. */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const year = date.getUTCFullYear();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
  if (year >= 1950 && year < 2050) return tlv(Tag.UTC_TIME, Buffer.from(`${digits.slice(2)}Z`, "latin1"));
  if (year < 0 || year > 9999) throw new RangeError("year out of range for X.509");
  return tlv(Tag.GENERALIZED_TIME, Buffer.from(`${digits}Z`, "latin1"));
}

/** Parses UTCTime / GeneralizedTime contents in the RFC 5280 profile (Zulu, whole seconds). */
export function decodeTime(tlvTag: number, bytes: Uint8Array): Date {
  const s = Buffer.from(bytes).toString("latin1");
  let m: RegExpExecArray | null;
  let year: number;
  if (tlvTag === Tag.UTC_TIME) {
    m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
    if (!m) throw new DerError(`bad UTCTime ${s}`);
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (tlvTag === Tag.GENERALIZED_TIME) {
    m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
    if (!m) throw new DerError(`bad GeneralizedTime ${s}`);
    year = Number(m[1]);
  } else {
    throw new DerError("not a time");
  }
  const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  if (Number.isNaN(date.getTime())) throw new DerError(`bad time ${s}`);
  return date;
}

/** [n] EXPLICIT */
export function explicit(n: number, content: Uint8Array): Buffer {
  return tlv(0xa0 | n, content);
}

/** [n] IMPLICIT primitive */
export function implicitPrimitive(n: number, content: Uint8Array): Buffer {
  return tlv(0x80 | n, content);
}

/** [n] IMPLICIT constructed */
export function implicitConstructed(n: number, content: Uint8Array): Buffer {
  return tlv(0xa0 | n, content);
}
