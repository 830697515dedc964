import type { Metadata } from "next";
import { PublicShell } from "@/components/verify/PublicShell";
import { VerifyHome } from "@/components/verify/VerifyHome";
import { getPublicDictionary } from "@/i18n/public";
import { getPublicLocale } from "@/i18n/public/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const t = getPublicDictionary(await getPublicLocale((await searchParams).lang));
  return { title: { absolute: t.meta.title }, description: t.meta.description };
}

/** /verify: type a VIN or frame number, or check a PDF or its SHA-256. */
export default async function VerifyPage({ searchParams }: { searchParams: SearchParams }) {
  const locale = await getPublicLocale((await searchParams).lang);
  return (
    <PublicShell locale={locale} t={getPublicDictionary(locale)}>
      <VerifyHome />
    </PublicShell>
  );
}
