import type { Metadata } from "next";
import { CertificationDesk } from "@/components/certifications/CertificationDesk";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).certifications.title };
}

export default async function CertificationsPage() {
  const viewer = await requireOrgKind("CERTIFICATION_BODY");
  const canWrite = viewer.roles.some((role) => role === "ORG_ADMIN" || role === "MEMBER");
  return <CertificationDesk timezone={viewer.organization.timezone} canWrite={canWrite} />;
}
