import type { Metadata } from "next";
import { OperatorDepartures } from "@/components/freight/OperatorDepartures";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).freight.operator.title };
}

export default async function DeparturesPage() {
  await requireOrgKind("LOGISTICS_OPERATOR");
  return <OperatorDepartures />;
}
