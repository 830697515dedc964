/** Locales the portal is translated into. `zh-CN` first: most users are in Chongqing. */
export const LOCALES = ["zh-CN", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];

/** Cookie that remembers the chosen language (readable by the browser; not a secret). */
export const LOCALE_COOKIE = "corridor_locale";
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Used when neither the cookie nor Accept-Language names a supported language. */
export const DEFAULT_LOCALE: AppLocale = "en";

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the best supported locale from an Accept-Language header, honouring q-values.
 * Any `zh` tag (zh, zh-CN, zh-Hans, zh-TW …) maps to zh-CN, the only Chinese we ship.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const qParam = params.find((p) => p.trim().startsWith("q="));
      const q = qParam ? Number.parseFloat(qParam.trim().slice(2)) : 1;
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag !== "" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return DEFAULT_LOCALE;
}

/** The API's `Locale` enum spells locales as GraphQL names. */
export function toApiLocale(locale: AppLocale): "zh_CN" | "en" {
  return locale === "zh-CN" ? "zh_CN" : "en";
}

export function fromApiLocale(locale: string): AppLocale {
  return locale === "zh_CN" ? "zh-CN" : "en";
}
