import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FeaturePlaceholder } from "@/components/FeaturePlaceholder";
import { getDictionary } from "@/i18n";
import { getRequestLocale } from "@/i18n/server";
import { allLinks, type NavLink } from "@/lib/navigation";
import { requireViewer } from "@/lib/viewer";

/**
 * Menu entries whose feature is not built yet land here and get a proper empty state. A real page
 * at the same path (e.g. app/(app)/shipments/page.tsx) takes precedence over this catch-all.
 */
async function placeholderFor(params: Promise<{ slug: string[] }>): Promise<(NavLink & { feature: NonNullable<NavLink["feature"]> }) | null> {
  const { slug } = await params;
  const path = `/${slug.map((segment) => decodeURIComponent(segment)).join("/")}`;
  const viewer = await requireViewer();
  const link = allLinks(viewer).find((candidate) => candidate.href === path);
  return link?.feature ? { ...link, feature: link.feature } : null;
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string[] }> }): Promise<Metadata> {
  const link = await placeholderFor(params);
  const t = getDictionary(await getRequestLocale());
  return { title: link ? t.nav[link.label] : t.errors.notFoundTitle };
}

export default async function PlaceholderPage({ params }: { params: Promise<{ slug: string[] }> }) {
  const link = await placeholderFor(params);
  if (!link) notFound();
  return <FeaturePlaceholder label={link.label} feature={link.feature} />;
}
