import type { Metadata } from "next";
import { DocumentRegistry } from "@/components/documents/DocumentRegistry";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).documents.title };
}

export default async function DocumentsPage() {
  await requireOrgKind("MANUFACTURER");
  return <DocumentRegistry />;
}
