import type { Metadata } from "next";
import { ModelCatalog } from "@/components/freight/ModelCatalog";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).catalog.title };
}

export default async function CatalogPage() {
  await requireOrgKind("MANUFACTURER");
  return <ModelCatalog />;
}
