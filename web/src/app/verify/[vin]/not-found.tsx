import { PublicShell } from "@/components/verify/PublicShell";
import { VehicleNotFound } from "@/components/verify/StateViews";
import { getPublicDictionary } from "@/i18n/public";
import { getPublicLocale } from "@/i18n/public/server";
import { normalizeIdentifier } from "@/lib/verify/format";
import { decodeSegment, requestedUrl } from "@/lib/verify/server";

/** /verify/<VIN> for a VIN or frame number nobody registered: HTTP 404 with a clear page. */
export default async function VehicleNotFoundPage() {
  const url = await requestedUrl();
  const locale = await getPublicLocale(url.searchParams.get("lang") ?? undefined);
  const identifier = normalizeIdentifier(decodeSegment(url.pathname.split("/")[2] ?? "")).slice(0, 60);
  return (
    <PublicShell locale={locale} t={getPublicDictionary(locale)}>
      <VehicleNotFound identifier={identifier} />
    </PublicShell>
  );
}
