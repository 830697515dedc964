import type { ServiceContext } from "../../context.js";
import { NotFoundError, ValidationError } from "../../errors.js";
import type { BookingStatus, DepartureStatus, MilestoneType } from "../../generated/prisma/enums.js";
import { say } from "../../messages.js";
import { writeAudit } from "../identity/audit.js";
import { actorOf } from "../identity/guards.js";
import { loadLegs } from "../network/reference.js";
import { writerOrgOf } from "./access.js";
import { estimateEta } from "./route.js";

export interface MilestoneInput {
  departureId: string;
  type: MilestoneType;
  containerRef?: string | null;
  stationCode?: string | null;
  occurredAt: Date;
  note?: string | null;
}

/** What a train-level milestone does to the departure and the bookings on it. */
const effects: Partial<Record<MilestoneType, { departure: DepartureStatus; from: BookingStatus[]; to: BookingStatus }>> = {
  DEPARTED: { departure: "DEPARTED", from: ["CONFIRMED", "PLANNED"], to: "IN_TRANSIT" },
  ARRIVED: { departure: "ARRIVED", from: ["IN_TRANSIT"], to: "ARRIVED" },
};

/** Records where a train (or one container) is, moves bookings along, and re-estimates the ETA. */
export async function recordMilestone(ctx: ServiceContext, input: MilestoneInput, now = new Date()) {
  const operatorOrgId = writerOrgOf(ctx, "LOGISTICS_OPERATOR", "record milestones");
  const departure = await ctx.db.departure.findFirst({ where: { id: input.departureId, operatorOrgId } });
  if (!departure) throw new NotFoundError("Departure");
  if (input.occurredAt.getTime() > now.getTime() + 5 * 60_000)
    throw new ValidationError(say(ctx, "A milestone cannot be in the future.", "节点时间不能晚于现在。"), [{ path: ["occurredAt"], message: "in the future" }]);
  const legs = await loadLegs(ctx.db, departure.corridorCode);
  if (input.stationCode && !legs.some((l) => l.toCode === input.stationCode || l.fromCode === input.stationCode)) {
    throw new ValidationError(say(ctx, `${input.stationCode} is not on ${departure.corridorCode}.`, `${input.stationCode} 不在 ${departure.corridorCode} 通道上。`), [
      { path: ["stationCode"], message: "not on the corridor" },
    ]);
  }
  const containerRef = input.containerRef?.trim().toUpperCase() || null;
  if (containerRef) await assertContainer(ctx, departure.id, containerRef);
  const effect = containerRef ? undefined : effects[input.type];
  const result = await ctx.db.$transaction(async (tx) => {
    const milestone = await tx.milestone.create({ data: { ...input, containerRef, recordedById: actorOf(ctx).userId } });
    // One container's milestone says where that box is, not where the train is: the ETA stays.
    const etaAt = containerRef
      ? departure.etaAt
      : input.type === "ARRIVED"
        ? input.occurredAt
        : estimateEta(departure.departsAt, legs, { stationCode: input.stationCode ?? null, occurredAt: input.occurredAt, type: input.type });
    const updated = await tx.departure.update({ where: { id: departure.id }, data: { etaAt, ...(effect ? { status: effect.departure } : {}) } });
    if (effect) await tx.booking.updateMany({ where: { departureId: departure.id, status: { in: effect.from } }, data: { status: effect.to } });
    if (input.type === "DELIVERED" && !input.containerRef) await tx.booking.updateMany({ where: { departureId: departure.id, status: "ARRIVED" }, data: { status: "DELIVERED" } });
    await writeAudit(tx, ctx, {
      action: "milestone.record",
      targetType: "Departure",
      targetId: departure.id,
      orgId: operatorOrgId,
      before: { status: departure.status, etaAt: departure.etaAt },
      after: { milestone, status: updated.status, etaAt: updated.etaAt },
    });
    return { milestone, departure: updated };
  });
  ctx.events?.publish("shipment", { departureId: departure.id });
  return result;
}

/**
 * A container a milestone may name: a container number of the locked plan (1, 2, …; they no
 * longer change once the plan is locked), or an ISO 6346 container number such as MSKU1234565.
 */
async function assertContainer(ctx: ServiceContext, departureId: string, ref: string): Promise<void> {
  if (/^[A-Z]{4}\d{7}$/.test(ref)) return;
  if (/^\d{1,4}$/.test(ref)) {
    const plan = await ctx.db.consolidationPlan.findFirst({ where: { departureId, status: "LOCKED" }, select: { containersUsed: true } });
    const n = Number(ref);
    if (plan && n >= 1 && n <= plan.containersUsed) return;
    throw new ValidationError(
      plan
        ? say(ctx, `The locked plan has containers 1 to ${plan.containersUsed}, not ${ref}.`, `已锁定方案的集装箱编号为 1 至 ${plan.containersUsed}，没有 ${ref}。`)
        : say(
            ctx,
            "Containers are numbered once the plan is locked; name the container number (e.g. MSKU1234565) instead.",
            "方案锁定后集装箱才有编号；请改填箱号（如 MSKU1234565）。",
          ),
      [{ path: ["containerRef"], message: "no such container" }],
    );
  }
  throw new ValidationError(
    say(ctx, `"${ref}" is neither a container of the plan nor a container number like MSKU1234565.`, `“${ref}”既不是方案中的集装箱，也不是形如 MSKU1234565 的箱号。`),
    [{ path: ["containerRef"], message: "not a container" }],
  );
}
