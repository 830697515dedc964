import type { Db, Tx } from "../../db/index.js";
import { NotFoundError } from "../../errors.js";
import type { Leg, LithiumRule } from "./route.js";

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
  }));
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
