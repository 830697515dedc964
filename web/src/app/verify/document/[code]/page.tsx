import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { DocumentCodeCheck } from "@/components/verify/DocumentCodeCheck";
import { PublicShell } from "@/components/verify/PublicShell";
import { VerifyUnavailable } from "@/components/verify/StateViews";
import type { PublicDocumentFactsFragment } from "@/gql/graphql";
import { getPublicDictionary } from "@/i18n/public";
import { getPublicLocale } from "@/i18n/public/server";
import { withLang } from "@/lib/verify/links";
import { VerifyDocumentCodeDocument } from "@/lib/verify/operations";
import { publicGql } from "@/lib/verify/server";

type Params = Promise<{ code: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Verification codes are the document ids the API prints in QR codes (`doc` + 24 hex digits). */
const CODE = /^[A-Za-z0-9_-]{1,200}$/;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const t = getPublicDictionary(await getPublicLocale((await searchParams).lang));
  return { title: { absolute: t.meta.documentTitle }, description: t.meta.description, robots: { index: false } };
}

/** /verify/document/<code>: the page a document's QR code opens. */
export default async function VerifyDocumentCodePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const locale = await getPublicLocale((await searchParams).lang);
  const t = getPublicDictionary(locale);
  const code = (await params).code.trim();
  const frame = (content: ReactNode) => (
    <PublicShell locale={locale} t={t}>
      {content}
    </PublicShell>
  );
  // Nothing issued under this code: a 404 whose page (./not-found.tsx) says so.
  if (!CODE.test(code)) notFound();

  let facts: PublicDocumentFactsFragment;
  try {
    facts = (await publicGql(VerifyDocumentCodeDocument, { code })).verifyDocumentCode;
  } catch {
    return frame(<VerifyUnavailable retryHref={withLang(`/verify/document/${encodeURIComponent(code)}`, locale)} />);
  }
  if (!facts.issued || !facts.sha256) notFound();
  return frame(<DocumentCodeCheck facts={facts} />);
}
