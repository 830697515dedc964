import type { ContainerLoadPlanData, ContainerType, DocumentMeta } from "@corridor/documents";
import { RuleViolationError, ValidationError } from "../../errors.js";
import type { ConsolidationPlan } from "../freight/consolidation/index.js";
import { type BookingForDocuments, type DocumentDetails, partyOf } from "./data.js";

const OWN = "#0f766e";
const OTHER = "#cbd5e1";

/**
 * The load plan of the container holding this booking's cargo, from the train's current plan.
 * The maker sees its own crates by model; other makers' crates are grey "other cargo" only.
 */
export function loadPlanData(b: BookingForDocuments, plan: ConsolidationPlan | null, meta: DocumentMeta, d: DocumentDetails): ContainerLoadPlanData {
  const container = plan?.containers.find((c) => c.bookingIds.includes(b.id));
  if (!plan || !container)
    throw new RuleViolationError("NOT_PLANNED", `Booking ${b.reference} is not in a consolidation plan yet: the operator plans the containers before the cut-off.`);
  const box = d.containers?.[0];
  if (!box) throw new ValidationError("Give the number of the container the plan is for.", [{ path: ["containers"], message: "required" }]);
  const modelOf = new Map(b.lines.map((l) => [l.id, l.vehicleModel]));
  const own = container.placements.filter((p) => p.bookingId === b.id);
  const label = (p: (typeof own)[number]) => (p.bookingId === b.id ? (modelOf.get(p.lineId)?.code ?? b.reference).slice(0, 40) : "other cargo");
  const color = (p: (typeof own)[number]) => (p.bookingId === b.id ? OWN : OTHER);
  const byLine = new Map<string, typeof own>();
  for (const p of own) byLine.set(p.lineId, [...(byLine.get(p.lineId) ?? []), p]);
  return {
    meta,
    shipper: partyOf(b.maker),
    container: {
      containerNumber: box.containerNumber,
      type: (box.type || container.type.code) as ContainerType,
      ...(box.sealNumber ? { sealNumber: box.sealNumber } : {}),
      maxPayloadKg: container.type.payloadKg,
      insideMm: { length: container.type.inner.length, width: container.type.inner.width, height: container.type.inner.height },
    },
    loading: { place: b.departure.corridor.legs[0]?.from.name ?? "Chongqing", at: b.departure.cutoffAt.toISOString() },
    bookingReference: b.reference,
    cargo: [...byLine.entries()].map(([lineId, ps]) => {
      const m = modelOf.get(lineId);
      const first = ps[0];
      return {
        marks: `${b.reference}/${m?.code ?? lineId}`.slice(0, 60),
        description: `${m?.nameZh ?? ""} ${m?.name ?? ""}`.trim().slice(0, 120) || "cargo",
        packages: ps.length,
        dimensionsMm: { length: first?.dims.length ?? 0, width: first?.dims.width ?? 0, height: first?.dims.height ?? 0 },
        grossKg: Math.round(ps.reduce((s, p) => s + p.grossKg, 0)),
        position: `x ${Math.round(Math.min(...ps.map((p) => p.x)) / 10) / 100}–${Math.round(Math.max(...ps.map((p) => p.x + p.dims.length)) / 10) / 100} m, tiers ${Math.min(...ps.map((p) => p.tier))}–${Math.max(...ps.map((p) => p.tier))}`,
      };
    }),
    picture: {
      topView: container.placements.map((p) => [p.x, p.y, p.dims.length, p.dims.width, color(p), label(p)] as [number, number, number, number, string, string]),
      sideView: container.placements.map((p) => [p.x, p.z, p.dims.length, p.dims.height, color(p), label(p)] as [number, number, number, number, string, string]),
    },
    legend: [{ color: OWN, label: `${b.reference}` }, ...(container.placements.some((p) => p.bookingId !== b.id) ? [{ color: OTHER, label: "其他货物 Other cargo" }] : [])],
    remarks: `Container ${container.index + 1} of ${plan.containers.length} on this train; ${own.length} of its ${container.placements.length} crates are this booking's.`,
  };
}
