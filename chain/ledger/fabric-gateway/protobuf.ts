// A minimal protobuf wire-format reader and the few Fabric messages the Fabric backends decode
// (blocks from qscc, envelopes, chain info). Hand-written so the backends need no dependency
// beyond the client libraries (@hyperledger/fabric-protos is only a transitive dependency).
// Field numbers are those of fabric-protos' common/common.proto, peer/transaction.proto,
// peer/proposal.proto, peer/proposal_response.proto, peer/chaincode.proto and
// peer/chaincode_event.proto.
import { createHash } from "node:crypto";

type Value = Uint8Array | bigint;

export class Message {
  readonly #fields = new Map<number, Value[]>();

  constructor(bytes: Uint8Array) {
    let i = 0;
    const varint = (): bigint => {
      let result = 0n;
      let shift = 0n;
      for (;;) {
        if (i >= bytes.length) throw new Error("protobuf: truncated varint");
        const b = bytes[i++]!;
        result |= BigInt(b & 0x7f) << shift;
        if ((b & 0x80) === 0) return result;
        shift += 7n;
      }
    };
    while (i < bytes.length) {
      const tag = varint();
      const field = Number(tag >> 3n);
      const wire = Number(tag & 7n);
      let value: Value;
      if (wire === 0) value = varint();
      else if (wire === 2) {
        const len = Number(varint());
        if (i + len > bytes.length) throw new Error("protobuf: truncated field");
        value = bytes.subarray(i, i + len);
        i += len;
      } else if (wire === 1) {
        value = bytes.subarray(i, i + 8);
        i += 8;
      } else if (wire === 5) {
        value = bytes.subarray(i, i + 4);
        i += 4;
      } else throw new Error(`protobuf: unsupported wire type ${wire}`);
      const list = this.#fields.get(field);
      if (list) list.push(value);
      else this.#fields.set(field, [value]);
    }
  }

  bytes(field: number): Uint8Array {
    const v = this.#fields.get(field)?.at(-1);
    return v instanceof Uint8Array ? v : new Uint8Array();
  }

  repeated(field: number): Uint8Array[] {
    return (this.#fields.get(field) ?? []).filter((v): v is Uint8Array => v instanceof Uint8Array);
  }

  string(field: number): string {
    return Buffer.from(this.bytes(field)).toString("utf8");
  }

  message(field: number): Message {
    return new Message(this.bytes(field));
  }

  number(field: number): number {
    const v = this.#fields.get(field)?.at(-1);
    return typeof v === "bigint" ? Number(v) : 0;
  }
}

// ── Fabric messages ──────────────────────────────────────────────────────────────────────────

export const HeaderType = { CONFIG: 1, ENDORSER_TRANSACTION: 3 } as const;

/** peer.TxValidationCode names, by number (fabric-gateway's StatusNames). */
export const TX_VALIDATION_CODES: Readonly<Record<number, string>> = {
  0: "VALID",
  1: "NIL_ENVELOPE",
  2: "BAD_PAYLOAD",
  3: "BAD_COMMON_HEADER",
  4: "BAD_CREATOR_SIGNATURE",
  5: "INVALID_ENDORSER_TRANSACTION",
  6: "INVALID_CONFIG_TRANSACTION",
  7: "UNSUPPORTED_TX_PAYLOAD",
  8: "BAD_PROPOSAL_TXID",
  9: "DUPLICATE_TXID",
  10: "ENDORSEMENT_POLICY_FAILURE",
  11: "MVCC_READ_CONFLICT",
  12: "PHANTOM_READ_CONFLICT",
  13: "UNKNOWN_TX_TYPE",
  14: "TARGET_CHAIN_NOT_FOUND",
  15: "MARSHAL_TX_ERROR",
  16: "NIL_TXACTION",
  17: "EXPIRED_CHAINCODE",
  18: "CHAINCODE_VERSION_CONFLICT",
  19: "BAD_HEADER_EXTENSION",
  20: "BAD_CHANNEL_HEADER",
  21: "BAD_RESPONSE_PAYLOAD",
  22: "BAD_RWSET",
  23: "ILLEGAL_WRITESET",
  24: "INVALID_WRITESET",
  25: "INVALID_CHAINCODE",
  254: "NOT_VALIDATED",
  255: "INVALID_OTHER_REASON",
};

export function validationCodeName(code: number): string {
  return TX_VALIDATION_CODES[code] ?? `UNKNOWN_VALIDATION_CODE_${code}`;
}

export interface DecodedEndorsement {
  mspId: string;
  certificate: string;
  signature: Uint8Array;
}

export interface DecodedTransaction {
  txId: string;
  /** common.HeaderType (3 = endorser transaction, 1 = config). */
  type: number;
  timestamp: string;
  creatorMspId: string;
  creatorCertificate: string;
  chaincodeName: string;
  /** Chaincode input args: [function, ...arguments] as UTF-8. */
  input: string[];
  /** ProposalResponsePayload bytes: what every endorsement signs, followed by the endorser. */
  proposalResponse: Uint8Array;
  endorsements: DecodedEndorsement[];
  event?: { chaincodeName: string; txId: string; eventName: string; payload: Uint8Array };
  /** The chaincode's response payload (what submit returned). */
  result: Uint8Array;
}

export interface DecodedBlock {
  number: number;
  previousHash: string;
  dataHash: string;
  hash: string;
  transactions: DecodedTransaction[];
  /** One validation code per transaction (block metadata TRANSACTIONS_FILTER). */
  validationCodes: number[];
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString("hex");
}

function timestamp(m: Message): string {
  const ms = m.number(1) * 1000 + Math.floor(m.number(2) / 1e6);
  return new Date(ms).toISOString();
}

function identity(bytes: Uint8Array): { mspId: string; certificate: string } {
  const m = new Message(bytes);
  return { mspId: m.string(1), certificate: m.string(2) };
}

/** Decodes a common.Envelope (a transaction as ordered). */
export function decodeEnvelope(envelope: Uint8Array): DecodedTransaction {
  const payload = new Message(envelope).message(1);
  const header = payload.message(1);
  const channelHeader = header.message(1);
  const creator = identity(header.message(2).bytes(1));
  const type = channelHeader.number(1);
  const tx: DecodedTransaction = {
    txId: channelHeader.string(5),
    type,
    timestamp: timestamp(channelHeader.message(3)),
    creatorMspId: creator.mspId,
    creatorCertificate: creator.certificate,
    chaincodeName: "",
    input: [],
    proposalResponse: new Uint8Array(),
    endorsements: [],
    result: new Uint8Array(),
  };
  if (type !== HeaderType.ENDORSER_TRANSACTION) return tx;
  const action = payload.message(2).repeated(1)[0];
  if (!action) return tx;
  const actionPayload = new Message(action).message(2); // ChaincodeActionPayload
  const spec = actionPayload.message(1).message(1).message(1); // ChaincodeProposalPayload.input.chaincode_spec
  tx.chaincodeName = spec.message(2).string(2);
  tx.input = spec
    .message(3)
    .repeated(1)
    .map((a) => Buffer.from(a).toString("utf8"));
  const endorsed = actionPayload.message(2); // ChaincodeEndorsedAction
  tx.proposalResponse = endorsed.bytes(1);
  tx.endorsements = endorsed.repeated(2).map((e) => {
    const m = new Message(e);
    return { ...identity(m.bytes(1)), signature: m.bytes(2) };
  });
  const chaincodeAction = new Message(tx.proposalResponse).message(2); // ProposalResponsePayload.extension
  tx.result = chaincodeAction.message(3).bytes(3);
  const eventBytes = chaincodeAction.bytes(2);
  if (eventBytes.length > 0) {
    const ev = new Message(eventBytes);
    if (ev.string(3) !== "") tx.event = { chaincodeName: ev.string(1), txId: ev.string(2), eventName: ev.string(3), payload: ev.bytes(4) };
  }
  return tx;
}

/** DER length. */
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

/**
 * Fabric's block hash: SHA-256 of the ASN.1 DER SEQUENCE { INTEGER number, OCTET STRING
 * previousHash, OCTET STRING dataHash } (protoutil.BlockHeaderBytes), lowercase hex.
 */
export function blockHeaderHash(number: bigint, previousHash: Uint8Array, dataHash: Uint8Array): string {
  let n = number.toString(16);
  if (n.length % 2) n = `0${n}`;
  let int = Buffer.from(n, "hex");
  if (int[0]! & 0x80) int = Buffer.concat([Buffer.from([0]), int]);
  const seq = der(0x30, Buffer.concat([der(0x02, int), der(0x04, previousHash), der(0x04, dataHash)]));
  return createHash("sha256").update(seq).digest("hex");
}

/** Decodes a common.Block (qscc GetBlockByNumber / GetBlockByTxID). */
export function decodeBlock(bytes: Uint8Array): DecodedBlock {
  const block = new Message(bytes);
  const header = block.message(1);
  const numberValue = BigInt(header.number(1));
  const previousHash = header.bytes(2);
  const dataHash = header.bytes(3);
  const transactions = block
    .message(2)
    .repeated(1)
    .map((e) => decodeEnvelope(e));
  const filter = block.message(3).repeated(1)[2] ?? new Uint8Array();
  return {
    number: Number(numberValue),
    previousHash: hex(previousHash),
    dataHash: hex(dataHash),
    hash: blockHeaderHash(numberValue, previousHash, dataHash),
    transactions,
    validationCodes: transactions.map((_, i) => filter[i] ?? 254),
  };
}

/** common.BlockchainInfo (qscc GetChainInfo): the height. */
export function decodeChainHeight(bytes: Uint8Array): number {
  return new Message(bytes).number(1);
}
