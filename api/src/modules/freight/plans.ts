import type { ServiceContext } from "../../context.js";
import { ConflictError, mapPrismaError, NotFoundError, RuleViolationError, ValidationError } from "../../errors.js";
import type { Departure, Prisma } from "../../generated/prisma/client.js";
import { say } from "../../messages.js";
import { writeAudit } from "../identity/audit.js";
import { loadLegs } from "../network/reference.js";
import { writerOrgOf } from "./access.js";
import { assertTransition } from "./booking-state.js";
import {
  type ConsolidationInput,
  type ConsolidationPlan,
  checkPlan,
  DEFAULT_LITHIUM_RULES,
  type CargoLine as EngineLine,
  type MoveRefusalReason,
  moveBookingToContainer,
  planConsolidation,
} from "./consolidation/index.js";
import { crateSpecOf, engineContainerType } from "./engine-data.js";

type BookingWithLines = Prisma.BookingGetPayload<{ include: { lines: { include: { vehicleModel: true } } } }>;

/** A booking's cargo lines as the engine sees them: crates with their specs, bound for its stop. */
function engineLines(bookings: readonly BookingWithLines[], stopOrder: ReadonlyMap<string, number>, lastStop: number): EngineLine[] {
  return bookings.flatMap((b) =>
    b.lines.map((l) => ({
      id: l.id,
      bookingId: b.id,
      destination: { stopCode: b.destinationCode, unloadOrder: stopOrder.get(b.destinationCode) ?? lastStop },
      quantity: l.crates,
      crate: crateSpecOf(l.vehicleModel),
    })),
  );
}

/**
 * The engine's view of the departure's LCL cargo: pure data built from the database. By default
 * the bookings that hold space now; `bookingIds` asks for exactly those bookings instead (the
 * ones a saved plan holds), whatever their status.
 */
async function engineInput(ctx: ServiceContext, departure: Departure, bookingIds?: readonly string[]): Promise<ConsolidationInput> {
  const departureId = departure.id;
  const [legs, types, bookings] = await Promise.all([
    loadLegs(ctx.db, departure.corridorCode),
    ctx.db.containerType.findMany({ orderBy: { code: "asc" } }),
    ctx.db.booking.findMany({
      where: bookingIds ? { departureId, id: { in: [...bookingIds] } } : { departureId, status: { in: ["CONFIRMED", "PLANNED"] } },
      include: { lines: { include: { vehicleModel: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const stopOrder = new Map(legs.map((l) => [l.toCode, l.seq]));
  const containerTypes = types.map(engineContainerType);
  const lcl = bookings.filter((b) => b.mode === "LCL");
  const fclFeu = bookings.filter((b) => b.mode === "FCL").reduce((s, b) => s + b.fcl40Count + b.fcl20Count / 2, 0);
  return {
    containerTypes,
    train: { maxTeu: Math.max(0, Math.floor((departure.capacityFeu - fclFeu) * 2)), maxGrossKg: departure.maxGrossKg },
    lines: engineLines(lcl, stopOrder, legs.length),
    lithiumRules: DEFAULT_LITHIUM_RULES,
  };
}

/**
 * The crate specs of the lines a saved plan holds, by line ID: for figures measured per container.
 * `bookingIds` narrows it to those bookings' lines (one container's, say); all of the plan's by default.
 */
export async function planLines(ctx: ServiceContext, plan: { departureId: string; result: unknown }, bookingIds?: readonly string[]): Promise<Map<string, EngineLine>> {
  const departure = await ctx.db.departure.findUnique({ where: { id: plan.departureId } });
  if (!departure) return new Map();
  const result = plan.result as ConsolidationPlan;
  const ids = bookingIds ?? [...new Set([...result.containers.flatMap((c) => c.bookingIds), ...result.unplaced.map((u) => u.bookingId)])];
  const { lines } = await engineInput(ctx, departure, ids);
  return new Map(lines.map((l) => [l.id, l]));
}

/** Plans the departure's LCL cargo into containers and saves it as the new draft plan. */
export async function runConsolidation(ctx: ServiceContext, departureId: string) {
  const operatorOrgId = writerOrgOf(ctx, "LOGISTICS_OPERATOR", "plan trains");
  const owned = await ctx.db.departure.findFirst({ where: { id: departureId, operatorOrgId } });
  if (!owned) throw new NotFoundError("Departure");
  if (owned.status !== "OPEN" && owned.status !== "CLOSED") throw new ConflictError(`A ${owned.status.toLowerCase()} train can no longer be planned.`);
  if (await ctx.db.consolidationPlan.findFirst({ where: { departureId, status: "LOCKED" } })) throw new ConflictError("The plan is locked; this train's load is final.");
  const plan = planConsolidation(await engineInput(ctx, owned));
  const result = await ctx.db.$transaction(async (tx) => {
    const last = await tx.consolidationPlan.findFirst({ where: { departureId }, orderBy: { version: "desc" } });
    await tx.consolidationPlan.updateMany({ where: { departureId, status: "DRAFT" }, data: { status: "SUPERSEDED" } });
    const saved = await tx.consolidationPlan.create({
      data: {
        departureId,
        version: (last?.version ?? 0) + 1,
        containersUsed: plan.summary.containersUsed,
        lowerBound: plan.summary.lowerBound,
        result: plan as unknown as Prisma.InputJsonValue,
        createdById: ctx.actor?.userId ?? null,
      },
    });
    await writeAudit(tx, ctx, {
      action: "plan.run",
      targetType: "ConsolidationPlan",
      targetId: saved.id,
      orgId: operatorOrgId,
      after: { version: saved.version, containersUsed: plan.summary.containersUsed, lowerBound: plan.summary.lowerBound, unplaced: plan.unplaced.length },
    });
    return saved;
  });
  ctx.events?.publish("shipment", { departureId });
  return result;
}

/** Locks the plan at cut-off: the train closes and its bookings become planned. */
export async function lockPlan(ctx: ServiceContext, planId: string, now = new Date()) {
  const operatorOrgId = writerOrgOf(ctx, "LOGISTICS_OPERATOR", "plan trains");
  const plan = await ctx.db.consolidationPlan.findFirst({ where: { id: planId, departure: { operatorOrgId } }, include: { departure: true } });
  if (!plan) throw new NotFoundError("Plan");
  if (plan.status !== "DRAFT") throw new ConflictError(`This plan is ${plan.status.toLowerCase()}; run consolidation again to get a draft.`);
  const result = plan.result as unknown as ConsolidationPlan;
  if (result.unplaced.length)
    throw new ConflictError(`${result.unplaced.reduce((s, u) => s + u.quantity, 0)} crates are not placed; roll or cancel those bookings before locking.`);
  const planned = new Set(result.containers.flatMap((c) => c.bookingIds));
  return ctx.db.$transaction(async (tx) => {
    // A booking confirmed after the plan was run is not in it: the plan is stale.
    const confirmed = await tx.booking.findMany({ where: { departureId: plan.departureId, status: "CONFIRMED" }, select: { id: true, mode: true, status: true, reference: true } });
    const missing = confirmed.filter((b) => b.mode === "LCL" && !planned.has(b.id));
    if (missing.length) throw new ConflictError(`Booking(s) ${missing.map((b) => b.reference).join(", ")} came after this plan; run consolidation again before locking.`);
    for (const b of confirmed) assertTransition(b.status, "PLANNED");
    await tx.booking.updateMany({ where: { id: { in: confirmed.map((b) => b.id) } }, data: { status: "PLANNED" } });
    await tx.departure.update({ where: { id: plan.departureId }, data: { status: "CLOSED" } });
    const locked = await tx.consolidationPlan.update({ where: { id: plan.id }, data: { status: "LOCKED", lockedAt: now } });
    await writeAudit(tx, ctx, {
      action: "plan.lock",
      targetType: "ConsolidationPlan",
      targetId: plan.id,
      orgId: operatorOrgId,
      before: { status: "DRAFT" },
      after: { status: "LOCKED" },
    });
    ctx.events?.publish("shipment", { departureId: plan.departureId });
    return locked;
  });
}

export interface MoveBookingInput {
  planId: string;
  bookingId: string;
  /** 0-based index of the container in the plan. */
  toContainer: number;
}

/**
 * Moves an LCL booking's crates into another container of a draft plan by hand, with the engine's
 * placement, and saves the result as the plan's next version. The plan given must still be the
 * current draft (optimistic concurrency: a plan changed meanwhile, by a run or another move, is
 * refused); a locked plan is final. A move the container cannot take is refused with the reason.
 */
/** Why a move is refused, in Chinese; the engine's figures follow in brackets. */
const MOVE_REFUSALS_ZH: Record<MoveRefusalReason, string> = {
  UNKNOWN_CONTAINER: "方案中没有该箱",
  NOT_IN_PLAN: "该订舱不在方案中",
  ALREADY_THERE: "该订舱已在此箱",
  EXCEEDS_DOOR: "包装箱过不了该箱箱门",
  EXCEEDS_PAYLOAD: "超过该箱载重",
  SEGREGATION: "锂电池隔离规则不允许同箱",
  LITHIUM_ENERGY_LIMIT: "超过该箱锂电池能量上限",
  TOO_MANY_STOPS: "该箱卸货站点过多",
  DOES_NOT_FIT: "箱内空间不足",
  PLAN_CHECK: "移动后的方案未通过校验",
};

export async function moveBookingInPlan(ctx: ServiceContext, input: MoveBookingInput) {
  const operatorOrgId = writerOrgOf(ctx, "LOGISTICS_OPERATOR", "plan trains");
  const plan = await ctx.db.consolidationPlan.findFirst({ where: { id: input.planId, departure: { operatorOrgId } }, include: { departure: true } });
  if (!plan) throw new NotFoundError("Plan");
  if (plan.status === "LOCKED") throw new ConflictError("The plan is locked; this train's load is final.");
  if (plan.status !== "DRAFT") throw new ConflictError("This plan has changed since you opened it; reload to see the current version.");
  const departure = plan.departure;
  if (departure.status !== "OPEN" && departure.status !== "CLOSED") throw new ConflictError(`A ${departure.status.toLowerCase()} train can no longer be planned.`);
  const booking = await ctx.db.booking.findFirst({
    where: { id: input.bookingId, departureId: plan.departureId },
    select: { id: true, reference: true, mode: true, status: true },
  });
  if (!booking) throw new NotFoundError("Booking");
  if (booking.status !== "CONFIRMED" && booking.status !== "PLANNED")
    throw new ConflictError(`A ${booking.status.toLowerCase().replaceAll("_", " ")} booking is not loaded on this train.`);
  if (booking.mode !== "LCL")
    throw new ValidationError(say(ctx, "Only LCL bookings share containers; an FCL booking has its own.", "只有拼箱订舱共用集装箱；整箱订舱独占集装箱。"), [
      { path: ["bookingId"], message: "not an LCL booking" },
    ]);

  const current = plan.result as unknown as ConsolidationPlan;
  if (!Number.isInteger(input.toContainer) || input.toContainer < 0 || input.toContainer >= current.containers.length) {
    throw new ValidationError(say(ctx, `The plan has containers 1 to ${current.containers.length}.`, `方案中的集装箱编号为 1 到 ${current.containers.length}。`), [
      { path: ["toContainer"], message: "no such container" },
    ]);
  }
  const inPlan = new Set([...current.containers.flatMap((c) => c.bookingIds), ...current.unplaced.map((u) => u.bookingId)]);
  const input0 = await engineInput(ctx, departure, [...inPlan]);
  // Train limits bind when the plan is run; a move adds neither containers nor weight.
  const engine: ConsolidationInput = { ...input0, train: {} };
  if (checkPlan(current, engine).length > 0) throw new ConflictError("The bookings changed since this plan was made; run consolidation again.");
  const moved = moveBookingToContainer(current, engine, { bookingId: booking.id, toContainer: input.toContainer });
  if (!moved.ok) {
    const { reason, detail } = moved.refusal;
    throw new RuleViolationError(
      `MOVE_${reason}`,
      say(
        ctx,
        `${booking.reference} cannot move to container ${input.toContainer + 1}: ${detail}.`,
        `${booking.reference} 无法移入第 ${input.toContainer + 1} 箱：${MOVE_REFUSALS_ZH[reason]}（${detail}）。`,
      ),
    );
  }
  const next = moved.plan;

  const saved = await ctx.db
    .$transaction(async (tx) => {
      // Compare-and-set: only the draft this move was computed from may be superseded.
      const { count } = await tx.consolidationPlan.updateMany({ where: { id: plan.id, status: "DRAFT" }, data: { status: "SUPERSEDED" } });
      if (count !== 1) throw new ConflictError("This plan has changed since you opened it; reload to see the current version.");
      const created = await tx.consolidationPlan.create({
        data: {
          departureId: plan.departureId,
          version: plan.version + 1,
          containersUsed: next.summary.containersUsed,
          lowerBound: next.summary.lowerBound,
          result: next as unknown as Prisma.InputJsonValue,
          createdById: ctx.actor?.userId ?? null,
        },
      });
      await writeAudit(tx, ctx, {
        action: "plan.moveBooking",
        targetType: "ConsolidationPlan",
        targetId: created.id,
        orgId: operatorOrgId,
        before: { planId: plan.id, version: plan.version, booking: booking.reference, containers: moved.from.map((i) => i + 1), containersUsed: current.summary.containersUsed },
        after: {
          version: created.version,
          booking: booking.reference,
          container: moved.toContainer + 1,
          crates: moved.moved,
          restowed: moved.restowed,
          containersUsed: next.summary.containersUsed,
        },
      });
      return created;
    })
    .catch((err) => mapPrismaError(err, { conflict: "This plan has changed since you opened it; reload to see the current version." }));
  ctx.events?.publish("shipment", { departureId: plan.departureId });
  return saved;
}
