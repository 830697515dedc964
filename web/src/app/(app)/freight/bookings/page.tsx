import type { Metadata } from "next";
import { DepartureBoard } from "@/components/freight/DepartureBoard";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).freight.boardTitle };
}

export default async function DepartureBoardPage() {
  await requireOrgKind("MANUFACTURER");
  return <DepartureBoard />;
}
