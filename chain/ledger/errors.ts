// Typed ledger failures, shared by every backend. Each carries a stable code and, when there is
// one, the transaction id, so callers (the outbox worker, GraphQL errors) can act on the code.
import { type ContractErrorCode, parseContractError } from "../contract/errors.js";
import type { ValidationCode } from "./ledger.js";

export class LedgerError extends Error {
  override name = "LedgerError";
  constructor(
    readonly code: string,
    message: string,
    readonly txId?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The contract refused the transaction while it was endorsed or evaluated; nothing was
 * ordered. `code` is the contract's (INVALID_ARGUMENT, NOT_AUTHORIZED, CONFLICT …) or
 * CHAINCODE_ERROR when the failure was not one of the contract's own checks.
 */
export class ContractRejectedError extends LedgerError {
  override name = "ContractRejectedError";
  constructor(
    override readonly code: ContractErrorCode | "CHAINCODE_ERROR",
    /** The contract's message without the code tag. */
    readonly detail: string,
    txId: string,
    readonly fn: string,
  ) {
    super(code, `${fn}: ${detail}`, txId);
  }

  /** From a chaincode error message, tagged or not. */
  static fromMessage(message: string, txId: string, fn: string): ContractRejectedError {
    const parsed = parseContractError(message);
    return parsed ? new ContractRejectedError(parsed.code, parsed.detail, txId, fn) : new ContractRejectedError("CHAINCODE_ERROR", message, txId, fn);
  }
}

/** The transaction was ordered into a block but failed validation; its writes were not applied. */
export class CommitError extends LedgerError {
  override name = "CommitError";
  constructor(
    override readonly code: Exclude<ValidationCode, "VALID">,
    txId: string,
    readonly blockNumber: number,
    message?: string,
  ) {
    super(code, message ?? `transaction ${txId} is invalid in block ${blockNumber}: ${code}`, txId);
  }

  /** Read conflicts go away when the transaction is simulated again on newer state. */
  get retryable(): boolean {
    return this.code === "MVCC_READ_CONFLICT" || this.code === "PHANTOM_READ_CONFLICT";
  }
}

/** The stored chain does not verify: a block was altered, removed or reordered. */
export class LedgerIntegrityError extends LedgerError {
  override name = "LedgerIntegrityError";
  constructor(
    message: string,
    readonly blockNumber: number,
    readonly file?: string,
  ) {
    super("LEDGER_CORRUPT", message);
  }
}

export const LedgerErrorCode = {
  Closed: "LEDGER_CLOSED",
  Locked: "LEDGER_LOCKED",
  Corrupt: "LEDGER_CORRUPT",
  WriteFailed: "LEDGER_WRITE_FAILED",
  UnknownIdentity: "UNKNOWN_IDENTITY",
  NotFound: "NOT_FOUND",
  InvalidRequest: "INVALID_REQUEST",
  Unavailable: "UNAVAILABLE",
} as const;

/** True for failures worth retrying as they are (a fresh submit simulates on newer state). */
export function isRetryable(error: unknown): boolean {
  return (error instanceof CommitError && error.retryable) || (error instanceof LedgerError && error.code === LedgerErrorCode.Unavailable);
}
