import type { Metadata } from "next";
import { VehicleDetail } from "@/components/vehicles/VehicleDetail";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).vehicles.title };
}

export default async function VehiclePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireOrgKind("MANUFACTURER");
  const { id } = await params;
  const canWrite = viewer.roles.some((role) => role === "ORG_ADMIN" || role === "MEMBER");
  return <VehicleDetail id={decodeURIComponent(id)} timezone={viewer.organization.timezone} canWrite={canWrite} />;
}
