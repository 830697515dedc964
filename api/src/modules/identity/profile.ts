import type { ServiceContext } from "../../context.js";
import type { Locale } from "../../db/index.js";
import { UnauthenticatedError } from "../../errors.js";
import { writeAudit } from "./audit.js";
import { forgetSessions } from "./authenticate.js";
import { personOf } from "./guards.js";
import { hashPassword, verifyPassword } from "./passwords.js";

export async function updateProfile(ctx: ServiceContext, input: { name?: string | null; locale?: Locale | null }) {
  const actor = personOf(ctx);
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.userId } });
    const user = await tx.user.update({
      where: { id: actor.userId },
      data: { ...(input.name ? { name: input.name.trim() } : {}), ...(input.locale ? { locale: input.locale } : {}) },
    });
    await writeAudit(tx, ctx, {
      action: "user.updateProfile",
      targetType: "User",
      targetId: user.id,
      before: { name: before.name, locale: before.locale },
      after: { name: user.name, locale: user.locale },
    });
    return user;
  });
}

/** Changing the password ends every other session of the person. */
export async function changePassword(ctx: ServiceContext, input: { currentPassword: string; newPassword: string }, now = new Date()) {
  const actor = personOf(ctx);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new UnauthenticatedError("The current password is not correct.");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.session.updateMany({ where: { userId: user.id, id: { not: actor.sessionId }, revokedAt: null }, data: { revokedAt: now } });
    await writeAudit(tx, ctx, { action: "user.changePassword", targetType: "User", targetId: user.id });
  });
  forgetSessions(ctx.db);
  return true;
}
