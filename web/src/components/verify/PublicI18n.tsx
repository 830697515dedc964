"use client";

import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { PublicLocale } from "@/i18n/public/config";
import type { PublicDictionary } from "@/i18n/public/en";

interface PublicI18nValue {
  locale: PublicLocale;
  t: PublicDictionary;
}

const PublicI18nContext = createContext<PublicI18nValue | null>(null);

/** The public pages' language: the server picks the dictionary and hands down only that one. */
export function PublicI18nProvider({ locale, t, children }: PublicI18nValue & { children: ReactNode }) {
  const value = useMemo(() => ({ locale, t }), [locale, t]);
  return <PublicI18nContext value={value}>{children}</PublicI18nContext>;
}

export function usePublicI18n(): PublicI18nValue {
  const value = useContext(PublicI18nContext);
  if (!value) throw new Error("usePublicI18n must be used inside <PublicI18nProvider>");
  return value;
}
