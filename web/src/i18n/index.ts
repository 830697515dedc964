import type { AppLocale } from "./config";
import en, { type Dictionary } from "./en";
import zhCN from "./zh-CN";

export * from "./config";
export type { Dictionary } from "./en";

const dictionaries: Record<AppLocale, Dictionary> = { "zh-CN": zhCN, en };

export function getDictionary(locale: AppLocale): Dictionary {
  return dictionaries[locale];
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (Object.hasOwn(values, key) ? String(values[key]) : match));
}
