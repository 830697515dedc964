import type { ReactNode } from "react";
import { AppShell } from "@/components/AppShell";
import { requireViewer } from "@/lib/viewer";

export default async function AuthenticatedLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return <AppShell viewer={viewer}>{children}</AppShell>;
}
