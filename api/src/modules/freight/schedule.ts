import type { ServiceContext } from "../../context.js";
import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from "../../errors.js";
import { say } from "../../messages.js";
import { writeAudit } from "../identity/audit.js";
import { loadLegs, loadRules, trainLimitFeu } from "../network/reference.js";
import { writerOrgOf } from "./access.js";
import { scheduledEta } from "./route.js";
import { localToUtc, nextWeekdays } from "./time.js";

export interface TariffInput {
  currencyCode: string;
  lclPerWmMinor: number;
  wmKgPerCbm: number;
  fcl40Minor: number;
  fcl20Minor: number;
}

export interface ScheduleDepartureInput extends TariffInput {
  corridorCode: string;
  departsAt: Date;
  capacityFeu?: number | null;
  maxGrossKg?: number | null;
  cutoffAt?: Date | null;
}

const HOUR = 3_600_000;

async function departureCode(ctx: ServiceContext, corridorCode: string, departsAt: Date): Promise<string> {
  const day = departsAt.toISOString().slice(0, 10).replaceAll("-", "");
  const same = await ctx.db.departure.count({ where: { corridorCode, code: { startsWith: `${corridorCode}-${day}` } } });
  return `${corridorCode}-${day}${same ? `-${same + 1}` : ""}`;
}

/** Schedules one departure. Capacity and cut-off default to the corridor's rules. */
export async function scheduleDeparture(ctx: ServiceContext, input: ScheduleDepartureInput, now = new Date(), serviceId: string | null = null) {
  const operatorOrgId = writerOrgOf(ctx, "LOGISTICS_OPERATOR", "schedule trains");
  const [legs, rules] = await Promise.all([loadLegs(ctx.db, input.corridorCode), loadRules(ctx.db, input.corridorCode)]);
  if (input.departsAt <= now)
    throw new ValidationError(say(ctx, "A departure must be in the future.", "发车时间须晚于现在。"), [{ path: ["departsAt"], message: "must be in the future" }]);
  const limitFeu = trainLimitFeu(rules.maxFeuPerTrain, legs);
  const capacityFeu = input.capacityFeu ?? limitFeu;
  if (capacityFeu > limitFeu)
    throw new RuleViolationError("TRAIN_TOO_LONG", say(ctx, `This corridor allows at most ${limitFeu} FEU per train.`, `本通道每列班列最多 ${limitFeu} FEU。`));
  const maxGrossKg = Math.min(input.maxGrossKg ?? rules.maxGrossKgPerTrain, rules.maxGrossKgPerTrain);
  const cutoffAt = input.cutoffAt ?? new Date(input.departsAt.getTime() - rules.cutoffLeadHours * HOUR);
  if (cutoffAt >= input.departsAt)
    throw new ValidationError(say(ctx, "The cut-off must come before the departure.", "截止时间须早于发车时间。"), [{ path: ["cutoffAt"], message: "must be before departsAt" }]);
  const code = await departureCode(ctx, input.corridorCode, input.departsAt);
  return ctx.db.$transaction(async (tx) => {
    const d = await tx.departure.create({
      data: {
        code,
        operatorOrgId,
        corridorCode: input.corridorCode,
        serviceId,
        departsAt: input.departsAt,
        cutoffAt,
        etaAt: scheduledEta(input.departsAt, legs),
        capacityFeu,
        maxGrossKg,
        currencyCode: input.currencyCode,
        lclPerWmMinor: input.lclPerWmMinor,
        wmKgPerCbm: input.wmKgPerCbm,
        fcl40Minor: input.fcl40Minor,
        fcl20Minor: input.fcl20Minor,
      },
    });
    await writeAudit(tx, ctx, { action: "departure.schedule", targetType: "Departure", targetId: d.id, orgId: operatorOrgId, after: d });
    return d;
  });
}

export interface TrainServiceInput extends TariffInput {
  corridorCode: string;
  name: string;
  weekday: number;
  departureTime: string;
  capacityFeu: number;
  maxGrossKg: number;
}

/** A weekly service, with its departures for the coming weeks scheduled at once. */
export async function createTrainService(ctx: ServiceContext, input: TrainServiceInput, weeksAhead = 6, now = new Date()) {
  const operatorOrgId = writerOrgOf(ctx, "LOGISTICS_OPERATOR", "run train services");
  const corridor = await ctx.db.corridor.findUnique({ where: { code: input.corridorCode }, include: { legs: { orderBy: { seq: "asc" }, take: 1, include: { from: true } } } });
  if (!corridor) throw new NotFoundError("Corridor", input.corridorCode);
  // refused before the service is saved, so no service is left without its departures
  const [legs, rules] = await Promise.all([loadLegs(ctx.db, input.corridorCode), loadRules(ctx.db, input.corridorCode)]);
  const limitFeu = trainLimitFeu(rules.maxFeuPerTrain, legs);
  if (input.capacityFeu > limitFeu)
    throw new RuleViolationError("TRAIN_TOO_LONG", say(ctx, `This corridor allows at most ${limitFeu} FEU per train.`, `本通道每列班列最多 ${limitFeu} FEU。`));
  const service = await ctx.db.$transaction(async (tx) => {
    const s = await tx.trainService.create({ data: { ...input, operatorOrgId } });
    await writeAudit(tx, ctx, { action: "trainService.create", targetType: "TrainService", targetId: s.id, orgId: operatorOrgId, after: s });
    return s;
  });
  const tz = corridor.legs[0]?.from.timezone ?? "Asia/Shanghai";
  const departures = [];
  for (const day of nextWeekdays(now, input.weekday, weeksAhead + 1, tz)) {
    const departsAt = localToUtc(day.year, day.month, day.day, input.departureTime, tz);
    if (departsAt.getTime() <= now.getTime() + HOUR) continue;
    if (departures.length >= weeksAhead) break;
    departures.push(await scheduleDeparture(ctx, { ...input, departsAt }, now, service.id));
  }
  return { service, departures };
}

/** Cancels a train nobody is booked on any more; the reason goes into the audit log. */
export async function cancelDeparture(ctx: ServiceContext, departureId: string, reason: string | null = null) {
  const operatorOrgId = writerOrgOf(ctx, "LOGISTICS_OPERATOR", "cancel trains");
  const d = await ctx.db.departure.findFirst({ where: { id: departureId, operatorOrgId } });
  if (!d) throw new NotFoundError("Departure");
  if (d.status !== "OPEN" && d.status !== "CLOSED") throw new ConflictError(`A ${d.status.toLowerCase()} train cannot be cancelled.`);
  const open = await ctx.db.booking.count({ where: { departureId, status: { in: ["CONFIRMED", "PLANNED", "WAITLISTED", "ROLL_OFFERED"] } } });
  if (open) throw new ConflictError(`${open} booking(s) are still on this train; offer them a roll to another departure first.`);
  return ctx.db.$transaction(async (tx) => {
    const updated = await tx.departure.update({ where: { id: d.id }, data: { status: "CANCELLED" } });
    await writeAudit(tx, ctx, { action: "departure.cancel", targetType: "Departure", targetId: d.id, orgId: operatorOrgId, before: d, after: { ...updated, reason } });
    return updated;
  });
}
