// Errors the contract raises on purpose. Only the message crosses the chaincode boundary
// (fabric-shim returns `shim.error(error.message)`), so the code travels inside the message as a
// `[corridor:CODE]` tag that every ledger backend parses back with parseContractError().

export const ContractErrorCode = {
  /** An argument is malformed or out of range. */
  InvalidArgument: "INVALID_ARGUMENT",
  /** The record asked for does not exist. */
  NotFound: "NOT_FOUND",
  /** A record with this id exists with different content (ids are write-once). */
  Conflict: "CONFLICT",
  /** The caller's organization or identity may not do this. */
  NotAuthorized: "NOT_AUTHORIZED",
  /** The certification was revoked already. */
  AlreadyRevoked: "ALREADY_REVOKED",
  /** The consortium configuration has not been written yet. */
  NotConfigured: "NOT_CONFIGURED",
  /** No transaction by that name. */
  UnknownTransaction: "UNKNOWN_TRANSACTION",
} as const;
export type ContractErrorCode = (typeof ContractErrorCode)[keyof typeof ContractErrorCode];

const CODES = new Set<string>(Object.values(ContractErrorCode));
const TAG = /\[corridor:([A-Z_]+)\] ?/;

export class ContractError extends Error {
  override readonly name = "ContractError";
  /** The message without the code tag, for people. */
  readonly detail: string;
  constructor(
    readonly code: ContractErrorCode,
    detail: string,
  ) {
    super(`[corridor:${code}] ${detail}`);
    this.detail = detail;
  }
}

/**
 * Finds the contract's error code in a message as a backend reports it, e.g. fabric-gateway's
 * "chaincode response 500, [corridor:NOT_AUTHORIZED] …". Undefined when the failure did not come
 * from the contract's own checks.
 */
export function parseContractError(message: string): { code: ContractErrorCode; detail: string } | undefined {
  const m = TAG.exec(message);
  if (!m || !CODES.has(m[1] ?? "")) return undefined;
  return { code: m[1] as ContractErrorCode, detail: message.slice(m.index + m[0].length) };
}
