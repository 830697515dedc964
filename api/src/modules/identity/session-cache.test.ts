import { describe, expect, it } from "vitest";
import { SessionCache } from "./authenticate.js";

type Row = Parameters<SessionCache["set"]>[1];
const row = (id: string, lastSeenAt = new Date(0)): Row => ({
  id,
  userId: `u-${id}`,
  expiresAt: new Date(8.64e15),
  revokedAt: null,
  lastSeenAt,
  email: `${id}@example.test`,
  disabledAt: null,
  roles: ["MEMBER"],
  orgId: "o",
  orgSlug: "o",
  orgKind: "MANUFACTURER",
  orgName: "O",
});

describe("SessionCache", () => {
  it("keeps a row until its deadline, then forgets it", () => {
    const c = new SessionCache();
    c.set("h", row("a"), 1000, c.generation);
    expect(c.get("h", 999)?.id).toBe("a");
    expect(c.get("h", 1000)).toBeUndefined();
    expect(c.get("h", 500)).toBeUndefined();
  });

  it("does not store a row read before a clear (a logout committed meanwhile)", () => {
    const c = new SessionCache();
    const before = c.generation;
    c.clear();
    c.set("h", row("a"), 1000, before);
    expect(c.get("h", 0)).toBeUndefined();
    c.set("h", row("a"), 1000, c.generation);
    expect(c.get("h", 0)?.id).toBe("a");
  });

  it("a touched row keeps the deadline it was first stored with", () => {
    const c = new SessionCache();
    c.set("h", row("a"), 1000, c.generation);
    c.set("h", row("a", new Date(500)), 5000, c.generation);
    expect(c.get("h", 999)?.lastSeenAt).toEqual(new Date(500));
    expect(c.get("h", 1000)).toBeUndefined();
  });

  it("holds at most MAX_ENTRIES rows, dropping the oldest", () => {
    const c = new SessionCache();
    for (let i = 0; i <= SessionCache.MAX_ENTRIES; i++) c.set(`h${i}`, row(`r${i}`), 1000, c.generation);
    expect(c.get("h0", 0)).toBeUndefined();
    expect(c.get("h1", 0)?.id).toBe("r1");
    expect(c.get(`h${SessionCache.MAX_ENTRIES}`, 0)?.id).toBe(`r${SessionCache.MAX_ENTRIES}`);
  });
});
