import type { Metadata } from "next";
import { AuthShell } from "@/components/AuthShell";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { AcceptInvitationForm } from "./AcceptInvitationForm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).acceptInvitation.pageTitle, referrer: "no-referrer" };
}

export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const t = getDictionary(await getRequestLocale());
  return (
    <AuthShell title={t.acceptInvitation.title} subtitle={t.acceptInvitation.subtitle}>
      <AcceptInvitationForm token={typeof token === "string" && token.length > 0 ? token : null} />
    </AuthShell>
  );
}
