import type { AppLocale } from "@/i18n/config";

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date and time with its zone shown ("Nov 25, 2026, 14:05 GMT+8" / "2026年11月25日 14:05 GMT+8").
 * The zone is explicit (the organization's time zone) so the server and the browser render the
 * same text, and it always comes last, which ICU does not do for every locale by itself.
 */
export function formatDateTime(value: string | Date | null | undefined, locale: AppLocale, timeZone: string): string {
  if (value == null) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  const parts = formatterFor(locale, timeZone).formatToParts(date);
  const zone = parts.find((part) => part.type === "timeZoneName")?.value ?? "";
  const rest = parts
    .filter((part) => part.type !== "timeZoneName")
    .map((part) => part.value)
    .join("")
    .replace(/\s{2,}/g, " ")
    .trim();
  return zone ? `${rest} ${zone}` : rest;
}

function formatterFor(locale: AppLocale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = createFormat(locale, timeZone);
    dateTimeFormats.set(key, format);
  }
  return format;
}

function createFormat(locale: AppLocale, timeZone: string): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    // An unknown zone name in the data must not break the page: fall back to UTC, still labelled.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
  }
}

/** The organization's name in the reader's language when a Chinese name is known. */
export function orgDisplayName(org: { name: string; nameZh?: string | null }, locale: AppLocale): string {
  return locale === "zh-CN" && org.nameZh ? org.nameZh : org.name;
}
