"use client";

import { ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import thTH from "antd/locale/th_TH";
import viVN from "antd/locale/vi_VN";
import zhCN from "antd/locale/zh_CN";
import Link from "next/link";
import { type ReactNode, useEffect } from "react";
import { LogoMark } from "@/components/Logo";
import type { PublicLocale } from "@/i18n/public/config";
import type { PublicDictionary } from "@/i18n/public/en";
import { useThemeForMotion } from "@/lib/useThemeForMotion";
import { withLang } from "@/lib/verify/links";
import { PublicI18nProvider } from "./PublicI18n";
import { PublicLanguageSwitch } from "./PublicLanguageSwitch";

// antd has no Lao texts; its few built-in words (empty states, pickers) fall back to English.
const ANTD_LOCALES = { "zh-CN": zhCN, en: enUS, vi: viVN, th: thTH, lo: enUS } as const;

/**
 * The frame of the public pages: Corridor's mark, the language switch and a short footer. No
 * login and no portal navigation: these pages are opened by anyone, mostly from a phone.
 */
export function PublicShell({ locale, t, children }: { locale: PublicLocale; t: PublicDictionary; children: ReactNode }) {
  const { theme } = useThemeForMotion();
  useEffect(() => {
    // The root layout knows only the portal's languages; the page's own language wins here.
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <PublicI18nProvider locale={locale} t={t}>
      <ConfigProvider locale={ANTD_LOCALES[locale]} theme={theme}>
        <div className="verify-page" lang={locale}>
          <a className="skip-link" href="#main">
            {t.shell.skipToContent}
          </a>
          <header className="verify-header">
            <Link className="verify-brand" href={withLang("/verify", locale)}>
              <LogoMark size={30} />
              <span className="verify-brand-name">{t.shell.appName}</span>
              <span className="verify-brand-section">{t.shell.section}</span>
            </Link>
            <PublicLanguageSwitch />
          </header>
          <main id="main" className="verify-main" tabIndex={-1}>
            {children}
          </main>
          <footer className="verify-footer">{t.shell.footer}</footer>
        </div>
      </ConfigProvider>
    </PublicI18nProvider>
  );
}
