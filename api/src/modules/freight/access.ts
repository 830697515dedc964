import type { ServiceContext } from "../../context.js";
import { ForbiddenError } from "../../errors.js";
import type { OrgKind } from "../../generated/prisma/enums.js";
import { actorOf } from "../identity/guards.js";

/** The caller's org, which must be of this kind, with a role that may change data. */
export function writerOrgOf(ctx: Pick<ServiceContext, "actor">, kind: OrgKind, what: string): string {
  const actor = actorOf(ctx);
  if (actor.org.kind !== kind) throw new ForbiddenError(`Only ${kind.toLowerCase().replaceAll("_", " ")} organizations can ${what}.`);
  if (!actor.roles.some((r) => r === "ORG_ADMIN" || r === "MEMBER")) throw new ForbiddenError(`Your role in ${actor.org.name} only allows reading.`);
  return actor.org.id;
}
