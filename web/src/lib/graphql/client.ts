"use client";

import { executeGql, type TypedDocumentString, type VariablesArg } from "./core";

export { GqlError } from "./core";

/**
 * Runs a typed operation from the browser against the same-origin `/graphql` rewrite, so the
 * httpOnly `corridor_session` cookie travels with it.
 */
export function gqlFetch<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, ...[variables]: VariablesArg<TVariables>): Promise<TResult> {
  return executeGql("/graphql", document, variables, { credentials: "same-origin" });
}
