import { randomBytes } from "node:crypto";
import type { ServiceContext } from "../../context.js";
import { queryDirect, type Tx } from "../../db/index.js";
import { ConflictError, DomainError, NotFoundError, RuleViolationError, ValidationError } from "../../errors.js";
import type { Booking, Departure, VehicleModel } from "../../generated/prisma/client.js";
import type { BookingMode, BookingStatus, DepartureStatus, OrgKind } from "../../generated/prisma/enums.js";
import { say, utcMinute } from "../../messages.js";
import { writeAudit } from "../identity/audit.js";
import { actorOf } from "../identity/guards.js";
import { cachedContainerTypes, cachedLegs, cachedRules, loadRules } from "../network/reference.js";
import { writerOrgOf } from "./access.js";
import { assertTransition, holdsCapacity, TransitionError } from "./booking-state.js";
import { auditFacts, writeBooking } from "./booking-writes.js";
import { fclQuote, lclQuote, type Quote, type QuoteLine } from "./quote.js";
import { countriesOnRoute, lithiumRefusal } from "./route.js";

export interface CargoLineInput {
  vehicleModelId: string;
  quantity: number;
}

export interface BookingRequest {
  departureId: string;
  mode: BookingMode;
  lines: CargoLineInput[];
  fcl40Count?: number | null;
  fcl20Count?: number | null;
  destinationCode?: string | null;
  consigneeOrgId?: string | null;
}

/** More units than this on one line is a typing error, not a shipment. */
export const MAX_UNITS_PER_LINE = 20_000;

/** What a booking needs of a vehicle model: its crate and its dangerous-goods facts. */
type CrateSpec = Pick<VehicleModel, "id" | "code" | "unitsPerCrate" | "crateLengthMm" | "crateWidthMm" | "crateHeightMm" | "crateGrossKg" | "unNumber" | "stateOfChargePct">;

/** What a booking needs of a departure: status, cut-off, capacity and tariff. */
type DepartureFacts = Pick<
  Departure,
  | "id"
  | "code"
  | "corridorCode"
  | "departsAt"
  | "cutoffAt"
  | "status"
  | "capacityFeu"
  | "maxGrossKg"
  | "currencyCode"
  | "lclPerWmMinor"
  | "wmKgPerCbm"
  | "fcl40Minor"
  | "fcl20Minor"
  | "bookedMilliFeu"
  | "bookedGrossKg"
>;

interface PricedLine extends QuoteLine {
  model: CrateSpec;
}

/**
 * Everything a quote or a booking reads that is not cacheable reference data, in one round trip:
 * the departure, the maker's models on the lines, the consignee's kind, and the booking that an
 * idempotency key already made.
 */
interface BookingFacts {
  departure: DepartureFacts | null;
  models: CrateSpec[];
  consigneeKind: OrgKind | null;
  earlierId: string | null;
}

type FactsRow = Omit<DepartureFacts, "id" | "status"> & {
  id: string | null;
  status: DepartureStatus | null;
  models: CrateSpec[] | string;
  consigneeKind: OrgKind | null;
  earlierId: string | null;
};

/** $1 maker org, $2 model ids (JSON array), $3 consignee org, $4 idempotency key, $5 departure. */
const FACTS_SQL = {
  name: "corridor_booking_facts",
  text: `SELECT d.id, d.code, d."corridorCode", d."departsAt", d."cutoffAt", d.status::text AS status, d."capacityFeu", d."maxGrossKg",
                d."currencyCode", d."lclPerWmMinor", d."wmKgPerCbm", d."fcl40Minor", d."fcl20Minor", d."bookedMilliFeu", d."bookedGrossKg",
                (SELECT coalesce(jsonb_agg(jsonb_build_object(
                          'id', m.id, 'code', m.code, 'unitsPerCrate', m."unitsPerCrate", 'crateLengthMm', m."crateLengthMm",
                          'crateWidthMm', m."crateWidthMm", 'crateHeightMm', m."crateHeightMm", 'crateGrossKg', m."crateGrossKg",
                          'unNumber', m."unNumber", 'stateOfChargePct', m."stateOfChargePct")), '[]'::jsonb)
                   FROM "VehicleModel" m
                  WHERE m."makerOrgId" = $1 AND m.id IN (SELECT jsonb_array_elements_text($2::jsonb))) AS models,
                (SELECT o.kind::text FROM "Organization" o WHERE o.id = $3) AS "consigneeKind",
                (SELECT b.id FROM "Booking" b WHERE b."makerOrgId" = $1 AND b."idempotencyKey" = $4) AS "earlierId"
           FROM (SELECT 1) AS one LEFT JOIN "Departure" d ON d.id = $5`,
};

/**
 * The facts in one round trip, as a prepared statement straight on the driver where the client
 * allows (planned once per connection, without Prisma's per-query work), through Prisma otherwise.
 */
async function loadBookingFacts(ctx: ServiceContext, makerOrgId: string, req: BookingRequest, idempotencyKey: string | null): Promise<BookingFacts> {
  const values = [makerOrgId, JSON.stringify([...new Set(req.lines.map((l) => l.vehicleModelId))]), req.consigneeOrgId ?? null, idempotencyKey, req.departureId];
  const rows = await queryDirect<FactsRow>(ctx.db, FACTS_SQL, values);
  const row = rows[0];
  if (!row) throw new Error("the booking facts query returned no row");
  const { models, consigneeKind, earlierId, ...departure } = row;
  return {
    departure: departure.id === null || departure.status === null ? null : (departure as DepartureFacts),
    models: typeof models === "string" ? JSON.parse(models) : models,
    consigneeKind,
    earlierId,
  };
}

/** Crates, weight and volume of each line, from the maker's own catalog. */
function priceLines(ctx: ServiceContext, models: CrateSpec[], lines: CargoLineInput[]): PricedLine[] {
  if (!lines.length) throw new ValidationError(say(ctx, "Add at least one cargo line.", "请至少添加一条货物明细。"), [{ path: ["lines"], message: "empty" }]);
  return lines.map((l, i) => {
    const model = models.find((m) => m.id === l.vehicleModelId);
    if (!model) throw new NotFoundError("Vehicle model");
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_UNITS_PER_LINE) {
      throw new ValidationError(
        say(ctx, `Quantity must be between 1 and ${MAX_UNITS_PER_LINE.toLocaleString("en")}.`, `数量须在 1 到 ${MAX_UNITS_PER_LINE.toLocaleString("en")} 之间。`),
        [{ path: ["lines", String(i), "quantity"], message: "out of range" }],
      );
    }
    const crates = Math.ceil(l.quantity / model.unitsPerCrate);
    return {
      model,
      label: `${model.code} × ${l.quantity}`,
      quantity: l.quantity,
      crates,
      grossKg: crates * model.crateGrossKg,
      volumeCbmMilli: Math.ceil((crates * model.crateLengthMm * model.crateWidthMm * model.crateHeightMm) / 1_000_000),
    };
  });
}

function quoteFor(ctx: ServiceContext, departure: DepartureFacts, req: BookingRequest, lines: PricedLine[]): Quote {
  const tariff = {
    currency: departure.currencyCode,
    lclPerWmMinor: departure.lclPerWmMinor,
    wmKgPerCbm: departure.wmKgPerCbm,
    fcl40Minor: departure.fcl40Minor,
    fcl20Minor: departure.fcl20Minor,
  };
  if (req.mode === "LCL") return lclQuote(tariff, lines);
  const fcl40 = req.fcl40Count ?? 0;
  const fcl20 = req.fcl20Count ?? 0;
  if (fcl40 + fcl20 < 1)
    throw new ValidationError(say(ctx, "Say how many containers an FCL booking takes.", "整箱订舱请填写箱数。"), [{ path: ["fcl40Count"], message: "at least one container" }]);
  return fclQuote(tariff, { fcl40, fcl20 }, lines);
}

async function checkCargo(ctx: ServiceContext, departure: DepartureFacts, req: BookingRequest, lines: PricedLine[], quote: Quote) {
  const [legs, rules, types] = await Promise.all([
    cachedLegs(ctx.db, departure.corridorCode),
    cachedRules(ctx.db, departure.corridorCode),
    req.mode === "FCL" ? cachedContainerTypes(ctx.db) : [],
  ]);
  const refusal = lithiumRefusal(
    lines.map((l) => ({ label: l.model.code, unNumber: l.model.unNumber, stateOfChargePct: l.model.stateOfChargePct })),
    countriesOnRoute(legs),
    rules.lithium,
    ctx.locale,
  );
  if (refusal) throw new RuleViolationError("LITHIUM_REFUSED", refusal);
  if (quote.milliFeu > departure.capacityFeu * 1000 || quote.grossKg > departure.maxGrossKg) {
    throw new RuleViolationError(
      "EXCEEDS_TRAIN",
      say(
        ctx,
        `This cargo needs more than the whole train (${departure.capacityFeu} FEU, ${departure.maxGrossKg.toLocaleString("en")} kg).`,
        `这批货物超过整列班列的运力（${departure.capacityFeu} FEU，${departure.maxGrossKg.toLocaleString("en")} 千克）。`,
      ),
    );
  }
  if (req.mode === "FCL") {
    const byCode = new Map(types.map((t) => [t.code, t]));
    const box40 = byCode.get("40HQ");
    const box20 = byCode.get("20GP");
    const payload = (req.fcl40Count ?? 0) * (box40?.payloadKg ?? 26_500) + (req.fcl20Count ?? 0) * (box20?.payloadKg ?? 28_000);
    if (quote.grossKg > payload)
      throw new RuleViolationError(
        "OVERWEIGHT",
        say(
          ctx,
          `${quote.grossKg.toLocaleString("en")} kg exceeds the payload of the containers booked (${payload.toLocaleString("en")} kg).`,
          `${quote.grossKg.toLocaleString("en")} 千克超过所订集装箱的载重（${payload.toLocaleString("en")} 千克）。`,
        ),
      );
  }
  const destinations = new Set(legs.map((l) => l.toCode));
  const destinationCode = req.destinationCode ?? legs.at(-1)?.toCode ?? "";
  if (!destinations.has(destinationCode))
    throw new ValidationError(say(ctx, `${destinationCode} is not a stop on ${departure.corridorCode}.`, `${destinationCode} 不是 ${departure.corridorCode} 通道的站点。`), [
      { path: ["destinationCode"], message: "not on the corridor" },
    ]);
  return destinationCode;
}

function openDeparture(ctx: ServiceContext, departure: DepartureFacts | null, now: Date): DepartureFacts {
  if (!departure || departure.status === "CANCELLED") throw new NotFoundError("Departure");
  if (departure.status !== "OPEN" || now >= departure.cutoffAt) {
    throw new RuleViolationError(
      "CUTOFF_PASSED",
      say(
        ctx,
        `Booking for ${departure.code} closed at its cut-off, ${utcMinute(departure.cutoffAt)}.`,
        `${departure.code} 已于截止时间 ${utcMinute(departure.cutoffAt)} 停止订舱。`,
      ),
    );
  }
  return departure;
}

/** Validates and prices a request against facts already loaded; throws the first problem. */
async function assess(ctx: ServiceContext, facts: BookingFacts, req: BookingRequest, now: Date) {
  const departure = openDeparture(ctx, facts.departure, now);
  const lines = priceLines(ctx, facts.models, req.lines);
  const quote = quoteFor(ctx, departure, req, lines);
  const destinationCode = await checkCargo(ctx, departure, req, lines, quote);
  return { departure, lines, quote, destinationCode };
}

/** An instant price for cargo on a departure; nothing is written. */
export async function quoteBooking(ctx: ServiceContext, req: BookingRequest, now = new Date()) {
  const makerOrgId = writerOrgOf(ctx, "MANUFACTURER", "book freight");
  const facts = await loadBookingFacts(ctx, makerOrgId, { ...req, consigneeOrgId: null }, null);
  const { departure, quote } = await assess(ctx, facts, req, now);
  const remainingMilliFeu = departure.capacityFeu * 1000 - departure.bookedMilliFeu;
  return { quote, departure, fitsNow: quote.milliFeu <= remainingMilliFeu && quote.grossKg <= departure.maxGrossKg - departure.bookedGrossKg };
}

/**
 * Takes space on the train if it is free, atomically: the condition and the increment are
 * one UPDATE, so concurrent bookings never overbook. Returns false when it does not fit.
 */
async function takeCapacity(tx: Tx, departureId: string, milliFeu: number, grossKg: number): Promise<boolean> {
  const n = await tx.$executeRaw`
    UPDATE "Departure"
       SET "bookedMilliFeu" = "bookedMilliFeu" + ${milliFeu}, "bookedGrossKg" = "bookedGrossKg" + ${grossKg}, "updatedAt" = now()
     WHERE id = ${departureId} AND status = 'OPEN'
       AND "bookedMilliFeu" + ${milliFeu} <= "capacityFeu" * 1000
       AND "bookedGrossKg" + ${grossKg} <= "maxGrossKg"`;
  return n === 1;
}

async function releaseCapacity(tx: Tx, departureId: string, milliFeu: number, grossKg: number) {
  await tx.$executeRaw`
    UPDATE "Departure" SET "bookedMilliFeu" = GREATEST(0, "bookedMilliFeu" - ${milliFeu}), "bookedGrossKg" = GREATEST(0, "bookedGrossKg" - ${grossKg}), "updatedAt" = now()
     WHERE id = ${departureId}`;
}

function newReference(departsAt: Date): string {
  return `BK${departsAt.toISOString().slice(2, 10).replaceAll("-", "")}-${randomBytes(4).toString("hex").toUpperCase()}`;
}

let idCounter = 0;
/** A collision-resistant ID in the shape of the cuids Prisma makes: c + time + counter + randomness. */
function newId(): string {
  idCounter = (idCounter + 1) % 1_679_616;
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`)
    .toString(36)
    .padStart(13, "0")
    .slice(-12);
  return `c${Date.now().toString(36).padStart(8, "0")}${idCounter.toString(36).padStart(4, "0")}${random}`;
}

export interface BookingResult {
  booking: Booking;
  /** true when the idempotency key was seen before and the first booking is returned */
  replayed: boolean;
}

/** The booking an idempotency key made, if any. */
function bookingByKey(ctx: ServiceContext, makerOrgId: string, idempotencyKey: string) {
  return ctx.db.booking.findUnique({ where: { makerOrgId_idempotencyKey: { makerOrgId, idempotencyKey } } });
}

/**
 * Books cargo on a departure: confirmed when space is free, waitlisted when the train is full.
 * The idempotency key makes a double submit return the first booking.
 *
 * Round trips on the hot path: one read (departure, models, consignee, earlier booking by key),
 * one write statement (capacity, booking, cargo lines, audit) — or, when other bookings for the
 * departure are being written, a share of one batch statement (booking-writes.ts). Corridor
 * legs, rules and container types come from the process cache (network.ts).
 */
export async function createBooking(ctx: ServiceContext, req: BookingRequest & { idempotencyKey: string }, now = new Date()): Promise<BookingResult> {
  const makerOrgId = writerOrgOf(ctx, "MANUFACTURER", "book freight");
  const facts = await loadBookingFacts(ctx, makerOrgId, req, req.idempotencyKey);
  if (facts.earlierId) {
    const earlier = await ctx.db.booking.findUnique({ where: { id: facts.earlierId } });
    if (earlier) return { booking: earlier, replayed: true };
  }
  const { departure, lines, quote, destinationCode } = await assess(ctx, facts, req, now);
  if (req.consigneeOrgId && facts.consigneeKind !== "DEALER") throw new NotFoundError("Dealer");
  const fields = {
    id: newId(),
    reference: newReference(departure.departsAt),
    makerOrgId,
    departureId: departure.id,
    consigneeOrgId: req.consigneeOrgId ?? null,
    destinationCode,
    mode: req.mode,
    idempotencyKey: req.idempotencyKey,
    fcl40Count: req.mode === "FCL" ? (req.fcl40Count ?? 0) : 0,
    fcl20Count: req.mode === "FCL" ? (req.fcl20Count ?? 0) : 0,
    milliFeu: quote.milliFeu,
    grossKg: quote.grossKg,
    volumeCbmMilli: quote.volumeCbmMilli,
    currencyCode: quote.total.currency,
    quotedMinor: quote.total.amountMinor,
    quoteBreakdown: JSON.parse(JSON.stringify(quote.items)),
    createdById: actorOf(ctx).userId,
  };
  const cargo = lines.map((l) => ({ id: newId(), vehicleModelId: l.model.id, quantity: l.quantity, crates: l.crates, grossKg: l.grossKg, volumeCbmMilli: l.volumeCbmMilli }));
  try {
    const booking = await writeBooking(ctx.db, {
      booking: fields,
      lines: cargo,
      // the same record the audit trail has always kept: the booking row and the lines asked for
      audit: auditFacts(ctx, makerOrgId, { ...fields, cancellationFeeMinor: null, rolledToId: null, rollOfferedToId: null, lines: req.lines }),
    });
    notify(ctx, departure.id, booking);
    return { booking, replayed: false };
  } catch (e) {
    // A concurrent submit with the same key won the race: return its booking.
    if (e instanceof DomainError) throw e;
    const first = await bookingByKey(ctx, makerOrgId, req.idempotencyKey);
    if (first) return { booking: first, replayed: true };
    throw e;
  }
}

/** Tells live views that a shipment changed, once its transaction has committed. */
function notify<T>(ctx: ServiceContext, departureId: string, result: T): T {
  ctx.events?.publish("shipment", { departureId });
  return result;
}

async function ownBooking(ctx: ServiceContext, bookingId: string) {
  const makerOrgId = writerOrgOf(ctx, "MANUFACTURER", "change bookings");
  const booking = await ctx.db.booking.findFirst({ where: { id: bookingId, makerOrgId }, include: { departure: true } });
  if (!booking) throw new NotFoundError("Booking");
  return booking;
}

function transition(from: BookingStatus, to: BookingStatus) {
  try {
    assertTransition(from, to);
  } catch (e) {
    if (e instanceof TransitionError) throw new ConflictError(e.message);
    throw e;
  }
}

/** Confirms waitlisted bookings, oldest first, while space allows. */
async function promoteWaitlist(tx: Tx, ctx: ServiceContext, departureId: string) {
  const waiting = await tx.booking.findMany({ where: { departureId, status: "WAITLISTED" }, orderBy: { createdAt: "asc" } });
  for (const w of waiting) {
    if (await takeCapacity(tx, departureId, w.milliFeu, w.grossKg)) {
      await tx.booking.update({ where: { id: w.id }, data: { status: "CONFIRMED" } });
      await writeAudit(tx, ctx, {
        action: "booking.confirmFromWaitlist",
        targetType: "Booking",
        targetId: w.id,
        orgId: w.makerOrgId,
        before: { status: "WAITLISTED" },
        after: { status: "CONFIRMED" },
      });
    }
  }
}

/** Cancels a booking; after the cut-off the corridor's fee per FEU applies. */
export async function cancelBooking(ctx: ServiceContext, bookingId: string, now = new Date()) {
  const booking = await ownBooking(ctx, bookingId);
  transition(booking.status, "CANCELLED");
  const rules = await loadRules(ctx.db, booking.departure.corridorCode);
  let fee = 0;
  if (now >= booking.departure.cutoffAt) {
    const hoursBefore = (booking.departure.departsAt.getTime() - now.getTime()) / 3_600_000;
    const tier = [...rules.cancellationFees].sort((a, b) => a.fromHoursBeforeDeparture - b.fromHoursBeforeDeparture).find((t) => hoursBefore <= t.fromHoursBeforeDeparture);
    fee = tier ? Math.round((tier.feePerFeuMinor * booking.milliFeu) / 1000) : 0;
  }
  return notify(
    ctx,
    booking.departureId,
    await ctx.db.$transaction(async (tx) => {
      const updated = await tx.booking.update({ where: { id: booking.id }, data: { status: "CANCELLED", cancellationFeeMinor: fee } });
      if (holdsCapacity.has(booking.status)) {
        await releaseCapacity(tx, booking.departureId, booking.milliFeu, booking.grossKg);
        await promoteWaitlist(tx, ctx, booking.departureId);
      }
      await writeAudit(tx, ctx, {
        action: "booking.cancel",
        targetType: "Booking",
        targetId: booking.id,
        orgId: booking.makerOrgId,
        before: { status: booking.status },
        after: { status: "CANCELLED", cancellationFeeMinor: fee },
      });
      return updated;
    }),
  );
}

/** The operator offers to move a booking to a later departure on the same corridor. */
export async function offerRoll(ctx: ServiceContext, bookingId: string, toDepartureId: string, reason: string | null = null) {
  const operatorOrgId = writerOrgOf(ctx, "LOGISTICS_OPERATOR", "roll bookings");
  const booking = await ctx.db.booking.findFirst({ where: { id: bookingId, departure: { operatorOrgId } }, include: { departure: true } });
  if (!booking) throw new NotFoundError("Booking");
  const to = await ctx.db.departure.findFirst({ where: { id: toDepartureId, operatorOrgId, status: "OPEN" } });
  if (!to || to.corridorCode !== booking.departure.corridorCode || to.departsAt <= booking.departure.departsAt) {
    throw new ValidationError(say(ctx, "Offer a later open departure on the same corridor.", "请改配同一通道上更晚的、仍在接受订舱的班列。"), [
      { path: ["toDepartureId"], message: "not a later departure on this corridor" },
    ]);
  }
  transition(booking.status, "ROLL_OFFERED");
  return notify(
    ctx,
    booking.departureId,
    await ctx.db.$transaction(async (tx) => {
      const updated = await tx.booking.update({ where: { id: booking.id }, data: { status: "ROLL_OFFERED", rollOfferedToId: to.id } });
      await writeAudit(tx, ctx, {
        action: "booking.offerRoll",
        targetType: "Booking",
        targetId: booking.id,
        orgId: operatorOrgId,
        before: { status: booking.status },
        after: { status: "ROLL_OFFERED", to: to.code, reason },
      });
      return updated;
    }),
  );
}

/** The maker accepts a roll: a new booking on the later train, this one marked rolled. */
export async function respondToRoll(ctx: ServiceContext, bookingId: string, accept: boolean, now = new Date()) {
  const booking = await ownBooking(ctx, bookingId);
  if (booking.status !== "ROLL_OFFERED" || !booking.rollOfferedToId) throw new ConflictError("No roll has been offered for this booking.");
  if (!accept) {
    return notify(
      ctx,
      booking.departureId,
      await ctx.db.$transaction(async (tx) => {
        const updated = await tx.booking.update({ where: { id: booking.id }, data: { status: "CONFIRMED", rollOfferedToId: null } });
        await writeAudit(tx, ctx, {
          action: "booking.declineRoll",
          targetType: "Booking",
          targetId: booking.id,
          orgId: booking.makerOrgId,
          before: { status: booking.status },
          after: { status: "CONFIRMED" },
        });
        return updated;
      }),
    );
  }
  const to = await ctx.db.departure.findUnique({ where: { id: booking.rollOfferedToId } });
  if (to?.status !== "OPEN" || now >= to.cutoffAt)
    throw new RuleViolationError(
      "CUTOFF_PASSED",
      say(ctx, "The departure offered is no longer open; ask the operator for another.", "改配的班列已停止订舱，请联系运营方另行安排。"),
    );
  const lines = await ctx.db.cargoLine.findMany({ where: { bookingId: booking.id } });
  const moved = await ctx.db.$transaction(async (tx) => {
    const confirmed = await takeCapacity(tx, to.id, booking.milliFeu, booking.grossKg);
    const { id: _id, reference: _r, createdAt: _c, updatedAt: _u, departure: _d, ...rest } = booking;
    const moved = await tx.booking.create({
      data: {
        ...rest,
        quoteBreakdown: rest.quoteBreakdown ?? [],
        reference: newReference(to.departsAt),
        departureId: to.id,
        status: confirmed ? "CONFIRMED" : "WAITLISTED",
        idempotencyKey: `${booking.idempotencyKey}:roll:${to.id}`,
        rollOfferedToId: null,
        lines: { create: lines.map(({ vehicleModelId, quantity, crates, grossKg, volumeCbmMilli }) => ({ vehicleModelId, quantity, crates, grossKg, volumeCbmMilli })) },
      },
    });
    await tx.booking.update({ where: { id: booking.id }, data: { status: "ROLLED", rolledToId: moved.id } });
    await releaseCapacity(tx, booking.departureId, booking.milliFeu, booking.grossKg);
    await promoteWaitlist(tx, ctx, booking.departureId);
    await writeAudit(tx, ctx, {
      action: "booking.acceptRoll",
      targetType: "Booking",
      targetId: booking.id,
      orgId: booking.makerOrgId,
      before: { status: booking.status },
      after: { status: "ROLLED", rolledTo: moved.reference },
    });
    return moved;
  });
  notify(ctx, booking.departureId, booking);
  return notify(ctx, to.id, moved);
}
