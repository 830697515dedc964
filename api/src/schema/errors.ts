import {
  ConflictError,
  type DomainError,
  ErrorCode,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  RuleViolationError,
  UnauthenticatedError,
  ValidationError,
} from "../errors.js";
import { builder } from "./builder.js";

export const ErrorCodeEnum = builder.enumType("ErrorCode", {
  description: "Stable machine-readable error codes.",
  values: Object.values(ErrorCode),
});

export const DomainErrorRef = builder.interfaceRef<DomainError>("DomainError").implement({
  description: "An expected failure with a stable code and a message a person can act on.",
  fields: (t) => ({
    code: t.field({ type: ErrorCodeEnum, resolve: (e) => e.code }),
    message: t.exposeString("message"),
  }),
});

const FieldErrorRef = builder.objectRef<{ path: string[]; message: string }>("FieldError").implement({
  authScopes: { public: true },
  fields: (t) => ({
    path: t.exposeStringList("path"),
    message: t.exposeString("message"),
  }),
});

const common = { interfaces: [DomainErrorRef], authScopes: { public: true } };

builder.objectType(ValidationError, {
  ...common,
  name: "ValidationError",
  description: "The input is not valid; fieldErrors say where.",
  fields: (t) => ({ fieldErrors: t.field({ type: [FieldErrorRef], resolve: (e) => e.fieldErrors }) }),
});
builder.objectType(NotFoundError, { ...common, name: "NotFoundError", description: "The record does not exist, or you may not see it.", fields: () => ({}) });
builder.objectType(ForbiddenError, { ...common, name: "ForbiddenError", description: "You are logged in but not allowed to do this.", fields: () => ({}) });
builder.objectType(UnauthenticatedError, { ...common, name: "UnauthenticatedError", description: "Log in, or your session or key is no longer valid.", fields: () => ({}) });
builder.objectType(ConflictError, { ...common, name: "ConflictError", description: "The change conflicts with existing data, such as a duplicate.", fields: () => ({}) });
builder.objectType(RuleViolationError, {
  ...common,
  name: "RuleViolationError",
  description: "A business rule refuses this: cut-off passed, lithium refused on the corridor, a crate that does not fit …",
  fields: (t) => ({ rule: t.exposeString("rule") }),
});
builder.objectType(RateLimitedError, {
  ...common,
  name: "RateLimitedError",
  description: "Too many attempts; try again later.",
  fields: (t) => ({ retryAfterSeconds: t.exposeInt("retryAfterSeconds") }),
});

/** The error types every mutation can return. */
export const mutationErrors = [ValidationError, NotFoundError, ForbiddenError, UnauthenticatedError, ConflictError];
/** …and those of mutations that business rules may refuse. */
export const ruleErrors = [...mutationErrors, RuleViolationError];
