import { describe, expect, it } from "vitest";
import type { MemberRole, OrgKind } from "@/gql/graphql";
import { activeLink, allLinks, navigationFor, safeNextPath } from "./navigation";

const viewer = (kind: OrgKind, roles: MemberRole[], isPlatformAdmin = false) => ({ organization: { kind }, roles, isPlatformAdmin });

describe("navigationFor", () => {
  it("shapes the work menu by organization kind", () => {
    const labels = (kind: OrgKind) => navigationFor(viewer(kind, ["MEMBER"])).flatMap((g) => g.links.map((l) => l.label));
    expect(labels("MANUFACTURER")).toEqual(["freightBooking", "shipments", "vehicles", "catalog", "compliance", "documents"]);
    expect(labels("LOGISTICS_OPERATOR")).toEqual(["departures", "custody", "consolidation", "milestones", "corridorNetwork"]);
    expect(labels("DEALER")).toEqual(["inboundShipments", "custody", "verifyVehicle"]);
    expect(labels("ALLIANCE")).toEqual(["campaigns", "sharedCompliance", "allianceMembers"]);
    expect(labels("CERTIFICATION_BODY")).toEqual(["certifications"]);
    expect(labels("PLATFORM")).toEqual([]);
  });

  it("links built pages and keeps placeholders only for features still to come", () => {
    const links = (kind: OrgKind) => navigationFor(viewer(kind, ["MEMBER"])).flatMap((g) => g.links);
    const built = [...links("MANUFACTURER"), ...links("CERTIFICATION_BODY")].filter((l) => ["/vehicles", "/documents", "/certifications"].includes(l.href));
    expect(built.map((l) => [l.href, l.feature])).toEqual([
      ["/vehicles", undefined],
      ["/documents", undefined],
      ["/certifications", undefined],
    ]);
    expect(links("MANUFACTURER").find((l) => l.href === "/compliance")?.feature).toBe("compliance");
    // Custody recording is built for operators and dealers; dealers verify on the public page.
    expect(links("LOGISTICS_OPERATOR").find((l) => l.label === "custody")).toEqual({ href: "/custody", label: "custody" });
    // Operators keep stations, corridors and their rules on a page of their own.
    expect(links("LOGISTICS_OPERATOR").map((l) => [l.href, l.feature])).toEqual([
      ["/departures", undefined],
      ["/custody", undefined],
      ["/consolidation", undefined],
      ["/milestones", undefined],
      ["/network", undefined],
    ]);
    expect(links("DEALER").map((l) => [l.href, l.feature])).toEqual([
      ["/inbound-shipments", undefined],
      ["/custody", undefined],
      ["/verify", undefined],
    ]);
  });

  it("adds organization settings for admins only", () => {
    expect(navigationFor(viewer("DEALER", ["VIEWER"])).map((g) => g.label)).toEqual(["groupWork"]);
    expect(navigationFor(viewer("DEALER", ["ORG_ADMIN"])).map((g) => g.label)).toEqual(["groupWork", "groupSettings"]);
  });

  it("gives platform admins the administration menu without a second audit log", () => {
    const groups = navigationFor(viewer("PLATFORM", ["ORG_ADMIN"], true));
    expect(groups.map((g) => g.label)).toEqual(["groupSettings", "groupPlatform"]);
    const hrefs = groups.flatMap((g) => g.links.map((l) => l.href));
    expect(hrefs.filter((h) => h.endsWith("/audit-log"))).toEqual(["/admin/audit-log"]);
    expect(new Set(hrefs).size).toBe(hrefs.length);
  });
});

describe("activeLink", () => {
  const links = allLinks(viewer("DEALER", ["ORG_ADMIN"]));
  it("matches the longest parent path", () => {
    expect(activeLink(links, "/")?.label).toBe("dashboard");
    expect(activeLink(links, "/custody")?.label).toBe("custody");
    expect(activeLink(links, "/inbound-shipments/abc")?.label).toBe("inboundShipments");
    expect(activeLink(links, "/settings/members/abc")?.label).toBe("members");
    expect(activeLink(links, "/settings")).toBeUndefined();
  });
});

describe("safeNextPath", () => {
  it.each([
    [null, "/"],
    ["/settings/members?x=1", "/settings/members?x=1"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["/login?next=/", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
