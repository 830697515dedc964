// The corridor network as operators keep it: stations (terminals, border crossings, gauge-change
// points, ports), corridors as ordered legs with transit and dwell times, and each corridor's
// rules (train length and weight, cut-off lead time, lithium acceptance per country, cancellation
// fees). Checks are pure functions (checkStation, checkLegs, checkRules) so they are unit-tested
// without a database; the writes are all-or-nothing and audited.

import type { Actor, ServiceContext } from "../../context.js";
import { type FieldError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from "../../errors.js";
import type { CorridorMode, StationKind } from "../../generated/prisma/enums.js";
import { say } from "../../messages.js";
import { writeAudit } from "../identity/audit.js";
import { actorOf } from "../identity/guards.js";
import { forgetReferenceData } from "./reference.js";

export interface StationInput {
  code: string;
  name: string;
  nameZh: string;
  countryCode: string;
  kind: StationKind;
  gaugeMm?: number | null;
  timezone: string;
  latitude?: number | null;
  longitude?: number | null;
}

export interface LegInput {
  fromCode: string;
  toCode: string;
  distanceKm: number;
  transitHours: number;
  dwellHours?: number | null;
  maxFeu?: number | null;
}

export interface CorridorInput {
  code: string;
  name: string;
  nameZh: string;
  mode: CorridorMode;
  description?: string | null;
  legs: LegInput[];
}

export interface LithiumRuleInput {
  countryCode: string;
  acceptsUN3171: boolean;
  acceptsUN3480: boolean;
  acceptsUN3481: boolean;
  maxStateOfChargePct?: number | null;
}

export interface CancellationFeeInput {
  fromHoursBeforeDeparture: number;
  feePerFeuMinor: number;
}

export interface CorridorRulesInput {
  corridorCode: string;
  maxFeuPerTrain: number;
  maxGrossKgPerTrain: number;
  cutoffLeadHours: number;
  currencyCode: string;
  lithium: LithiumRuleInput[];
  cancellationFees: CancellationFeeInput[];
}

type Locale = Pick<ServiceContext, "locale">;

/** UN/LOCODE (country + 3), optionally with a terminal suffix: CNCKG, CNCKG-TJC. */
export const STATION_CODE = /^[A-Z]{2}[A-Z2-9]{3}(-[A-Z0-9]{2,5})?$/;
/** CN-LA, CE-ALA, LS-LCH. */
export const CORRIDOR_CODE = /^[A-Z]{2,3}-[A-Z]{2,4}$/;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const between = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** Throws the field errors, if any, under one sentence in the caller's language. */
function refuse(ctx: Locale, errors: FieldError[], en: string, zh: string): void {
  if (errors.length) throw new ValidationError(`${say(ctx, en, zh)} ${errors.map((e) => e.message).join(" ")}`, errors);
}

/** What is wrong with a station, as field errors in the caller's language (empty when it may be saved). */
export function checkStation(s: StationInput, ctx: Locale = {}): FieldError[] {
  const out: FieldError[] = [];
  const at = (field: string, en: string, zh: string) => out.push({ path: [field], message: say(ctx, en, zh) });
  const prefix = s.code.slice(0, 2);
  if (!STATION_CODE.test(s.code))
    at("code", `Station code "${s.code}" is not a UN/LOCODE (5 letters, e.g. CNCKG, optionally -TJC).`, `站点代码“${s.code}”不是 UN/LOCODE（5 个字母，如 CNCKG，可加 -TJC）。`);
  else if (prefix !== s.countryCode)
    at("countryCode", `A ${prefix} station code needs country ${prefix}, not ${s.countryCode}.`, `${prefix} 开头的站点代码须属于国家 ${prefix}，而不是 ${s.countryCode}。`);
  if (!/^[A-Z]{2}$/.test(s.countryCode)) at("countryCode", "The country is two capital letters (ISO 3166).", "国家为两个大写字母（ISO 3166）。");
  if (!s.name.trim() || s.name.length > 100) at("name", "The name is 1 to 100 characters.", "名称为 1 至 100 个字符。");
  if (!s.nameZh.trim() || s.nameZh.length > 100) at("nameZh", "The Chinese name is 1 to 100 characters.", "中文名称为 1 至 100 个字符。");
  if (!isTimeZone(s.timezone)) at("timezone", `"${s.timezone}" is not an IANA time zone (e.g. Asia/Vientiane).`, `“${s.timezone}”不是 IANA 时区（如 Asia/Vientiane）。`);
  if (s.gaugeMm != null && !between(s.gaugeMm, 600, 1700)) at("gaugeMm", "The track gauge is 600 to 1,700 mm.", "轨距为 600 至 1700 毫米。");
  if (s.latitude != null && !(s.latitude >= -90 && s.latitude <= 90)) at("latitude", "Latitude is −90 to 90.", "纬度为 −90 至 90。");
  if (s.longitude != null && !(s.longitude >= -180 && s.longitude <= 180)) at("longitude", "Longitude is −180 to 180.", "经度为 −180 至 180。");
  if ((s.latitude == null) !== (s.longitude == null)) at("longitude", "Give both latitude and longitude, or neither.", "请同时填写纬度和经度，或都不填。");
  return out;
}

/**
 * What is wrong with a corridor's legs: the route must be one chain (each leg starts where the
 * last ended), visit no station twice, and have plausible figures. `known` are the station codes
 * that exist.
 */
export function checkLegs(legs: LegInput[], known: ReadonlySet<string>, ctx: Locale = {}): FieldError[] {
  const out: FieldError[] = [];
  const at = (i: number, field: string, en: string, zh: string) => out.push({ path: ["legs", String(i), field], message: say(ctx, en, zh) });
  if (legs.length === 0) out.push({ path: ["legs"], message: say(ctx, "A corridor needs at least one leg.", "通道至少需要一个区段。") });
  if (legs.length > 30) out.push({ path: ["legs"], message: say(ctx, "A corridor has at most 30 legs.", "通道最多 30 个区段。") });
  const seen = new Set<string>();
  legs.forEach((l, i) => {
    const n = i + 1;
    for (const [field, code] of [
      ["fromCode", l.fromCode],
      ["toCode", l.toCode],
    ] as const)
      if (!known.has(code)) at(i, field, `Leg ${n}: station ${code} does not exist; add it first.`, `区段 ${n}：站点 ${code} 不存在，请先新增。`);
    if (l.fromCode === l.toCode) at(i, "toCode", `Leg ${n} starts and ends at ${l.fromCode}.`, `区段 ${n} 的起点和终点都是 ${l.fromCode}。`);
    const previous = legs[i - 1];
    if (previous && previous.toCode !== l.fromCode)
      at(i, "fromCode", `Leg ${n} starts at ${l.fromCode}, but leg ${i} ends at ${previous.toCode}.`, `区段 ${n} 从 ${l.fromCode} 出发，但区段 ${i} 止于 ${previous.toCode}。`);
    if (i === 0) seen.add(l.fromCode);
    if (seen.has(l.toCode) && l.fromCode !== l.toCode)
      at(i, "toCode", `Leg ${n} returns to ${l.toCode}; a route visits each station once.`, `区段 ${n} 回到 ${l.toCode}；线路中每个站点只能经过一次。`);
    seen.add(l.toCode);
    if (!between(l.distanceKm, 1, 20_000)) at(i, "distanceKm", `Leg ${n}: the distance is 1 to 20,000 km.`, `区段 ${n}：距离为 1 至 20000 公里。`);
    if (!between(l.transitHours, 1, 2_000)) at(i, "transitHours", `Leg ${n}: the transit time is 1 to 2,000 hours.`, `区段 ${n}：运行时间为 1 至 2000 小时。`);
    if (l.dwellHours != null && !between(l.dwellHours, 0, 500)) at(i, "dwellHours", `Leg ${n}: the dwell time is 0 to 500 hours.`, `区段 ${n}：停留时间为 0 至 500 小时。`);
    if (l.maxFeu != null && !between(l.maxFeu, 1, 200)) at(i, "maxFeu", `Leg ${n}: a train hauls 1 to 200 FEU.`, `区段 ${n}：每列可挂 1 至 200 FEU。`);
  });
  return out;
}

/** What is wrong with a corridor's rules. `currencies` are the currency codes that exist. */
export function checkRules(r: Omit<CorridorRulesInput, "corridorCode">, currencies: ReadonlySet<string>, ctx: Locale = {}): FieldError[] {
  const out: FieldError[] = [];
  const at = (path: string[], en: string, zh: string) => out.push({ path, message: say(ctx, en, zh) });
  if (!between(r.maxFeuPerTrain, 1, 200)) at(["maxFeuPerTrain"], "A train hauls 1 to 200 FEU.", "每列可挂 1 至 200 FEU。");
  if (!between(r.maxGrossKgPerTrain, 1_000, 10_000_000)) at(["maxGrossKgPerTrain"], "A train's gross weight limit is 1 to 10,000 t.", "每列总重上限为 1 至 10000 吨。");
  if (!between(r.cutoffLeadHours, 0, 720)) at(["cutoffLeadHours"], "The cut-off is 0 to 720 hours before departure.", "截止时间为发车前 0 至 720 小时。");
  if (!currencies.has(r.currencyCode)) at(["currencyCode"], `Currency ${r.currencyCode} is not one Corridor keeps.`, `平台不支持币种 ${r.currencyCode}。`);
  const countries = new Set<string>();
  r.lithium.forEach((l, i) => {
    const n = i + 1;
    if (!/^[A-Z]{2}$/.test(l.countryCode))
      at(["lithium", String(i), "countryCode"], `Lithium rule ${n}: the country is two capital letters.`, `锂电池规则 ${n}：国家为两个大写字母。`);
    else if (countries.has(l.countryCode))
      at(["lithium", String(i), "countryCode"], `Lithium rule ${n}: ${l.countryCode} has a rule already.`, `锂电池规则 ${n}：${l.countryCode} 已有规则。`);
    countries.add(l.countryCode);
    if (l.maxStateOfChargePct != null && !between(l.maxStateOfChargePct, 0, 100))
      at(["lithium", String(i), "maxStateOfChargePct"], `Lithium rule ${n}: the state-of-charge cap is 0 to 100 %.`, `锂电池规则 ${n}：荷电状态上限为 0 至 100%。`);
  });
  const hours = new Set<number>();
  r.cancellationFees.forEach((f, i) => {
    const n = i + 1;
    const path = ["cancellationFees", String(i), "fromHoursBeforeDeparture"];
    if (!between(f.fromHoursBeforeDeparture, 0, 2_160)) at(path, `Fee ${n}: 0 to 2,160 hours before departure.`, `费用档 ${n}：发车前 0 至 2160 小时。`);
    else if (hours.has(f.fromHoursBeforeDeparture))
      at(path, `Fee ${n}: another fee starts ${f.fromHoursBeforeDeparture} hours before departure.`, `费用档 ${n}：已有费用档从发车前 ${f.fromHoursBeforeDeparture} 小时起算。`);
    hours.add(f.fromHoursBeforeDeparture);
    if (!between(f.feePerFeuMinor, 0, 100_000_000))
      at(["cancellationFees", String(i), "feePerFeuMinor"], `Fee ${n}: the fee per FEU is 0 or more.`, `费用档 ${n}：每 FEU 费用须为 0 或以上。`);
  });
  return out;
}

/** The caller must be a logistics operator who may change data (or a platform admin). */
function operatorOf(ctx: ServiceContext, what: { en: string; zh: string }): Actor {
  const actor = actorOf(ctx);
  if (actor.isPlatformAdmin) return actor;
  if (actor.org.kind !== "LOGISTICS_OPERATOR") throw new ForbiddenError(say(ctx, `Only logistics operators can ${what.en}.`, `只有物流运营方可以${what.zh}。`));
  if (!actor.roles.some((r) => r === "ORG_ADMIN" || r === "MEMBER"))
    throw new ForbiddenError(say(ctx, `Your role in ${actor.org.name} only allows reading.`, `你在 ${actor.org.name} 的角色只能查看。`));
  return actor;
}

/** A corridor's rules belong to the operator that runs it; others (but platform admins) may not change it. */
async function mayRun(ctx: ServiceContext, actor: Actor, corridorCode: string): Promise<void> {
  if (actor.isPlatformAdmin) return;
  const rule = await ctx.db.corridorRule.findUnique({ where: { corridorCode }, include: { operator: { select: { name: true } } } });
  if (rule && rule.operatorOrgId !== actor.org.id)
    throw new ForbiddenError(
      say(ctx, `Corridor ${corridorCode} is run by ${rule.operator.name}; only they can change it.`, `通道 ${corridorCode} 由 ${rule.operator.name} 运营，只有其可以修改。`),
    );
}

/** Adds a station, or corrects one (names, kind, gauge, time zone, position). */
export async function saveStation(ctx: ServiceContext, input: StationInput) {
  operatorOf(ctx, { en: "maintain stations", zh: "维护站点" });
  const s = { ...input, code: input.code.trim().toUpperCase(), countryCode: input.countryCode.trim().toUpperCase(), name: input.name.trim(), nameZh: input.nameZh.trim() };
  refuse(ctx, checkStation(s, ctx), "This station cannot be saved:", "站点无法保存：");
  const data = { ...s, gaugeMm: s.gaugeMm ?? null, latitude: s.latitude ?? null, longitude: s.longitude ?? null };
  const saved = await ctx.db.$transaction(async (tx) => {
    const before = await tx.station.findUnique({ where: { code: s.code } });
    const after = await tx.station.upsert({ where: { code: s.code }, create: data, update: data });
    await writeAudit(tx, ctx, { action: before ? "station.update" : "station.create", targetType: "Station", targetId: s.code, before, after });
    return after;
  });
  forgetReferenceData(ctx.db);
  return saved;
}

/**
 * Creates a corridor or replaces its name, mode and legs. A new corridor comes with the
 * conservative default rules, run by the caller's organization.
 */
export async function saveCorridor(ctx: ServiceContext, input: CorridorInput) {
  const actor = operatorOf(ctx, { en: "maintain corridors", zh: "维护通道" });
  const code = input.code.trim().toUpperCase();
  const legs = input.legs.map((l) => ({ ...l, fromCode: l.fromCode.trim().toUpperCase(), toCode: l.toCode.trim().toUpperCase() }));
  const fields: FieldError[] = [];
  const at = (field: string, en: string, zh: string) => fields.push({ path: [field], message: say(ctx, en, zh) });
  if (!CORRIDOR_CODE.test(code)) at("code", `Corridor code "${code}" is not like CN-LA or CE-ALA.`, `通道代码“${code}”应形如 CN-LA 或 CE-ALA。`);
  if (!input.name.trim() || input.name.length > 100) at("name", "The name is 1 to 100 characters.", "名称为 1 至 100 个字符。");
  if (!input.nameZh.trim() || input.nameZh.length > 100) at("nameZh", "The Chinese name is 1 to 100 characters.", "中文名称为 1 至 100 个字符。");
  if ((input.description ?? "").length > 1000) at("description", "Keep the description under 1,000 characters.", "说明请少于 1000 个字符。");
  const stations = await ctx.db.station.findMany({ where: { code: { in: legs.flatMap((l) => [l.fromCode, l.toCode]) } }, select: { code: true } });
  fields.push(...checkLegs(legs, new Set(stations.map((s) => s.code)), ctx));
  refuse(ctx, fields, "This corridor cannot be saved:", "通道无法保存：");
  await mayRun(ctx, actor, code);
  const corridor = { name: input.name.trim(), nameZh: input.nameZh.trim(), mode: input.mode, description: input.description?.trim() || null };
  const saved = await ctx.db.$transaction(async (tx) => {
    const before = await tx.corridor.findUnique({ where: { code }, include: { legs: { orderBy: { seq: "asc" } }, rule: true } });
    if (before) {
      await tx.corridor.update({ where: { code }, data: corridor });
      await tx.corridorLeg.deleteMany({ where: { corridorCode: code } });
    } else {
      if (actor.isPlatformAdmin && actor.org.kind !== "LOGISTICS_OPERATOR")
        throw new RuleViolationError(
          "NO_OPERATOR",
          say(ctx, "A new corridor needs an operator: create it as a member of the logistics operator that runs it.", "新通道需要运营方：请以运营该通道的物流企业成员身份创建。"),
        );
      await tx.corridor.create({ data: { code, ...corridor } });
    }
    await tx.corridorLeg.createMany({
      data: legs.map((l, i) => ({
        corridorCode: code,
        seq: i + 1,
        fromCode: l.fromCode,
        toCode: l.toCode,
        distanceKm: l.distanceKm,
        transitHours: l.transitHours,
        dwellHours: l.dwellHours ?? 0,
        maxFeu: l.maxFeu ?? null,
      })),
    });
    if (!before?.rule)
      await tx.corridorRule.create({
        data: {
          corridorCode: code,
          operatorOrgId: actor.org.id,
          lithium: [{ countryCode: "CN", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: true, maxStateOfChargePct: 65 }],
          cancellationFees: [],
          currencyCode: "USD",
        },
      });
    const after = await tx.corridor.findUniqueOrThrow({ where: { code }, include: { legs: { orderBy: { seq: "asc" } } } });
    await writeAudit(tx, ctx, { action: before ? "corridor.update" : "corridor.create", targetType: "Corridor", targetId: code, before, after });
    return after;
  });
  forgetReferenceData(ctx.db);
  return saved;
}

/** Replaces a corridor's rules. Departures already scheduled keep their capacity and cut-off. */
export async function setCorridorRules(ctx: ServiceContext, input: CorridorRulesInput) {
  const actor = operatorOf(ctx, { en: "set corridor rules", zh: "设置通道规则" });
  const code = input.corridorCode.trim().toUpperCase();
  const corridor = await ctx.db.corridor.findUnique({ where: { code }, select: { code: true } });
  if (!corridor) throw new NotFoundError("Corridor", code);
  const rules = {
    maxFeuPerTrain: input.maxFeuPerTrain,
    maxGrossKgPerTrain: input.maxGrossKgPerTrain,
    cutoffLeadHours: input.cutoffLeadHours,
    currencyCode: input.currencyCode.trim().toUpperCase(),
    lithium: input.lithium.map((l) => ({
      countryCode: l.countryCode.trim().toUpperCase(),
      acceptsUN3171: l.acceptsUN3171,
      acceptsUN3480: l.acceptsUN3480,
      acceptsUN3481: l.acceptsUN3481,
      maxStateOfChargePct: l.maxStateOfChargePct ?? null,
    })),
    // longest notice first: the order operators read fee tables in
    cancellationFees: input.cancellationFees
      .map((f) => ({ fromHoursBeforeDeparture: f.fromHoursBeforeDeparture, feePerFeuMinor: f.feePerFeuMinor }))
      .sort((a, b) => b.fromHoursBeforeDeparture - a.fromHoursBeforeDeparture),
  };
  const currencies = await ctx.db.currency.findMany({ select: { code: true } });
  refuse(ctx, checkRules(rules, new Set(currencies.map((c) => c.code)), ctx), "These rules cannot be saved:", "规则无法保存：");
  await mayRun(ctx, actor, code);
  const saved = await ctx.db.$transaction(async (tx) => {
    const before = await tx.corridorRule.findUnique({ where: { corridorCode: code } });
    const after = before
      ? await tx.corridorRule.update({ where: { corridorCode: code }, data: rules })
      : await tx.corridorRule.create({ data: { corridorCode: code, operatorOrgId: actor.org.id, ...rules } });
    await writeAudit(tx, ctx, { action: "corridorRule.set", targetType: "Corridor", targetId: code, orgId: after.operatorOrgId, before, after });
    return after;
  });
  forgetReferenceData(ctx.db);
  return { code: saved.corridorCode, rules: saved };
}
