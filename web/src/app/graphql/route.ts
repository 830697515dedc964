import { env } from "@/config";
import { type AppLocale, isAppLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "@/i18n/config";

/**
 * Same-origin entry to the API for the browser: `/graphql` here is forwarded to
 * `${CORRIDOR_API_URL}/graphql`, so the API's httpOnly session cookie is first-party.
 *
 * A route handler rather than a next.config rewrite: rewrites are resolved when `next build`
 * runs, so a rewrite would keep pointing at the build machine's API URL, while this reads the
 * URL when the server starts, like the server components do.
 */
export const dynamic = "force-dynamic";

/** Request headers the API needs; hop-by-hop and host headers are not forwarded. */
const REQUEST_HEADERS = ["accept", "accept-language", "content-type", "cookie", "user-agent", "x-forwarded-for", "x-request-id"];
/** Response headers passed back; set-cookie is handled separately (there can be several). */
const RESPONSE_HEADERS = ["content-type", "cache-control", "retry-after", "x-request-id"];

/** The portal's language for this visitor: the remembered cookie, else the browser's Accept-Language. */
function portalLocale(request: Request): AppLocale {
  const remembered = request.headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return isAppLocale(remembered) ? remembered : localeFromAcceptLanguage(request.headers.get("accept-language"));
}

async function forward(request: Request): Promise<Response> {
  const incoming = new URL(request.url);
  const target = `${env.apiUrl}/graphql${incoming.search}`;
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  // The API writes its error messages in the request's language: the one chosen in the portal.
  headers.set("accept-language", portalLocale(request));
  headers.set("x-forwarded-proto", incoming.protocol.replace(":", ""));
  headers.set("x-forwarded-host", request.headers.get("host") ?? incoming.host);

  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      // Read whole (uploads are capped at 200 MB in the browser and the API); streaming the body
      // through (duplex: "half") would save this copy of a large upload.
      body: request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer(),
      cache: "no-store",
      redirect: "manual",
      // A subscription (server-sent events) streams until the browser leaves: end it upstream too.
      signal: request.signal,
    });
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
