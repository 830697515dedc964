import type { Actor, RequestMeta } from "../../context.js";
import type { Prisma, Tx } from "../../db/index.js";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  orgId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Fields never copied into the audit trail. */
const SECRET_KEYS = new Set(["passwordHash", "secretHash", "tokenHash"]);

function scrub(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (k, v) => (SECRET_KEYS.has(k) ? undefined : typeof v === "bigint" ? v.toString() : v)));
}

/** Writes one audit row. Call it with the transaction client of the change it records. */
export async function writeAudit(tx: Tx, who: { actor: Actor | null } & Partial<RequestMeta>, entry: AuditEntry): Promise<void> {
  const actor = who.actor;
  await tx.auditLog.create({
    data: {
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      orgId: entry.orgId === undefined ? (actor?.org.id ?? null) : entry.orgId,
      actorUserId: actor?.kind === "user" ? actor.userId : null,
      actorKeyId: actor?.kind === "apiKey" ? actor.apiKeyId : null,
      before: scrub(entry.before),
      after: scrub(entry.after),
      requestId: who.requestId ?? null,
      ip: who.ip ?? null,
    },
  });
}
