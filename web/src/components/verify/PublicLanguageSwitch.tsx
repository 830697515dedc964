"use client";

import { DownOutlined, GlobalOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "@/i18n/config";
import { PUBLIC_LOCALE_NAMES, PUBLIC_LOCALES, type PublicLocale } from "@/i18n/public/config";
import { usePublicI18n } from "./PublicI18n";

/**
 * Picks the page's language: puts it in the address (?lang=, so a shared link reads the same)
 * and remembers it in the language cookie the portal uses too.
 */
export function PublicLanguageSwitch() {
  const { locale, t } = usePublicI18n();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  const choose = (next: PublicLocale) => {
    if (next === locale) return;
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    // biome-ignore lint/suspicious/noDocumentCookie: the language cookie is deliberately readable and set by the browser
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax${secure}`;
    const params = new URLSearchParams(searchParams.toString());
    params.set("lang", next);
    startTransition(() => router.replace(`${pathname}?${params.toString()}`, { scroll: false }));
  };

  return (
    <Dropdown
      trigger={["click"]}
      placement="bottomRight"
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: PUBLIC_LOCALES.map((value) => ({ key: value, label: <span lang={value}>{PUBLIC_LOCALE_NAMES[value]}</span> })),
        onClick: ({ key }) => choose(key as PublicLocale),
      }}
    >
      <Button aria-label={`${t.shell.language}: ${PUBLIC_LOCALE_NAMES[locale]}`} icon={<GlobalOutlined />} loading={pending}>
        <span lang={locale}>{PUBLIC_LOCALE_NAMES[locale]}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
