// What the embedded ledger writes to disk: one block per line of blocks.jsonl, each line the
// canonical JSON of { header, data, hash }. The layout follows Fabric's: a header chaining the
// previous block's hash and the hash of the data; transactions carrying their creator, proposal,
// response, read-write set, event, endorsements and validation code; configuration blocks
// (block 0 is one) carrying the channel's organizations and their CA certificates.
import { createHash } from "node:crypto";
import type { Role } from "../../contract/constants.js";
import { canonicalJson } from "../../contract/json.js";
import type { Endorsement, ValidationCode } from "../ledger.js";
import type { Version } from "./world-state.js";

/** Ledger values as JSON: UTF-8 text as a string, other bytes as {base64}. */
export type StoredValue = string | { base64: string };

export function storeValue(bytes: Uint8Array): StoredValue {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString("utf8");
  return Buffer.byteLength(text, "utf8") === buf.length && Buffer.from(text, "utf8").equals(buf) ? text : { base64: buf.toString("base64") };
}

export function loadValue(value: StoredValue): Buffer {
  return typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value.base64, "base64");
}

export interface OrganizationConfig {
  mspId: string;
  name: string;
  roles: Role[];
  /** The organization's root CA certificate, PEM. */
  caCertificate: string;
}

export interface ChannelConfig {
  channel: string;
  /** Sorted by mspId. */
  organizations: OrganizationConfig[];
}

/** A range read, for phantom-read validation: the keys seen, up to where iteration stopped. */
export interface RangeRead {
  start: string;
  end: string;
  /** Whether the caller iterated to the end of the range. */
  exhausted: boolean;
  reads: [key: string, version: Version][];
}

export interface ReadWriteSet {
  /** First read of each key and the version seen (null: absent). */
  reads: [key: string, version: Version | null][];
  ranges: RangeRead[];
  /** Final value of each written key; null deletes. Sorted by key. */
  writes: [key: string, value: StoredValue | null][];
}

/** The part of a transaction every endorser signs (with the domain and channel added). */
export interface Proposal {
  txId: string;
  timestamp: string;
  creator: { mspId: string; certificate: string };
  chaincode: string;
  /** As invoked: "<contract>:<transaction>". */
  fn: string;
  args: string[];
  response: { status: number; message: string; payload: StoredValue };
  rwset: ReadWriteSet;
  event: { name: string; payload: StoredValue } | null;
}

export interface TxEnvelope extends Proposal {
  endorsements: Endorsement[];
  validationCode: ValidationCode;
}

export type BlockData = { kind: "config"; config: ChannelConfig } | { kind: "transactions"; transactions: TxEnvelope[] };

export interface BlockHeader {
  number: number;
  previousHash: string;
  dataHash: string;
}

export interface StoredBlock {
  header: BlockHeader;
  data: BlockData;
  hash: string;
}

export const PROPOSAL_RESPONSE_DOMAIN = "corridor/embedded-proposal-response/v1";

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The bytes each endorser signs, followed by its certificate PEM (as Fabric appends the endorser). */
export function proposalResponseBytes(channel: string, p: Proposal): Buffer {
  const { txId, timestamp, creator, chaincode, fn, args, response, rwset, event } = p;
  return Buffer.from(canonicalJson({ domain: PROPOSAL_RESPONSE_DOMAIN, channel, txId, timestamp, creator, chaincode, fn, args, response, rwset, event }), "utf8");
}

export function endorsementMessage(proposalResponse: Uint8Array, certificatePem: string): Buffer {
  return Buffer.concat([proposalResponse, Buffer.from(certificatePem, "utf8")]);
}

export function makeBlock(number: number, previousHash: string, data: BlockData): StoredBlock {
  const header: BlockHeader = { number, previousHash, dataHash: sha256Hex(canonicalJson(data)) };
  return { header, data, hash: sha256Hex(canonicalJson(header)) };
}

export function encodeBlock(block: StoredBlock): string {
  return `${canonicalJson(block)}\n`;
}
