import type { Metadata } from "next";
import { VehicleRegistry } from "@/components/vehicles/VehicleRegistry";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).vehicles.title };
}

export default async function VehiclesPage() {
  const viewer = await requireOrgKind("MANUFACTURER");
  const canWrite = viewer.roles.some((role) => role === "ORG_ADMIN" || role === "MEMBER");
  return <VehicleRegistry timezone={viewer.organization.timezone} canWrite={canWrite} />;
}
