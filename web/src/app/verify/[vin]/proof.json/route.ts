import { GqlError } from "@/lib/graphql/core";
import { isIdentifier, normalizeIdentifier } from "@/lib/verify/format";
import { VehicleProofDocument } from "@/lib/verify/operations";
import { publicGql } from "@/lib/verify/server";

export const dynamic = "force-dynamic";

const problem = (status: number, code: string, message: string) =>
  Response.json({ error: code, message }, { status, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } });

/**
 * GET /verify/<VIN>/proof.json: the vehicle's proof file from the public vehicleProof query, as a
 * download named corridor-proof-<VIN>.json, to check offline with corridor-verify.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ vin: string }> }): Promise<Response> {
  const vin = normalizeIdentifier((await params).vin);
  if (!isIdentifier(vin)) return problem(404, "NOT_FOUND", "No vehicle has this VIN or frame number.");
  let proof: unknown;
  try {
    proof = (await publicGql(VehicleProofDocument, { vin })).vehicleProof;
  } catch (error) {
    if (error instanceof GqlError && error.code === "NOT_FOUND") return problem(404, "NOT_FOUND", "No vehicle has this VIN or frame number.");
    if (error instanceof GqlError && error.code === "VALIDATION") return problem(503, "NO_LEDGER", error.message);
    return problem(502, "UNAVAILABLE", "The verification service could not be reached. Try again in a moment.");
  }
  if (proof == null) return problem(409, "NOT_ANCHORED", "This vehicle is not anchored on the ledger yet; its proof exists once it is.");
  return new Response(`${JSON.stringify(proof, null, 2)}\n`, {
    status: 200,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="corridor-proof-${vin}.json"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
