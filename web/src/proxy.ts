import { type NextRequest, NextResponse } from "next/server";
import { PATHNAME_HEADER } from "./lib/session";

/**
 * Tells server components which path is being rendered (layouts are not given it), so that an
 * expired session can be sent to /login?next=<this page>. Authorization itself happens in the
 * API; the (app) layout asks it for the viewer on every request.
 */
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATHNAME_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|graphql|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
