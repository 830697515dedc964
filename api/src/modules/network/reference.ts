import type { Db, Tx } from "../../db/index.js";
import { NotFoundError } from "../../errors.js";
import type { ContainerType } from "../../generated/prisma/client.js";

/** One leg of a corridor, with the countries at each end. */
export interface Leg {
  seq: number;
  fromCode: string;
  toCode: string;
  transitHours: number;
  dwellHours: number;
  fromCountry: string;
  toCountry: string;
  /** the most FEU a train may haul on this leg; null: the corridor's limit */
  maxFeu: number | null;
}

/** Lithium acceptance in one country on a corridor. */
export interface LithiumRule {
  countryCode: string;
  acceptsUN3171: boolean;
  acceptsUN3480: boolean;
  acceptsUN3481: boolean;
  maxStateOfChargePct: number | null;
}

/** The corridor's legs with the countries at each end, in order. */
export async function loadLegs(db: Db | Tx, corridorCode: string): Promise<Leg[]> {
  const legs = await db.corridorLeg.findMany({ where: { corridorCode }, orderBy: { seq: "asc" }, include: { from: true, to: true } });
  if (!legs.length) throw new NotFoundError("Corridor", corridorCode);
  return legs.map((l) => ({
    seq: l.seq,
    fromCode: l.fromCode,
    toCode: l.toCode,
    transitHours: l.transitHours,
    dwellHours: l.dwellHours,
    fromCountry: l.from.countryCode,
    toCountry: l.to.countryCode,
    maxFeu: l.maxFeu,
  }));
}

/** The most FEU a train may haul on a corridor: its rule, and no more than any leg allows. */
export function trainLimitFeu(maxFeuPerTrain: number, legs: ReadonlyArray<{ maxFeu: number | null }>): number {
  return legs.reduce((m, l) => (l.maxFeu != null ? Math.min(m, l.maxFeu) : m), maxFeuPerTrain);
}

export interface CorridorRules {
  maxFeuPerTrain: number;
  maxGrossKgPerTrain: number;
  cutoffLeadHours: number;
  lithium: LithiumRule[];
  cancellationFees: { fromHoursBeforeDeparture: number; feePerFeuMinor: number }[];
  currencyCode: string;
}

/** Defaults for a corridor whose operator has not set rules: conservative on lithium. */
export const defaultRules: CorridorRules = {
  maxFeuPerTrain: 50,
  maxGrossKgPerTrain: 1_300_000,
  cutoffLeadHours: 48,
  lithium: [{ countryCode: "CN", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: true, maxStateOfChargePct: 65 }],
  cancellationFees: [],
  currencyCode: "USD",
};

/** The defaults as a new CorridorRule row's data. */
export const DEFAULT_RULE_DATA = {
  maxFeuPerTrain: defaultRules.maxFeuPerTrain,
  maxGrossKgPerTrain: defaultRules.maxGrossKgPerTrain,
  cutoffLeadHours: defaultRules.cutoffLeadHours,
  lithium: defaultRules.lithium.map((l) => ({ ...l })),
  cancellationFees: [],
  currencyCode: defaultRules.currencyCode,
};

export async function loadRules(db: Db | Tx, corridorCode: string): Promise<CorridorRules> {
  const r = await db.corridorRule.findUnique({ where: { corridorCode } });
  if (!r) return defaultRules;
  return {
    maxFeuPerTrain: r.maxFeuPerTrain,
    maxGrossKgPerTrain: r.maxGrossKgPerTrain,
    cutoffLeadHours: r.cutoffLeadHours,
    lithium: r.lithium as unknown as LithiumRule[],
    cancellationFees: r.cancellationFees as unknown as CorridorRules["cancellationFees"],
    currencyCode: r.currencyCode,
  };
}

// ───────────── reference data cache ─────────────
//
// Corridor legs, corridor rules and container types change rarely (seeds, an operator's rule
// edit) and are read on every quote and booking. Each API process keeps them for a short time,
// per database client, so the booking hot path does not pay three round trips for them. A
// change made through this process calls forgetReferenceData(); other processes (the API is
// stateless and may run many copies) see it within REFERENCE_TTL_MS.

/** How long a process trusts its copy of reference data. */
export const REFERENCE_TTL_MS = 15_000;

interface Cached<T> {
  at: number;
  value: Promise<T>;
}
interface ReferenceCache {
  legs: Map<string, Cached<Leg[]>>;
  rules: Map<string, Cached<CorridorRules>>;
  containerTypes?: Cached<ContainerType[]>;
}
const caches = new WeakMap<Db, ReferenceCache>();

function cacheOf(db: Db): ReferenceCache {
  let c = caches.get(db);
  if (!c) {
    c = { legs: new Map(), rules: new Map() };
    caches.set(db, c);
  }
  return c;
}

/** The cached value when fresh; otherwise one load shared by concurrent callers, not kept if it fails. */
function cached<T>(get: () => Cached<T> | undefined, set: (c: Cached<T> | undefined) => void, load: () => Promise<T>, now: number): Promise<T> {
  const hit = get();
  if (hit && now - hit.at < REFERENCE_TTL_MS) return hit.value;
  const entry: Cached<T> = { at: now, value: load() };
  set(entry);
  entry.value.catch(() => {
    if (get() === entry) set(undefined);
  });
  return entry.value;
}

/** loadLegs through the process cache. Use with the root client, never inside a transaction that changes legs. */
export function cachedLegs(db: Db, corridorCode: string, now = Date.now()): Promise<Leg[]> {
  const c = cacheOf(db);
  return cached(
    () => c.legs.get(corridorCode),
    (e) => (e ? c.legs.set(corridorCode, e) : c.legs.delete(corridorCode)),
    () => loadLegs(db, corridorCode),
    now,
  );
}

/** loadRules through the process cache. */
export function cachedRules(db: Db, corridorCode: string, now = Date.now()): Promise<CorridorRules> {
  const c = cacheOf(db);
  return cached(
    () => c.rules.get(corridorCode),
    (e) => (e ? c.rules.set(corridorCode, e) : c.rules.delete(corridorCode)),
    () => loadRules(db, corridorCode),
    now,
  );
}

/** Every container type, through the process cache. */
export function cachedContainerTypes(db: Db, now = Date.now()): Promise<ContainerType[]> {
  const c = cacheOf(db);
  return cached(
    () => c.containerTypes,
    (e) => {
      c.containerTypes = e;
    },
    () => db.containerType.findMany({ orderBy: { code: "asc" } }),
    now,
  );
}

/** Drops this process's copy of reference data: call after changing legs, rules or container types. */
export function forgetReferenceData(db: Db): void {
  caches.delete(db);
}
