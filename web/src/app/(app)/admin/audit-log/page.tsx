import type { Metadata } from "next";
import { AuditLogView } from "@/components/audit/AuditLogView";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requirePlatformAdmin } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).auditLog.title };
}

/** Platform admins see every organization's entries (the API widens the scope for them). */
export default async function PlatformAuditLogPage() {
  const viewer = await requirePlatformAdmin();
  return <AuditLogView timezone={viewer.organization.timezone} showOrganization />;
}
