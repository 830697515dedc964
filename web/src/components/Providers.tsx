"use client";

import { App, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { type ReactNode, useEffect } from "react";
import { I18nProvider } from "@/i18n/client";
import type { AppLocale } from "@/i18n/config";
import { useThemeForMotion } from "@/lib/useThemeForMotion";

export function Providers({ locale, children }: { locale: AppLocale; children: ReactNode }) {
  const { theme, ready } = useThemeForMotion();
  useEffect(() => {
    // Lets browser tests wait until the page reacts to clicks (and has read the motion setting).
    if (ready) document.documentElement.dataset.hydrated = "true";
  }, [ready]);
  return (
    <I18nProvider locale={locale}>
      <ConfigProvider locale={locale === "zh-CN" ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
        <App>{children}</App>
      </ConfigProvider>
    </I18nProvider>
  );
}
