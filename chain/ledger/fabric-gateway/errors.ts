// Maps the Fabric client libraries' failures to chain/ledger/errors.ts. Works on shapes (name,
// gRPC code, details, transactionId), not classes, so both fabric-gateway's errors and
// fabric-network's, and plain objects in tests, map the same way.
import { parseContractError } from "../../contract/errors.js";
import { CommitError, ContractRejectedError, LedgerError, LedgerErrorCode } from "../errors.js";
import { validationCodeName } from "./protobuf.js";

/** gRPC status codes that mean "the peer could not be reached or did not answer in time". */
const GRPC_UNAVAILABLE = new Set([1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

export const FabricErrorCode = {
  /** Endorsement failed for a reason that is not the chaincode's (policy not satisfiable, peer error). */
  EndorsementFailed: "ENDORSEMENT_FAILED",
  /** The orderer refused the transaction. */
  SubmitFailed: "SUBMIT_FAILED",
  /** The commit status could not be obtained: the transaction may or may not be committed. */
  CommitStatusUnknown: "COMMIT_STATUS_UNKNOWN",
} as const;

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  details?: unknown;
  transactionId?: unknown;
  transactionCode?: unknown;
  responses?: unknown;
  cause?: unknown;
}

function texts(error: ErrorShape): string[] {
  const out: string[] = [];
  if (typeof error.message === "string") out.push(error.message);
  if (Array.isArray(error.details)) {
    for (const d of error.details) if (d && typeof (d as { message?: unknown }).message === "string") out.push((d as { message: string }).message);
  }
  // fabric-network 2.2: endorsement failures carry the peer responses.
  if (Array.isArray(error.responses)) {
    for (const r of error.responses) {
      const m = (r as { response?: { message?: unknown } })?.response?.message;
      if (typeof m === "string") out.push(m);
    }
  }
  return out;
}

/** A chaincode failure reported by a peer ("chaincode response 500, …", "transaction returned with failure: …"). */
const CHAINCODE_FAILURE = /chaincode response \d+,|transaction returned with failure|Error: \[corridor:|\[corridor:[A-Z_]+\]/;

function stripChaincodePrefix(message: string): string {
  return message.replace(/^.*?chaincode response \d+,\s*/, "").replace(/^.*?transaction returned with failure:\s*/, "");
}

export interface MapContext {
  fn: string;
  txId?: string;
}

/** Turns whatever a Fabric client threw into a typed ledger error. */
export function mapFabricError(error: unknown, ctx: MapContext): LedgerError {
  if (error instanceof LedgerError) return error;
  if (error === null || typeof error !== "object") return new LedgerError("FABRIC_ERROR", `${ctx.fn}: ${String(error)}`, ctx.txId);
  const e = error as ErrorShape;
  const name = typeof e.name === "string" ? e.name : "";
  const txId = typeof e.transactionId === "string" && e.transactionId !== "" ? e.transactionId : (ctx.txId ?? "");
  const grpcCode = typeof e.code === "number" ? e.code : undefined;
  const message = typeof e.message === "string" ? e.message : String(error);
  const all = texts(e);

  // Ordered but invalid (fabric-gateway CommitError: numeric validation code; fabric-network
  // TransactionError: code name in transactionCode).
  if (name === "CommitError" && typeof e.code === "number") {
    return new CommitError(validationCodeName(e.code), txId, -1, `${ctx.fn}: transaction ${txId} failed to commit: ${validationCodeName(e.code)}`);
  }
  if (typeof e.transactionCode === "string" && e.transactionCode !== "VALID") {
    return new CommitError(e.transactionCode, txId, -1, `${ctx.fn}: transaction ${txId} failed to commit: ${e.transactionCode}`);
  }

  // The contract refused (endorsement or evaluation): find its tagged message in any detail.
  for (const text of all) {
    const parsed = parseContractError(text);
    if (parsed) return new ContractRejectedError(parsed.code, parsed.detail, txId, ctx.fn);
  }
  const chaincodeText = all.find((t) => CHAINCODE_FAILURE.test(t));
  if (chaincodeText) return ContractRejectedError.fromMessage(stripChaincodePrefix(chaincodeText), txId, ctx.fn);

  if (grpcCode !== undefined && GRPC_UNAVAILABLE.has(grpcCode)) {
    const code = name === "CommitStatusError" ? FabricErrorCode.CommitStatusUnknown : LedgerErrorCode.Unavailable;
    return new LedgerError(
      LedgerErrorCode.Unavailable,
      `${ctx.fn}: ${code === FabricErrorCode.CommitStatusUnknown ? "commit status unknown, " : ""}${message}`,
      txId || undefined,
      {
        cause: error,
      },
    );
  }
  // fabric-network 2.2: unreachable peers surface as plain errors from discovery or connection.
  if (/Failed to connect before the deadline|DiscoveryService has failed to return results|REQUEST TIMEOUT/.test(message)) {
    return new LedgerError(LedgerErrorCode.Unavailable, `${ctx.fn}: ${message}`, txId || undefined, { cause: error });
  }
  if (name === "TimeoutError") return new LedgerError(LedgerErrorCode.Unavailable, `${ctx.fn}: ${message}`, txId || undefined, { cause: error });
  if (name === "EndorseError") return new LedgerError(FabricErrorCode.EndorsementFailed, `${ctx.fn}: ${[message, ...all.slice(1)].join("; ")}`, txId, { cause: error });
  if (name === "SubmitError") return new LedgerError(FabricErrorCode.SubmitFailed, `${ctx.fn}: ${message}`, txId, { cause: error });
  if (name === "CommitStatusError") return new LedgerError(FabricErrorCode.CommitStatusUnknown, `${ctx.fn}: ${message}`, txId, { cause: error });
  return new LedgerError("FABRIC_ERROR", `${ctx.fn}: ${[message, ...all.slice(1)].join("; ")}`, txId || undefined, { cause: error });
}

/** A commit status that is not VALID (fabric-gateway Status) as CommitError with its block. */
export function commitErrorFromStatus(status: { code: number; transactionId: string; blockNumber: bigint | number }, fn: string): CommitError {
  const code = validationCodeName(status.code);
  const block = Number(status.blockNumber);
  return new CommitError(code, status.transactionId, block, `${fn}: transaction ${status.transactionId} is invalid in block ${block}: ${code}`);
}
