import type { AppLocale } from "@/i18n/config";

export interface MoneyValue {
  amountMinor: number;
  currency: string;
}

/** Minor units to a localized amount, using the currency's own number of digits (JPY 0, USD 2, KWD 3). */
export function formatMoney(money: MoneyValue | null | undefined, locale: AppLocale): string {
  if (!money) return "";
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: "currency", currency: money.currency });
  } catch {
    return `${money.amountMinor} ${money.currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** digits);
}

/** Digits after the decimal point of a currency's amounts (USD 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Major units typed by a person to minor units of the currency. */
export function toMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorDigits(currency));
}

interface CorridorLike {
  legs: ReadonlyArray<{ seq: number; from: { code: string; timezone: string }; to: { code: string; timezone: string } }>;
}

/** Departure, cut-off and ETA are shown in the time zone of the corridor's first station. */
export function originTimeZone(corridor: CorridorLike): string {
  const first = [...corridor.legs].sort((a, b) => a.seq - b.seq)[0];
  return first?.from.timezone ?? "Asia/Shanghai";
}

export interface StationLike {
  code: string;
  name: string;
  nameZh: string;
  timezone: string;
}

/** Every station of a corridor in order: origin, then the end of each leg. */
export function corridorStations(corridor: { legs: ReadonlyArray<{ seq: number; from: StationLike; to: StationLike }> }): StationLike[] {
  const legs = [...corridor.legs].sort((a, b) => a.seq - b.seq);
  const first = legs[0];
  if (!first) return [];
  return [first.from, ...legs.map((leg) => leg.to)];
}

export function named(item: { name: string; nameZh?: string | null }, locale: AppLocale): string {
  return locale === "zh-CN" && item.nameZh ? item.nameZh : item.name;
}

export const BOOKING_STATUS_COLOR: Record<string, string> = {
  PLANNED: "default",
  CONFIRMED: "blue",
  WAITLISTED: "gold",
  ROLL_OFFERED: "orange",
  ROLLED: "purple",
  IN_TRANSIT: "cyan",
  ARRIVED: "green",
  DELIVERED: "green",
  CANCELLED: "red",
};

export const DEPARTURE_STATUS_COLOR: Record<string, string> = {
  OPEN: "green",
  CLOSED: "default",
  DEPARTED: "cyan",
  ARRIVED: "blue",
  CANCELLED: "red",
};
