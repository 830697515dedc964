import { cargoClass, crateKwh, type Rejection } from "./crate.js";
import type { CargoClass, CrateSpec, LithiumRules, LithiumSummary, LithiumUn } from "./types.js";

/** Rules that accept everything and separate nothing: what applies when a caller passes none. */
export const NO_LITHIUM_RULES: LithiumRules = { accepted: ["UN3171", "UN3480", "UN3481"], segregate: [] };

const CLASS_ORDER: readonly CargoClass[] = ["non-DG", "UN3171", "UN3481", "UN3480"];

/** Why the rules refuse a crate outright, or null. */
export function lithiumRejection(crate: CrateSpec, rules: LithiumRules): Rejection | null {
  const li = crate.lithium;
  if (li.un === "none") return null;
  if (!rules.accepted.includes(li.un))
    return { reason: "LITHIUM_NOT_ACCEPTED", detail: `${li.un} is not accepted on this corridor (accepted: ${rules.accepted.join(", ") || "none"})` };
  const cap = rules.maxStateOfCharge?.[li.un];
  if (cap !== undefined && li.stateOfCharge > cap + 1e-12) {
    return { reason: "LITHIUM_CHARGE_TOO_HIGH", detail: `${li.un} at ${pct(li.stateOfCharge)} charge exceeds the ${pct(cap)} cap` };
  }
  const kwh = crateKwh(crate);
  const perUn = rules.maxKwhPerContainerByUn?.[li.un];
  for (const limit of [rules.maxKwhPerContainer, perUn]) {
    if (limit !== undefined && kwh > limit + 1e-12) {
      return { reason: "LITHIUM_ENERGY_LIMIT", detail: `one crate holds ${kwh.toFixed(2)} kWh, over the ${limit} kWh container limit` };
    }
  }
  return null;
}

const pct = (v: number) => `${Math.round(v * 1000) / 10} %`;

export function segregated(a: CargoClass, b: CargoClass, rules: LithiumRules): boolean {
  return rules.segregate.some(([p, q]) => (p === a && q === b) || (p === b && q === a));
}

/** Whether a crate of class `cls` may join a container already holding `present`. */
export function mayJoin(present: Iterable<CargoClass>, cls: CargoClass, rules: LithiumRules): boolean {
  for (const c of present) if (segregated(c, cls, rules)) return false;
  return true;
}

/**
 * Splits the classes into groups that may share containers (greedy colouring in a fixed order:
 * non-DG first, loose batteries last). Lines are filled group by group, so a container rarely has
 * to close early because the next line may not join it.
 */
export function segregationGroups(rules: LithiumRules): Map<CargoClass, number> {
  const groups: CargoClass[][] = [];
  const out = new Map<CargoClass, number>();
  for (const cls of CLASS_ORDER) {
    let g = groups.findIndex((members) => members.every((m) => !segregated(m, cls, rules)));
    if (g < 0) {
      groups.push([]);
      g = groups.length - 1;
    }
    groups[g]!.push(cls);
    out.set(cls, g);
  }
  return out;
}

export function classRank(cls: CargoClass): number {
  return CLASS_ORDER.indexOf(cls);
}

/** Energy caps that apply to a container holding crates of these UN numbers. */
export function energyFits(totalKwh: number, byUn: ReadonlyMap<LithiumUn, number>, rules: LithiumRules): boolean {
  if (rules.maxKwhPerContainer !== undefined && totalKwh > rules.maxKwhPerContainer + 1e-9) return false;
  const caps = rules.maxKwhPerContainerByUn;
  if (caps) for (const [un, kwh] of byUn) if (caps[un] !== undefined && kwh > caps[un]! + 1e-9) return false;
  return true;
}

export function summarizeLithium(crates: Iterable<CrateSpec>): LithiumSummary {
  const classes = new Set<CargoClass>();
  const byUn = new Map<LithiumUn, { un: LithiumUn; crates: number; kwh: number; maxStateOfCharge: number }>();
  let totalKwh = 0;
  for (const c of crates) {
    classes.add(cargoClass(c));
    if (c.lithium.un === "none") continue;
    const e = crateKwh(c);
    totalKwh += e;
    const row = byUn.get(c.lithium.un) ?? { un: c.lithium.un, crates: 0, kwh: 0, maxStateOfCharge: 0 };
    row.crates++;
    row.kwh += e;
    row.maxStateOfCharge = Math.max(row.maxStateOfCharge, c.lithium.stateOfCharge);
    byUn.set(c.lithium.un, row);
  }
  const rows = [...byUn.values()].sort((a, b) => (a.un < b.un ? -1 : 1)).map((r) => ({ ...r, kwh: round3(r.kwh) }));
  return {
    classes: CLASS_ORDER.filter((c) => classes.has(c)),
    totalKwh: round3(totalKwh),
    byUn: rows,
    un383Required: rows.length > 0,
  };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
