import type { Metadata } from "next";
import { AuditLogView } from "@/components/audit/AuditLogView";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgAdmin } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).auditLog.title };
}

export default async function OrgAuditLogPage() {
  const viewer = await requireOrgAdmin();
  return <AuditLogView timezone={viewer.organization.timezone} showOrganization={false} />;
}
