import type { Metadata } from "next";
import { OperatorDepartureDetail } from "@/components/freight/OperatorDepartureDetail";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).freight.operator.title };
}

export default async function DeparturePage({ params }: { params: Promise<{ id: string }> }) {
  await requireOrgKind("LOGISTICS_OPERATOR");
  const { id } = await params;
  return <OperatorDepartureDetail id={decodeURIComponent(id)} />;
}
