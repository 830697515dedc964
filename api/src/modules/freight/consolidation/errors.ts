export type ConsolidationInputErrorCode =
  | "NO_CONTAINER_TYPES"
  | "INVALID_CONTAINER_TYPE"
  | "DUPLICATE_CONTAINER_TYPE"
  | "UNKNOWN_REFERENCE_TYPE"
  | "DUPLICATE_LINE_ID"
  | "INVALID_OPTION";

/**
 * Input the planner cannot work with at all. Problems with a single line (a crate too big for the
 * door, lithium refused) are not errors: they come back as unplaced crates with a reason.
 */
export class ConsolidationInputError extends Error {
  override readonly name = "ConsolidationInputError";
  constructor(
    readonly code: ConsolidationInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}
