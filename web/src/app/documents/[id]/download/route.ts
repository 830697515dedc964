import { env } from "@/config";

/**
 * Same-origin download of an issued document's PDF: `/documents/<id>/download` here is forwarded
 * to the API's path of the same name with the visitor's cookie (or bearer token), so the portal
 * can link downloads while the session cookie stays first-party. The API decides who may see a
 * document and answers 404 for anyone else; this handler only passes the answer through.
 */
export const dynamic = "force-dynamic";

/** The API's own pattern for document ids in this path (a Relay global id). */
const ID = /^[A-Za-z0-9_-]{4,512}$/;

/** Request headers the API needs; hop-by-hop and host headers are not forwarded. */
const REQUEST_HEADERS = ["accept", "accept-language", "authorization", "cookie", "if-none-match", "user-agent", "x-forwarded-for", "x-request-id"];
/** Response headers passed back to the browser. */
const RESPONSE_HEADERS = ["content-type", "content-disposition", "content-length", "etag", "cache-control", "x-content-type-options", "x-request-id", "allow"];

async function forward(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!ID.test(id)) return Response.json({ error: "NOT_FOUND", message: "Document was not found." }, { status: 404 });

  const incoming = new URL(request.url);
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set("x-forwarded-proto", incoming.protocol.replace(":", ""));
  headers.set("x-forwarded-host", request.headers.get("host") ?? incoming.host);

  let upstream: Response;
  try {
    upstream = await fetch(`${env.apiUrl}/documents/${id}/download`, { method: request.method, headers, cache: "no-store", redirect: "manual", signal: request.signal });
  } catch {
    return Response.json({ error: "NETWORK", message: "The Corridor API could not be reached." }, { status: 502 });
  }

  const responseHeaders = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) responseHeaders.set(name, value);
  }
  // The PDF streams through without being buffered here.
  return new Response(request.method === "HEAD" ? null : upstream.body, { status: upstream.status, headers: responseHeaders });
}

export const GET = forward;
export const HEAD = forward;
