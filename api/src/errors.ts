import { GraphQLError } from "graphql";
import { Prisma } from "./generated/prisma/client.js";

/** Stable, documented error codes. Clients switch on these, never on messages. */
export const ErrorCode = {
  VALIDATION: "VALIDATION",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "RATE_LIMITED",
  RULE_VIOLATION: "RULE_VIOLATION",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  INTERNAL: "INTERNAL",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldError {
  path: string[];
  message: string;
}

/**
 * An expected failure a person can act on. Domain errors are GraphQL errors with
 * `extensions.code`, so they pass error masking when thrown from a query field, and the
 * errors plugin turns them into typed union members on mutations.
 */
export abstract class DomainError extends GraphQLError {
  abstract readonly code: ErrorCode;
  constructor(message: string, code: ErrorCode, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export class ValidationError extends DomainError {
  readonly code = ErrorCode.VALIDATION;
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message, ErrorCode.VALIDATION, { fieldErrors });
  }
}

export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(
    readonly entity: string,
    readonly entityId?: string,
  ) {
    super(entityId ? `${entity} ${entityId} was not found.` : `${entity} was not found.`, ErrorCode.NOT_FOUND, { entity });
  }
}

export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message = "You are not allowed to do this.") {
    super(message, ErrorCode.FORBIDDEN);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = "Please log in first.") {
    super(message, ErrorCode.UNAUTHENTICATED);
  }
}

export class ConflictError extends DomainError {
  readonly code = ErrorCode.CONFLICT;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message, ErrorCode.CONFLICT, field ? { field } : {});
  }
}

export class RateLimitedError extends DomainError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, ErrorCode.RATE_LIMITED, { retryAfterSeconds });
  }
}

/**
 * A business rule refuses the request: the cut-off has passed, the corridor refuses lithium,
 * a crate does not fit the container. `rule` names which, for clients that react to it.
 */
export class RuleViolationError extends DomainError {
  readonly code = ErrorCode.RULE_VIOLATION;
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message, ErrorCode.RULE_VIOLATION, { rule });
  }
}

/** Maps database constraint failures to domain errors; anything else is rethrown unchanged. */
export function mapPrismaError(err: unknown, what: { conflict?: string; missing?: string } = {}): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002") throw new ConflictError(what.conflict ?? "A record with the same unique value already exists.");
    if (err.code === "P2003") throw new NotFoundError(what.missing ?? "A referenced record");
    if (err.code === "P2025") throw new NotFoundError(what.missing ?? "The record");
  }
  throw err;
}
