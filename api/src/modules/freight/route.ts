// Route facts of a corridor as pure functions: ETAs, countries crossed, lithium acceptance.
import type { MessageLocale } from "../../messages.js";
import type { Leg, LithiumRule } from "../network/reference.js";

const HOUR = 3_600_000;

/** Scheduled arrival at the end of the corridor. */
export function scheduledEta(departsAt: Date, legs: Leg[]): Date {
  return new Date(departsAt.getTime() + legs.reduce((s, l) => s + l.transitHours + l.dwellHours, 0) * HOUR);
}

/**
 * Re-estimates arrival from the latest milestone: the hours left are those of the legs after
 * the station where the train was last seen (its dwell there counted when it only arrived).
 */
export function estimateEta(departsAt: Date, legs: Leg[], last: { stationCode: string | null; occurredAt: Date; type: string } | null): Date {
  if (!last?.stationCode) return last && last.type === "DEPARTED" ? scheduledEta(last.occurredAt, legs) : scheduledEta(departsAt, legs);
  const sorted = [...legs].sort((a, b) => a.seq - b.seq);
  const idx = sorted.findIndex((l) => l.toCode === last.stationCode);
  if (idx < 0) {
    // at the origin, or a station not on the corridor: count from the start
    return last.occurredAt.getTime() > departsAt.getTime() ? scheduledEta(last.occurredAt, sorted) : scheduledEta(departsAt, sorted);
  }
  const here = sorted[idx];
  const dwellLeft = here && !["DEPARTED", "GAUGE_CHANGE", "CUSTOMS_CLEARED"].includes(last.type) ? here.dwellHours : 0;
  const rest = sorted.slice(idx + 1).reduce((s, l) => s + l.transitHours + l.dwellHours, 0);
  return new Date(last.occurredAt.getTime() + (dwellLeft + rest) * HOUR);
}

/** Countries the cargo passes through, in order, without repeats. */
export function countriesOnRoute(legs: Leg[]): string[] {
  const out: string[] = [];
  for (const l of [...legs].sort((a, b) => a.seq - b.seq)) {
    for (const c of [l.fromCountry, l.toCountry]) if (out.at(-1) !== c && !out.includes(c)) out.push(c);
  }
  return out;
}

export interface LithiumCargo {
  label: string;
  unNumber: "NONE" | "UN3171" | "UN3480" | "UN3481";
  stateOfChargePct: number | null;
}

/** Why the corridor refuses this cargo, or null when every country on the route accepts it. */
export function lithiumRefusal(cargo: LithiumCargo[], countries: string[], rules: LithiumRule[], locale?: MessageLocale): string | null {
  const zh = locale === "zh-CN";
  for (const c of cargo) {
    if (c.unNumber === "NONE") continue;
    for (const country of countries) {
      const rule = rules.find((r) => r.countryCode === country);
      if (!rule) continue;
      const accepted = c.unNumber === "UN3171" ? rule.acceptsUN3171 : c.unNumber === "UN3480" ? rule.acceptsUN3480 : rule.acceptsUN3481;
      if (!accepted)
        return zh ? `${c.label}：本通道在 ${country} 不接受 ${c.unNumber} 锂电池货物。` : `${c.label}: ${c.unNumber} lithium cargo is not accepted in ${country} on this corridor.`;
      if (rule.maxStateOfChargePct !== null && (c.stateOfChargePct ?? 100) > rule.maxStateOfChargePct) {
        const charge = c.stateOfChargePct ?? (zh ? "未知" : "unknown");
        return zh
          ? `${c.label}：电池电量 ${charge}% 超过 ${country} 的 ${rule.maxStateOfChargePct}% 上限。`
          : `${c.label}: batteries at ${charge}% charge exceed the ${rule.maxStateOfChargePct}% cap in ${country}.`;
      }
    }
  }
  return null;
}
