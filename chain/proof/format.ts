/**
 * The vehicle proof file (FORMAT.md): types, a strict structural check, and constructors.
 */
import { HASH_SIZE } from "./hash.js";
import type { MerkleTree } from "./merkle.js";
import { type EventRecord, isValidTimestamp, type LedgerRecord, recordLeafHash, type VehicleRecord } from "./records.js";

export const PROOF_VERSION = 1;

/** Where and when a batch root was written to the ledger. */
export interface Anchor {
  /** Fabric channel name. */
  channel: string;
  /** Chaincode (contract) name. */
  chaincode: string;
  /** Id of the transaction that wrote the root. */
  txId: string;
  blockNumber: number;
  /** Lowercase hex SHA-256 block (header) hash. */
  blockHash: string;
  previousBlockHash?: string;
  /** RFC 3339 UTC time of the transaction, e.g. 2025-03-01T08:00:00.000Z. */
  timestamp: string;
  batchId: string;
}

export interface Endorsement {
  mspId: string;
  /** The endorser's X.509 certificate, canonical PEM (64-column base64, LF, final LF). */
  certificate: string;
  /** Intermediate CA certificates, leaf side first, canonical PEM. */
  intermediates?: string[];
  /** Base64 DER ECDSA P-256 signature (low S) over the anchor statement (endorse.ts). */
  signature: string;
}

/** A record, its place in an anchored Merkle batch, and the endorsements of that batch. */
export interface InclusionProof<R extends LedgerRecord = LedgerRecord> {
  record: R;
  leafIndex: number;
  treeSize: number;
  /** RFC 6962 audit path, leaf level first, lowercase hex. */
  auditPath: string[];
  /** Lowercase hex tree head. */
  root: string;
  anchor: Anchor;
  endorsements: Endorsement[];
}

export type EventProof = InclusionProof<EventRecord>;

export interface VehicleProof extends InclusionProof<VehicleRecord> {
  version: typeof PROOF_VERSION;
  /** Certification and custody events about the same vehicle, each with its own anchor. */
  events?: EventProof[];
}

const HEX32 = /^[0-9a-f]{64}$/;
const CHANNEL = /^[a-z][a-z0-9.-]{0,248}$/;
const CHAINCODE = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}$/;
const TX_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MSP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const LIMITS = { auditPath: 64, endorsements: 32, intermediates: 4, events: 1000, certificateChars: 16_384, signatureChars: 256 } as const;

/** Base64 text that is exactly what Buffer#toString("base64") prints for its bytes. */
export function isCanonicalBase64(s: string): boolean {
  return s.length > 0 && BASE64.test(s) && Buffer.from(s, "base64").toString("base64") === s;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isIndex(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], at: string, problems: string[]): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) problems.push(`${at}${k} is not a known field`);
}

function checkAnchor(a: unknown, at: string, problems: string[]): void {
  if (!isObject(a)) {
    problems.push(`${at} must be an object`);
    return;
  }
  unknownKeys(a, ["channel", "chaincode", "txId", "blockNumber", "blockHash", "previousBlockHash", "timestamp", "batchId"], `${at}.`, problems);
  const check = (ok: boolean, field: string, what: string) => {
    if (!ok) problems.push(`${at}.${field} must be ${what}`);
  };
  check(typeof a.channel === "string" && CHANNEL.test(a.channel), "channel", "a Fabric channel name");
  check(typeof a.chaincode === "string" && CHAINCODE.test(a.chaincode), "chaincode", "a chaincode name");
  check(typeof a.txId === "string" && TX_ID.test(a.txId), "txId", "a transaction id");
  check(isIndex(a.blockNumber), "blockNumber", "a non-negative integer");
  check(typeof a.blockHash === "string" && HEX32.test(a.blockHash), "blockHash", "64 lowercase hex digits");
  if (a.previousBlockHash !== undefined) check(typeof a.previousBlockHash === "string" && HEX32.test(a.previousBlockHash), "previousBlockHash", "64 lowercase hex digits");
  check(isValidTimestamp(a.timestamp), "timestamp", "an RFC 3339 UTC time");
  check(typeof a.batchId === "string" && a.batchId.length > 0 && a.batchId.length <= 128, "batchId", "a non-empty string");
}

function checkEndorsements(list: unknown, at: string, problems: string[]): void {
  if (!Array.isArray(list) || list.length === 0) {
    problems.push(`${at} must be a non-empty array`);
    return;
  }
  if (list.length > LIMITS.endorsements) problems.push(`${at} has more than ${LIMITS.endorsements} entries`);
  const seen = new Set<string>();
  list.forEach((e: unknown, i) => {
    const here = `${at}[${i}]`;
    if (!isObject(e)) {
      problems.push(`${here} must be an object`);
      return;
    }
    unknownKeys(e, ["mspId", "certificate", "intermediates", "signature"], `${here}.`, problems);
    if (typeof e.mspId !== "string" || !MSP_ID.test(e.mspId)) problems.push(`${here}.mspId must be an MSP id`);
    else if (seen.has(e.mspId)) problems.push(`${here}.mspId ${e.mspId} endorses twice`);
    else seen.add(e.mspId);
    if (typeof e.certificate !== "string" || e.certificate.length === 0 || e.certificate.length > LIMITS.certificateChars)
      problems.push(`${here}.certificate must be a PEM certificate`);
    if (e.intermediates !== undefined) {
      if (
        !Array.isArray(e.intermediates) ||
        e.intermediates.length > LIMITS.intermediates ||
        e.intermediates.some((c) => typeof c !== "string" || c.length > LIMITS.certificateChars)
      ) {
        problems.push(`${here}.intermediates must be an array of at most ${LIMITS.intermediates} PEM certificates`);
      }
    }
    if (typeof e.signature !== "string" || e.signature.length > LIMITS.signatureChars || !isCanonicalBase64(e.signature))
      problems.push(`${here}.signature must be canonical base64`);
  });
}

function checkInclusion(p: Record<string, unknown>, at: string, problems: string[]): void {
  if (!isObject(p.record)) problems.push(`${at}record must be an object`);
  if (!isIndex(p.leafIndex)) problems.push(`${at}leafIndex must be a non-negative integer`);
  if (!isIndex(p.treeSize) || p.treeSize === 0) problems.push(`${at}treeSize must be a positive integer`);
  else if (isIndex(p.leafIndex) && p.leafIndex >= p.treeSize) problems.push(`${at}leafIndex must be less than treeSize`);
  if (!Array.isArray(p.auditPath) || p.auditPath.length > LIMITS.auditPath || p.auditPath.some((h) => typeof h !== "string" || !HEX32.test(h))) {
    problems.push(`${at}auditPath must be an array of at most ${LIMITS.auditPath} hashes, each 64 lowercase hex digits`);
  }
  if (typeof p.root !== "string" || !HEX32.test(p.root)) problems.push(`${at}root must be 64 lowercase hex digits`);
  checkAnchor(p.anchor, `${at}anchor`, problems);
  checkEndorsements(p.endorsements, `${at}endorsements`, problems);
}

const INCLUSION_KEYS = ["record", "leafIndex", "treeSize", "auditPath", "root", "anchor", "endorsements"] as const;

/**
 * Problems with the proof's structure and encodings (empty when well-formed). Record contents
 * are checked separately (validateRecord), so a verifier can say which part is wrong.
 */
export function checkProofStructure(value: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(value)) return ["proof must be a JSON object"];
  if (value.version !== PROOF_VERSION) return [`version must be ${PROOF_VERSION}`];
  unknownKeys(value, ["version", ...INCLUSION_KEYS, "events"], "", problems);
  checkInclusion(value, "", problems);
  if (value.events !== undefined) {
    if (!Array.isArray(value.events) || value.events.length > LIMITS.events) problems.push(`events must be an array of at most ${LIMITS.events} event proofs`);
    else
      value.events.forEach((ev: unknown, i) => {
        if (!isObject(ev)) problems.push(`events[${i}] must be an object`);
        else {
          unknownKeys(ev, INCLUSION_KEYS, `events[${i}].`, problems);
          checkInclusion(ev, `events[${i}].`, problems);
        }
      });
  }
  return problems;
}

export interface CreateInclusionProofOptions<R extends LedgerRecord> {
  record: R;
  /** The batch tree the record is a leaf of. */
  tree: MerkleTree;
  anchor: Anchor;
  endorsements: Endorsement[];
}

/** An inclusion proof for `record` (at record.leafIndex); throws if the record is not that leaf. */
export function createInclusionProof<R extends LedgerRecord>(options: CreateInclusionProofOptions<R>): InclusionProof<R> {
  const { record, tree, anchor, endorsements } = options;
  if (record.batchId !== anchor.batchId) throw new RangeError(`record is in batch ${record.batchId}, anchor is for ${anchor.batchId}`);
  if (record.leafIndex >= tree.size) throw new RangeError(`leaf index ${record.leafIndex} is outside a tree of ${tree.size}`);
  if (!tree.leafHash(record.leafIndex).equals(recordLeafHash(record))) throw new RangeError(`record is not leaf ${record.leafIndex} of the tree`);
  return {
    record,
    leafIndex: record.leafIndex,
    treeSize: tree.size,
    auditPath: tree.auditPathHex(record.leafIndex),
    root: tree.rootHex(),
    anchor,
    endorsements,
  };
}

/** A complete vehicle proof file. */
export function createVehicleProof(options: CreateInclusionProofOptions<VehicleRecord> & { events?: EventProof[] }): VehicleProof {
  const proof: VehicleProof = { version: PROOF_VERSION, ...createInclusionProof(options) };
  if (options.events?.length) proof.events = options.events;
  return proof;
}

/** Sizes of a proof: the binary audit path (32 bytes a level) and the JSON file. */
export function proofSize(proof: InclusionProof): { auditPathBytes: number; jsonBytes: number } {
  return { auditPathBytes: proof.auditPath.length * HASH_SIZE, jsonBytes: Buffer.byteLength(JSON.stringify(proof)) };
}
