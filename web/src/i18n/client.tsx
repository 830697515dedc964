"use client";

import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { AppLocale } from "./config";
import en, { type Dictionary } from "./en";
import { fmt } from "./index";
import zhCN from "./zh-CN";

interface I18nValue {
  locale: AppLocale;
  /** The messages of the current locale. */
  t: Dictionary;
  fmt: typeof fmt;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ locale, children }: { locale: AppLocale; children: ReactNode }) {
  const value = useMemo<I18nValue>(() => ({ locale, t: locale === "zh-CN" ? zhCN : en, fmt }), [locale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
