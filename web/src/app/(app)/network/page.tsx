import type { Metadata } from "next";
import { CorridorNetwork } from "@/components/network/CorridorNetwork";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).network.title };
}

export default async function NetworkPage() {
  await requireOrgKind("LOGISTICS_OPERATOR");
  return <CorridorNetwork />;
}
