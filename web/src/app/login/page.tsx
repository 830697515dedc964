import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/AuthShell";
import { env } from "@/config";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { safeNextPath } from "@/lib/navigation";
import { getViewer } from "@/lib/viewer";
import { LoginForm } from "./LoginForm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getDictionary(await getRequestLocale()).login.pageTitle };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : null);
  if (await getViewer()) redirect(next);
  const t = getDictionary(await getRequestLocale());
  return (
    <AuthShell title={t.login.title} subtitle={t.login.subtitle}>
      <LoginForm next={next} showDemo={env.showDemoHint} signedOut={params.signedOut === "1"} />
    </AuthShell>
  );
}
