import type { Metadata } from "next";
import { ConsolidationQueue } from "@/components/freight/OperatorQueues";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).freight.queues.planningTitle };
}

export default async function Page() {
  await requireOrgKind("LOGISTICS_OPERATOR");
  return <ConsolidationQueue />;
}
