import { z } from "zod";
import { CorridorMode, MarketRegion, StationKind } from "../../generated/prisma/enums.js";
import { builder } from "../../schema/builder.js";
import { mutationErrors, ruleErrors } from "../../schema/errors.js";
import { decodeIdOf, encodeGlobalId } from "../../schema/global-id.js";
import { MoneyRef } from "../../schema/money.js";
import type { LithiumRule } from "./reference.js";
import { defaultRules, trainLimitFeu } from "./reference.js";
import { mayChangeCorridor, saveCorridor, saveStation, setCorridorRules } from "./services.js";

// Reference data: public, the same for everyone, small enough to list whole.

const StationKindEnum = builder.enumType(StationKind, { name: "StationKind" });
const CorridorModeEnum = builder.enumType(CorridorMode, { name: "CorridorMode" });
const MarketRegionEnum = builder.enumType(MarketRegion, { name: "MarketRegion" });

builder.prismaObject("Currency", {
  authScopes: { public: true },
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    nameZh: t.exposeString("nameZh"),
    minorUnits: t.exposeInt("minorUnits", { description: "Digits after the decimal point; amounts are stored as integers of the minor unit." }),
  }),
});

builder.prismaObject("Market", {
  authScopes: { public: true },
  description: "An export market whose rules decide which certificates a vehicle needs.",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    nameZh: t.exposeString("nameZh"),
    region: t.expose("region", { type: MarketRegionEnum }),
    currencyCode: t.exposeString("currencyCode"),
    countries: t.exposeStringList("countries"),
  }),
});

builder.prismaObject("Station", {
  authScopes: { public: true },
  description: "A rail terminal, border crossing, gauge-change point or port.",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    nameZh: t.exposeString("nameZh"),
    countryCode: t.exposeString("countryCode"),
    kind: t.expose("kind", { type: StationKindEnum }),
    gaugeMm: t.exposeInt("gaugeMm", { nullable: true }),
    timezone: t.exposeString("timezone"),
    latitude: t.exposeFloat("latitude", { nullable: true }),
    longitude: t.exposeFloat("longitude", { nullable: true }),
  }),
});

builder.prismaObject("CorridorLeg", {
  authScopes: { public: true },
  fields: (t) => ({
    seq: t.exposeInt("seq"),
    from: t.relation("from"),
    to: t.relation("to"),
    distanceKm: t.exposeInt("distanceKm"),
    transitHours: t.exposeInt("transitHours"),
    dwellHours: t.exposeInt("dwellHours", { description: "Time added at the leg's end for a border crossing or gauge change." }),
    maxFeu: t.exposeInt("maxFeu", { nullable: true, description: "The most FEU a train may haul on this leg; null: the corridor's limit applies." }),
  }),
});

builder.prismaObject("Corridor", {
  authScopes: { public: true },
  description: "A rail or rail–sea route out of Chongqing.",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    nameZh: t.exposeString("nameZh"),
    mode: t.expose("mode", { type: CorridorModeEnum }),
    description: t.exposeString("description", { nullable: true }),
    legs: t.relation("legs", { query: { orderBy: { seq: "asc" } } }),
    distanceKm: t.int({ select: { legs: { select: { distanceKm: true } } }, resolve: (c) => c.legs.reduce((s, l) => s + l.distanceKm, 0) }),
    transitHours: t.int({
      description: "Scheduled hours from first departure to last arrival, dwell included.",
      select: { legs: { select: { transitHours: true, dwellHours: true } } },
      resolve: (c) => c.legs.reduce((s, l) => s + l.transitHours + l.dwellHours, 0),
    }),
    rules: t.relation("rule", { nullable: true, description: "The operator's rules; null: conservative defaults apply (50 FEU, 48 h cut-off, lithium only as in China)." }),
    trainLimitFeu: t.int({
      description: "The most FEU a train may haul end to end: the corridor's rule, and no more than any leg allows.",
      select: { rule: { select: { maxFeuPerTrain: true } }, legs: { select: { maxFeu: true } } },
      resolve: (c) => trainLimitFeu(c.rule?.maxFeuPerTrain ?? defaultRules.maxFeuPerTrain, c.legs),
    }),
    viewerMayEdit: t.boolean({
      description: "Whether the caller may change this corridor's legs and rules: its operator's members, and platform admins.",
      select: { rule: { select: { operatorOrgId: true } } },
      resolve: (c, _a, ctx) => !!ctx.actor && mayChangeCorridor(ctx.actor, c.rule?.operatorOrgId ?? null),
    }),
  }),
});

const LithiumAcceptanceRef = builder.objectRef<LithiumRule>("LithiumAcceptance").implement({
  description: "Whether a country on the corridor takes lithium cargo, and at what state of charge.",
  authScopes: { public: true },
  fields: (t) => ({
    countryCode: t.exposeString("countryCode"),
    acceptsUN3171: t.exposeBoolean("acceptsUN3171", { description: "Vehicles with batteries installed." }),
    acceptsUN3480: t.exposeBoolean("acceptsUN3480", { description: "Loose lithium-ion batteries." }),
    acceptsUN3481: t.exposeBoolean("acceptsUN3481", { description: "Lithium-ion batteries packed with equipment." }),
    maxStateOfChargePct: t.exposeInt("maxStateOfChargePct", { nullable: true, description: "Highest state of charge accepted; null: no cap." }),
  }),
});

interface FeeStep {
  fromHoursBeforeDeparture: number;
  feePerFeuMinor: number;
  currency: string;
}
const CancellationFeeRef = builder.objectRef<FeeStep>("CancellationFeeStep").implement({
  description: "A fee per FEU for cancelling this many hours (or fewer) before departure.",
  authScopes: { public: true },
  fields: (t) => ({
    fromHoursBeforeDeparture: t.exposeInt("fromHoursBeforeDeparture"),
    feePerFeu: t.field({ type: MoneyRef, resolve: (f) => ({ amountMinor: f.feePerFeuMinor, currency: f.currency }) }),
  }),
});

builder.prismaObject("CorridorRule", {
  name: "CorridorRules",
  authScopes: { public: true },
  description: "What the operator of a corridor allows: train length and weight, cut-off, lithium per country, cancellation fees.",
  fields: (t) => ({
    maxFeuPerTrain: t.exposeInt("maxFeuPerTrain"),
    maxGrossKgPerTrain: t.exposeInt("maxGrossKgPerTrain"),
    cutoffLeadHours: t.exposeInt("cutoffLeadHours", { description: "Bookings close this many hours before departure unless a departure says otherwise." }),
    currencyCode: t.exposeString("currencyCode"),
    lithium: t.field({ type: [LithiumAcceptanceRef], resolve: (r) => r.lithium as unknown as LithiumRule[] }),
    cancellationFees: t.field({
      type: [CancellationFeeRef],
      description: "Longest notice first.",
      resolve: (r) =>
        (r.cancellationFees as unknown as Omit<FeeStep, "currency">[])
          .map((f) => ({ ...f, currency: r.currencyCode }))
          .sort((a, b) => b.fromHoursBeforeDeparture - a.fromHoursBeforeDeparture),
    }),
    operatorName: t.string({ select: { operator: { select: { name: true } } }, resolve: (r) => r.operator.name }),
    operatorNameZh: t.string({ nullable: true, select: { operator: { select: { nameZh: true } } }, resolve: (r) => r.operator.nameZh }),
    operatorId: t.id({ description: "The operating organization's ID (as Organization.id).", resolve: (r) => encodeGlobalId("Organization", r.operatorOrgId) }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

// ───────────── operators keep the network ─────────────

const StationInput = builder.inputType("StationInput", {
  fields: (t) => ({
    code: t.string({ description: "UN/LOCODE, optionally with a terminal suffix: CNCKG-TJC." }),
    name: t.string(),
    nameZh: t.string(),
    countryCode: t.string(),
    kind: t.field({ type: StationKindEnum }),
    gaugeMm: t.int({ required: false }),
    timezone: t.string({ description: "IANA time zone, e.g. Asia/Vientiane." }),
    latitude: t.float({ required: false }),
    longitude: t.float({ required: false }),
  }),
});

const LegInput = builder.inputType("CorridorLegInput", {
  fields: (t) => ({
    fromCode: t.string(),
    toCode: t.string(),
    distanceKm: t.int(),
    transitHours: t.int(),
    dwellHours: t.int({ required: false, description: "Hours at the leg's end for a border crossing or gauge change; 0 when omitted." }),
    maxFeu: t.int({ required: false, description: "The most FEU a train may haul on this leg; omitted: the corridor's limit." }),
  }),
});

const CorridorInput = builder.inputType("CorridorInput", {
  fields: (t) => ({
    code: t.string({ description: "CN-LA, CE-ALA: saving an existing code replaces its name, mode and legs." }),
    name: t.string(),
    nameZh: t.string(),
    mode: t.field({ type: CorridorModeEnum }),
    description: t.string({ required: false }),
    legs: t.field({ type: [LegInput], description: "In order: each leg starts where the last one ended." }),
    operatorOrgId: t.id({ required: false, description: "Platform admins: the logistics operator that is to run a new corridor, or one nobody runs yet." }),
  }),
});

const LithiumRuleInput = builder.inputType("LithiumAcceptanceInput", {
  fields: (t) => ({
    countryCode: t.string(),
    acceptsUN3171: t.boolean(),
    acceptsUN3480: t.boolean(),
    acceptsUN3481: t.boolean(),
    maxStateOfChargePct: t.int({ required: false }),
  }),
});

const CancellationFeeInput = builder.inputType("CancellationFeeInput", {
  fields: (t) => ({ fromHoursBeforeDeparture: t.int(), feePerFeuMinor: t.int({ description: "In minor units of the rules' currency." }) }),
});

const CorridorRulesInput = builder.inputType("CorridorRulesInput", {
  fields: (t) => ({
    corridorCode: t.string(),
    operatorOrgId: t.id({ required: false, description: "Platform admins: assigns (or reassigns) the corridor to this logistics operator." }),
    maxFeuPerTrain: t.int(),
    maxGrossKgPerTrain: t.int(),
    cutoffLeadHours: t.int(),
    currencyCode: t.string(),
    lithium: t.field({ type: [LithiumRuleInput], validate: z.array(z.unknown()).max(60, "At most 60 countries.") }),
    cancellationFees: t.field({ type: [CancellationFeeInput], validate: z.array(z.unknown()).max(20, "At most 20 fee steps.") }),
  }),
});

const operatorIdOf = (id: string | number | null | undefined) => (id ? decodeIdOf(String(id), "Organization", "operatorOrgId") : null);

const operatorScopes = () => ({ $any: { orgKind: ["LOGISTICS_OPERATOR" as const], platformAdmin: true } });

builder.mutationFields((t) => ({
  saveStation: t.prismaField({
    type: "Station",
    authScopes: operatorScopes(),
    errors: { types: mutationErrors },
    description: "Adds a station (terminal, border crossing, gauge-change point, port) or corrects one.",
    args: { input: t.arg({ type: StationInput }) },
    resolve: (_q, _r, { input }, ctx) => saveStation(ctx, input),
  }),
  saveCorridor: t.prismaField({
    type: "Corridor",
    authScopes: operatorScopes(),
    errors: { types: ruleErrors },
    description: "Creates a corridor run by the caller's organization, or replaces the name, mode and legs of one it runs.",
    args: { input: t.arg({ type: CorridorInput }) },
    resolve: async (q, _r, { input }, ctx) =>
      ctx.db.corridor.findUniqueOrThrow({ ...q, where: { code: (await saveCorridor(ctx, { ...input, operatorOrgId: operatorIdOf(input.operatorOrgId) })).code } }),
  }),
  setCorridorRules: t.prismaField({
    type: "Corridor",
    authScopes: operatorScopes(),
    errors: { types: ruleErrors },
    description: "Replaces a corridor's rules. Departures already scheduled keep their capacity and cut-off.",
    args: { input: t.arg({ type: CorridorRulesInput }) },
    resolve: async (q, _r, { input }, ctx) =>
      ctx.db.corridor.findUniqueOrThrow({ ...q, where: { code: (await setCorridorRules(ctx, { ...input, operatorOrgId: operatorIdOf(input.operatorOrgId) })).code } }),
  }),
}));

builder.queryFields((t) => ({
  currencies: t.prismaField({ type: ["Currency"], authScopes: { public: true }, resolve: (q, _r, _a, ctx) => ctx.db.currency.findMany({ ...q, orderBy: { code: "asc" } }) }),
  markets: t.prismaField({ type: ["Market"], authScopes: { public: true }, resolve: (q, _r, _a, ctx) => ctx.db.market.findMany({ ...q, orderBy: { code: "asc" } }) }),
  stations: t.prismaField({
    type: ["Station"],
    authScopes: { public: true },
    args: { kind: t.arg({ type: StationKindEnum, required: false }), countryCode: t.arg.string({ required: false, validate: z.string().length(2) }) },
    resolve: (q, _r, a, ctx) =>
      ctx.db.station.findMany({
        ...q,
        where: { ...(a.kind ? { kind: a.kind } : {}), ...(a.countryCode ? { countryCode: a.countryCode.toUpperCase() } : {}) },
        orderBy: { code: "asc" },
      }),
  }),
  corridors: t.prismaField({ type: ["Corridor"], authScopes: { public: true }, resolve: (q, _r, _a, ctx) => ctx.db.corridor.findMany({ ...q, orderBy: { code: "asc" } }) }),
}));
