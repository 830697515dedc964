import { staticFxRates } from "@corridor/integrations";
import { filter, pipe } from "graphql-yoga";
import { z } from "zod";
import type { Context } from "../../context.js";
import { NotFoundError } from "../../errors.js";
import type { ShipmentEvent } from "../../events.js";
import type { Booking } from "../../generated/prisma/client.js";
import { BookingMode, BookingStatus, DepartureStatus, MilestoneType, PackagingKind, UnNumber, VehicleCategory } from "../../generated/prisma/enums.js";
import { builder } from "../../schema/builder.js";
import { mutationErrors, ruleErrors } from "../../schema/errors.js";
import { decodeIdOf, encodeGlobalId } from "../../schema/global-id.js";
import { MoneyRef } from "../../schema/money.js";
import { VehicleConformityInput } from "../documents/conformity-schema.js";
import { NO_ORG } from "../identity/scope.js";
import { cachedContainerTypes } from "../network/reference.js";
import { cancelBooking, createBooking, offerRoll, quoteBooking, respondToRoll } from "./bookings.js";
import { createVehicleModel, updateVehicleModel } from "./catalog.js";
import { containerBound, renderLoadPlanSvg } from "./consolidation/index.js";
import { type ContainerFit, containerFit } from "./engine-data.js";
import { recordMilestone } from "./milestones.js";
import { lockPlan, moveBookingInPlan, planLines, runConsolidation } from "./plans.js";
import { convert, type Quote } from "./quote.js";
import { cancelDeparture, createTrainService, scheduleDeparture } from "./schedule.js";

/** Indicative FX for showing quotes in a second currency; a live feed plugs in through integrations. */
const fx = staticFxRates();

const BookingModeEnum = builder.enumType(BookingMode, { name: "BookingMode", description: "LCL shares containers (拼箱); FCL takes whole containers (整箱)." });
const BookingStatusEnum = builder.enumType(BookingStatus, { name: "BookingStatus" });
const DepartureStatusEnum = builder.enumType(DepartureStatus, { name: "DepartureStatus" });
const MilestoneTypeEnum = builder.enumType(MilestoneType, { name: "MilestoneType" });
const PackagingKindEnum = builder.enumType(PackagingKind, { name: "PackagingKind", description: "CBU complete vehicles; SKD/CKD kits." });
const UnNumberEnum = builder.enumType(UnNumber, {
  name: "UnNumber",
  description: "UN3171 vehicle with battery; UN3480/UN3481 lithium-ion batteries (loose / packed with equipment).",
});
const VehicleCategoryEnum = builder.enumType(VehicleCategory, { name: "VehicleCategory" });

// ───────────── catalog ─────────────

builder.prismaObject("ContainerType", {
  authScopes: { public: true },
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    nameZh: t.exposeString("nameZh"),
    teu: t.exposeInt("teu"),
    insideLengthMm: t.exposeInt("insideLengthMm"),
    insideWidthMm: t.exposeInt("insideWidthMm"),
    insideHeightMm: t.exposeInt("insideHeightMm"),
    doorWidthMm: t.exposeInt("doorWidthMm"),
    doorHeightMm: t.exposeInt("doorHeightMm"),
    payloadKg: t.exposeInt("payloadKg"),
    tareKg: t.exposeInt("tareKg"),
  }),
});

/**
 * Makers see their own catalog. Operators see the crate specs of cargo booked on their trains,
 * to plan loads: reached through those bookings, or by ID when such cargo exists.
 */
function canSeeModel(ctx: Context, makerOrgId: string) {
  const a = ctx.actor;
  return !!a && (a.org.id === makerOrgId || a.org.kind === "LOGISTICS_OPERATOR" || a.isPlatformAdmin);
}

function modelByIdFilter(ctx: Context, id: string) {
  const a = ctx.actor;
  if (!a) return { id, makerOrgId: NO_ORG };
  if (a.isPlatformAdmin) return { id };
  return { id, OR: [{ makerOrgId: a.org.id }, { cargoLines: { some: { booking: { departure: { operatorOrgId: a.org.id } } } } }] };
}

const ContainerFitRef = builder.objectRef<ContainerFit>("ContainerFit").implement({
  authScopes: { authenticated: true },
  fields: (t) => ({
    containerType: t.exposeString("containerType"),
    cratesPerLayer: t.exposeInt("cratesPerLayer"),
    tiers: t.exposeInt("tiers"),
    crates: t.exposeInt("crates"),
    units: t.exposeInt("units", { description: "crates × units per crate" }),
    limitedBy: t.exposeString("limitedBy", { description: "PATTERN: the floor and the stack limit; PAYLOAD: the container's payload." }),
  }),
});

builder.prismaNode("VehicleModel", {
  id: { field: "id" },
  nullable: true,
  description: "A maker's product and the crate it ships in.",
  authScopes: (m, ctx) => canSeeModel(ctx, m.makerOrgId),
  findUnique: (id, ctx: Context) => modelByIdFilter(ctx, id),
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    nameZh: t.exposeString("nameZh", { nullable: true }),
    category: t.expose("category", { type: VehicleCategoryEnum }),
    packaging: t.expose("packaging", { type: PackagingKindEnum }),
    unitsPerCrate: t.exposeInt("unitsPerCrate"),
    crateLengthMm: t.exposeInt("crateLengthMm"),
    crateWidthMm: t.exposeInt("crateWidthMm"),
    crateHeightMm: t.exposeInt("crateHeightMm"),
    crateGrossKg: t.exposeInt("crateGrossKg"),
    stackLimit: t.exposeInt("stackLimit"),
    mayTurn: t.exposeBoolean("mayTurn"),
    batteryChemistry: t.exposeString("batteryChemistry", { nullable: true }),
    batteryWh: t.exposeInt("batteryWh", { nullable: true }),
    unNumber: t.expose("unNumber", { type: UnNumberEnum }),
    stateOfChargePct: t.exposeInt("stateOfChargePct", { nullable: true }),
    hsCode: t.exposeString("hsCode", { nullable: true }),
    maker: t.relation("maker"),
    containerFit: t.field({
      type: [ContainerFitRef],
      description: "How many crates of this model one container of each type holds when loaded with it alone: its best layer pattern, or the payload if that binds first.",
      resolve: async (m, _a, ctx) => containerFit(m, await cachedContainerTypes(ctx.db)),
    }),
  }),
});

// ───────────── departures ─────────────

builder.prismaNode("Departure", {
  id: { field: "id" },
  nullable: true,
  description: "One train on a corridor, with its capacity, cut-off, tariff and ETA. Every member of the platform may see the departure board.",
  authScopes: (_d, ctx) => !!ctx.actor,
  fields: (t) => ({
    code: t.exposeString("code"),
    corridor: t.relation("corridor"),
    operator: t.relation("operator"),
    departsAt: t.expose("departsAt", { type: "DateTime" }),
    cutoffAt: t.expose("cutoffAt", { type: "DateTime" }),
    etaAt: t.expose("etaAt", { type: "DateTime" }),
    status: t.expose("status", { type: DepartureStatusEnum }),
    bookable: t.boolean({ description: "Open and before its cut-off.", resolve: (d) => d.status === "OPEN" && d.cutoffAt > new Date() }),
    capacityFeu: t.exposeInt("capacityFeu"),
    maxGrossKg: t.exposeInt("maxGrossKg"),
    bookedFeu: t.float({ resolve: (d) => d.bookedMilliFeu / 1000 }),
    remainingFeu: t.float({ resolve: (d) => Math.max(0, d.capacityFeu * 1000 - d.bookedMilliFeu) / 1000 }),
    bookedGrossKg: t.exposeInt("bookedGrossKg"),
    fillPct: t.float({ description: "Share of FEU capacity booked, 0–100.", resolve: (d) => Math.round((d.bookedMilliFeu / (d.capacityFeu * 10)) * 10) / 10 }),
    lclPerWm: t.field({ type: MoneyRef, resolve: (d) => ({ amountMinor: d.lclPerWmMinor, currency: d.currencyCode }) }),
    wmKgPerCbm: t.exposeInt("wmKgPerCbm", { description: "Kilograms that count as one cubic metre for LCL." }),
    fcl40: t.field({ type: MoneyRef, resolve: (d) => ({ amountMinor: d.fcl40Minor, currency: d.currencyCode }) }),
    fcl20: t.field({ type: MoneyRef, resolve: (d) => ({ amountMinor: d.fcl20Minor, currency: d.currencyCode }) }),
    milestones: t.relation("milestones", { query: { orderBy: { occurredAt: "asc" } } }),
    bookings: t.relatedConnection("bookings", {
      description: "Bookings on this train: only its operator sees them all.",
      nullable: true,
      authScopes: (d, _a, ctx) => !!ctx.actor && (ctx.actor.org.id === d.operatorOrgId || ctx.actor.isPlatformAdmin),
      cursor: "id",
      totalCount: true,
      maxSize: 200,
      defaultSize: 50,
      query: () => ({ orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] }),
    }),
  }),
});

builder.prismaObject("Milestone", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.expose("type", { type: MilestoneTypeEnum }),
    containerRef: t.exposeString("containerRef", { nullable: true }),
    stationCode: t.exposeString("stationCode", { nullable: true }),
    occurredAt: t.expose("occurredAt", { type: "DateTime" }),
    note: t.exposeString("note", { nullable: true }),
  }),
});

// ───────────── bookings ─────────────

function bookingFilter(ctx: Context) {
  const a = ctx.actor;
  if (!a) return { id: NO_ORG };
  if (a.isPlatformAdmin) return {};
  return { OR: [{ makerOrgId: a.org.id }, { consigneeOrgId: a.org.id }, { departure: { operatorOrgId: a.org.id } }] };
}

builder.prismaNode("Booking", {
  id: { field: "id" },
  nullable: true,
  description: "Space booked on a train: seen by the maker, the consignee (dealer) and the train's operator.",
  authScopes: (b, ctx) => !!ctx.actor && (ctx.actor.isPlatformAdmin || [b.makerOrgId, b.consigneeOrgId].includes(ctx.actor.org.id) || ctx.actor.org.kind === "LOGISTICS_OPERATOR"),
  findUnique: (id, ctx: Context) => ({ id, ...bookingFilter(ctx) }),
  fields: (t) => ({
    reference: t.exposeString("reference"),
    mode: t.expose("mode", { type: BookingModeEnum }),
    status: t.expose("status", { type: BookingStatusEnum }),
    departure: t.relation("departure"),
    maker: t.relation("maker"),
    consignee: t.relation("consignee", { nullable: true }),
    destinationCode: t.exposeString("destinationCode"),
    fcl40Count: t.exposeInt("fcl40Count"),
    fcl20Count: t.exposeInt("fcl20Count"),
    feu: t.float({ resolve: (b) => b.milliFeu / 1000 }),
    grossKg: t.exposeInt("grossKg"),
    volumeCbm: t.float({ resolve: (b) => b.volumeCbmMilli / 1000 }),
    quoted: t.field({ type: MoneyRef, resolve: (b) => ({ amountMinor: b.quotedMinor, currency: b.currencyCode }) }),
    cancellationFee: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (b) => (b.cancellationFeeMinor === null ? null : { amountMinor: b.cancellationFeeMinor, currency: b.currencyCode }),
    }),
    rollOfferedTo: t.prismaField({
      type: "Departure",
      nullable: true,
      resolve: (q, b, _a, ctx) => (b.rollOfferedToId ? ctx.db.departure.findUnique({ ...q, where: { id: b.rollOfferedToId } }) : null),
    }),
    rolledTo: t.prismaField({
      type: "Booking",
      nullable: true,
      resolve: (q, b, _a, ctx) => (b.rolledToId ? ctx.db.booking.findFirst({ ...q, where: { id: b.rolledToId, ...bookingFilter(ctx) } }) : null),
    }),
    lines: t.relation("lines"),
    containers: t.field({
      type: [BookingContainerRef],
      description: "Containers holding this booking's cargo in the current plan, with its own crate count only.",
      resolve: async (b, _a, ctx) => {
        const plan = await ctx.db.consolidationPlan.findFirst({
          where: { departureId: b.departureId, status: { in: ["LOCKED", "DRAFT"] } },
          orderBy: [{ status: "desc" }, { version: "desc" }],
        });
        if (!plan) return [];
        return (plan.result as unknown as EnginePlan).containers
          .map((c) => ({ index: c.index, typeCode: c.type.code, crates: c.placements.filter((p) => p.bookingId === b.id).length }))
          .filter((c) => c.crates > 0);
      },
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("CargoLine", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    vehicleModel: t.relation("vehicleModel"),
    quantity: t.exposeInt("quantity"),
    crates: t.exposeInt("crates"),
    grossKg: t.exposeInt("grossKg"),
    volumeCbm: t.float({ resolve: (l) => l.volumeCbmMilli / 1000 }),
  }),
});

const QuoteItemRef = builder.objectRef<Quote["items"][number]>("QuoteItem").implement({
  authScopes: { authenticated: true },
  fields: (t) => ({
    code: t.exposeString("code"),
    description: t.exposeString("description"),
    quantity: t.exposeFloat("quantity"),
    unitPrice: t.field({ type: MoneyRef, resolve: (i) => ({ amountMinor: i.unitMinor, currency: i.amount.currency }) }),
    amount: t.field({ type: MoneyRef, resolve: (i) => i.amount }),
  }),
});

const QuoteRef = builder.objectRef<Quote & { fitsNow: boolean }>("Quote").implement({
  description: "An instant price. Nothing is reserved until you book.",
  authScopes: { authenticated: true },
  fields: (t) => ({
    mode: t.field({ type: BookingModeEnum, resolve: (q) => q.mode }),
    total: t.field({ type: MoneyRef, resolve: (q) => q.total }),
    items: t.field({ type: [QuoteItemRef], resolve: (q) => q.items }),
    chargeableWm: t.float({ resolve: (q) => q.chargeableWmMilli / 1000 }),
    grossKg: t.int({ resolve: (q) => q.grossKg }),
    volumeCbm: t.float({ resolve: (q) => q.volumeCbmMilli / 1000 }),
    feu: t.float({ resolve: (q) => q.milliFeu / 1000 }),
    fitsNow: t.boolean({ description: "False when the train is full: a booking would be waitlisted.", resolve: (q) => q.fitsNow }),
    totalIn: t.field({
      type: MoneyRef,
      description: "The total converted at an indicative rate, for reading only; you are invoiced in the tariff's currency.",
      args: { currency: t.arg.string({ validate: z.string().regex(/^[A-Z]{3}$/, "Use an ISO 4217 code such as CNY.") }) },
      resolve: async (q, args, ctx) => {
        const [from, to] = await Promise.all([ctx.db.currency.findUnique({ where: { code: q.total.currency } }), ctx.db.currency.findUnique({ where: { code: args.currency } })]);
        if (!from || !to) throw new NotFoundError("Currency", args.currency);
        const { rate } = await fx.rate(from.code, to.code);
        return convert(q.total, { currency: to.code, minorUnits: to.minorUnits }, { minorUnits: from.minorUnits }, rate);
      },
    }),
  }),
});

// ───────────── inputs ─────────────

const CargoLineInput = builder.inputType("CargoLineInput", {
  fields: (t) => ({
    vehicleModelId: t.id(),
    quantity: t.int({ validate: z.number().int().min(1, "Quantity must be at least 1.").max(20000, "Quantity must be at most 20,000 per line.") }),
  }),
});

const BookingRequestInput = builder.inputType("BookingRequestInput", {
  fields: (t) => ({
    departureId: t.id(),
    mode: t.field({ type: BookingModeEnum }),
    lines: t.field({ type: [CargoLineInput], validate: z.array(z.unknown()).min(1, "Add at least one cargo line.").max(200) }),
    fcl40Count: t.int({ required: false, validate: z.number().int().min(0).max(55) }),
    fcl20Count: t.int({ required: false, validate: z.number().int().min(0).max(110) }),
    destinationCode: t.string({ required: false, validate: z.string().max(20) }),
    consigneeId: t.id({ required: false, description: "The dealer the cargo is for (an Organization ID)." }),
  }),
});

type BookingRequestArgs = {
  departureId: string | number;
  mode: BookingMode;
  lines: { vehicleModelId: string | number; quantity: number }[];
  fcl40Count?: number | null;
  fcl20Count?: number | null;
  destinationCode?: string | null;
  consigneeId?: string | number | null;
};

function toRequest(input: BookingRequestArgs) {
  return {
    departureId: decodeIdOf(String(input.departureId), "Departure", "departureId"),
    mode: input.mode,
    lines: input.lines.map((l) => ({ vehicleModelId: decodeIdOf(String(l.vehicleModelId), "VehicleModel", "vehicleModelId"), quantity: l.quantity })),
    fcl40Count: input.fcl40Count,
    fcl20Count: input.fcl20Count,
    destinationCode: input.destinationCode,
    consigneeOrgId: input.consigneeId ? decodeIdOf(String(input.consigneeId), "Organization", "consigneeId") : null,
  };
}

const positiveMm = z.number().int().min(50, "Too small: dimensions are in millimetres.").max(20000);

const VehicleModelInput = builder.inputType("VehicleModelInput", {
  fields: (t) => ({
    code: t.string({ validate: z.string().trim().min(1).max(40) }),
    name: t.string({ validate: z.string().trim().min(1).max(200) }),
    nameZh: t.string({ required: false, validate: z.string().max(200) }),
    category: t.field({ type: VehicleCategoryEnum }),
    packaging: t.field({ type: PackagingKindEnum }),
    unitsPerCrate: t.int({ validate: z.number().int().min(1).max(500) }),
    crateLengthMm: t.int({ validate: positiveMm }),
    crateWidthMm: t.int({ validate: positiveMm }),
    crateHeightMm: t.int({ validate: positiveMm }),
    crateGrossKg: t.int({ validate: z.number().int().min(1).max(40000) }),
    stackLimit: t.int({ validate: z.number().int().min(1, "A crate stands in at least one tier.").max(6) }),
    mayTurn: t.boolean(),
    batteryChemistry: t.string({ required: false, validate: z.string().max(40) }),
    batteryWh: t.int({ required: false, validate: z.number().int().min(1).max(100000) }),
    unNumber: t.field({ type: UnNumberEnum }),
    stateOfChargePct: t.int({ required: false, validate: z.number().int().min(0).max(100) }),
    hsCode: t.string({ required: false, validate: z.string().regex(/^\d{6,10}$/, "Use a 6–10 digit HS code.") }),
    conformity: t.field({ type: VehicleConformityInput, required: false, description: "EU type-approval for certificates of conformity. Omitted: kept on update; null: removed." }),
  }),
});

const TariffFields = {
  currencyCode: z.string().regex(/^[A-Z]{3}$/, "Use an ISO 4217 code such as USD."),
  minor: z.number().int().min(0).max(2_000_000_000),
};

// ───────────── queries ─────────────

builder.queryFields((t) => ({
  containerTypes: t.prismaField({
    type: ["ContainerType"],
    authScopes: { public: true },
    resolve: (q, _r, _a, ctx) => ctx.db.containerType.findMany({ ...q, orderBy: { code: "asc" } }),
  }),
  vehicleModels: t.prismaConnection({
    type: "VehicleModel",
    cursor: "id",
    authScopes: { orgKind: ["MANUFACTURER"] },
    description: "Your organization's vehicle catalog.",
    maxSize: 100,
    defaultSize: 50,
    args: { search: t.arg.string({ required: false, validate: z.string().max(100) }) },
    resolve: (q, _r, args, ctx) => ctx.db.vehicleModel.findMany({ ...q, where: modelFilter(ctx, args.search), orderBy: [{ code: "asc" }, { id: "asc" }] }),
    totalCount: (_r, args, ctx) => ctx.db.vehicleModel.count({ where: modelFilter(ctx, args.search) }),
  }),
  departures: t.prismaConnection({
    type: "Departure",
    cursor: "id",
    authScopes: { authenticated: true },
    description: "The departure board: trains by corridor, destination and dates, soonest first.",
    maxSize: 100,
    defaultSize: 20,
    args: {
      corridorCode: t.arg.string({ required: false, validate: z.string().max(20) }),
      destinationCode: t.arg.string({ required: false, validate: z.string().max(20) }),
      from: t.arg({ type: "DateTime", required: false }),
      to: t.arg({ type: "DateTime", required: false }),
      bookableOnly: t.arg.boolean({ required: false }),
      mine: t.arg.boolean({ required: false, description: "Operators: only the trains you run." }),
      status: t.arg({ type: [DepartureStatusEnum], required: false, description: "Only trains in these states (cancelled trains are left out unless named)." }),
    },
    resolve: (q, _r, args, ctx) => ctx.db.departure.findMany({ ...q, where: departureFilter(ctx, args), orderBy: [{ departsAt: "asc" }, { id: "asc" }] }),
    totalCount: (_r, args, ctx) => ctx.db.departure.count({ where: departureFilter(ctx, args) }),
  }),
  bookings: t.prismaConnection({
    type: "Booking",
    cursor: "id",
    authScopes: { authenticated: true },
    description: "Bookings you may see: a maker's own, a dealer's inbound, an operator's on its trains. Newest first.",
    maxSize: 100,
    defaultSize: 20,
    args: { status: t.arg({ type: [BookingStatusEnum], required: false }), departureId: t.arg.id({ required: false }) },
    resolve: (q, _r, args, ctx) => ctx.db.booking.findMany({ ...q, where: bookingsWhere(ctx, args), orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
    totalCount: (_r, args, ctx) => ctx.db.booking.count({ where: bookingsWhere(ctx, args) }),
  }),
  quote: t.field({
    type: QuoteRef,
    authScopes: { orgKind: ["MANUFACTURER"] },
    description: "Prices cargo on a departure without booking it.",
    args: { input: t.arg({ type: BookingRequestInput }) },
    resolve: async (_r, { input }, ctx) => {
      const { quote, fitsNow } = await quoteBooking(ctx, toRequest(input));
      return { ...quote, fitsNow };
    },
  }),
}));

function modelFilter(ctx: Context, search?: string | null) {
  const q = search?.trim();
  return {
    makerOrgId: ctx.actor?.org.id ?? NO_ORG,
    ...(q ? { OR: [{ code: { contains: q, mode: "insensitive" as const } }, { name: { contains: q, mode: "insensitive" as const } }] } : {}),
  };
}

function departureFilter(
  ctx: Context,
  a: {
    corridorCode?: string | null;
    destinationCode?: string | null;
    from?: Date | null;
    to?: Date | null;
    bookableOnly?: boolean | null;
    mine?: boolean | null;
    status?: DepartureStatus[] | null;
  },
) {
  const status = a.status?.length ? { in: a.status } : { not: "CANCELLED" as const };
  return {
    ...(a.corridorCode ? { corridorCode: a.corridorCode } : {}),
    ...(a.destinationCode ? { corridor: { legs: { some: { toCode: a.destinationCode } } } } : {}),
    departsAt: { ...(a.from ? { gte: a.from } : {}), ...(a.to ? { lte: a.to } : {}) },
    ...(a.bookableOnly ? { status: "OPEN" as const, cutoffAt: { gt: new Date() } } : { status }),
    ...(a.mine ? { operatorOrgId: ctx.actor?.org.id ?? NO_ORG } : {}),
  };
}

function bookingsWhere(ctx: Context, a: { status?: BookingStatus[] | null; departureId?: string | number | null }) {
  return {
    ...bookingFilter(ctx),
    ...(a.status?.length ? { status: { in: a.status } } : {}),
    ...(a.departureId ? { departureId: decodeIdOf(String(a.departureId), "Departure", "departureId") } : {}),
  };
}

// ───────────── mutations ─────────────

const BookingPayload = builder.objectRef<{ booking: { id: string }; replayed: boolean }>("BookingPayload").implement({
  authScopes: { authenticated: true },
  fields: (t) => ({
    // A whole row (createBooking returns one) is used as it is; relations asked for load on demand.
    booking: t.prismaField({
      type: "Booking",
      resolve: (q, p, _a, ctx) => ("createdAt" in p.booking ? (p.booking as Booking) : ctx.db.booking.findUniqueOrThrow({ ...q, where: { id: p.booking.id } })),
    }),
    replayed: t.boolean({ description: "True when this idempotency key was used before: the first booking is returned, nothing new was booked.", resolve: (p) => p.replayed }),
  }),
});

const DepartureInput = builder.inputType("ScheduleDepartureInput", {
  fields: (t) => ({
    corridorCode: t.string({ validate: z.string().min(1).max(20) }),
    departsAt: t.field({ type: "DateTime" }),
    cutoffAt: t.field({ type: "DateTime", required: false }),
    capacityFeu: t.int({ required: false, validate: z.number().int().min(1).max(55) }),
    maxGrossKg: t.int({ required: false, validate: z.number().int().min(1000).max(3_000_000) }),
    currencyCode: t.string({ validate: TariffFields.currencyCode }),
    lclPerWmMinor: t.int({ validate: TariffFields.minor }),
    wmKgPerCbm: t.int({ validate: z.number().int().min(100).max(2000) }),
    fcl40Minor: t.int({ validate: TariffFields.minor }),
    fcl20Minor: t.int({ validate: TariffFields.minor }),
  }),
});

const TrainServiceInput = builder.inputType("CreateTrainServiceInput", {
  fields: (t) => ({
    corridorCode: t.string({ validate: z.string().min(1).max(20) }),
    name: t.string({ validate: z.string().trim().min(1).max(120) }),
    weekday: t.int({ description: "ISO weekday, 1 = Monday.", validate: z.number().int().min(1).max(7) }),
    departureTime: t.string({ description: "Local time at the origin, HH:MM.", validate: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM, e.g. 09:30.") }),
    capacityFeu: t.int({ validate: z.number().int().min(1).max(55) }),
    maxGrossKg: t.int({ validate: z.number().int().min(1000).max(3_000_000) }),
    weeksAhead: t.int({ required: false, validate: z.number().int().min(1).max(26) }),
    currencyCode: t.string({ validate: TariffFields.currencyCode }),
    lclPerWmMinor: t.int({ validate: TariffFields.minor }),
    wmKgPerCbm: t.int({ validate: z.number().int().min(100).max(2000) }),
    fcl40Minor: t.int({ validate: TariffFields.minor }),
    fcl20Minor: t.int({ validate: TariffFields.minor }),
  }),
});

const idInput = (name: string, field: string) => builder.inputType(name, { fields: (t) => ({ [field]: t.id() }) as Record<string, ReturnType<typeof t.id>> });

builder.mutationFields((t) => ({
  createVehicleModel: t.prismaField({
    type: "VehicleModel",
    authScopes: { orgKind: ["MANUFACTURER"] },
    errors: { types: ruleErrors },
    args: { input: t.arg({ type: VehicleModelInput }) },
    resolve: (_q, _r, { input }, ctx) => createVehicleModel(ctx, input),
  }),
  updateVehicleModel: t.prismaField({
    type: "VehicleModel",
    authScopes: { orgKind: ["MANUFACTURER"] },
    errors: { types: ruleErrors },
    args: { id: t.arg.id(), input: t.arg({ type: VehicleModelInput }) },
    resolve: (_q, _r, { id, input }, ctx) => updateVehicleModel(ctx, decodeIdOf(String(id), "VehicleModel"), input),
  }),
  scheduleDeparture: t.prismaField({
    type: "Departure",
    authScopes: { orgKind: ["LOGISTICS_OPERATOR"] },
    errors: { types: ruleErrors },
    args: { input: t.arg({ type: DepartureInput }) },
    resolve: (_q, _r, { input }, ctx) => scheduleDeparture(ctx, input),
  }),
  createTrainService: t.prismaField({
    type: ["Departure"],
    authScopes: { orgKind: ["LOGISTICS_OPERATOR"] },
    errors: { types: ruleErrors },
    description: "Creates a weekly service and schedules its departures for the coming weeks (6 by default).",
    args: { input: t.arg({ type: TrainServiceInput }) },
    resolve: async (_q, _r, { input }, ctx) => {
      const { weeksAhead, ...service } = input;
      return (await createTrainService(ctx, service, weeksAhead ?? 6)).departures;
    },
  }),
  cancelDeparture: t.prismaField({
    type: "Departure",
    authScopes: { orgKind: ["LOGISTICS_OPERATOR"] },
    errors: { types: mutationErrors },
    description: "Cancels a train with no bookings left on it (roll or cancel them first). The reason is kept in the audit log.",
    args: {
      input: t.arg({
        type: builder.inputType("CancelDepartureInput", {
          fields: (t) => ({ departureId: t.id(), reason: t.string({ required: false, validate: z.string().trim().max(500, "Keep the reason under 500 characters.") }) }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) => cancelDeparture(ctx, decodeIdOf(String(input.departureId), "Departure", "departureId"), input.reason?.trim() || null),
  }),
  createBooking: t.field({
    type: BookingPayload,
    authScopes: { orgKind: ["MANUFACTURER"] },
    errors: { types: ruleErrors },
    description: "Books LCL or FCL space. Confirmed when space is free, waitlisted when the train is full. Repeating an idempotency key returns the first booking.",
    args: {
      input: t.arg({
        type: builder.inputType("CreateBookingInput", {
          fields: (t) => ({
            request: t.field({ type: BookingRequestInput }),
            idempotencyKey: t.string({ validate: z.string().min(8, "Use an idempotency key of at least 8 characters (a UUID).").max(100) }),
          }),
        }),
      }),
    },
    resolve: (_r, { input }, ctx) => createBooking(ctx, { ...toRequest(input.request), idempotencyKey: input.idempotencyKey }),
  }),
  cancelBooking: t.prismaField({
    type: "Booking",
    authScopes: { orgKind: ["MANUFACTURER"] },
    errors: { types: ruleErrors },
    description: "Cancels a booking. After the cut-off the corridor's cancellation fee applies.",
    args: { input: t.arg({ type: idInput("CancelBookingInput", "bookingId") }) },
    resolve: (_q, _r, { input }, ctx) => cancelBooking(ctx, decodeIdOf(String(input.bookingId), "Booking", "bookingId")),
  }),
  offerRoll: t.prismaField({
    type: "Booking",
    authScopes: { orgKind: ["LOGISTICS_OPERATOR"] },
    errors: { types: ruleErrors },
    description: "Offers the maker a move of the booking to a later open departure on the same corridor; the maker accepts or declines.",
    args: {
      input: t.arg({
        type: builder.inputType("OfferRollInput", {
          fields: (t) => ({
            bookingId: t.id(),
            toDepartureId: t.id(),
            reason: t.string({ required: false, description: "Why, for the audit log.", validate: z.string().trim().max(500, "Keep the reason under 500 characters.") }),
          }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) =>
      offerRoll(
        ctx,
        decodeIdOf(String(input.bookingId), "Booking", "bookingId"),
        decodeIdOf(String(input.toDepartureId), "Departure", "toDepartureId"),
        input.reason?.trim() || null,
      ),
  }),
  respondToRoll: t.prismaField({
    type: "Booking",
    authScopes: { orgKind: ["MANUFACTURER"] },
    errors: { types: ruleErrors },
    description: "Accept (a new booking on the later train) or decline (stay on this one) a roll the operator offered.",
    args: { input: t.arg({ type: builder.inputType("RespondToRollInput", { fields: (t) => ({ bookingId: t.id(), accept: t.boolean() }) }) }) },
    resolve: (_q, _r, { input }, ctx) => respondToRoll(ctx, decodeIdOf(String(input.bookingId), "Booking", "bookingId"), input.accept),
  }),
  recordMilestone: t.prismaField({
    type: "Departure",
    authScopes: { orgKind: ["LOGISTICS_OPERATOR"] },
    errors: { types: ruleErrors },
    description: "Records a milestone for a train (or one container) and re-estimates the ETA.",
    args: {
      input: t.arg({
        type: builder.inputType("RecordMilestoneInput", {
          fields: (t) => ({
            departureId: t.id(),
            type: t.field({ type: MilestoneTypeEnum }),
            containerRef: t.string({ required: false, validate: z.string().max(20) }),
            stationCode: t.string({ required: false, validate: z.string().max(20) }),
            occurredAt: t.field({ type: "DateTime" }),
            note: t.string({ required: false, validate: z.string().max(500) }),
          }),
        }),
      }),
    },
    resolve: async (_q, _r, { input }, ctx) => (await recordMilestone(ctx, { ...input, departureId: decodeIdOf(String(input.departureId), "Departure", "departureId") })).departure,
  }),
}));

// ───────────── live updates (GraphQL subscriptions over SSE) ─────────────

builder.subscriptionType({ description: "Live updates, served as server-sent events (Accept: text/event-stream)." });

builder.subscriptionFields((t) => ({
  shipmentUpdates: t.prismaField({
    type: "Booking",
    nullable: true,
    authScopes: { authenticated: true },
    description: "The booking again whenever it or its train changes: status, milestones, ETA.",
    args: { bookingId: t.arg.id() },
    subscribe: async (_root, args, ctx) => {
      const id = decodeIdOf(String(args.bookingId), "Booking", "bookingId");
      const booking = await ctx.db.booking.findFirst({ where: { id, ...bookingFilter(ctx) }, select: { departureId: true } });
      if (!booking) throw new NotFoundError("Booking");
      return pipe(
        ctx.events.subscribe("shipment"),
        filter((e: ShipmentEvent) => e.departureId === booking.departureId),
      );
    },
    resolve: (query, _event, args, ctx) => ctx.db.booking.findFirst({ ...query, where: { id: decodeIdOf(String(args.bookingId), "Booking", "bookingId"), ...bookingFilter(ctx) } }),
  }),
  departureUpdates: t.prismaField({
    type: "Departure",
    nullable: true,
    authScopes: { authenticated: true },
    description: "The departure again whenever a booking on it or a milestone changes it.",
    args: { departureId: t.arg.id() },
    subscribe: async (_root, args, ctx) => {
      const id = decodeIdOf(String(args.departureId), "Departure", "departureId");
      if (!(await ctx.db.departure.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError("Departure");
      return pipe(
        ctx.events.subscribe("shipment"),
        filter((e: ShipmentEvent) => e.departureId === id),
      );
    },
    resolve: (query, _event, args, ctx) => ctx.db.departure.findUnique({ ...query, where: { id: decodeIdOf(String(args.departureId), "Departure", "departureId") } }),
  }),
}));

// ───────────── consolidation plans ─────────────

type EnginePlan = import("./consolidation/index.js").ConsolidationPlan;
type EngineContainer = EnginePlan["containers"][number];

interface PlanContainerBookingShape {
  bookingId: string;
  reference: string;
  crates: number;
  grossKg: number;
  stopCode: string;
}

const PlanContainerBookingRef = builder.objectRef<PlanContainerBookingShape>("PlanContainerBooking").implement({
  description: "A booking's share of one container.",
  authScopes: { authenticated: true },
  fields: (t) => ({
    bookingId: t.id({ description: "The Booking's global ID.", resolve: (b) => encodeGlobalId("Booking", b.bookingId) }),
    reference: t.exposeString("reference"),
    crates: t.exposeInt("crates"),
    grossKg: t.int({ resolve: (b) => Math.round(b.grossKg) }),
    stopCode: t.exposeString("stopCode"),
  }),
});

type PlanContainerShape = { container: EngineContainer; references: Map<string, string>; lines: Map<string, import("./consolidation/index.js").CargoLine> };

const bounds = new WeakMap<EngineContainer, ReturnType<typeof containerBound>>();
function boundOf(p: PlanContainerShape) {
  let b = bounds.get(p.container);
  if (!b) {
    b = containerBound(p.container, p.lines);
    bounds.set(p.container, b);
  }
  return b;
}

const pictures = new WeakMap<EngineContainer, ReturnType<typeof renderLoadPlanSvg>>();
/** The load-plan picture, crates labelled with booking references (people know those, not IDs). */
function pictureOf(p: PlanContainerShape) {
  let svg = pictures.get(p.container);
  if (!svg) {
    const ref = (id: string) => p.references.get(id) ?? id;
    svg = renderLoadPlanSvg({
      ...p.container,
      bookingIds: p.container.bookingIds.map(ref),
      placements: p.container.placements.map((pl) => ({ ...pl, bookingId: ref(pl.bookingId) })),
    });
    pictures.set(p.container, svg);
  }
  return svg;
}

const PlanContainerRef = builder.objectRef<PlanContainerShape>("PlanContainer").implement({
  description: "One container of a plan, with its load-plan picture (top and side views as SVG).",
  authScopes: { authenticated: true },
  fields: (t) => ({
    index: t.int({ resolve: (p) => p.container.index }),
    typeCode: t.string({ resolve: (p) => p.container.type.code }),
    crates: t.int({ resolve: (p) => p.container.placements.length }),
    grossKg: t.int({ resolve: (p) => Math.round(p.container.grossKg) }),
    volumeUtilizationPct: t.float({ resolve: (p) => p.container.volumeUtilizationPct }),
    floorUtilizationPct: t.float({ resolve: (p) => p.container.floorUtilizationPct }),
    centerOfGravityOffsetMm: t.int({
      description: "Lengthwise distance of the load's centre of gravity from the container's middle.",
      resolve: (p) => Math.round(p.container.centerOfGravity.lengthwiseOffsetMm),
    }),
    stops: t.stringList({ description: "Destinations in unloading order.", resolve: (p) => p.container.destinations.map((d) => d.stopCode) }),
    bookingReferences: t.stringList({ resolve: (p) => p.container.bookingIds.map((id) => p.references.get(id) ?? id) }),
    bookings: t.field({
      type: [PlanContainerBookingRef],
      description: "Bookings in this container, in loading order, with their crates and weight here.",
      resolve: (p) => {
        const rows = new Map<string, PlanContainerBookingShape>();
        for (const pl of p.container.placements) {
          const row = rows.get(pl.bookingId) ?? {
            bookingId: pl.bookingId,
            reference: p.references.get(pl.bookingId) ?? pl.bookingId,
            crates: 0,
            grossKg: 0,
            stopCode: pl.stopCode,
          };
          row.crates++;
          row.grossKg += pl.grossKg;
          rows.set(pl.bookingId, row);
        }
        return [...rows.values()];
      },
    }),
    lowerBoundShare: t.float({
      description: "The least share of one container of this type its cargo needs (volume, weight, each crate type's proven pattern), 0–1.",
      resolve: (p) => boundOf(p).lowerBoundShare,
    }),
    ratio: t.float({ description: "This container ÷ its cargo's lower bound: 1 is as tight as any plan could load it.", resolve: (p) => boundOf(p).ratio }),
    lithiumKwh: t.float({ resolve: (p) => p.container.lithium.totalKwh }),
    topViewSvg: t.string({ resolve: (p) => pictureOf(p).top }),
    sideViewSvg: t.string({ resolve: (p) => pictureOf(p).side }),
  }),
});

builder.prismaNode("ConsolidationPlan", {
  id: { field: "id" },
  nullable: true,
  description: "How a train's LCL cargo is packed into containers, measured against its lower bound. Only the train's operator sees plans (they show every maker's cargo).",
  authScopes: (_p, ctx) => ctx.actor?.org.kind === "LOGISTICS_OPERATOR" || !!ctx.actor?.isPlatformAdmin,
  findUnique: (id, ctx: Context) => ({ id, departure: { operatorOrgId: ctx.actor?.isPlatformAdmin ? undefined : (ctx.actor?.org.id ?? NO_ORG) } }),
  fields: (t) => ({
    version: t.exposeInt("version"),
    status: t.exposeString("status"),
    containersUsed: t.exposeInt("containersUsed"),
    lowerBound: t.exposeInt("lowerBound", { description: "No plan can use fewer containers than this." }),
    ratio: t.float({ description: "Containers used ÷ lower bound.", resolve: (p) => (p.lowerBound ? Math.round((p.containersUsed / p.lowerBound) * 1000) / 1000 : 1) }),
    volumeUtilizationPct: t.float({ resolve: (p) => (p.result as unknown as EnginePlan).summary.volumeUtilizationPct }),
    patternEstimate: t.int({
      description: "Not a bound: containers the cargo would need with each crate type packed alone at its best layer pattern.",
      resolve: (p) => (p.result as unknown as EnginePlan).bounds.patternEstimate,
    }),
    cratesPlaced: t.int({ resolve: (p) => (p.result as unknown as EnginePlan).summary.cratesPlaced }),
    splitBookings: t.int({
      description: "Bookings whose crates are in more than one container.",
      resolve: (p) => (p.result as unknown as EnginePlan).summary.splitBookings.length,
    }),
    unplaced: t.stringList({
      description: "Crates the plan could not place, with the reason.",
      resolve: (p) => (p.result as unknown as EnginePlan).unplaced.map((u) => `${u.quantity} × ${u.reason}: ${u.detail}`),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lockedAt: t.expose("lockedAt", { type: "DateTime", nullable: true }),
    containers: t.field({
      type: [PlanContainerRef],
      description: "Every container of the plan. Its pictures are large (tens of KB each): ask for them with `container(index:)`, one container at a time.",
      select: { departureId: true, result: true },
      resolve: (p, _a, ctx) => planContainers(ctx, p, (p.result as unknown as EnginePlan).containers),
    }),
    container: t.field({
      type: PlanContainerRef,
      nullable: true,
      description: "One container of the plan by its `index` (as in `containers`, from 0), or null if the plan has no such container.",
      args: { index: t.arg.int({ required: true }) },
      select: { departureId: true, result: true },
      resolve: async (p, args, ctx) => {
        const found = (p.result as unknown as EnginePlan).containers.find((c) => c.index === args.index);
        return found ? ((await planContainers(ctx, p, [found]))[0] ?? null) : null;
      },
    }),
  }),
});

/** Containers of a stored plan with what their fields need: their bookings' references and cargo lines, no more. */
async function planContainers(ctx: Context, p: { departureId: string; result: unknown }, containers: readonly EngineContainer[]): Promise<PlanContainerShape[]> {
  const ids = [...new Set(containers.flatMap((c) => c.bookingIds))];
  const [refs, lines] = await Promise.all([
    ctx.db.booking.findMany({ where: { departureId: p.departureId, id: { in: ids } }, select: { id: true, reference: true } }),
    planLines(ctx, p, ids),
  ]);
  const references = new Map(refs.map((r) => [r.id, r.reference]));
  return containers.map((container) => ({ container, references, lines }));
}

builder.prismaObjectField("Departure", "plan", (t) =>
  t.prismaField({
    type: "ConsolidationPlan",
    nullable: true,
    description: "The current plan (locked, else the latest draft). Only the train's operator sees it.",
    authScopes: (d, _a, ctx) => !!ctx.actor && (ctx.actor.org.id === d.operatorOrgId || ctx.actor.isPlatformAdmin),
    resolve: (q, d, _a, ctx) =>
      ctx.db.consolidationPlan.findFirst({ ...q, where: { departureId: d.id, status: { in: ["LOCKED", "DRAFT"] } }, orderBy: [{ status: "desc" }, { version: "desc" }] }),
  }),
);

const BookingContainerRef = builder.objectRef<{ index: number; typeCode: string; crates: number }>("BookingContainer").implement({
  authScopes: { authenticated: true },
  description: "A container holding this booking's cargo, and how many of its crates are in it: the maker sees its own cargo only.",
  fields: (t) => ({ index: t.exposeInt("index"), typeCode: t.exposeString("typeCode"), crates: t.exposeInt("crates") }),
});

builder.mutationFields((t) => ({
  runConsolidation: t.prismaField({
    type: "ConsolidationPlan",
    authScopes: { orgKind: ["LOGISTICS_OPERATOR"] },
    errors: { types: ruleErrors },
    description: "Packs the train's confirmed LCL bookings into containers and saves a new draft plan.",
    args: { input: t.arg({ type: idInput("RunConsolidationInput", "departureId") }) },
    resolve: (_q, _r, { input }, ctx) => runConsolidation(ctx, decodeIdOf(String(input.departureId), "Departure", "departureId")),
  }),
  moveBookingInPlan: t.prismaField({
    type: "ConsolidationPlan",
    authScopes: { orgKind: ["LOGISTICS_OPERATOR"] },
    errors: { types: ruleErrors },
    description:
      "Moves an LCL booking's crates into another container of a draft plan (placed into its free space, or the container stowed again) and saves the plan's next version. planId must be the current draft: a plan changed meanwhile is a CONFLICT. A container that cannot take the crates is a RULE_VIOLATION whose rule says why (MOVE_DOES_NOT_FIT, MOVE_EXCEEDS_PAYLOAD, MOVE_SEGREGATION, …).",
    args: {
      input: t.arg({
        type: builder.inputType("MoveBookingInPlanInput", {
          fields: (t) => ({
            planId: t.id(),
            bookingId: t.id(),
            toContainer: t.int({ description: "0-based index of the target container (PlanContainer.index).", validate: z.number().int().min(0).max(1000) }),
          }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) =>
      moveBookingInPlan(ctx, {
        planId: decodeIdOf(String(input.planId), "ConsolidationPlan", "planId"),
        bookingId: decodeIdOf(String(input.bookingId), "Booking", "bookingId"),
        toContainer: input.toContainer,
      }),
  }),
  lockPlan: t.prismaField({
    type: "ConsolidationPlan",
    authScopes: { orgKind: ["LOGISTICS_OPERATOR"] },
    errors: { types: ruleErrors },
    description: "Locks a draft plan: the train closes and its bookings become planned.",
    args: { input: t.arg({ type: idInput("LockPlanInput", "planId") }) },
    resolve: (_q, _r, { input }, ctx) => lockPlan(ctx, decodeIdOf(String(input.planId), "ConsolidationPlan", "planId")),
  }),
}));
