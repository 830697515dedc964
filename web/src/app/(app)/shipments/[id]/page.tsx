import type { Metadata } from "next";
import { ShipmentDetail } from "@/components/freight/ShipmentDetail";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).freight.shipments.title };
}

export default async function ShipmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireOrgKind("MANUFACTURER");
  const { id } = await params;
  return <ShipmentDetail id={decodeURIComponent(id)} canAct backHref="/shipments" />;
}
