/**
 * The language of the sentences in typed errors. Codes (`code`, `rule`) are what programs switch
 * on; `message` is for the person, in the language of the request's Accept-Language (the portal
 * sends the language chosen in it). English when the caller names no language we speak.
 */
export type MessageLocale = "en" | "zh-CN";

/** The best supported language of an Accept-Language header (q-values honoured; any zh → zh-CN). */
export function messageLocaleOf(header: string | null | undefined): MessageLocale {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number.parseFloat(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((e) => e.tag !== "" && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "en";
}

/** One sentence in the caller's language: `say(ctx, "English", "中文")`. */
export function say(ctx: { locale?: MessageLocale }, en: string, zh: string): string {
  return ctx.locale === "zh-CN" ? zh : en;
}

/** A moment as people read it in messages, with its zone: `2026-12-26 08:55 UTC`. */
export function utcMinute(d: Date): string {
  return `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;
}
