// The corridor network as operators keep it: stations (terminals, border crossings, gauge-change
// points, ports), corridors as ordered legs with transit and dwell times, and each corridor's
// rules (train length and weight, cut-off lead time, lithium acceptance per country, cancellation
// fees). Checks are pure functions (checkStation, checkLegs, checkRules) so they are unit-tested
// without a database; the writes are all-or-nothing and audited.

import type { Actor, ServiceContext } from "../../context.js";
import { type FieldError, ForbiddenError, mapPrismaError, NotFoundError, RuleViolationError, ValidationError } from "../../errors.js";
import type { CorridorMode, StationKind } from "../../generated/prisma/enums.js";
import { say } from "../../messages.js";
import { writeAudit } from "../identity/audit.js";
import { actorOf } from "../identity/guards.js";
import { DEFAULT_RULE_DATA, forgetReferenceData } from "./reference.js";

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
  /** platform admins: the logistics operator that is to run it (operators run what they create) */
  operatorOrgId?: string | null;
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
  /** platform admins: assigns (or reassigns) the corridor to this logistics operator */
  operatorOrgId?: string | null;
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

const isWriter = (actor: Actor) => actor.roles.some((r) => r === "ORG_ADMIN" || r === "MEMBER");

/**
 * Whether the caller may change a corridor run by `operatorOrgId` (null: nobody runs it yet):
 * a writer of the operator that runs it, or a platform admin. The services and the
 * `viewerMayEdit` field both ask this.
 */
export function mayChangeCorridor(actor: Actor, operatorOrgId: string | null): boolean {
  if (actor.isPlatformAdmin) return true;
  return actor.org.kind === "LOGISTICS_OPERATOR" && isWriter(actor) && operatorOrgId !== null && operatorOrgId === actor.org.id;
}

/** The caller must be a logistics operator who may change data (or a platform admin). */
function operatorOf(ctx: ServiceContext, what: { en: string; zh: string }): Actor {
  const actor = actorOf(ctx);
  if (actor.isPlatformAdmin) return actor;
  if (actor.org.kind !== "LOGISTICS_OPERATOR") throw new ForbiddenError(say(ctx, `Only logistics operators can ${what.en}.`, `只有物流运营方可以${what.zh}。`));
  if (!isWriter(actor)) throw new ForbiddenError(say(ctx, `Your role in ${actor.org.name} only allows reading.`, `你在 ${actor.org.name} 的角色只能查看。`));
  return actor;
}

type Tx = Parameters<Parameters<ServiceContext["db"]["$transaction"]>[0]>[0];

/** Bookings that still count on a corridor's stations: a route change must keep them. */
const LIVE_BOOKING = ["CONFIRMED", "PLANNED", "WAITLISTED", "ROLL_OFFERED", "IN_TRANSIT"] as const;

/**
 * The organization that is to run a corridor: an operator runs what it creates; only a platform
 * admin assigns (or reassigns) a corridor to an operator, naming it.
 */
async function assignedOperator(ctx: ServiceContext, tx: Tx, actor: Actor, requested: string | null | undefined): Promise<string | null> {
  if (!actor.isPlatformAdmin) {
    if (requested && requested !== actor.org.id)
      throw new ForbiddenError(say(ctx, "Only a platform administrator assigns a corridor to another operator.", "只有平台管理员可以将通道指派给其他运营方。"));
    return actor.org.id;
  }
  if (!requested) return null;
  const org = await tx.organization.findUnique({ where: { id: requested }, select: { kind: true } });
  if (org?.kind !== "LOGISTICS_OPERATOR")
    throw new ValidationError(say(ctx, "The operator named is not a logistics operator.", "所指定的运营方不是物流企业。"), [
      { path: ["operatorOrgId"], message: say(ctx, "not a logistics operator", "不是物流企业") },
    ]);
  return requested;
}

/**
 * Who may change an existing corridor's route and rules: the operator that runs it, or a platform
 * admin. A corridor nobody runs yet waits for a platform admin to assign it. Read inside the
 * writing transaction, so a concurrent reassignment cannot slip between check and write.
 */
async function assertRuns(ctx: ServiceContext, tx: Tx, actor: Actor, corridorCode: string): Promise<{ operatorOrgId: string } | null> {
  const rule = await tx.corridorRule.findUnique({ where: { corridorCode }, include: { operator: { select: { name: true } } } });
  if (mayChangeCorridor(actor, rule?.operatorOrgId ?? null)) return rule;
  if (!rule)
    throw new ForbiddenError(
      say(ctx, `Corridor ${corridorCode} has no operator yet; a platform administrator assigns one.`, `通道 ${corridorCode} 尚无运营方，须由平台管理员指派。`),
    );
  throw new ForbiddenError(
    say(ctx, `Corridor ${corridorCode} is run by ${rule.operator.name}; only they can change it.`, `通道 ${corridorCode} 由 ${rule.operator.name} 运营，只有其可以修改。`),
  );
}

/**
 * Adds a station, or corrects one. Any operator adds stations; a station that corridors use is
 * corrected by the operators that run all of them (its time zone sets their local times), or by a
 * platform admin.
 */
export async function saveStation(ctx: ServiceContext, input: StationInput) {
  const actor = operatorOf(ctx, { en: "maintain stations", zh: "维护站点" });
  const s = { ...input, code: input.code.trim().toUpperCase(), countryCode: input.countryCode.trim().toUpperCase(), name: input.name.trim(), nameZh: input.nameZh.trim() };
  refuse(ctx, checkStation(s, ctx), "This station cannot be saved:", "站点无法保存：");
  const data = { ...s, gaugeMm: s.gaugeMm ?? null, latitude: s.latitude ?? null, longitude: s.longitude ?? null };
  const saved = await ctx.db
    .$transaction(async (tx) => {
      const before = await tx.station.findUnique({ where: { code: s.code } });
      if (before && !actor.isPlatformAdmin) {
        const using = await tx.corridor.findMany({
          where: { legs: { some: { OR: [{ fromCode: s.code }, { toCode: s.code }] } } },
          select: { code: true, rule: { select: { operatorOrgId: true } } },
        });
        const others = using.filter((c) => c.rule?.operatorOrgId !== actor.org.id).map((c) => c.code);
        if (others.length)
          throw new ForbiddenError(
            say(
              ctx,
              `Station ${s.code} is on ${others.join(", ")}, which you do not run; their operators or a platform administrator correct it.`,
              `站点 ${s.code} 位于您未运营的通道 ${others.join("、")} 上，须由其运营方或平台管理员修改。`,
            ),
          );
      }
      const after = before ? await tx.station.update({ where: { code: s.code }, data }) : await tx.station.create({ data });
      await writeAudit(tx, ctx, { action: before ? "station.update" : "station.create", targetType: "Station", targetId: s.code, before, after });
      return after;
    })
    .catch((e) =>
      mapPrismaError(e, { conflict: say(ctx, `Station ${s.code} was just added by someone else; reload and try again.`, `站点 ${s.code} 刚被他人新增，请刷新后重试。`) }),
    );
  forgetReferenceData(ctx.db);
  return saved;
}

/**
 * Creates a corridor or replaces its name, mode and legs. A new corridor comes with the
 * conservative default rules, run by the caller's organization (a platform admin names the
 * operator). A route change may not drop a station that live bookings are bound for.
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
  const corridor = { name: input.name.trim(), nameZh: input.nameZh.trim(), mode: input.mode, description: input.description?.trim() || null };
  const route = new Set(legs.flatMap((l) => [l.fromCode, l.toCode]));
  const saved = await ctx.db
    .$transaction(async (tx) => {
      const before = await tx.corridor.findUnique({ where: { code }, include: { legs: { orderBy: { seq: "asc" } }, rule: true } });
      let operatorOrgId: string | null;
      if (before) {
        const rule = await assertRuns(ctx, tx, actor, code);
        operatorOrgId = rule?.operatorOrgId ?? (await assignedOperator(ctx, tx, actor, input.operatorOrgId));
        const stranded = await tx.booking.findMany({
          where: { status: { in: [...LIVE_BOOKING] }, departure: { corridorCode: code }, destinationCode: { notIn: [...route] } },
          select: { reference: true, destinationCode: true },
          take: 5,
        });
        if (stranded.length)
          throw new RuleViolationError(
            "STATION_IN_USE",
            say(
              ctx,
              `Booking(s) ${stranded.map((b) => b.reference).join(", ")} are bound for ${[...new Set(stranded.map((b) => b.destinationCode))].join(", ")}, which the new route leaves out.`,
              `订舱 ${stranded.map((b) => b.reference).join("、")} 的目的站 ${[...new Set(stranded.map((b) => b.destinationCode))].join("、")} 不在新线路上。`,
            ),
          );
        await tx.corridor.update({ where: { code }, data: corridor });
        await tx.corridorLeg.deleteMany({ where: { corridorCode: code } });
      } else {
        operatorOrgId = await assignedOperator(ctx, tx, actor, input.operatorOrgId);
        if (!operatorOrgId)
          throw new RuleViolationError(
            "NO_OPERATOR",
            say(ctx, "A new corridor needs an operator: name the logistics operator that runs it.", "新通道需要运营方：请指定运营该通道的物流企业。"),
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
      if (!before?.rule && operatorOrgId) await tx.corridorRule.create({ data: { corridorCode: code, operatorOrgId, ...DEFAULT_RULE_DATA } });
      const after = await tx.corridor.findUniqueOrThrow({ where: { code }, include: { legs: { orderBy: { seq: "asc" } } } });
      await writeAudit(tx, ctx, {
        action: before ? "corridor.update" : "corridor.create",
        targetType: "Corridor",
        targetId: code,
        orgId: operatorOrgId ?? actor.org.id,
        before,
        after,
      });
      return after;
    })
    .catch((e) =>
      mapPrismaError(e, { conflict: say(ctx, `Corridor ${code} was just created by someone else; reload and try again.`, `通道 ${code} 刚被他人创建，请刷新后重试。`) }),
    );
  forgetReferenceData(ctx.db);
  return saved;
}

/** Replaces a corridor's rules. Departures already scheduled keep their capacity and cut-off. */
export async function setCorridorRules(ctx: ServiceContext, input: CorridorRulesInput) {
  const actor = operatorOf(ctx, { en: "set corridor rules", zh: "设置通道规则" });
  const code = input.corridorCode.trim().toUpperCase();
  const corridor = await ctx.db.corridor.findUnique({ where: { code }, select: { code: true } });
  if (!corridor) throw new NotFoundError("Corridor", code);
  const given = {
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
    cancellationFees: input.cancellationFees.map((f) => ({ fromHoursBeforeDeparture: f.fromHoursBeforeDeparture, feePerFeuMinor: f.feePerFeuMinor })),
  };
  const currencies = await ctx.db.currency.findMany({ select: { code: true } });
  // checked in the order given, so a field error names the row the person typed
  refuse(ctx, checkRules(given, new Set(currencies.map((c) => c.code)), ctx), "These rules cannot be saved:", "规则无法保存：");
  // longest notice first: the order operators read fee tables in
  const rules = { ...given, cancellationFees: [...given.cancellationFees].sort((a, b) => b.fromHoursBeforeDeparture - a.fromHoursBeforeDeparture) };
  const saved = await ctx.db.$transaction(async (tx) => {
    const before = await tx.corridorRule.findUnique({ where: { corridorCode: code } });
    let operatorOrgId: string | null;
    if (before) {
      await assertRuns(ctx, tx, actor, code);
      operatorOrgId = input.operatorOrgId ? await assignedOperator(ctx, tx, actor, input.operatorOrgId) : before.operatorOrgId;
    } else {
      // nobody runs it yet: operators are told a platform admin assigns it
      if (!actor.isPlatformAdmin) await assertRuns(ctx, tx, actor, code);
      operatorOrgId = await assignedOperator(ctx, tx, actor, input.operatorOrgId);
    }
    if (!operatorOrgId) throw new RuleViolationError("NO_OPERATOR", say(ctx, "Name the logistics operator that runs this corridor.", "请指定运营该通道的物流企业。"));
    const after = before
      ? await tx.corridorRule.update({ where: { corridorCode: code }, data: { ...rules, operatorOrgId } })
      : await tx.corridorRule.create({ data: { corridorCode: code, operatorOrgId, ...rules } });
    await writeAudit(tx, ctx, { action: "corridorRule.set", targetType: "Corridor", targetId: code, orgId: after.operatorOrgId, before, after });
    return after;
  });
  forgetReferenceData(ctx.db);
  return { code: saved.corridorCode, rules: saved };
}
