import type { ServiceContext } from "../../context.js";
import type { Locale, MemberRole, Tx } from "../../db/index.js";
import { ConflictError, mapPrismaError, NotFoundError, ValidationError } from "../../errors.js";
import { writeAudit } from "./audit.js";
import { forgetSessions } from "./authenticate.js";
import { actorOf, adminOrgId } from "./guards.js";
import { hashPassword } from "./passwords.js";
import { normalizeEmail } from "./sessions.js";
import { newInvitationToken, sha256 } from "./tokens.js";

const INVITATION_DAYS = 7;

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  roles: MemberRole[];
  locale?: Locale | null;
  organizationId?: string | null;
}

/**
 * Creates a person with a password in the admin's organization, or adds an existing
 * person to it (their password is left alone).
 */
export async function createUser(ctx: ServiceContext, input: CreateUserInput) {
  const orgId = adminOrgId(ctx, input.organizationId);
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return ctx.db
    .$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email }, include: { memberships: { where: { orgId } } } });
      if (existing?.memberships.length) throw new ConflictError(`${email} is already a member of this organization.`, "email");
      if (existing) throw new ConflictError(`${email} already has a Corridor account; invite it instead.`, "email");
      const user = await tx.user.create({ data: { email, name: input.name.trim(), passwordHash, locale: input.locale ?? "zh_CN" } });
      const membership = await tx.membership.create({ data: { userId: user.id, orgId, roles: input.roles } });
      await writeAudit(tx, ctx, { action: "user.create", targetType: "Membership", targetId: membership.id, orgId, after: { email, name: user.name, roles: input.roles } });
      return membership;
    })
    .catch((e) => mapPrismaError(e, { conflict: `${email} is already registered.` }));
}

export async function inviteUser(ctx: ServiceContext, input: { email: string; roles: MemberRole[]; organizationId?: string | null }, now = new Date()) {
  const orgId = adminOrgId(ctx, input.organizationId);
  const email = normalizeEmail(input.email);
  const { token, hash } = newInvitationToken();
  const invitation = await ctx.db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { orgId, user: { email } } });
    if (member) throw new ConflictError(`${email} is already a member of this organization.`, "email");
    // A new invitation replaces any open one for the same address.
    await tx.invitation.updateMany({ where: { orgId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const inv = await tx.invitation.create({
      data: { orgId, email, roles: input.roles, tokenHash: hash, invitedById: actorOf(ctx).userId, expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000) },
    });
    await writeAudit(tx, ctx, { action: "invitation.create", targetType: "Invitation", targetId: inv.id, orgId, after: { email, roles: input.roles } });
    return inv;
  });
  return { invitation, token, acceptUrl: `${ctx.config.PUBLIC_WEB_URL}/accept-invitation?token=${token}` };
}

export async function revokeInvitation(ctx: ServiceContext, invitationId: string, now = new Date()) {
  const inv = await ctx.db.invitation.findUnique({ where: { id: invitationId } });
  if (!inv) throw new NotFoundError("Invitation");
  adminOrgIdOrHide(ctx, inv.orgId, "Invitation");
  if (inv.acceptedAt) throw new ConflictError("This invitation was already accepted.");
  if (inv.revokedAt) throw new ConflictError("This invitation was already revoked.");
  return ctx.db.$transaction(async (tx) => {
    const updated = await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: now } });
    await writeAudit(tx, ctx, { action: "invitation.revoke", targetType: "Invitation", targetId: inv.id, orgId: inv.orgId, before: inv, after: updated });
    return updated;
  });
}

/** Accepting needs no login: the token is the proof. Creates the account if it is new. */
export async function acceptInvitation(ctx: ServiceContext, input: { token: string; name: string; password: string }, now = new Date()) {
  const inv = await ctx.db.invitation.findUnique({ where: { tokenHash: sha256(input.token) } });
  if (!inv || inv.revokedAt) throw new NotFoundError("Invitation");
  if (inv.acceptedAt) throw new ConflictError("This invitation was already accepted. Log in instead.");
  if (inv.expiresAt <= now) throw new ValidationError("This invitation has expired. Ask for a new one.", [{ path: ["token"], message: "expired" }]);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { email: inv.email } });
    user ??= await tx.user.create({ data: { email: inv.email, name: input.name.trim(), passwordHash } });
    const membership = await tx.membership.create({ data: { userId: user.id, orgId: inv.orgId, roles: inv.roles } });
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: now } });
    await writeAudit(
      tx,
      { ...ctx, actor: null },
      { action: "invitation.accept", targetType: "Membership", targetId: membership.id, orgId: inv.orgId, after: { email: inv.email, roles: inv.roles } },
    );
    return { user, membership };
  });
}

/** Records of another org look exactly like records that do not exist. */
function adminOrgIdOrHide(ctx: ServiceContext, orgId: string, entity: string) {
  const actor = actorOf(ctx);
  if (actor.org.id !== orgId && !actor.isPlatformAdmin) throw new NotFoundError(entity);
  adminOrgId(ctx, orgId);
}

async function assertAdminRemains(tx: Tx, orgId: string, exceptMembershipId: string) {
  // Filtered here, not in SQL: enum-array filters (`has`) fail on the PGlite driver adapter.
  const others = await tx.membership.findMany({ where: { orgId, id: { not: exceptMembershipId } }, select: { roles: true } });
  if (!others.some((m) => m.roles.includes("ORG_ADMIN"))) throw new ConflictError("An organization must keep at least one administrator.");
}

export async function updateMemberRoles(ctx: ServiceContext, input: { membershipId: string; roles: MemberRole[] }) {
  const m = await ctx.db.membership.findUnique({ where: { id: input.membershipId } });
  if (!m) throw new NotFoundError("Membership");
  adminOrgIdOrHide(ctx, m.orgId, "Membership");
  const updated = await ctx.db.$transaction(async (tx) => {
    if (!input.roles.includes("ORG_ADMIN")) await assertAdminRemains(tx, m.orgId, m.id);
    const updated = await tx.membership.update({ where: { id: m.id }, data: { roles: input.roles } });
    await writeAudit(tx, ctx, {
      action: "membership.updateRoles",
      targetType: "Membership",
      targetId: m.id,
      orgId: m.orgId,
      before: { roles: m.roles },
      after: { roles: updated.roles },
    });
    return updated;
  });
  forgetSessions(ctx.db);
  return updated;
}

export async function removeMember(ctx: ServiceContext, membershipId: string) {
  const m = await ctx.db.membership.findUnique({ where: { id: membershipId } });
  if (!m) throw new NotFoundError("Membership");
  adminOrgIdOrHide(ctx, m.orgId, "Membership");
  await ctx.db.$transaction(async (tx) => {
    await assertAdminRemains(tx, m.orgId, m.id);
    await tx.membership.delete({ where: { id: m.id } });
    // Their sessions in this org end with the membership.
    await tx.session.updateMany({ where: { userId: m.userId, activeOrgId: m.orgId, revokedAt: null }, data: { revokedAt: new Date() } });
    await writeAudit(tx, ctx, { action: "membership.remove", targetType: "Membership", targetId: m.id, orgId: m.orgId, before: m });
  });
  forgetSessions(ctx.db);
  return m.id;
}
