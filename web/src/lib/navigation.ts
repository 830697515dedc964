import type { MemberRole, OrgKind } from "@/gql/graphql";
import type { Dictionary } from "@/i18n/en";

export type NavLabel = keyof Dictionary["nav"];
/** Features that are not built yet; each has a sentence saying what will appear there. */
export type FeatureKey = keyof Dictionary["features"];

export interface NavLink {
  /** Unique; also the menu key. */
  href: string;
  label: NavLabel;
  /** Set while the page is a placeholder rendered by the catch-all route. */
  feature?: FeatureKey;
}

export interface NavGroup {
  label: Extract<NavLabel, `group${string}`>;
  links: NavLink[];
}

export interface NavViewer {
  organization: { kind: OrgKind };
  roles: readonly MemberRole[];
  isPlatformAdmin: boolean;
}

const placeholder = (href: string, key: FeatureKey): NavLink => ({ href, label: key, feature: key });

/** What each kind of organization works on. Order is the order of the menu. */
const WORK: Record<OrgKind, NavLink[]> = {
  MANUFACTURER: [
    { href: "/freight/bookings", label: "freightBooking" },
    { href: "/shipments", label: "shipments" },
    { href: "/vehicles", label: "vehicles" },
    { href: "/catalog", label: "catalog" },
    placeholder("/compliance", "compliance"),
    { href: "/documents", label: "documents" },
  ],
  LOGISTICS_OPERATOR: [
    { href: "/departures", label: "departures" },
    { href: "/custody", label: "custody" },
    { href: "/consolidation", label: "consolidation" },
    { href: "/milestones", label: "milestones" },
    { href: "/network", label: "corridorNetwork" },
  ],
  DEALER: [
    { href: "/inbound-shipments", label: "inboundShipments" },
    { href: "/custody", label: "custody" },
    // The public verification page, outside the signed-in shell.
    { href: "/verify", label: "verifyVehicle" },
  ],
  ALLIANCE: [placeholder("/campaigns", "campaigns"), placeholder("/compliance/shared", "sharedCompliance"), placeholder("/alliance/members", "allianceMembers")],
  CERTIFICATION_BODY: [{ href: "/certifications", label: "certifications" }],
  PLATFORM: [],
};

const PLATFORM_ADMIN: NavLink[] = [
  placeholder("/admin/organizations", "organizations"),
  placeholder("/admin/users", "users"),
  { href: "/admin/audit-log", label: "auditLog" },
  { href: "/admin/reference-data", label: "referenceData" },
];

export const DASHBOARD: NavLink = { href: "/", label: "dashboard" };

export function isOrgAdmin(viewer: NavViewer): boolean {
  return viewer.roles.includes("ORG_ADMIN");
}

/** The menu for this viewer: shaped by the organization's kind, then by role. */
export function navigationFor(viewer: NavViewer): NavGroup[] {
  const groups: NavGroup[] = [];
  const work = WORK[viewer.organization.kind];
  if (work.length > 0) groups.push({ label: "groupWork", links: work });
  if (isOrgAdmin(viewer)) {
    const settings: NavLink[] = [
      { href: "/settings/members", label: "members" },
      { href: "/settings/api-keys", label: "apiKeys" },
    ];
    // Platform admins read the audit log under Administration; don't list it twice.
    if (!viewer.isPlatformAdmin) settings.push({ href: "/settings/audit-log", label: "auditLog" });
    groups.push({ label: "groupSettings", links: settings });
  }
  if (viewer.isPlatformAdmin) groups.push({ label: "groupPlatform", links: PLATFORM_ADMIN });
  return groups;
}

export function allLinks(viewer: NavViewer): NavLink[] {
  return [DASHBOARD, ...navigationFor(viewer).flatMap((group) => group.links)];
}

/** The menu entry a path belongs to: the longest href that is the path or a parent of it. */
export function activeLink(links: readonly NavLink[], pathname: string): NavLink | undefined {
  let best: NavLink | undefined;
  for (const link of links) {
    const matches = link.href === "/" ? pathname === "/" : pathname === link.href || pathname.startsWith(`${link.href}/`);
    if (matches && (!best || link.href.length > best.href.length)) best = link;
  }
  return best;
}

/** Only same-site paths may be redirect targets after login (no `//evil.example`). */
export function safeNextPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/login") || value.startsWith("/accept-invitation")) return "/";
  return value;
}
