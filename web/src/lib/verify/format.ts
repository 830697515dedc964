// Pure formatting and parsing for the public verify pages; no I/O, shared by server and browser.
import { intlLocaleOf, type PublicLocale } from "@/i18n/public/config";

/**
 * Whether this JavaScript engine has the locale's date and region names. Node has them all;
 * browsers ship a subset (Chromium has no Lao), and then a language-neutral form is used.
 */
export function supportsLocale(locale: PublicLocale): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([intlLocaleOf(locale)]).length > 0;
  } catch {
    return false;
  }
}

/** A day the API gives as YYYY-MM-DD, in the reader's language (a calendar day: no time zone). */
export function formatDay(ymd: string, locale: PublicLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m || !supportsLocale(locale)) return ymd;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(intlLocaleOf(locale), { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

function validZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** `2026-03-02 03:30 GMT+7`: an instant readable in any language, with its zone's offset. */
export function neutralInstant(iso: string, timeZone = "UTC"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = validZone(timeZone);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: zone,
      timeZoneName: "shortOffset",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = zone === "UTC" ? "UTC" : (parts.timeZoneName ?? "");
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${offset}`.trim();
}

/**
 * An instant in the reader's language, always naming its time zone (the page is read from many
 * countries). `timeZone` is the browser's once known; before that, UTC.
 */
export function formatInstant(iso: string, locale: PublicLocale, timeZone = "UTC"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (!supportsLocale(locale)) return neutralInstant(iso, timeZone);
  return new Intl.DateTimeFormat(intlLocaleOf(locale), {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: validZone(timeZone),
    timeZoneName: "short",
  }).format(date);
}

/** A market's name for the reader: Chinese from the API, others from the locale's region names. */
export function marketName(market: { code: string; name: string; nameZh: string } | undefined, code: string, locale: PublicLocale): string {
  if (locale === "zh-CN" && market?.nameZh) return market.nameZh;
  if (locale !== "en" && /^[A-Z]{2}$/.test(code) && supportsLocale(locale)) {
    try {
      const name = new Intl.DisplayNames([intlLocaleOf(locale)], { type: "region", fallback: "none" }).of(code);
      if (name) return name;
    } catch {
      // an engine without region names for this locale: fall through to the API's English
    }
  }
  return market?.name ?? code;
}

/** Frame numbers are 3–40 letters, digits or dashes; a VIN is 17 of them (the API checks more). */
const IDENTIFIER = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

/** What a person typed as a VIN or frame number, as the API looks it up: no spaces, upper case. */
export function normalizeIdentifier(input: string): string {
  return input.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

export function isIdentifier(value: string): boolean {
  return IDENTIFIER.test(value);
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A pasted SHA-256 (any case, spaces or a "sha256:" prefix tolerated), or null if it is not one. */
export function parseSha256(input: string): string | null {
  const hex = input
    .trim()
    .replace(/^sha-?256[:\s]*/i, "")
    .replace(/\s+/g, "")
    .toLowerCase();
  return SHA256.test(hex) ? hex : null;
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = "";
  for (const b of view) out += b.toString(16).padStart(2, "0");
  return out;
}

/** A valid YYYY-MM-DD calendar day, or null. */
export function parseDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value ? value : null;
}
