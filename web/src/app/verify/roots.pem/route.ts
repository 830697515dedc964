import { LedgerRootsDocument } from "@/lib/verify/operations";
import { publicGql } from "@/lib/verify/server";

export const dynamic = "force-dynamic";

/** GET /verify/roots.pem: the consortium's root CA certificates, the trust anchors for proofs. */
export async function GET(): Promise<Response> {
  let pem: string | null;
  try {
    pem = (await publicGql(LedgerRootsDocument)).ledgerRoots;
  } catch {
    return new Response("The verification service could not be reached. Try again in a moment.\n", { status: 502, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  if (!pem)
    return new Response("This Corridor server has no ledger connected, so it has no root certificates.\n", {
      status: 503,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return new Response(pem.endsWith("\n") ? pem : `${pem}\n`, {
    status: 200,
    headers: {
      "content-type": "application/x-pem-file",
      "content-disposition": 'attachment; filename="roots.pem"',
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
    },
  });
}
