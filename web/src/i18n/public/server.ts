import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE } from "../config";
import { negotiatePublicLocale, type PublicLocale } from "./config";

/**
 * The language of a public page being rendered: `?lang=` (pass the page's search param), then
 * the language cookie the portal also uses, then Accept-Language.
 */
export async function getPublicLocale(lang: string | string[] | undefined): Promise<PublicLocale> {
  const [cookieStore, incoming] = await Promise.all([cookies(), headers()]);
  return negotiatePublicLocale({ query: lang, cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: incoming.get("accept-language") });
}
