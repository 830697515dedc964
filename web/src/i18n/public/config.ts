/**
 * Languages of the public pages (/verify …), which people outside the platform open from a QR
 * code: dealers and buyers along the corridors to Laos, Vietnam and Thailand as well as the
 * portal's Chinese and English. The logged-in portal keeps its own two (../config.ts).
 */
export const PUBLIC_LOCALES = ["zh-CN", "en", "vi", "lo", "th"] as const;
export type PublicLocale = (typeof PUBLIC_LOCALES)[number];

/** Used when neither ?lang=, the cookie nor Accept-Language names a language we have. */
export const DEFAULT_PUBLIC_LOCALE: PublicLocale = "en";

/** Each language in its own script, as the switch shows it. */
export const PUBLIC_LOCALE_NAMES: Record<PublicLocale, string> = {
  "zh-CN": "中文",
  en: "English",
  vi: "Tiếng Việt",
  lo: "ພາສາລາວ",
  th: "ไทย",
};

export function isPublicLocale(value: unknown): value is PublicLocale {
  return typeof value === "string" && (PUBLIC_LOCALES as readonly string[]).includes(value);
}

/**
 * One language tag (from ?lang=, a cookie or Accept-Language) to a locale we ship, or null.
 * Any region or script counts: zh-TW and zh-Hant → zh-CN (the only Chinese), en-GB → en,
 * vi-VN → vi, lo-LA → lo, th-TH → th. Case and `_` separators are tolerated.
 */
export function matchPublicLocale(tag: string | null | undefined): PublicLocale | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().replace(/_/g, "-").split("-")[0];
  switch (primary) {
    case "zh":
      return "zh-CN";
    case "en":
      return "en";
    case "vi":
      return "vi";
    case "lo":
      return "lo";
    case "th":
      return "th";
    default:
      return null;
  }
}

/** The best locale we ship from an Accept-Language header, honouring q-values; null if none. */
export function publicLocaleFromAcceptLanguage(header: string | null | undefined): PublicLocale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const qParam = params.find((p) => p.trim().startsWith("q="));
      const q = qParam ? Number.parseFloat(qParam.trim().slice(2)) : 1;
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = matchPublicLocale(tag);
    if (locale) return locale;
  }
  return null;
}

/**
 * The language of a public page: an explicit `?lang=` first (links and QR codes can carry it),
 * then the remembered cookie, then the browser's Accept-Language, then English.
 */
export function negotiatePublicLocale(sources: { query?: string | string[] | null; cookie?: string | null; acceptLanguage?: string | null }): PublicLocale {
  const query = Array.isArray(sources.query) ? sources.query[0] : sources.query;
  return matchPublicLocale(query) ?? matchPublicLocale(sources.cookie) ?? publicLocaleFromAcceptLanguage(sources.acceptLanguage) ?? DEFAULT_PUBLIC_LOCALE;
}

/**
 * The tag handed to Intl. Thai uses the Gregorian calendar here, like the certificates and the
 * documents the page is compared with (Intl's default for `th` is the Buddhist era).
 */
export function intlLocaleOf(locale: PublicLocale): string {
  return locale === "th" ? "th-TH-u-ca-gregory" : locale;
}
