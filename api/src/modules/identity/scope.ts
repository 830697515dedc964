import type { Context } from "../../context.js";

/** An org ID no record has (IDs are cuids), for filters that must match nothing. */
export const NO_ORG = "(none)";

/**
 * Row filters that make another org's private records invisible, used wherever such a
 * record is loaded by ID. A platform admin sees every org.
 */
export function ownOrgFilter(ctx: Context): { orgId?: string } {
  if (!ctx.actor) return { orgId: NO_ORG };
  return ctx.actor.isPlatformAdmin ? {} : { orgId: ctx.actor.org.id };
}

/** Same as ownOrgFilter, but only for the org's administrators (API keys, invitations, audit). */
export function ownOrgAdminFilter(ctx: Context): { orgId?: string } {
  if (ctx.actor?.isPlatformAdmin) return {};
  if (!ctx.actor?.roles.includes("ORG_ADMIN")) return { orgId: NO_ORG };
  return { orgId: ctx.actor.org.id };
}

export function canSeeOrgPrivate(ctx: Context, orgId: string): boolean {
  return !!ctx.actor && (ctx.actor.isPlatformAdmin || ctx.actor.org.id === orgId);
}

export function canAdminOrg(ctx: Context, orgId: string): boolean {
  return !!ctx.actor && (ctx.actor.isPlatformAdmin || (ctx.actor.org.id === orgId && ctx.actor.roles.includes("ORG_ADMIN")));
}
