import type { ServiceContext } from "../../context.js";
import type { MemberRole } from "../../db/index.js";
import { ConflictError, NotFoundError, ValidationError } from "../../errors.js";
import { writeAudit } from "./audit.js";
import { actorOf, adminOrgId } from "./guards.js";
import { newApiKey } from "./tokens.js";

/** Creates a machine credential for the org. The secret is returned once and never stored. */
export async function createApiKey(ctx: ServiceContext, input: { name: string; roles: MemberRole[]; expiresAt?: Date | null }, now = new Date()) {
  const orgId = adminOrgId(ctx);
  if (input.expiresAt && input.expiresAt <= now) throw new ValidationError("The expiry date must be in the future.", [{ path: ["expiresAt"], message: "must be in the future" }]);
  const { key, prefix, hash } = newApiKey();
  const apiKey = await ctx.db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { orgId, name: input.name.trim(), prefix, secretHash: hash, roles: input.roles, createdById: actorOf(ctx).userId, expiresAt: input.expiresAt ?? null },
    });
    await writeAudit(tx, ctx, { action: "apiKey.create", targetType: "ApiKey", targetId: created.id, orgId, after: created });
    return created;
  });
  return { apiKey, secret: key };
}

export async function revokeApiKey(ctx: ServiceContext, apiKeyId: string, now = new Date()) {
  const actor = actorOf(ctx);
  const key = await ctx.db.apiKey.findUnique({ where: { id: apiKeyId } });
  if (!key || (key.orgId !== actor.org.id && !actor.isPlatformAdmin)) throw new NotFoundError("API key");
  adminOrgId(ctx, key.orgId);
  if (key.revokedAt) throw new ConflictError("This API key was already revoked.");
  return ctx.db.$transaction(async (tx) => {
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now } });
    await writeAudit(tx, ctx, { action: "apiKey.revoke", targetType: "ApiKey", targetId: key.id, orgId: key.orgId, before: key, after: updated });
    return updated;
  });
}
