import { headers } from "next/headers";
import { env } from "@/config";
import { executeGql, type TypedDocumentString, type VariablesArg } from "@/lib/graphql/core";
import { PATHNAME_HEADER } from "@/lib/session";

export { GqlError } from "@/lib/graphql/core";

/** A verify page waits this long for the API, then says the service is unavailable. */
const API_TIMEOUT_MS = 10_000;

/**
 * Runs a public query from a server component or route handler. No cookie is forwarded: these
 * pages show the same to everyone, logged in or not.
 */
export function publicGql<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, ...[variables]: VariablesArg<TVariables>): Promise<TResult> {
  return executeGql(`${env.apiUrl}/graphql`, document, variables, { signal: AbortSignal.timeout(API_TIMEOUT_MS) });
}

/**
 * The public address of a page as the visitor reached it (behind a proxy too), for the QR code.
 * Only the path is ours; host and scheme come from the request.
 */
export async function publicUrlOf(path: string): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}${path}`;
}

/**
 * The path and query of the page being rendered, for not-found pages (which get no params): the
 * proxy (src/proxy.ts) passes them in a request header.
 */
export async function requestedUrl(): Promise<URL> {
  const raw = (await headers()).get(PATHNAME_HEADER) ?? "/";
  try {
    return new URL(raw, "http://corridor.invalid");
  } catch {
    return new URL("http://corridor.invalid/");
  }
}

/** A path segment as typed, decoded when it can be. */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
