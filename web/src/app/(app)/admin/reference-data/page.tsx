import type { Metadata } from "next";
import { CorridorNetwork } from "@/components/network/CorridorNetwork";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requirePlatformAdmin } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).nav.referenceData };
}

/** Platform admins keep the corridor network and say which operator runs each corridor. */
export default async function ReferenceDataPage() {
  const viewer = await requirePlatformAdmin();
  return <CorridorNetwork canWrite admin timeZone={viewer.organization.timezone} />;
}
