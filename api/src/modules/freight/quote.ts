import { type Money, money, sum } from "./money.js";

// Tariff math: pure functions from a tariff and cargo to a priced quote.

export interface Tariff {
  currency: string;
  /** LCL price per weight/measure unit (W/M), in minor units */
  lclPerWmMinor: number;
  /** kilograms that count as one cubic metre */
  wmKgPerCbm: number;
  fcl40Minor: number;
  fcl20Minor: number;
}

export interface QuoteLine {
  label: string;
  quantity: number;
  /** crates of this line */
  crates: number;
  grossKg: number;
  /** thousandths of a cubic metre */
  volumeCbmMilli: number;
}

export interface QuoteItem {
  code: "LCL_FREIGHT" | "FCL_40" | "FCL_20" | "MINIMUM_CHARGE";
  description: string;
  quantity: number;
  unitMinor: number;
  amount: Money;
}

export interface Quote {
  mode: "LCL" | "FCL";
  total: Money;
  items: QuoteItem[];
  /** chargeable weight/measure in thousandths (LCL) */
  chargeableWmMilli: number;
  grossKg: number;
  volumeCbmMilli: number;
  /** capacity the cargo takes on the train, in thousandths of an FEU */
  milliFeu: number;
}

/** Usable cubic metres of a 40ft high cube once crates are stowed (~85% of 76.3 m³). */
export const STOWED_CBM_PER_FEU = 64.8;
/** LCL is charged for at least one W/M. */
const MINIMUM_WM_MILLI = 1000;

export function lclQuote(tariff: Tariff, lines: QuoteLine[]): Quote {
  const grossKg = lines.reduce((s, l) => s + l.grossKg, 0);
  const volumeCbmMilli = lines.reduce((s, l) => s + l.volumeCbmMilli, 0);
  const byWeightMilli = Math.ceil((grossKg * 1000) / tariff.wmKgPerCbm);
  const actualWm = Math.max(volumeCbmMilli, byWeightMilli);
  const chargeableWmMilli = Math.max(actualWm, MINIMUM_WM_MILLI);
  const amount = Math.round((chargeableWmMilli * tariff.lclPerWmMinor) / 1000);
  const items: QuoteItem[] = [
    {
      code: actualWm < MINIMUM_WM_MILLI ? "MINIMUM_CHARGE" : "LCL_FREIGHT",
      description: `LCL freight: ${(chargeableWmMilli / 1000).toFixed(3)} W/M (${(volumeCbmMilli / 1000).toFixed(3)} m³, ${grossKg} kg at ${tariff.wmKgPerCbm} kg = 1 m³)`,
      quantity: chargeableWmMilli / 1000,
      unitMinor: tariff.lclPerWmMinor,
      amount: money(amount, tariff.currency),
    },
  ];
  return {
    mode: "LCL",
    items,
    total: sum(
      tariff.currency,
      items.map((i) => i.amount),
    ),
    chargeableWmMilli,
    grossKg,
    volumeCbmMilli,
    milliFeu: Math.max(1, Math.ceil(volumeCbmMilli / STOWED_CBM_PER_FEU)),
  };
}

export function fclQuote(tariff: Tariff, containers: { fcl40: number; fcl20: number }, lines: QuoteLine[]): Quote {
  const items: QuoteItem[] = [];
  if (containers.fcl40 > 0) {
    items.push({
      code: "FCL_40",
      description: `40ft high cube × ${containers.fcl40}`,
      quantity: containers.fcl40,
      unitMinor: tariff.fcl40Minor,
      amount: money(containers.fcl40 * tariff.fcl40Minor, tariff.currency),
    });
  }
  if (containers.fcl20 > 0) {
    items.push({
      code: "FCL_20",
      description: `20ft × ${containers.fcl20}`,
      quantity: containers.fcl20,
      unitMinor: tariff.fcl20Minor,
      amount: money(containers.fcl20 * tariff.fcl20Minor, tariff.currency),
    });
  }
  return {
    mode: "FCL",
    items,
    total: sum(
      tariff.currency,
      items.map((i) => i.amount),
    ),
    chargeableWmMilli: 0,
    grossKg: lines.reduce((s, l) => s + l.grossKg, 0),
    volumeCbmMilli: lines.reduce((s, l) => s + l.volumeCbmMilli, 0),
    milliFeu: containers.fcl40 * 1000 + containers.fcl20 * 500,
  };
}

/**
 * Converts at a rate of major units of `to` per major unit of `from`, respecting each
 * currency's minor units (CNY has 2, LAK and VND have 0).
 */
export function convert(m: Money, to: { currency: string; minorUnits: number }, from: { minorUnits: number }, rate: number): Money {
  if (m.currency === to.currency) return m;
  const major = m.amountMinor / 10 ** from.minorUnits;
  return money(Math.round(major * rate * 10 ** to.minorUnits), to.currency);
}
