import type { ServiceContext } from "../../context.js";
import type { OrgKind } from "../../db/index.js";
import { ConflictError, ForbiddenError, mapPrismaError } from "../../errors.js";
import { writeAudit } from "./audit.js";
import { actorOf } from "./guards.js";

export interface CreateOrganizationInput {
  slug: string;
  kind: OrgKind;
  name: string;
  nameZh?: string | null;
  countryCode: string;
  city?: string | null;
  timezone: string;
  website?: string | null;
}

/** Platform admins onboard organizations; the first people are then added with createUser. */
export async function createOrganization(ctx: ServiceContext, input: CreateOrganizationInput) {
  if (!actorOf(ctx).isPlatformAdmin) throw new ForbiddenError("Only a platform administrator can add organizations.");
  return ctx.db
    .$transaction(async (tx) => {
      if (await tx.organization.findUnique({ where: { slug: input.slug } })) throw new ConflictError(`The short name "${input.slug}" is taken.`, "slug");
      const org = await tx.organization.create({ data: { ...input, countryCode: input.countryCode.toUpperCase() } });
      await writeAudit(tx, ctx, { action: "organization.create", targetType: "Organization", targetId: org.id, orgId: org.id, after: org });
      return org;
    })
    .catch((e) => mapPrismaError(e, { conflict: `The short name "${input.slug}" is taken.` }));
}
