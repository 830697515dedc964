import type { Metadata } from "next";
import { ShipmentDetail } from "@/components/freight/ShipmentDetail";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).freight.shipments.inboundTitle };
}

export default async function InboundShipmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireOrgKind("DEALER");
  const { id } = await params;
  return <ShipmentDetail id={decodeURIComponent(id)} canAct={false} backHref="/inbound-shipments" />;
}
