import type { Actor } from "../../context.js";
import { type Db, queryDirect } from "../../db/index.js";
import type { MemberRole, OrgKind } from "../../generated/prisma/client.js";
import { API_KEY_PREFIX, parseApiKey, SESSION_PREFIX, sha256 } from "./tokens.js";

export const SESSION_COOKIE = "corridor_session";

export interface AuthResult {
  actor: Actor | null;
  problem: "expired" | "invalid" | null;
}

const anonymous: AuthResult = { actor: null, problem: null };
/** Bookkeeping writes (last seen) happen at most this often per credential. */
const TOUCH_EVERY_MS = 60_000;

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The credential a request carries: a bearer token (session or API key) or the session cookie. */
export function credentialOf(headers: Headers): string | null {
  const auth = headers.get("authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m?.[1] ?? "";
  }
  return readCookie(headers.get("cookie"), SESSION_COOKIE);
}

export function isPlatformAdmin(orgKind: OrgKind, roles: MemberRole[]): boolean {
  return orgKind === "PLATFORM" && roles.includes("ORG_ADMIN");
}

/**
 * Resolves the caller; at most one query per request on the hot path. With `sessionCacheMs` > 0
 * a session found valid is remembered for that long (see `SessionCache`).
 */
export async function authenticate(db: Db, headers: Headers, opts: { now?: Date; sessionCacheMs?: number } = {}): Promise<AuthResult> {
  const credential = credentialOf(headers);
  if (credential === null) return anonymous;
  const now = opts.now ?? new Date();
  if (credential.startsWith(API_KEY_PREFIX)) return authenticateApiKey(db, credential, now);
  if (credential.startsWith(SESSION_PREFIX)) return authenticateSession(db, credential, now, opts.sessionCacheMs ?? 0);
  return { actor: null, problem: "invalid" };
}

/**
 * Sessions recently found valid, by token hash, per database handle: a signed-in client sends
 * many requests a second (the portal, an integration booking in a loop), and each would read
 * the same row. An entry lives `SESSION_CACHE_MS` (config; 0 turns the cache off). Whatever
 * ends or narrows a session in this process (logout, switching organization, roles changed,
 * membership removed, password changed) forgets them all at once, so here it takes effect at
 * the next request; another API copy notices within `SESSION_CACHE_MS`. Only valid sessions
 * are kept: a refused token is looked up again every time. Expiry is checked on every use.
 */
export class SessionCache {
  private readonly entries = new Map<string, { row: SessionRow; until: number }>();
  static readonly MAX_ENTRIES = 10_000;
  /**
   * Counts `clear()`s. A lookup that started before a clear must not store what it read: the row
   * may predate the logout that cleared the cache.
   */
  generation = 0;

  get(hash: string, nowMs: number): SessionRow | undefined {
    const e = this.entries.get(hash);
    if (!e) return undefined;
    if (e.until > nowMs) return e.row;
    this.entries.delete(hash);
    return undefined;
  }

  /** Remembers `row` until `until` (ms), unless the cache was cleared since `generation`. */
  set(hash: string, row: SessionRow, until: number, generation: number): void {
    if (generation !== this.generation) return;
    const kept = this.entries.get(hash);
    if (kept) {
      // a touch (last seen) of a remembered row: keep its deadline
      this.entries.set(hash, { row, until: kept.until });
      return;
    }
    if (this.entries.size >= SessionCache.MAX_ENTRIES) {
      // the oldest entry (a Map iterates in insertion order)
      const first = this.entries.keys().next();
      if (!first.done) this.entries.delete(first.value);
    }
    this.entries.set(hash, { row, until });
  }

  clear(): void {
    this.entries.clear();
    this.generation++;
  }
}

const sessionCaches = new WeakMap<Db, SessionCache>();

/** Forgets every remembered session of `db`: call after a change that ends or narrows sessions. */
export function forgetSessions(db: Db): void {
  sessionCaches.get(db)?.clear();
}

interface SessionRow {
  id: string;
  userId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  lastSeenAt: Date;
  email: string;
  disabledAt: Date | null;
  roles: MemberRole[] | null;
  orgId: string | null;
  orgSlug: string | null;
  orgKind: OrgKind | null;
  orgName: string | null;
}

/**
 * The session, its user and the membership in the session's active org, in one round trip. Every
 * signed-in request runs it: a prepared statement straight on the driver where the client allows
 * (about half a millisecond of Prisma's per-query work saved), through Prisma otherwise.
 */
const SESSION_SQL = {
  name: "corridor_session_by_token",
  text: `SELECT s.id, s."userId", s."expiresAt", s."revokedAt", s."lastSeenAt", u.email, u."disabledAt",
                m.roles::text[] AS roles, o.id AS "orgId", o.slug AS "orgSlug", o.kind::text AS "orgKind", o.name AS "orgName"
           FROM "Session" s
           JOIN "User" u ON u.id = s."userId"
           LEFT JOIN "Membership" m ON m."userId" = s."userId" AND m."orgId" = s."activeOrgId"
           LEFT JOIN "Organization" o ON o.id = m."orgId"
          WHERE s."tokenHash" = $1`,
};

async function authenticateSession(db: Db, token: string, now: Date, cacheMs: number): Promise<AuthResult> {
  const hash = sha256(token);
  let cache: SessionCache | undefined;
  if (cacheMs > 0) {
    cache = sessionCaches.get(db);
    if (!cache) {
      cache = new SessionCache();
      sessionCaches.set(db, cache);
    }
  }
  const generation = cache?.generation ?? 0;
  let session = cache?.get(hash, now.getTime());
  const cached = session !== undefined;
  if (!session) [session] = await queryDirect<SessionRow>(db, SESSION_SQL, [hash]);
  if (!session || session.revokedAt || session.disabledAt) return { actor: null, problem: "invalid" };
  if (session.expiresAt <= now) return { actor: null, problem: "expired" };
  const { orgId, orgSlug, orgKind, orgName, roles } = session;
  // no membership in the session's active org (any more)
  if (orgId === null || orgSlug === null || orgKind === null || orgName === null || roles === null) return { actor: null, problem: "invalid" };
  let touched = false;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
    session = { ...session, lastSeenAt: now };
    touched = true;
  }
  if (cache && (!cached || touched)) cache.set(hash, session, now.getTime() + cacheMs, generation);
  return {
    problem: null,
    actor: {
      kind: "user",
      userId: session.userId,
      sessionId: session.id,
      email: session.email,
      org: { id: orgId, slug: orgSlug, kind: orgKind, name: orgName },
      roles,
      isPlatformAdmin: isPlatformAdmin(orgKind, roles),
    },
  };
}

async function authenticateApiKey(db: Db, key: string, now: Date): Promise<AuthResult> {
  const parsed = parseApiKey(key);
  if (!parsed) return { actor: null, problem: "invalid" };
  const apiKey = await db.apiKey.findUnique({ where: { prefix: parsed.prefix }, include: { org: true } });
  if (!apiKey || apiKey.secretHash !== sha256(key) || apiKey.revokedAt) return { actor: null, problem: "invalid" };
  if (apiKey.expiresAt && apiKey.expiresAt <= now) return { actor: null, problem: "expired" };
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: now } });
  }
  const { org } = apiKey;
  return {
    problem: null,
    actor: {
      kind: "apiKey",
      apiKeyId: apiKey.id,
      userId: null,
      org: { id: org.id, slug: org.slug, kind: org.kind, name: org.name },
      roles: apiKey.roles,
      isPlatformAdmin: false,
    },
  };
}
