import type { Metadata } from "next";
import { CorridorNetwork } from "@/components/network/CorridorNetwork";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).network.title };
}

export default async function NetworkPage() {
  const viewer = await requireOrgKind("LOGISTICS_OPERATOR");
  const canWrite = viewer.roles.some((r) => r === "ORG_ADMIN" || r === "MEMBER");
  return <CorridorNetwork canWrite={canWrite} timeZone={viewer.organization.timezone} />;
}
