import type { Metadata } from "next";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { orgDisplayName } from "@/lib/format";
import { requireOrgAdmin } from "@/lib/guards";
import { ApiKeysView } from "./ApiKeysView";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).apiKeys.title };
}

export default async function ApiKeysPage() {
  const viewer = await requireOrgAdmin();
  const locale = await getRequestLocale();
  return <ApiKeysView orgName={orgDisplayName(viewer.organization, locale)} timezone={viewer.organization.timezone} />;
}
