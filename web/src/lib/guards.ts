import { notFound } from "next/navigation";
import { isOrgAdmin } from "./navigation";
import { requireViewer, type Viewer } from "./viewer";

/** Pages for managing an organization exist only for its administrators. */
export async function requireOrgAdmin(): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!isOrgAdmin(viewer)) notFound();
  return viewer;
}

export async function requirePlatformAdmin(): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!viewer.isPlatformAdmin) notFound();
  return viewer;
}

/** Pages that belong to some kinds of organization only: the others get "not found". */
export async function requireOrgKind(...kinds: Viewer["organization"]["kind"][]): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!kinds.includes(viewer.organization.kind)) notFound();
  return viewer;
}
