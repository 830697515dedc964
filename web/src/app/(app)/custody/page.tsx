import type { Metadata } from "next";
import { CustodyRecorder } from "@/components/custody/CustodyRecorder";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).custody.title };
}

export default async function CustodyPage() {
  const viewer = await requireOrgKind("LOGISTICS_OPERATOR", "DEALER");
  const canWrite = viewer.roles.some((role) => role === "ORG_ADMIN" || role === "MEMBER");
  return <CustodyRecorder role={viewer.organization.kind === "DEALER" ? "DEALER" : "OPERATOR"} timezone={viewer.organization.timezone} canWrite={canWrite} />;
}
