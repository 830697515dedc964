"use client";

import { Radio } from "antd";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useI18n } from "@/i18n/client";
import { type AppLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALES } from "@/i18n/config";

/** Remembers the language in a cookie and re-renders the server components in it. */
export function LanguageSwitch({ size = "small" }: { size?: "small" | "middle" }) {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const choose = (next: AppLocale) => {
    if (next === locale) return;
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    // biome-ignore lint/suspicious/noDocumentCookie: the locale cookie is deliberately readable and set by the browser
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax${secure}`;
    document.documentElement.lang = next;
    startTransition(() => router.refresh());
  };

  return (
    <Radio.Group
      aria-label={t.languageSwitch.label}
      size={size}
      optionType="button"
      buttonStyle="solid"
      value={locale}
      disabled={pending}
      onChange={(event) => choose(event.target.value as AppLocale)}
      options={LOCALES.map((value) => ({
        value,
        label: <span lang={value}>{t.languageSwitch[value]}</span>,
      }))}
    />
  );
}
