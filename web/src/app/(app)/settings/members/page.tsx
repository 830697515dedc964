import type { Metadata } from "next";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { orgDisplayName } from "@/lib/format";
import { requireOrgAdmin } from "@/lib/guards";
import { MembersView } from "./MembersView";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).members.title };
}

export default async function MembersPage() {
  const viewer = await requireOrgAdmin();
  const locale = await getRequestLocale();
  return <MembersView orgName={orgDisplayName(viewer.organization, locale)} timezone={viewer.organization.timezone} currentUserId={viewer.user?.id ?? null} />;
}
