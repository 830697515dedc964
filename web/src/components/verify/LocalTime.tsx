"use client";

import { useEffect, useState } from "react";
import { formatInstant, neutralInstant } from "@/lib/verify/format";
import { usePublicI18n } from "./PublicI18n";

/**
 * An instant with its time zone named, in the reader's own zone and language. The server knows
 * neither the zone nor which languages the browser's Intl has (Chromium has no Lao), so the first
 * render is a language-neutral UTC form, identical on both sides; the browser then localizes it.
 */
export function LocalTime({ value }: { value: string }) {
  const { locale } = usePublicI18n();
  const [text, setText] = useState(() => neutralInstant(value));
  useEffect(() => {
    setText(formatInstant(value, locale, Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"));
  }, [value, locale]);
  return <time dateTime={value}>{text}</time>;
}
