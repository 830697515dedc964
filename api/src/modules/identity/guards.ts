import type { Actor, ServiceContext } from "../../context.js";
import { ForbiddenError, UnauthenticatedError } from "../../errors.js";

/** The caller, who must be logged in. Schema scopes already ensure it; services re-check. */
export function actorOf(ctx: Pick<ServiceContext, "actor">): Actor {
  if (!ctx.actor) throw new UnauthenticatedError();
  return ctx.actor;
}

export function personOf(ctx: Pick<ServiceContext, "actor">): Extract<Actor, { kind: "user" }> {
  const actor = actorOf(ctx);
  if (actor.kind !== "user") throw new ForbiddenError("This needs a person's session, not an API key.");
  return actor;
}

/** The org an admin acts on: their own; a platform admin may name another. */
export function adminOrgId(ctx: Pick<ServiceContext, "actor">, requestedOrgId?: string | null): string {
  const actor = actorOf(ctx);
  const orgId = requestedOrgId ?? actor.org.id;
  if (orgId === actor.org.id && actor.roles.includes("ORG_ADMIN")) return orgId;
  if (actor.isPlatformAdmin) return orgId;
  throw new ForbiddenError("Only an administrator of this organization can do this.");
}
