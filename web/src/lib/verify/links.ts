import type { PublicLocale } from "@/i18n/public/config";

/** `/verify…` with the page's language kept in the address, so a shared link reads the same. */
export function withLang(path: string, locale: PublicLocale, params: Record<string, string | null | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  search.set("lang", locale);
  return `${path}?${search.toString()}`;
}
