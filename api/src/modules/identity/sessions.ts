import type { ServiceContext } from "../../context.js";
import { ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError } from "../../errors.js";
import { writeAudit } from "./audit.js";
import { forgetSessions } from "./authenticate.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { newSessionToken } from "./tokens.js";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const BAD_CREDENTIALS = "The email or password is not correct.";

/**
 * Refuses before checking the password when an account or an address has failed too often
 * in the window, so guessing is slow whichever account is attacked.
 */
async function assertNotRateLimited(ctx: ServiceContext, email: string, now: Date): Promise<void> {
  const { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MINUTES, LOGIN_MAX_PER_IP } = ctx.config;
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const [byEmail, byIp] = await Promise.all([
    ctx.db.loginAttempt.count({ where: { email, success: false, createdAt: { gte: since } } }),
    ctx.ip ? ctx.db.loginAttempt.count({ where: { ip: ctx.ip, success: false, createdAt: { gte: since } } }) : Promise.resolve(0),
  ]);
  if (byEmail >= LOGIN_MAX_FAILURES || byIp >= LOGIN_MAX_PER_IP) {
    throw new RateLimitedError(`Too many failed logins. Please wait ${LOGIN_WINDOW_MINUTES} minutes and try again.`, LOGIN_WINDOW_MINUTES * 60);
  }
}

export interface LoginInput {
  email: string;
  password: string;
  organizationSlug?: string | null;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  sessionId: string;
  userId: string;
  orgId: string;
}

/** Checks a password and opens a session in one of the user's organizations. */
export async function login(ctx: ServiceContext, input: LoginInput, now = new Date()): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  await assertNotRateLimited(ctx, email, now);
  const user = await ctx.db.user.findUnique({
    where: { email },
    include: { memberships: { include: { org: true }, orderBy: { createdAt: "asc" } } },
  });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user?.passwordHash || !ok || user.disabledAt) {
    await ctx.db.loginAttempt.create({ data: { email, ip: ctx.ip, success: false } });
    throw new UnauthenticatedError(user?.disabledAt && ok ? "This account is disabled. Ask your organization's administrator." : BAD_CREDENTIALS);
  }
  const membership = input.organizationSlug ? user.memberships.find((m) => m.org.slug === input.organizationSlug) : user.memberships[0];
  if (!membership) {
    if (input.organizationSlug) throw new NotFoundError("Organization", input.organizationSlug);
    throw new ForbiddenError("This account does not belong to any organization yet.");
  }
  const { token, hash } = newSessionToken();
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_TTL_HOURS * 3_600_000);
  const session = await ctx.db.$transaction(async (tx) => {
    const s = await tx.session.create({
      data: { userId: user.id, activeOrgId: membership.orgId, tokenHash: hash, expiresAt, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 400) ?? null },
    });
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await tx.loginAttempt.create({ data: { email, ip: ctx.ip, success: true } });
    await writeAudit(
      tx,
      { ...ctx, actor: { kind: "user", userId: user.id, sessionId: s.id, email, org: membership.org, roles: membership.roles, isPlatformAdmin: false } },
      { action: "session.login", targetType: "Session", targetId: s.id, orgId: membership.orgId, after: { userId: user.id, expiresAt } },
    );
    return s;
  });
  return { token, expiresAt, sessionId: session.id, userId: user.id, orgId: membership.orgId };
}

/** Ends the caller's session; API keys have no session to end. */
export async function logout(ctx: ServiceContext, now = new Date()): Promise<void> {
  const actor = ctx.actor;
  if (actor?.kind !== "user") return;
  await ctx.db.$transaction(async (tx) => {
    await tx.session.update({ where: { id: actor.sessionId }, data: { revokedAt: now } });
    await writeAudit(tx, ctx, { action: "session.logout", targetType: "Session", targetId: actor.sessionId });
  });
  forgetSessions(ctx.db);
}

/** Moves the caller's session to another organization the user belongs to. */
export async function switchOrganization(ctx: ServiceContext, orgId: string): Promise<void> {
  const actor = ctx.actor;
  if (actor?.kind !== "user") throw new ForbiddenError("Only a person's session can switch organization.");
  const membership = await ctx.db.membership.findUnique({ where: { userId_orgId: { userId: actor.userId, orgId } } });
  if (!membership) throw new NotFoundError("Organization");
  await ctx.db.$transaction(async (tx) => {
    await tx.session.update({ where: { id: actor.sessionId }, data: { activeOrgId: orgId } });
    await writeAudit(tx, ctx, { action: "session.switchOrganization", targetType: "Session", targetId: actor.sessionId, before: { orgId: actor.org.id }, after: { orgId } });
  });
  forgetSessions(ctx.db);
}
