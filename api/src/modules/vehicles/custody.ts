// Custody milestones of a vehicle or a batch: shipped, border crossed, delivered. Logistics
// operators record all three, dealers only DELIVERED (as the contract's CUSTODY_EVENT_ROLES).
// The service writes the event, its audit entry and an outbox message in one transaction; the
// worker records it on the ledger as the recording organization's identity.
import type { ServiceContext } from "../../context.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors.js";
import type { CustodyEvent, CustodyType } from "../../generated/prisma/client.js";
import { writeAudit } from "../identity/audit.js";
import { actorOf } from "../identity/guards.js";
import { ledgerText } from "./certifications.js";
import { normalizeVin } from "./verify.js";

export const OUTBOX_TOPIC_CUSTODY = "custody.record";
/** Clock skew tolerated for occurredAt. */
const FUTURE_SKEW_MS = 5 * 60_000;
const LEDGER_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

export interface RecordCustodyEventInput {
  vin?: string | null;
  /** The batch id as written on the ledger. */
  batchId?: string | null;
  type: CustodyType;
  departureRef: string;
  place: string;
  occurredAt: Date;
}

export async function recordCustodyEvent(ctx: ServiceContext, input: RecordCustodyEventInput): Promise<CustodyEvent> {
  const actor = actorOf(ctx);
  const kind = actor.org.kind;
  if (kind !== "LOGISTICS_OPERATOR" && kind !== "DEALER") throw new ForbiddenError("Only logistics operators and dealers can record custody events.");
  if (!actor.roles.some((r) => r === "ORG_ADMIN" || r === "MEMBER")) throw new ForbiddenError(`Your role in ${actor.org.name} only allows reading.`);
  if (kind === "DEALER" && input.type !== "DELIVERED") throw new ForbiddenError("Dealers can record deliveries only.");

  const hasVin = !!input.vin?.trim();
  const hasBatch = !!input.batchId?.trim();
  if (hasVin === hasBatch) throw new ValidationError("Give either a VIN or a batch.", [{ path: ["vin"], message: "give a VIN or a batch, not both" }]);
  let vehicleId: string | null = null;
  let batchId: string | null = null;
  if (hasVin) {
    const key = normalizeVin(input.vin ?? "");
    const v = await ctx.db.vehicle.findFirst({ where: { OR: [{ vin: key }, { frameNumber: key }] }, select: { id: true } });
    if (!v) throw new NotFoundError("Vehicle", key.slice(0, 40));
    vehicleId = v.id;
  } else {
    const id = (input.batchId ?? "").trim();
    const b = await ctx.db.vehicleBatch.findUnique({ where: { id }, select: { id: true } });
    if (!b) throw new NotFoundError("Batch", id.slice(0, 64));
    batchId = b.id;
  }
  const departureRef = (input.departureRef ?? "").trim();
  if (!LEDGER_ID.test(departureRef)) {
    throw new ValidationError("The departure reference is 1–128 letters, digits or . _ : / - starting with a letter or digit.", [
      { path: ["departureRef"], message: "not a reference" },
    ]);
  }
  const place = ledgerText(input.place, "place", 200);
  const occurredAt = input.occurredAt;
  if (Number.isNaN(occurredAt.getTime())) throw new ValidationError("occurredAt is not a date-time.", [{ path: ["occurredAt"], message: "invalid" }]);
  if (occurredAt.getTime() > Date.now() + FUTURE_SKEW_MS) throw new ValidationError("occurredAt must not be in the future.", [{ path: ["occurredAt"], message: "in the future" }]);
  if (occurredAt < new Date("1990-01-01T00:00:00Z")) throw new ValidationError("occurredAt is too far in the past.", [{ path: ["occurredAt"], message: "too early" }]);

  return ctx.db.$transaction(async (tx) => {
    const event = await tx.custodyEvent.create({ data: { orgId: actor.org.id, vehicleId, batchId, type: input.type, departureRef, place, occurredAt } });
    await writeAudit(tx, ctx, {
      action: "custodyEvent.record",
      targetType: "CustodyEvent",
      targetId: event.id,
      after: { vehicleId, batchId, type: input.type, departureRef, place, occurredAt: occurredAt.toISOString() },
    });
    await tx.outboxMessage.create({ data: { topic: OUTBOX_TOPIC_CUSTODY, key: `${OUTBOX_TOPIC_CUSTODY}:${event.id}`, payload: { custodyEventId: event.id } } });
    return event;
  });
}
