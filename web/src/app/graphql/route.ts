import { env } from "@/config";

/**
 * Same-origin entry to the API for the browser: `/graphql` here is forwarded to
 * `${CORRIDOR_API_URL}/graphql`, so the API's httpOnly session cookie is first-party.
 *
 * A route handler rather than a next.config rewrite: rewrites are resolved when `next build`
 * runs, so a rewrite would keep pointing at the build machine's API URL, while this reads the
 * URL when the server starts, like the server components do.
 */
export const dynamic = "force-dynamic";

/**
 * Request headers the API needs; hop-by-hop and host headers are not forwarded. content-length
 * goes along with the body streamed through unchanged, so the API refuses an upload over its limit
 * (413 REQUEST_ENTITY_TOO_LARGE) from the header, before the bytes are sent.
 */
const REQUEST_HEADERS = ["accept", "accept-language", "content-length", "content-type", "cookie", "user-agent", "x-forwarded-for", "x-request-id"];
/** Response headers passed back; set-cookie is handled separately (there can be several). */
const RESPONSE_HEADERS = ["content-type", "cache-control", "retry-after", "x-request-id"];

async function forward(request: Request): Promise<Response> {
  const incoming = new URL(request.url);
  const target = `${env.apiUrl}/graphql${incoming.search}`;
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set("x-forwarded-proto", incoming.protocol.replace(":", ""));
  headers.set("x-forwarded-host", request.headers.get("host") ?? incoming.host);

  // The body is streamed through, not read first: a vehicle import uploads up to 200 MB, which
  // would otherwise sit in this process's memory (several copies) before the API saw a byte.
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method,
    headers,
    body: request.method === "GET" || request.method === "HEAD" ? undefined : request.body,
    duplex: "half",
    cache: "no-store",
    redirect: "manual",
    // A subscription (server-sent events) streams until the browser leaves: end it upstream too.
    signal: request.signal,
  };
  let upstream: Response;
  try {
    upstream = await fetch(target, init);
  } catch {
    return Response.json({ errors: [{ message: "The Corridor API could not be reached.", extensions: { code: "NETWORK" } }] }, { status: 502 });
  }

  const responseHeaders = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) responseHeaders.set(name, value);
  }
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append("set-cookie", cookie);
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}

export const GET = forward;
export const POST = forward;
