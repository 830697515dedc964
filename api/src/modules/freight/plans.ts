import type { ServiceContext } from "../../context.js";
import { ConflictError, NotFoundError } from "../../errors.js";
import type { Departure, Prisma } from "../../generated/prisma/client.js";
import { writeAudit } from "../identity/audit.js";
import { writerOrgOf } from "./access.js";
import { assertTransition } from "./booking-state.js";
import { type ConsolidationPlan, type ContainerType, DEFAULT_LITHIUM_RULES, type CargoLine as EngineLine, planConsolidation } from "./consolidation/index.js";
import { loadLegs } from "./network.js";

/** The engine's view of the departure's LCL cargo: pure data built from the database. */
async function engineInput(ctx: ServiceContext, departure: Departure) {
  const departureId = departure.id;
  const [legs, types, bookings] = await Promise.all([
    loadLegs(ctx.db, departure.corridorCode),
    ctx.db.containerType.findMany({ orderBy: { code: "asc" } }),
    ctx.db.booking.findMany({
      where: { departureId, status: { in: ["CONFIRMED", "PLANNED"] } },
      include: { lines: { include: { vehicleModel: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const stopOrder = new Map(legs.map((l) => [l.toCode, l.seq]));
  const containerTypes: ContainerType[] = types.map((t) => ({
    code: t.code,
    name: t.name,
    inner: { length: t.insideLengthMm, width: t.insideWidthMm, height: t.insideHeightMm },
    door: { width: t.doorWidthMm, height: t.doorHeightMm },
    payloadKg: t.payloadKg,
    tareKg: t.tareKg,
    teu: t.teu,
  }));
  const lcl = bookings.filter((b) => b.mode === "LCL");
  const fclFeu = bookings.filter((b) => b.mode === "FCL").reduce((s, b) => s + b.fcl40Count + b.fcl20Count / 2, 0);
  const lines: EngineLine[] = lcl.flatMap((b) =>
    b.lines.map((l) => {
      const m = l.vehicleModel;
      return {
        id: l.id,
        bookingId: b.id,
        destination: { stopCode: b.destinationCode, unloadOrder: stopOrder.get(b.destinationCode) ?? legs.length },
        quantity: l.crates,
        crate: {
          length: m.crateLengthMm,
          width: m.crateWidthMm,
          height: m.crateHeightMm,
          grossKg: m.crateGrossKg,
          stackLimit: { maxTiers: m.stackLimit },
          mayTurn: m.mayTurn,
          packaging: m.packaging,
          lithium:
            m.unNumber === "NONE"
              ? { un: "none" as const }
              : { un: m.unNumber, whPerCrate: (m.batteryWh ?? 0) * m.unitsPerCrate, stateOfCharge: (m.stateOfChargePct ?? 100) / 100 },
        },
      };
    }),
  );
  return {
    containerTypes,
    train: { maxTeu: Math.max(0, Math.floor((departure.capacityFeu - fclFeu) * 2)), maxGrossKg: departure.maxGrossKg },
    lines,
    lithiumRules: DEFAULT_LITHIUM_RULES,
  };
}

/** Plans the departure's LCL cargo into containers and saves it as the new draft plan. */
export async function runConsolidation(ctx: ServiceContext, departureId: string) {
  const operatorOrgId = writerOrgOf(ctx, "LOGISTICS_OPERATOR", "plan trains");
  const owned = await ctx.db.departure.findFirst({ where: { id: departureId, operatorOrgId } });
  if (!owned) throw new NotFoundError("Departure");
  if (owned.status !== "OPEN" && owned.status !== "CLOSED") throw new ConflictError(`A ${owned.status.toLowerCase()} train can no longer be planned.`);
  if (await ctx.db.consolidationPlan.findFirst({ where: { departureId, status: "LOCKED" } })) throw new ConflictError("The plan is locked; this train's load is final.");
  const plan = planConsolidation(await engineInput(ctx, owned));
  return ctx.db.$transaction(async (tx) => {
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
