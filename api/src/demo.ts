import { randomUUID } from "node:crypto";
import { demoBookings, demoServices, demoTrainOnItsWay } from "@corridor/seeds";
import type { Config } from "./config.js";
import type { Actor, ServiceContext } from "./context.js";
import type { Db } from "./db/index.js";
import { createBooking } from "./modules/freight/bookings.js";
import { recordMilestone } from "./modules/freight/milestones.js";
import { lockPlan, runConsolidation } from "./modules/freight/plans.js";
import { createTrainService, scheduleDeparture } from "./modules/freight/schedule.js";
import { isPlatformAdmin } from "./modules/identity/authenticate.js";

/** Acts as an org's first administrator, through the same services a person would call. */
async function as(db: Db, config: Config, slug: string): Promise<ServiceContext> {
  const m = await db.membership.findFirstOrThrow({ where: { org: { slug }, roles: { isEmpty: false } }, include: { org: true, user: true }, orderBy: { createdAt: "asc" } });
  const actor: Actor = {
    kind: "user",
    userId: m.userId,
    sessionId: "demo",
    email: m.user.email,
    org: m.org,
    roles: m.roles,
    isPlatformAdmin: isPlatformAdmin(m.org.kind, m.roles),
  };
  return { db, config, actor, requestId: "demo-seed", ip: null, userAgent: "corridor demo" };
}

/**
 * The freight part of the demo, made through the business services (not raw inserts) so the
 * demo shows exactly what the rules produce: weekly services with departures, bookings, and one
 * train already on its way.
 */
export async function seedFreightDemo(db: Db, config: Config, now = new Date()) {
  const operator = await as(db, config, "minsheng-logistics");
  for (const s of demoServices) await createTrainService(operator, s, 6, now);
  for (const b of demoBookings) {
    const maker = await as(db, config, b.maker);
    const departure = await db.departure.findFirstOrThrow({ where: { corridorCode: b.corridorCode, status: "OPEN", cutoffAt: { gt: now } }, orderBy: { departsAt: "asc" } });
    const models = await db.vehicleModel.findMany({ where: { makerOrgId: maker.actor?.org.id } });
    const consignee = await db.organization.findUniqueOrThrow({ where: { slug: b.consignee } });
    await createBooking(
      maker,
      {
        departureId: departure.id,
        mode: b.mode,
        fcl40Count: "fcl40Count" in b ? b.fcl40Count : 0,
        consigneeOrgId: consignee.id,
        lines: b.lines.map((l) => ({ vehicleModelId: models.find((m) => m.code === l.model)?.id ?? "", quantity: l.quantity })),
        idempotencyKey: randomUUID(),
      },
      now,
    );
  }
  await seedTrainOnItsWay(db, config, now);
}

const HOUR = 3_600_000;

/**
 * One train already on its way, made the way it would have happened: scheduled, booked before its
 * cut-off, consolidated, locked after the cut-off, then its milestones recorded.
 */
async function seedTrainOnItsWay(db: Db, config: Config, now: Date) {
  const d = demoTrainOnItsWay;
  const operator = await as(db, config, "minsheng-logistics");
  const departsAt = new Date(now.getTime() - d.departedHoursAgo * HOUR);
  const departure = await scheduleDeparture(operator, { corridorCode: d.corridorCode, departsAt, ...d.tariff }, new Date(departsAt.getTime() - 10 * 24 * HOUR));
  const maker = await as(db, config, d.booking.maker);
  const models = await db.vehicleModel.findMany({ where: { makerOrgId: maker.actor?.org.id } });
  const consignee = await db.organization.findUniqueOrThrow({ where: { slug: d.booking.consignee } });
  await createBooking(
    maker,
    {
      departureId: departure.id,
      mode: d.booking.mode,
      consigneeOrgId: consignee.id,
      lines: d.booking.lines.map((l) => ({ vehicleModelId: models.find((m) => m.code === l.model)?.id ?? "", quantity: l.quantity })),
      idempotencyKey: randomUUID(),
    },
    new Date(departure.cutoffAt.getTime() - 3 * 24 * HOUR),
  );
  const plan = await runConsolidation(operator, departure.id);
  await lockPlan(operator, plan.id, new Date(departure.cutoffAt.getTime() + HOUR));
  for (const m of d.milestones) {
    await recordMilestone(operator, { departureId: departure.id, type: m.type, stationCode: m.stationCode, occurredAt: new Date(departsAt.getTime() + m.atHours * HOUR) }, now);
  }
}
