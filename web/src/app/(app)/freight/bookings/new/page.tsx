import type { Metadata } from "next";
import { BookingWizard } from "@/components/freight/BookingWizard";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { requireOrgKind } from "@/lib/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).freight.wizard.title };
}

export default async function NewBookingPage({ searchParams }: { searchParams: Promise<{ departure?: string | string[] }> }) {
  await requireOrgKind("MANUFACTURER");
  const { departure } = await searchParams;
  return <BookingWizard initialDepartureId={typeof departure === "string" ? departure : null} />;
}
