import { cookies, headers } from "next/headers";
import { type AppLocale, isAppLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "./config";

/** The request's locale: the remembered cookie first, else the browser's Accept-Language. */
export async function getRequestLocale(): Promise<AppLocale> {
  const cookieValue = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isAppLocale(cookieValue)) return cookieValue;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}
