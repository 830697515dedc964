/**
 * The records that become Merkle leaves, and their canonical bytes. A leaf's data is the canonical
 * JSON (./canonical.ts) of one record; its hash is H(0x00 || data). Every record names its batch
 * and its own leaf index, so a record cannot be moved to another position or batch unnoticed.
 */
import { canonicalize, toNfc } from "./canonical.js";
import { hashLeaf } from "./hash.js";
import { MerkleTree } from "./merkle.js";

export class RecordError extends Error {
  override readonly name = "RecordError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid record: ${problems.join("; ")}`);
    this.problems = problems;
  }
}

/** A vehicle is identified by its VIN (ISO 3779) or, for e-bikes without one, its frame number. */
export interface VehicleIdentifiers {
  vin?: string;
  frameNumber?: string;
}

export interface VehicleRecord extends VehicleIdentifiers {
  kind: "vehicle";
  /** Fabric MSP id of the maker's organization. */
  makerMspId: string;
  /** The maker's organization id on the platform, when it has one. */
  makerOrgId?: string;
  modelCode: string;
  /** YYYY-MM-DD */
  productionDate: string;
  batterySerial: string;
  motorNumber: string;
  batchId: string;
  leafIndex: number;
}

export type CertificationStatus = "issued" | "suspended" | "revoked";

export interface CertificationRecord extends VehicleIdentifiers {
  kind: "certification";
  certificationId: string;
  /** e.g. "EU 168/2013", "EN 15194", "CCC". */
  scheme: string;
  /** ISO 3166 alpha-2 market, or "EU". */
  market?: string;
  issuerMspId: string;
  status: CertificationStatus;
  /** YYYY-MM-DD */
  effectiveDate: string;
  /** YYYY-MM-DD */
  expiryDate?: string;
  /** SHA-256 (hex) of the certificate document's deterministic bytes. */
  documentSha256?: string;
  batchId: string;
  leafIndex: number;
}

export interface CustodyRecord extends VehicleIdentifiers {
  kind: "custody";
  /** lowercase code, e.g. produced, handed_over, loaded, departed, border_crossed, arrived, delivered. */
  event: string;
  /** MSP id of the organization that records the event. */
  actorMspId: string;
  fromMspId?: string;
  toMspId?: string;
  /** UN/LOCODE or station code. */
  location?: string;
  /** RFC 3339 UTC, e.g. 2025-03-01T08:00:00Z */
  occurredAt: string;
  /** booking, container or departure reference. */
  reference?: string;
  batchId: string;
  leafIndex: number;
}

export type LedgerRecord = VehicleRecord | CertificationRecord | CustodyRecord;
export type RecordKind = LedgerRecord["kind"];
export type EventRecord = CertificationRecord | CustodyRecord;

// ---------------------------------------------------------------- field rules

type Rule = (value: unknown) => string | null;

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
const FRAME_NUMBER = /^[A-Z0-9][A-Z0-9-]{2,39}$/;
const MSP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;
const EVENT_CODE = /^[a-z][a-z0-9_]{1,39}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MARKET = /^[A-Z]{2}$/;
/** C0 and C1 controls, DEL, and the line/paragraph separators. */
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

const pattern =
  (re: RegExp, what: string): Rule =>
  (v) =>
    typeof v === "string" && re.test(v) ? null : `must be ${what}`;

// Text fields: no control characters, no surrounding whitespace, 1–128 characters.
const text: Rule = (v) => {
  if (typeof v !== "string") return "must be a string";
  if (v.length === 0 || v.length > 128) return "must be 1–128 characters";
  if (v.trim() !== v) return "must not start or end with whitespace";
  if (hasControlCharacter(v)) return "must not contain control characters";
  return null;
};

export function isValidDate(v: unknown): v is string {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function isValidTimestamp(v: unknown): v is string {
  if (typeof v !== "string") return false;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/.exec(v);
  if (!m || !isValidDate(m[1])) return false;
  return Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 60;
}

const date: Rule = (v) => (isValidDate(v) ? null : "must be a calendar date YYYY-MM-DD");
const timestamp: Rule = (v) => (isValidTimestamp(v) ? null : "must be an RFC 3339 UTC time like 2025-03-01T08:00:00Z");
const leafIndex: Rule = (v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? null : "must be a non-negative integer");
const oneOf =
  (...values: string[]): Rule =>
  (v) =>
    typeof v === "string" && values.includes(v) ? null : `must be one of ${values.join(", ")}`;

interface Shape {
  required: Record<string, Rule>;
  optional: Record<string, Rule>;
}

const identifiers = { vin: pattern(VIN, "a 17-character VIN (ISO 3779, no I, O or Q)"), frameNumber: pattern(FRAME_NUMBER, "3–40 capital letters, digits or '-'") };
const mspId = pattern(MSP_ID, "an MSP id (letters, digits, '.', '_', '-')");

const SHAPES: Record<RecordKind, Shape> = {
  vehicle: {
    required: { kind: oneOf("vehicle"), makerMspId: mspId, modelCode: text, productionDate: date, batterySerial: text, motorNumber: text, batchId: text, leafIndex },
    optional: { ...identifiers, makerOrgId: pattern(ORG_ID, "an organization id") },
  },
  certification: {
    required: {
      kind: oneOf("certification"),
      certificationId: text,
      scheme: text,
      issuerMspId: mspId,
      status: oneOf("issued", "suspended", "revoked"),
      effectiveDate: date,
      batchId: text,
      leafIndex,
    },
    optional: {
      ...identifiers,
      market: (v) => (v === "EU" || (typeof v === "string" && MARKET.test(v)) ? null : "must be ISO 3166 alpha-2 or EU"),
      expiryDate: date,
      documentSha256: pattern(SHA256_HEX, "64 lowercase hex digits"),
    },
  },
  custody: {
    required: { kind: oneOf("custody"), event: pattern(EVENT_CODE, "a lowercase event code"), actorMspId: mspId, occurredAt: timestamp, batchId: text, leafIndex },
    optional: { ...identifiers, fromMspId: mspId, toMspId: mspId, location: text, reference: text },
  },
};

/** Problems with `value` as a ledger record (empty when valid). Unknown fields are problems. */
export function validateRecord(value: unknown, expectedKind?: RecordKind): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return ["record must be a JSON object"];
  const obj = value as Record<string, unknown>;
  const kind = obj.kind;
  if (kind !== "vehicle" && kind !== "certification" && kind !== "custody") return ["kind must be vehicle, certification or custody"];
  if (expectedKind && kind !== expectedKind) return [`kind must be ${expectedKind}, not ${kind}`];
  const shape = SHAPES[kind];
  const problems: string[] = [];
  for (const [field, rule] of Object.entries(shape.required)) {
    if (!(field in obj)) problems.push(`${field} is required`);
    else {
      const p = rule(obj[field]);
      if (p) problems.push(`${field} ${p}`);
    }
  }
  for (const [field, v] of Object.entries(obj)) {
    if (field in shape.required) continue;
    const rule = shape.optional[field];
    if (!rule) problems.push(`${field} is not a field of a ${kind} record`);
    else if (v !== undefined) {
      const p = rule(v);
      if (p) problems.push(`${field} ${p}`);
    }
  }
  if (obj.vin === undefined && obj.frameNumber === undefined) problems.push("vin or frameNumber is required");
  if (kind === "certification" && isValidDate(obj.effectiveDate) && isValidDate(obj.expiryDate) && obj.expiryDate < obj.effectiveDate) {
    problems.push("expiryDate is before effectiveDate");
  }
  return problems;
}

/** Throws RecordError unless `value` is a valid record (of `expectedKind`, if given). */
export function assertRecord<K extends RecordKind>(value: unknown, expectedKind?: K): asserts value is Extract<LedgerRecord, { kind: K }> {
  const problems = validateRecord(value, expectedKind);
  if (problems.length > 0) throw new RecordError(problems);
}

type Input<T extends LedgerRecord> = Omit<T, "kind">;

function normalize<T extends LedgerRecord>(kind: T["kind"], input: Input<T>): T {
  const copy = toNfc({ ...input, kind }) as Record<string, unknown>;
  for (const [k, v] of Object.entries(copy)) {
    if (v === undefined) delete copy[k];
    else if (typeof v === "string") copy[k] = v.trim();
  }
  if (typeof copy.vin === "string") copy.vin = copy.vin.toUpperCase();
  if (typeof copy.frameNumber === "string") copy.frameNumber = copy.frameNumber.toUpperCase();
  assertRecord(copy, kind);
  return copy as unknown as T;
}

/** A valid vehicle record from user input: NFC, trimmed, VIN/frame number upper-cased; throws RecordError. */
export function createVehicleRecord(input: Input<VehicleRecord>): VehicleRecord {
  return normalize<VehicleRecord>("vehicle", input);
}

export function createCertificationRecord(input: Input<CertificationRecord>): CertificationRecord {
  return normalize<CertificationRecord>("certification", input);
}

export function createCustodyRecord(input: Input<CustodyRecord>): CustodyRecord {
  return normalize<CustodyRecord>("custody", input);
}

/** The leaf data: canonical JSON of the record. */
export function recordLeafData(record: LedgerRecord): string {
  return canonicalize(record);
}

/** H(0x00 || canonical JSON of the record). */
export function recordLeafHash(record: LedgerRecord): Buffer {
  return hashLeaf(recordLeafData(record));
}

/** The identifier a person types or scans: the VIN, else the frame number. */
export function vehicleKey(ids: VehicleIdentifiers): string {
  const key = ids.vin ?? ids.frameNumber;
  if (!key) throw new RecordError(["vin or frameNumber is required"]);
  return key;
}

/** An event is about a vehicle when every identifier the event carries equals the vehicle's. */
export function sameVehicle(vehicle: VehicleIdentifiers, event: VehicleIdentifiers): boolean {
  if (event.vin === undefined && event.frameNumber === undefined) return false;
  if (event.vin !== undefined && event.vin !== vehicle.vin) return false;
  if (event.frameNumber !== undefined && event.frameNumber !== vehicle.frameNumber) return false;
  return true;
}

export interface Batch<T extends LedgerRecord> {
  batchId: string;
  records: T[];
  tree: MerkleTree;
  /** Lowercase hex tree head. */
  root: string;
  treeSize: number;
}

type BatchInput<T extends LedgerRecord> = Omit<T, "kind" | "batchId" | "leafIndex">;

/**
 * Assigns batchId and leafIndex (input order) to records of one kind, validates them and builds
 * the tree. Throws RecordError for an invalid record or a vehicle listed twice.
 */
export function buildBatch<K extends RecordKind>(
  kind: K,
  batchId: string,
  inputs: readonly BatchInput<Extract<LedgerRecord, { kind: K }>>[],
): Batch<Extract<LedgerRecord, { kind: K }>> {
  type T = Extract<LedgerRecord, { kind: K }>;
  const records: T[] = [];
  const leaves: string[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, leafIndex) => {
    const record = normalize<T>(kind as T["kind"], { ...input, batchId, leafIndex } as unknown as Input<T>);
    if (kind === "vehicle") {
      const key = vehicleKey(record);
      if (seen.has(key)) throw new RecordError([`vehicle ${key} appears twice in batch ${batchId}`]);
      seen.add(key);
    }
    records.push(record);
    leaves.push(recordLeafData(record));
  });
  const tree = MerkleTree.fromLeaves(leaves);
  return { batchId, records, tree, root: tree.rootHex(), treeSize: tree.size };
}
