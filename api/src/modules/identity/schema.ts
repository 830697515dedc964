import { z } from "zod";
import type { Context } from "../../context.js";
import { ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from "../../errors.js";
import { Locale, MemberRole, OrgKind } from "../../generated/prisma/enums.js";
import { builder } from "../../schema/builder.js";
import { mutationErrors } from "../../schema/errors.js";
import { decodeIdOf } from "../../schema/global-id.js";
import { createApiKey, revokeApiKey } from "./api-keys.js";
import { isPlatformAdmin, SESSION_COOKIE } from "./authenticate.js";
import { acceptInvitation, createUser, inviteUser, removeMember, revokeInvitation, updateMemberRoles } from "./members.js";
import { createOrganization } from "./organizations.js";
import { changePassword, updateProfile } from "./profile.js";
import { canAdminOrg, canSeeOrgPrivate, NO_ORG, ownOrgAdminFilter, ownOrgFilter } from "./scope.js";
import { login, logout, switchOrganization } from "./sessions.js";

// ───────────── enums ─────────────

export const OrgKindEnum = builder.enumType(OrgKind, { name: "OrgKind", description: "What an organization is on the platform." });
export const MemberRoleEnum = builder.enumType(MemberRole, { name: "MemberRole", description: "ORG_ADMIN manages people and keys; MEMBER works; VIEWER reads." });
export const LocaleEnum = builder.enumType(Locale, { name: "Locale" });

const MemberOrderEnum = builder.enumType("MemberOrder", { values: ["NAME_ASC", "NAME_DESC", "JOINED_ASC", "JOINED_DESC"] as const });
const OrganizationOrderEnum = builder.enumType("OrganizationOrder", { values: ["NAME_ASC", "NAME_DESC", "CREATED_DESC"] as const });

// ───────────── types ─────────────

export const OrganizationRef = builder.prismaNode("Organization", {
  id: { field: "id" },
  // Loaded by ID with row filters: records of other orgs are simply not found (null).
  nullable: true,
  authScopes: (_org, ctx) => !!ctx.actor,
  description: "A company or body on the platform. Name, kind and place are visible to every member of the platform; people, keys and audit only to its own members.",
  fields: (t) => ({
    slug: t.exposeString("slug"),
    kind: t.expose("kind", { type: OrgKindEnum }),
    name: t.exposeString("name"),
    nameZh: t.exposeString("nameZh", { nullable: true }),
    countryCode: t.exposeString("countryCode"),
    city: t.exposeString("city", { nullable: true }),
    timezone: t.exposeString("timezone"),
    website: t.exposeString("website", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    members: t.relatedConnection("memberships", {
      description: "People of this organization. Only its own members (and platform admins) may list them.",
      authScopes: (org, _args, ctx) => canSeeOrgPrivate(ctx, org.id),
      nullable: true,
      cursor: "id",
      totalCount: true,
      maxSize: 100,
      defaultSize: 20,
      args: { search: t.arg.string({ required: false, validate: z.string().max(200) }), orderBy: t.arg({ type: MemberOrderEnum, required: false }) },
      query: (args) => ({
        where: args.search
          ? { user: { OR: [{ name: { contains: args.search, mode: "insensitive" as const } }, { email: { contains: args.search, mode: "insensitive" as const } }] } }
          : {},
        orderBy:
          args.orderBy === "NAME_DESC"
            ? [{ user: { name: "desc" as const } }, { id: "asc" as const }]
            : args.orderBy === "JOINED_ASC"
              ? [{ createdAt: "asc" as const }, { id: "asc" as const }]
              : args.orderBy === "JOINED_DESC"
                ? [{ createdAt: "desc" as const }, { id: "asc" as const }]
                : [{ user: { name: "asc" as const } }, { id: "asc" as const }],
      }),
    }),
    apiKeys: t.relatedConnection("apiKeys", {
      description: "Machine credentials. Only the organization's administrators may list them.",
      authScopes: (org, _args, ctx) => canAdminOrg(ctx, org.id),
      nullable: true,
      cursor: "id",
      totalCount: true,
      maxSize: 100,
      defaultSize: 20,
      query: () => ({ orderBy: [{ createdAt: "desc" as const }, { id: "asc" as const }] }),
    }),
    invitations: t.relation("invitations", {
      description: "Open invitations. Only the organization's administrators may list them.",
      authScopes: (org, _args, ctx) => canAdminOrg(ctx, org.id),
      nullable: true,
      query: (_args, _ctx) => ({ where: { acceptedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" as const } }),
    }),
  }),
});

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  // Loaded by ID with row filters: records of other orgs are simply not found (null).
  nullable: true,
  description: "A person. Visible to themselves and to members of organizations they belong to.",
  authScopes: (_user, ctx) => !!ctx.actor,
  findUnique: (id, ctx: Context) => (ctx.actor?.isPlatformAdmin ? { id } : { id, memberships: { some: { orgId: ctx.actor?.org.id ?? NO_ORG } } }),
  fields: (t) => ({
    email: t.exposeString("email"),
    name: t.exposeString("name"),
    locale: t.expose("locale", { type: LocaleEnum }),
    lastLoginAt: t.expose("lastLoginAt", { type: "DateTime", nullable: true }),
    disabled: t.boolean({ resolve: (u) => !!u.disabledAt }),
  }),
});

export const MembershipRef = builder.prismaNode("Membership", {
  id: { field: "id" },
  // Loaded by ID with row filters: records of other orgs are simply not found (null).
  nullable: true,
  description: "A person's place in an organization, with their roles there.",
  authScopes: (m, ctx) => canSeeOrgPrivate(ctx, m.orgId) || m.userId === ctx.actor?.userId,
  findUnique: (id, ctx: Context) => ({ id, ...ownOrgFilter(ctx) }),
  fields: (t) => ({
    user: t.relation("user"),
    organization: t.relation("org"),
    roles: t.expose("roles", { type: [MemberRoleEnum] }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const ApiKeyRef = builder.prismaNode("ApiKey", {
  id: { field: "id" },
  // Loaded by ID with row filters: records of other orgs are simply not found (null).
  nullable: true,
  description: "A machine credential of an organization. The secret is shown once, at creation.",
  authScopes: (k, ctx) => canAdminOrg(ctx, k.orgId),
  findUnique: (id, ctx: Context) => ({ id, ...ownOrgAdminFilter(ctx) }),
  fields: (t) => ({
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "The first characters of the key, to recognise it." }),
    roles: t.expose("roles", { type: [MemberRoleEnum] }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
  }),
});

export const InvitationRef = builder.prismaNode("Invitation", {
  id: { field: "id" },
  // Loaded by ID with row filters: records of other orgs are simply not found (null).
  nullable: true,
  authScopes: (i, ctx) => canAdminOrg(ctx, i.orgId),
  findUnique: (id, ctx: Context) => ({ id, ...ownOrgAdminFilter(ctx) }),
  fields: (t) => ({
    email: t.exposeString("email"),
    roles: t.expose("roles", { type: [MemberRoleEnum] }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const AuditLogEntryRef = builder.prismaNode("AuditLog", {
  variant: "AuditLogEntry",
  id: { field: "id" },
  // Loaded by ID with row filters: records of other orgs are simply not found (null).
  nullable: true,
  description: "One recorded change: who, in which organization, what, and the record before and after.",
  authScopes: (e, ctx) => (e.orgId ? canAdminOrg(ctx, e.orgId) : !!ctx.actor?.isPlatformAdmin),
  findUnique: (id, ctx: Context) => ({ id: BigInt(/^\d{1,19}$/.test(id) ? id : "0"), ...ownOrgAdminFilter(ctx) }),
  fields: (t) => ({
    action: t.exposeString("action"),
    targetType: t.exposeString("targetType"),
    targetId: t.exposeString("targetId"),
    before: t.expose("before", { type: "JSON", nullable: true }),
    after: t.expose("after", { type: "JSON", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    viaApiKey: t.boolean({ resolve: (e) => !!e.actorKeyId }),
    actor: t.prismaField({
      type: "User",
      nullable: true,
      resolve: (query, e, _args, ctx) => (e.actorUserId ? ctx.db.user.findUnique({ ...query, where: { id: e.actorUserId } }) : null),
    }),
    organization: t.relation("org", { nullable: true }),
  }),
});

interface ViewerShape {
  userId: string;
  orgId: string;
  roles: MemberRole[];
  isPlatformAdmin: boolean;
  viaApiKey: boolean;
}

export const ViewerRef = builder.objectRef<ViewerShape>("Viewer").implement({
  description: "The caller: their person (absent for an API key), active organization and roles there.",
  // Type scopes read ctx.actor when checked, so a Viewer made by login in this request passes.
  authScopes: (_v, ctx) => !!ctx.actor,
  fields: (t) => ({
    user: t.prismaField({
      type: "User",
      nullable: true,
      resolve: (query, v, _a, ctx) => (v.viaApiKey ? null : ctx.db.user.findUnique({ ...query, where: { id: v.userId } })),
    }),
    organization: t.prismaField({ type: "Organization", resolve: (query, v, _a, ctx) => ctx.db.organization.findUniqueOrThrow({ ...query, where: { id: v.orgId } }) }),
    roles: t.field({ type: [MemberRoleEnum], resolve: (v) => v.roles }),
    isPlatformAdmin: t.boolean({ resolve: (v) => v.isPlatformAdmin }),
    viaApiKey: t.boolean({ resolve: (v) => v.viaApiKey }),
    memberships: t.prismaField({
      type: ["Membership"],
      description: "Every organization this person belongs to, for switching.",
      resolve: (query, v, _a, ctx) => (v.viaApiKey ? [] : ctx.db.membership.findMany({ ...query, where: { userId: v.userId }, orderBy: { createdAt: "asc" } })),
    }),
  }),
});

function viewerOf(ctx: Context): ViewerShape | null {
  const a = ctx.actor;
  if (!a) return null;
  return { userId: a.userId ?? "", orgId: a.org.id, roles: a.roles, isPlatformAdmin: a.isPlatformAdmin, viaApiKey: a.kind === "apiKey" };
}

// ───────────── queries ─────────────

function organizationFilter(args: { kind?: OrgKind | null; search?: string | null }) {
  const q = args.search?.trim();
  return {
    ...(args.kind ? { kind: args.kind } : {}),
    ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" as const } }, { nameZh: { contains: q } }, { slug: { contains: q.toLowerCase() } }] } : {}),
  };
}

function auditFilter(ctx: Context, args: { action?: string | null; targetType?: string | null }) {
  return { ...ownOrgAdminFilter(ctx), ...(args.action ? { action: args.action } : {}), ...(args.targetType ? { targetType: args.targetType } : {}) };
}

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    nullable: true,
    authScopes: { public: true },
    description: "The caller, or null when not logged in.",
    resolve: (_r, _a, ctx) => viewerOf(ctx),
  }),
  organizations: t.prismaConnection({
    type: "Organization",
    cursor: "id",
    authScopes: { authenticated: true },
    description: "The platform's organization directory.",
    maxSize: 100,
    defaultSize: 20,
    args: {
      kind: t.arg({ type: OrgKindEnum, required: false }),
      search: t.arg.string({ required: false, validate: z.string().max(200) }),
      orderBy: t.arg({ type: OrganizationOrderEnum, required: false }),
    },
    resolve: (query, _r, args, ctx) =>
      ctx.db.organization.findMany({
        ...query,
        where: organizationFilter(args),
        orderBy:
          args.orderBy === "NAME_DESC"
            ? [{ name: "desc" }, { id: "asc" }]
            : args.orderBy === "CREATED_DESC"
              ? [{ createdAt: "desc" }, { id: "asc" }]
              : [{ name: "asc" }, { id: "asc" }],
      }),
    totalCount: (_r, args, ctx) => ctx.db.organization.count({ where: organizationFilter(args) }),
  }),
  organization: t.prismaField({
    type: "Organization",
    nullable: true,
    authScopes: { authenticated: true },
    args: { slug: t.arg.string({ validate: z.string().min(1).max(64) }) },
    resolve: (query, _r, args, ctx) => ctx.db.organization.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  auditLog: t.prismaConnection({
    type: AuditLogEntryRef,
    cursor: "id",
    authScopes: { orgAdmin: true, platformAdmin: true },
    description: "Recorded changes in the caller's organization, newest first (every organization for platform admins).",
    maxSize: 100,
    defaultSize: 25,
    args: {
      action: t.arg.string({ required: false, validate: z.string().max(100) }),
      targetType: t.arg.string({ required: false, validate: z.string().max(100) }),
    },
    resolve: (query, _r, args, ctx) => ctx.db.auditLog.findMany({ ...query, where: auditFilter(ctx, args), orderBy: { id: "desc" } }),
    totalCount: (_r, args, ctx) => ctx.db.auditLog.count({ where: auditFilter(ctx, args) }),
  }),
}));

// ───────────── mutations ─────────────

const email = z.string().trim().toLowerCase().email("Enter a valid email address.").max(254);
const password = z.string().min(10, "Use at least 10 characters for a password.").max(200);
const personName = z.string().trim().min(1, "Enter a name.").max(120);
const roles = z.array(z.nativeEnum(MemberRole)).min(1, "Give at least one role.").max(3);

const LoginInput = builder.inputType("LoginInput", {
  fields: (t) => ({
    email: t.string({ validate: z.string().trim().min(1, "Enter your email address.").max(254) }),
    password: t.string({ validate: z.string().min(1, "Enter your password.").max(200) }),
    organizationSlug: t.string({ required: false, description: "Open the session in this organization (default: the first one joined)." }),
    bearer: t.boolean({ required: false, description: "Also return the session token, for clients that send it as a bearer token." }),
  }),
});

const LoginPayload = builder.objectRef<{ viewer: ViewerShape; token: string | null; expiresAt: Date }>("LoginPayload").implement({
  authScopes: { public: true },
  fields: (t) => ({
    viewer: t.field({ type: ViewerRef, resolve: (p) => p.viewer }),
    token: t.string({ nullable: true, description: "Only when asked for with bearer: true.", resolve: (p) => p.token }),
    expiresAt: t.field({ type: "DateTime", resolve: (p) => p.expiresAt }),
  }),
});

function sessionCookie(ctx: Context, token: string, expiresAt: Date): string {
  const secure = ctx.config.cookieSecure ? "; Secure" : "";
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
}

async function startSession(ctx: Context, input: { email: string; password: string; organizationSlug?: string | null; bearer?: boolean | null }) {
  const result = await login(ctx, input);
  ctx.setCookies.push(sessionCookie(ctx, result.token, result.expiresAt));
  const m = await ctx.db.membership.findUniqueOrThrow({ where: { userId_orgId: { userId: result.userId, orgId: result.orgId } }, include: { org: true } });
  ctx.actor = {
    kind: "user",
    userId: result.userId,
    sessionId: result.sessionId,
    email: input.email,
    org: m.org,
    roles: m.roles,
    isPlatformAdmin: isPlatformAdmin(m.org.kind, m.roles),
  };
  return { viewer: viewerOf(ctx) as ViewerShape, token: input.bearer ? result.token : null, expiresAt: result.expiresAt };
}

builder.mutationFields((t) => ({
  login: t.field({
    type: LoginPayload,
    authScopes: { public: true },
    errors: { types: [ValidationError, UnauthenticatedError, RateLimitedError, ForbiddenError, NotFoundError] },
    args: { input: t.arg({ type: LoginInput }) },
    resolve: (_r, { input }, ctx) => startSession(ctx, input),
  }),
  logout: t.boolean({
    authScopes: { public: true },
    description: "Ends the session and clears the cookie. Always succeeds.",
    resolve: async (_r, _a, ctx) => {
      await logout(ctx);
      ctx.setCookies.push(`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
      return true;
    },
  }),
  switchOrganization: t.field({
    type: ViewerRef,
    authScopes: { person: true },
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: builder.inputType("SwitchOrganizationInput", { fields: (t) => ({ organizationId: t.id() }) }) }) },
    resolve: async (_r, { input }, ctx) => {
      const orgId = decodeIdOf(String(input.organizationId), "Organization", "organizationId");
      await switchOrganization(ctx, orgId);
      const m = await ctx.db.membership.findUniqueOrThrow({ where: { userId_orgId: { userId: ctx.actor?.userId ?? "", orgId } }, include: { org: true } });
      if (ctx.actor?.kind === "user") ctx.actor = { ...ctx.actor, org: m.org, roles: m.roles, isPlatformAdmin: isPlatformAdmin(m.org.kind, m.roles) };
      return viewerOf(ctx) as ViewerShape;
    },
  }),
  updateProfile: t.prismaField({
    type: "User",
    authScopes: { person: true },
    errors: { types: mutationErrors },
    args: {
      input: t.arg({
        type: builder.inputType("UpdateProfileInput", {
          fields: (t) => ({ name: t.string({ required: false, validate: personName }), locale: t.field({ type: LocaleEnum, required: false }) }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) => updateProfile(ctx, input),
  }),
  changePassword: t.boolean({
    authScopes: { person: true },
    errors: { types: mutationErrors },
    args: {
      input: t.arg({
        type: builder.inputType("ChangePasswordInput", {
          fields: (t) => ({ currentPassword: t.string({ validate: z.string().min(1).max(200) }), newPassword: t.string({ validate: password }) }),
        }),
      }),
    },
    resolve: (_r, { input }, ctx) => changePassword(ctx, input),
  }),
  createOrganization: t.prismaField({
    type: "Organization",
    authScopes: { platformAdmin: true },
    errors: { types: mutationErrors },
    args: {
      input: t.arg({
        type: builder.inputType("CreateOrganizationInput", {
          fields: (t) => ({
            slug: t.string({ validate: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Use 2–63 lowercase letters, digits and dashes.") }),
            kind: t.field({ type: OrgKindEnum }),
            name: t.string({ validate: z.string().trim().min(1).max(200) }),
            nameZh: t.string({ required: false, validate: z.string().trim().max(200) }),
            countryCode: t.string({ validate: z.string().regex(/^[A-Za-z]{2}$/, "Use a two-letter ISO country code.") }),
            city: t.string({ required: false, validate: z.string().max(120) }),
            timezone: t.string({ validate: z.string().refine(isTimeZone, "Use an IANA time zone such as Asia/Shanghai.") }),
            website: t.string({ required: false, validate: z.string().url().max(300) }),
          }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) => createOrganization(ctx, input),
  }),
  createUser: t.prismaField({
    type: "Membership",
    authScopes: { orgAdmin: true, platformAdmin: true },
    errors: { types: mutationErrors },
    args: {
      input: t.arg({
        type: builder.inputType("CreateUserInput", {
          fields: (t) => ({
            email: t.string({ validate: email }),
            name: t.string({ validate: personName }),
            password: t.string({ validate: password }),
            roles: t.field({ type: [MemberRoleEnum], validate: roles }),
            locale: t.field({ type: LocaleEnum, required: false }),
            organizationId: t.id({ required: false, description: "Platform admins only: the organization to add the person to." }),
          }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) =>
      createUser(ctx, { ...input, organizationId: input.organizationId ? decodeIdOf(String(input.organizationId), "Organization", "organizationId") : null }),
  }),
  inviteUser: t.field({
    type: builder.objectRef<{ invitation: { id: string; orgId: string }; acceptUrl: string; token: string }>("InviteUserPayload").implement({
      authScopes: { authenticated: true },
      fields: (t) => ({
        invitation: t.prismaField({ type: "Invitation", resolve: (q, p, _a, ctx) => ctx.db.invitation.findUniqueOrThrow({ ...q, where: { id: p.invitation.id } }) }),
        acceptUrl: t.string({ description: "Send this link to the person; it is shown only once.", resolve: (p) => p.acceptUrl }),
      }),
    }),
    authScopes: { orgAdmin: true },
    errors: { types: mutationErrors },
    args: {
      input: t.arg({
        type: builder.inputType("InviteUserInput", { fields: (t) => ({ email: t.string({ validate: email }), roles: t.field({ type: [MemberRoleEnum], validate: roles }) }) }),
      }),
    },
    resolve: (_r, { input }, ctx) => inviteUser(ctx, input),
  }),
  revokeInvitation: t.prismaField({
    type: "Invitation",
    authScopes: { orgAdmin: true, platformAdmin: true },
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: builder.inputType("RevokeInvitationInput", { fields: (t) => ({ invitationId: t.id() }) }) }) },
    resolve: (_q, _r, { input }, ctx) => revokeInvitation(ctx, decodeIdOf(String(input.invitationId), "Invitation", "invitationId")),
  }),
  acceptInvitation: t.field({
    type: LoginPayload,
    authScopes: { public: true },
    errors: { types: [...mutationErrors, RateLimitedError] },
    args: {
      input: t.arg({
        type: builder.inputType("AcceptInvitationInput", {
          fields: (t) => ({ token: t.string({ validate: z.string().min(10).max(200) }), name: t.string({ validate: personName }), password: t.string({ validate: password }) }),
        }),
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      const { user, membership } = await acceptInvitation(ctx, input);
      const org = await ctx.db.organization.findUniqueOrThrow({ where: { id: membership.orgId } });
      return startSession(ctx, { email: user.email, password: input.password, organizationSlug: org.slug });
    },
  }),
  updateMemberRoles: t.prismaField({
    type: "Membership",
    authScopes: { orgAdmin: true, platformAdmin: true },
    errors: { types: mutationErrors },
    args: {
      input: t.arg({
        type: builder.inputType("UpdateMemberRolesInput", { fields: (t) => ({ membershipId: t.id(), roles: t.field({ type: [MemberRoleEnum], validate: roles }) }) }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) => updateMemberRoles(ctx, { membershipId: decodeIdOf(String(input.membershipId), "Membership", "membershipId"), roles: input.roles }),
  }),
  removeMember: t.id({
    authScopes: { orgAdmin: true, platformAdmin: true },
    errors: { types: mutationErrors },
    description: "Removes a person from the organization; returns the removed membership's ID.",
    args: { input: t.arg({ type: builder.inputType("RemoveMemberInput", { fields: (t) => ({ membershipId: t.id() }) }) }) },
    resolve: async (_r, { input }, ctx) => {
      await removeMember(ctx, decodeIdOf(String(input.membershipId), "Membership", "membershipId"));
      return String(input.membershipId);
    },
  }),
  createApiKey: t.field({
    type: builder.objectRef<{ apiKey: { id: string }; secret: string }>("CreateApiKeyPayload").implement({
      authScopes: { authenticated: true },
      fields: (t) => ({
        apiKey: t.prismaField({ type: "ApiKey", resolve: (q, p, _a, ctx) => ctx.db.apiKey.findUniqueOrThrow({ ...q, where: { id: p.apiKey.id } }) }),
        secret: t.string({ description: "Send as `Authorization: Bearer <secret>`. Shown only now.", resolve: (p) => p.secret }),
      }),
    }),
    authScopes: { orgAdmin: true },
    errors: { types: mutationErrors },
    args: {
      input: t.arg({
        type: builder.inputType("CreateApiKeyInput", {
          fields: (t) => ({
            name: t.string({ validate: z.string().trim().min(1, "Name the key after what uses it.").max(120) }),
            roles: t.field({ type: [MemberRoleEnum], validate: roles }),
            expiresAt: t.field({ type: "DateTime", required: false }),
          }),
        }),
      }),
    },
    resolve: (_r, { input }, ctx) => createApiKey(ctx, input),
  }),
  revokeApiKey: t.prismaField({
    type: "ApiKey",
    authScopes: { orgAdmin: true, platformAdmin: true },
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: builder.inputType("RevokeApiKeyInput", { fields: (t) => ({ apiKeyId: t.id() }) }) }) },
    resolve: (_q, _r, { input }, ctx) => revokeApiKey(ctx, decodeIdOf(String(input.apiKeyId), "ApiKey", "apiKeyId")),
  }),
}));

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
