"use client";

import { GqlError, type TypedDocumentString } from "@/lib/graphql/core";

/**
 * Builds the body of a GraphQL multipart request (github.com/jaydenseric/graphql-multipart-request-spec):
 * `operations` holds the query with null where each file goes, `map` says which variable path
 * each numbered part fills, then the files. Exported for tests.
 */
export function multipartBody(query: string, variables: Record<string, unknown>, files: ReadonlyArray<{ path: string; file: Blob; name: string }>): FormData {
  const withNulls = structuredClone(variables);
  for (const { path } of files) setPath(withNulls, path, null);
  const body = new FormData();
  body.append("operations", JSON.stringify({ query, variables: withNulls }));
  body.append("map", JSON.stringify(Object.fromEntries(files.map((f, i) => [String(i), [`variables.${f.path}`]]))));
  files.forEach((f, i) => {
    body.append(String(i), f.file, f.name);
  });
  return body;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== "object" || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/**
 * Runs a typed operation with file uploads from the browser through the same-origin `/graphql`
 * proxy, which forwards the multipart body as it is. Errors are thrown like gqlFetch's.
 */
export async function gqlUpload<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  files: ReadonlyArray<{ path: string; file: Blob; name: string }>,
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      // No content-type: the browser sets multipart/form-data with its boundary.
      headers: { accept: "application/graphql-response+json, application/json" },
      body: multipartBody(document.toString(), variables, files),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (cause) {
    throw new GqlError(cause instanceof Error ? cause.message : "fetch failed", "NETWORK");
  }
  let body: { data?: TResult | null; errors?: Array<{ message: string; extensions?: { code?: unknown } }> };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GqlError(`The API answered ${response.status} without a GraphQL body`, response.status === 413 ? "REQUEST_ENTITY_TOO_LARGE" : "NETWORK");
  }
  const first = body.errors?.[0];
  if (first) throw new GqlError(first.message, typeof first.extensions?.code === "string" ? first.extensions.code : "UNKNOWN", body.errors);
  if (body.data == null) throw new GqlError(`The API answered ${response.status} without data`, "UNKNOWN");
  return body.data;
}
