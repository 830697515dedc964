// The figures on each organization's dashboard: counts the platform knows, for the caller's own
// organization. Read-only queries across contexts (freight, vehicles, certifications, identity,
// the ledger outbox); a card whose feature is not built has no figure and keeps its empty state.

import type { Actor, ServiceContext } from "../../context.js";
import { actorOf } from "../identity/guards.js";

export interface Figure {
  /** the dashboard card it belongs to */
  key: string;
  value: number;
  /** a second number the card states with it (anchored vehicles, free FEU, trains counted) */
  secondary: number | null;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const OPEN_BOOKING = ["CONFIRMED", "PLANNED", "WAITLISTED", "ROLL_OFFERED"] as const;
const INBOUND = ["CONFIRMED", "PLANNED", "IN_TRANSIT"] as const;

const fig = (key: string, value: number, secondary: number | null = null): Figure => ({ key, value, secondary });

async function maker(ctx: ServiceContext, orgId: string, now: Date): Promise<Figure[]> {
  const today = new Date(now.toISOString().slice(0, 10));
  const [open, inTransit, vehicles, anchored, expiring] = await Promise.all([
    ctx.db.booking.count({ where: { makerOrgId: orgId, status: { in: [...OPEN_BOOKING] } } }),
    ctx.db.booking.count({ where: { makerOrgId: orgId, status: "IN_TRANSIT" } }),
    ctx.db.vehicle.count({ where: { makerOrgId: orgId } }),
    ctx.db.vehicle.count({ where: { makerOrgId: orgId, batch: { status: "ANCHORED" } } }),
    ctx.db.certification.count({ where: { makerOrgId: orgId, status: "ACTIVE", validTo: { gte: today, lte: new Date(today.getTime() + 90 * DAY) } } }),
  ]);
  return [fig("bookings", open), fig("inTransit", inTransit), fig("vehicles", vehicles, anchored), fig("expiring", expiring)];
}

async function operator(ctx: ServiceContext, orgId: string, now: Date): Promise<Figure[]> {
  // the next 14 days' trains, once: this week's are among them
  const coming = await ctx.db.departure.findMany({
    where: { operatorOrgId: orgId, status: { not: "CANCELLED" }, departsAt: { gte: now, lt: new Date(now.getTime() + 14 * DAY) } },
    select: { status: true, departsAt: true, capacityFeu: true, bookedMilliFeu: true },
  });
  const week = coming.filter((d) => d.departsAt.getTime() < now.getTime() + 7 * DAY);
  const fortnight = coming.filter((d) => d.status === "OPEN" || d.status === "CLOSED");
  const [toConsolidate, notDeparted, notArrived] = await Promise.all([
    ctx.db.booking.count({
      where: { mode: "LCL", status: "CONFIRMED", departure: { operatorOrgId: orgId, status: { in: ["OPEN", "CLOSED"] }, plans: { none: { status: "LOCKED" } } } },
    }),
    // should have left two hours ago, but no departure is recorded
    ctx.db.departure.count({ where: { operatorOrgId: orgId, status: { in: ["OPEN", "CLOSED"] }, departsAt: { lt: new Date(now.getTime() - 2 * HOUR) } } }),
    // due, but no arrival is recorded
    ctx.db.departure.count({ where: { operatorOrgId: orgId, status: "DEPARTED", etaAt: { lt: now } } }),
  ]);
  const free = week.reduce((s, d) => s + Math.max(0, d.capacityFeu * 1000 - d.bookedMilliFeu), 0) / 1000;
  const capacity = fortnight.reduce((s, d) => s + d.capacityFeu * 1000, 0);
  const booked = fortnight.reduce((s, d) => s + d.bookedMilliFeu, 0);
  const utilisation = capacity ? Math.round((booked / capacity) * 1000) / 10 : 0;
  return [
    fig("departures", week.length, Math.round(free * 10) / 10),
    fig("toConsolidate", toConsolidate),
    fig("utilisation", utilisation, fortnight.length),
    fig("milestones", notDeparted + notArrived),
  ];
}

async function dealer(ctx: ServiceContext, orgId: string, now: Date): Promise<Figure[]> {
  const [inbound, arriving] = await Promise.all([
    ctx.db.booking.count({ where: { consigneeOrgId: orgId, status: { in: [...INBOUND] } } }),
    ctx.db.booking.count({ where: { consigneeOrgId: orgId, status: { in: [...INBOUND] }, departure: { etaAt: { gte: now, lt: new Date(now.getTime() + 7 * DAY) } } } }),
  ]);
  return [fig("inbound", inbound), fig("arriving", arriving)];
}

async function certificationBody(ctx: ServiceContext, orgId: string): Promise<Figure[]> {
  const [pending, issued, revoked] = await Promise.all(
    (["PENDING", "ACTIVE", "REVOKED"] as const).map((status) => ctx.db.certification.count({ where: { issuerOrgId: orgId, status } })),
  );
  return [fig("pending", pending ?? 0), fig("issued", issued ?? 0), fig("revoked", revoked ?? 0)];
}

async function platform(ctx: ServiceContext, now: Date): Promise<Figure[]> {
  const [organizations, users, outbox] = await Promise.all([
    ctx.db.organization.count(),
    ctx.db.session.findMany({ where: { lastSeenAt: { gte: new Date(now.getTime() - 30 * DAY) } }, distinct: ["userId"], select: { userId: true } }),
    ctx.db.outboxMessage.count({ where: { doneAt: null } }),
  ]);
  return [fig("organizations", organizations), fig("users", users.length), fig("ledger", outbox)];
}

/** The caller's organization's figures, by card. */
export function dashboardFigures(ctx: ServiceContext, now = new Date()): Promise<Figure[]> {
  const actor: Actor = actorOf(ctx);
  const orgId = actor.org.id;
  switch (actor.org.kind) {
    case "MANUFACTURER":
      return maker(ctx, orgId, now);
    case "LOGISTICS_OPERATOR":
      return operator(ctx, orgId, now);
    case "DEALER":
      return dealer(ctx, orgId, now);
    case "CERTIFICATION_BODY":
      return certificationBody(ctx, orgId);
    case "PLATFORM":
      return actor.isPlatformAdmin ? platform(ctx, now) : Promise.resolve([]);
    default:
      return Promise.resolve([]);
  }
}
