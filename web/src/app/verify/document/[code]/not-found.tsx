import { PublicShell } from "@/components/verify/PublicShell";
import { DocumentNotFound } from "@/components/verify/StateViews";
import { getPublicDictionary } from "@/i18n/public";
import { getPublicLocale } from "@/i18n/public/server";
import { decodeSegment, requestedUrl } from "@/lib/verify/server";

/** /verify/document/<code> for a code that names no issued document: HTTP 404 with a clear page. */
export default async function DocumentNotFoundPage() {
  const url = await requestedUrl();
  const locale = await getPublicLocale(url.searchParams.get("lang") ?? undefined);
  const code = decodeSegment(url.pathname.split("/")[3] ?? "").slice(0, 80);
  return (
    <PublicShell locale={locale} t={getPublicDictionary(locale)}>
      <DocumentNotFound code={code} />
    </PublicShell>
  );
}
