import type { TypedDocumentString } from "@/gql/graphql";

export type { TypedDocumentString };

/** Operations without variables may omit them; all others must pass them. */
export type VariablesArg<V> = [V] extends [Record<string, never>] ? [variables?: V] : [variables: V];

interface GraphQLErrorBody {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: unknown; [key: string]: unknown };
}

/**
 * A request-level failure: the API answered with GraphQL errors (code from `extensions.code`,
 * e.g. UNAUTHENTICATED, FORBIDDEN), or could not be reached at all (code NETWORK).
 * Expected business failures of mutations are not thrown: they come back as typed union members.
 */
export class GqlError extends Error {
  override readonly name = "GqlError";
  constructor(
    message: string,
    readonly code: string,
    readonly errors: readonly GraphQLErrorBody[] = [],
  ) {
    super(message);
  }
}

export async function executeGql<TResult, TVariables>(
  url: string,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables | undefined,
  init: { headers?: Record<string, string>; credentials?: RequestCredentials; signal?: AbortSignal } = {},
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        ...init.headers,
      },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      credentials: init.credentials,
      cache: "no-store",
      signal: init.signal,
    });
  } catch (cause) {
    throw new GqlError(cause instanceof Error ? cause.message : "fetch failed", "NETWORK");
  }

  let body: { data?: TResult | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GqlError(`The API answered ${response.status} without a GraphQL body`, response.ok ? "UNKNOWN" : "NETWORK");
  }

  const first = body.errors?.[0];
  if (first) {
    const code = typeof first.extensions?.code === "string" ? first.extensions.code : "UNKNOWN";
    throw new GqlError(first.message, code, body.errors);
  }
  if (body.data == null) throw new GqlError(`The API answered ${response.status} without data`, "UNKNOWN");
  return body.data;
}
