import { z } from "zod";
import { CorridorMode, MarketRegion, StationKind } from "../../generated/prisma/enums.js";
import { builder } from "../../schema/builder.js";

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
  }),
});

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
