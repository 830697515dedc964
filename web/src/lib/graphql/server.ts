import { headers } from "next/headers";
import { env } from "@/config";
import { getRequestLocale } from "@/i18n/server";
import { executeGql, type TypedDocumentString, type VariablesArg } from "./core";

export { GqlError } from "./core";

/** Headers of the incoming request that the API needs to act as the same person. */
const FORWARDED = ["cookie", "accept-language", "user-agent"] as const;

/**
 * Runs a typed operation from a server component or route handler, calling the API directly and
 * forwarding the visitor's cookies so the API sees their session.
 */
export async function gqlFetch<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, ...[variables]: VariablesArg<TVariables>): Promise<TResult> {
  const incoming = await headers();
  const forwarded: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = incoming.get(name);
    if (value) forwarded[name] = value;
  }
  // The API writes its error messages in the language the portal shows.
  forwarded["accept-language"] = await getRequestLocale();
  return executeGql(`${env.apiUrl}/graphql`, document, variables, { headers: forwarded });
}
