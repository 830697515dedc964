import type { PublicLocale } from "./config";
import en, { type PublicDictionary } from "./en";
import lo from "./lo";
import th from "./th";
import vi from "./vi";
import zhCN from "./zh-CN";

export * from "./config";
export type { PublicDictionary } from "./en";

const dictionaries: Record<PublicLocale, PublicDictionary> = { "zh-CN": zhCN, en, vi, lo, th };

export function getPublicDictionary(locale: PublicLocale): PublicDictionary {
  return dictionaries[locale];
}
