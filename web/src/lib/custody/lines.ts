// The per-line bookkeeping of a custody recording run: pure, so the page and its tests agree.
import type { CustodyType } from "@/gql/graphql";

export type LineStatus = "PENDING" | "RECORDING" | "RECORDED" | "FAILED" | "SKIPPED";

export interface CustodyLine {
  /** The VIN or frame number as typed (upper-cased), or the batch id. */
  key: string;
  kind: "VIN" | "BATCH";
  status: LineStatus;
  /** The error's code when it failed. */
  code?: string;
  message?: string;
}

/** Operators record every custody type, dealers only deliveries (as the API enforces). */
export const CUSTODY_TYPES: Record<"OPERATOR" | "DEALER", CustodyType[]> = {
  OPERATOR: ["SHIPPED", "BORDER_CROSSED", "DELIVERED"],
  DEALER: ["DELIVERED"],
};

/** Same rule as the API's ledger identifiers, so the form can say so before sending. */
export const DEPARTURE_REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

/** Errors that concern the whole form, not one line: stop the run and show them on the form. */
export function stopsTheRun(failure: { code: string; fieldErrors?: ReadonlyArray<{ path: readonly string[] }> }): boolean {
  if (failure.code === "FORBIDDEN" || failure.code === "UNAUTHENTICATED" || failure.code === "RATE_LIMITED") return true;
  if (failure.code !== "VALIDATION") return false;
  const fields = (failure.fieldErrors ?? []).flatMap((e) => e.path);
  return fields.some((f) => f === "departureRef" || f === "place" || f === "occurredAt" || f === "type");
}

export function summarize(lines: readonly CustodyLine[]): { done: number; recorded: number; failed: number; total: number } {
  const recorded = lines.filter((l) => l.status === "RECORDED").length;
  const failed = lines.filter((l) => l.status === "FAILED" || l.status === "SKIPPED").length;
  return { done: recorded + failed, recorded, failed, total: lines.length };
}
