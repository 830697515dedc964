import type { Metadata } from "next";
import { ShipmentsList } from "@/components/freight/ShipmentsList";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).freight.shipments.inboundTitle };
}

export default async function InboundShipmentsPage() {
  await requireOrgKind("DEALER");
  return <ShipmentsList inbound />;
}
