import type { Money, Party } from "./model.js";

/** Number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, VND 0, BHD 3). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

function groupDigits(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 123450 USD → "1,234.50" (exact: integer arithmetic, no floating point). */
export function formatMinor(amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const neg = amountMinor < 0;
  const s = String(Math.abs(Math.trunc(amountMinor))).padStart(digits + 1, "0");
  const int = s.slice(0, s.length - digits);
  const frac = s.slice(s.length - digits);
  return `${neg ? "-" : ""}${groupDigits(int)}${digits > 0 ? `.${frac}` : ""}`;
}

export function formatMoney(m: Money): string {
  return `${m.currency} ${formatMinor(m.amountMinor, m.currency)}`;
}

/** Fixed decimals with thousands separators; deterministic, locale independent. */
export function formatNumber(value: number, decimals = 0): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [int = "0", frac] = fixed.split(".");
  const sign = value < 0 && Number(fixed) !== 0 ? "-" : "";
  return `${sign}${groupDigits(int)}${frac ? `.${frac}` : ""}`;
}

/** Sum kilograms exactly in grams. */
export function sumKg(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + Math.round(v * 1000), 0) / 1000;
}

/**
 * "2025-03-14 10:30 GMT+08:00 (Asia/Shanghai)": the instant shown in the document's zone, with the
 * offset spelled out so the reader never has to guess.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatInstant(iso: string, timeZone: string, withZone = true): string {
  const d = new Date(iso);
  let fmt = dateFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "longOffset",
    });
    dateFormats.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  const base = `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
  if (!withZone) return base;
  const offset = get("timeZoneName") === "GMT" ? "GMT+00:00" : get("timeZoneName");
  return `${base} ${offset.replace("GMT", "UTC")} (${timeZone})`;
}

/** Calendar date of an instant in a zone: "2025-03-14". */
export function formatDateIn(iso: string, timeZone: string): string {
  return formatInstant(iso, timeZone, false).slice(0, 10);
}

export function partyLines(p: Party): string[] {
  const lines = [...p.address];
  const contact = [p.contact, p.phone, p.email].filter(Boolean).join(" · ");
  if (contact) lines.push(contact);
  if (p.taxId) lines.push(p.taxId);
  return lines;
}

const ONES = [
  "",
  "ONE",
  "TWO",
  "THREE",
  "FOUR",
  "FIVE",
  "SIX",
  "SEVEN",
  "EIGHT",
  "NINE",
  "TEN",
  "ELEVEN",
  "TWELVE",
  "THIRTEEN",
  "FOURTEEN",
  "FIFTEEN",
  "SIXTEEN",
  "SEVENTEEN",
  "EIGHTEEN",
  "NINETEEN",
];
const TENS = ["", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"];

function below1000(n: number): string {
  const h = Math.floor(n / 100);
  const r = n % 100;
  const parts: string[] = [];
  if (h) parts.push(`${ONES[h]} HUNDRED`);
  if (r) {
    if (r < 20) parts.push(ONES[r] ?? "");
    else parts.push(`${TENS[Math.floor(r / 10)]}${r % 10 ? `-${ONES[r % 10]}` : ""}`);
  }
  return parts.join(" AND ");
}

/** 1234 → "ONE THOUSAND TWO HUNDRED AND THIRTY-FOUR" (integers below 10^15). */
export function numberInWords(n: number): string {
  if (n === 0) return "ZERO";
  const scales = ["", "THOUSAND", "MILLION", "BILLION", "TRILLION"];
  const parts: string[] = [];
  let rest = Math.floor(Math.abs(n));
  let i = 0;
  while (rest > 0 && i < scales.length) {
    const chunk = rest % 1000;
    if (chunk) parts.unshift(`${below1000(chunk)}${scales[i] ? ` ${scales[i]}` : ""}`);
    rest = Math.floor(rest / 1000);
    i++;
  }
  return parts.join(" ");
}

const CURRENCY_WORDS: Record<string, [major: string, minor: string]> = {
  USD: ["US DOLLARS", "CENTS"],
  EUR: ["EUROS", "CENTS"],
  CNY: ["CHINESE YUAN", "FEN"],
  GBP: ["POUNDS STERLING", "PENCE"],
  RUB: ["RUSSIAN ROUBLES", "KOPECKS"],
  KZT: ["KAZAKHSTANI TENGE", "TIYN"],
  PLN: ["POLISH ZLOTYS", "GROSZY"],
  THB: ["THAI BAHT", "SATANG"],
  VND: ["VIETNAMESE DONG", ""],
  IDR: ["INDONESIAN RUPIAH", "SEN"],
  PHP: ["PHILIPPINE PESOS", "CENTAVOS"],
  LAK: ["LAO KIP", "ATT"],
};

/** "SAY US DOLLARS ONE THOUSAND TWO HUNDRED AND THIRTY-FOUR AND CENTS FIFTY ONLY". */
export function amountInWords(m: Money): string {
  const digits = currencyDigits(m.currency);
  const scale = 10 ** digits;
  const major = Math.floor(Math.abs(m.amountMinor) / scale);
  const minor = Math.abs(m.amountMinor) % scale;
  const [majorName, minorName] = CURRENCY_WORDS[m.currency] ?? [m.currency, "MINOR UNITS"];
  let s = `SAY ${majorName} ${numberInWords(major)}`;
  if (minor && minorName) s += ` AND ${minorName} ${numberInWords(minor)}`;
  return `${s} ONLY`;
}
