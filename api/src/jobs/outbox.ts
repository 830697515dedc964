// The anchoring worker: takes vehicle batches from the transactional outbox and anchors their
// Merkle roots on the ledger.
//
// Claiming is one statement — UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) setting a
// lease (lockedUntil) — so any number of workers on PostgreSQL share the queue without taking the
// same message; on PGlite (one process, one connection) the same statement is simply a loop over
// due messages. The ledger call runs outside any database transaction; its result, the batch's
// anchor and the message's completion are then written in one transaction. A failure increments
// attempts and sets availableAt with exponential backoff (1 s · 2^(attempts−1), at most an hour).
// A worker that dies mid-way leaves a lease that expires, and the retry is harmless: registerBatch
// is idempotent by batch id in the contract (same root → the stored record, nothing written twice).
import { CorridorClient } from "@corridor/chain/ledger";
import type { Db } from "../db/index.js";
import { type LedgerHub, organizationSpecOf } from "../ledger.js";
import type { Logger } from "../log.js";
import { writeAudit } from "../modules/identity/audit.js";
import { loadBatchTree } from "../modules/vehicles/batch-tree.js";
import { OUTBOX_TOPIC_BATCH } from "../modules/vehicles/imports.js";

export interface OutboxDeps {
  db: Db;
  hub: LedgerHub;
  log?: Pick<Logger, "info" | "warn" | "error">;
}

export interface OutboxRunOptions {
  /** The time the run acts at (tests move it forward to reach backed-off messages). */
  now?: Date;
  /** Messages claimed per run. Default 20; they are submitted together (they share blocks). */
  limit?: number;
  /** How long a claimed message stays invisible to other workers. Default 5 minutes. */
  leaseMs?: number;
}

export interface OutboxRunResult {
  claimed: number;
  done: number;
  failed: number;
}

/** After this many failed attempts the batch shows FAILED (it is still retried, hourly). */
export const MAX_ATTEMPTS_BEFORE_FAILED = 10;

export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

interface Claimed {
  id: bigint;
  topic: string;
  key: string;
  attempts: number;
}

/** Claims due messages and processes them once. */
export async function runOutboxOnce(deps: OutboxDeps, options: OutboxRunOptions = {}): Promise<OutboxRunResult> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 20;
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 300_000));
  const claimed = await deps.db.$queryRawUnsafe<Claimed[]>(
    `UPDATE "OutboxMessage" SET "lockedUntil" = $2::timestamptz
     WHERE id IN (
       SELECT id FROM "OutboxMessage"
       WHERE "doneAt" IS NULL AND "availableAt" <= $1::timestamptz AND ("lockedUntil" IS NULL OR "lockedUntil" <= $1::timestamptz)
       ORDER BY "availableAt", id
       LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING id, topic, key, attempts`,
    now.toISOString(),
    leaseUntil.toISOString(),
    limit,
  );
  const result: OutboxRunResult = { claimed: claimed.length, done: 0, failed: 0 };
  if (claimed.length === 0) return result;

  // Load every batch first and make sure its maker is a member, then submit them together.
  const work = await Promise.all(
    claimed.map(async (msg) => ({
      msg,
      tree:
        msg.topic === OUTBOX_TOPIC_BATCH
          ? await loadBatchTree(deps.db, msg.key).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))
          : new Error(`no handler for topic ${msg.topic}`),
    })),
  );
  const specs = work.flatMap((w) => (w.tree && !(w.tree instanceof Error) ? [organizationSpecOf(w.tree.maker)] : [])).filter((s) => s !== null);
  try {
    await deps.hub.ensureOrganizations(specs);
  } catch (e) {
    for (const w of work) await fail(deps, w.msg, w.tree && !(w.tree instanceof Error) ? w.tree.batch.id : null, e, now);
    result.failed = work.length;
    return result;
  }

  await Promise.all(
    work.map(async ({ msg, tree }) => {
      try {
        if (tree instanceof Error) throw tree;
        if (!tree || tree.batch.status === "ANCHORED") {
          // Nothing (left) to anchor: the batch is gone or a previous run finished it.
          await deps.db.outboxMessage.update({ where: { id: msg.id }, data: { doneAt: new Date(), lockedUntil: null } });
          result.done++;
          return;
        }
        const client = new CorridorClient(deps.hub.ledger());
        const { receipt } = await client.registerBatch(
          { batchId: tree.batchId, merkleRoot: tree.root, count: tree.treeSize, makerMspId: tree.makerMspId, modelCode: tree.modelCode, metadataHash: tree.metadataHash },
          { mspId: tree.makerMspId },
        );
        await deps.db.$transaction(async (tx) => {
          const batch = await tx.vehicleBatch.update({
            where: { id: tree.batchId },
            data: {
              merkleRoot: tree.root,
              status: "ANCHORED",
              txId: receipt.txId,
              blockNumber: receipt.blockNumber,
              blockHash: receipt.blockHash,
              anchoredAt: new Date(receipt.timestamp),
              attempts: { increment: 1 },
              lastError: null,
            },
          });
          await tx.outboxMessage.update({ where: { id: msg.id }, data: { doneAt: new Date(), lockedUntil: null, attempts: { increment: 1 }, lastError: null } });
          await writeAudit(
            tx,
            { actor: null },
            {
              action: "vehicleBatch.anchor",
              targetType: "VehicleBatch",
              targetId: batch.id,
              orgId: batch.makerOrgId,
              after: { merkleRoot: batch.merkleRoot, txId: batch.txId, blockNumber: batch.blockNumber, count: batch.count },
            },
          );
        });
        result.done++;
      } catch (e) {
        result.failed++;
        await fail(deps, msg, tree && !(tree instanceof Error) ? tree.batchId : msg.key, e, now);
      }
    }),
  );
  return result;
}

async function fail(deps: OutboxDeps, msg: Claimed, batchId: string | null, error: unknown, now: Date) {
  const attempts = msg.attempts + 1;
  const text = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
  const availableAt = new Date(now.getTime() + backoffMs(attempts));
  deps.log?.warn({ outboxId: String(msg.id), key: msg.key, attempts, retryAt: availableAt.toISOString(), err: text }, "anchoring failed; will retry");
  await deps.db.$transaction(async (tx) => {
    await tx.outboxMessage.update({ where: { id: msg.id }, data: { attempts, lastError: text, availableAt, lockedUntil: null } });
    if (batchId) {
      await tx.vehicleBatch.updateMany({
        where: { id: batchId, status: { not: "ANCHORED" } },
        data: { attempts: { increment: 1 }, lastError: text, ...(attempts >= MAX_ATTEMPTS_BEFORE_FAILED ? { status: "FAILED" as const } : {}) },
      });
    }
  });
}

export interface OutboxWorker {
  /** Finishes the run in progress and stops. */
  stop(): Promise<void>;
}

/** Runs the worker until stopped: again at once while there is work, else every pollMs. */
export function startOutboxWorker(deps: OutboxDeps, options: { pollMs: number; limit?: number }): OutboxWorker {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        const r = await runOutboxOnce(deps, { limit: options.limit });
        busy = r.claimed > 0 && r.failed === 0;
      } catch (e) {
        deps.log?.error({ err: e }, "outbox run failed");
      }
      if (stopped) break;
      if (!busy) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
