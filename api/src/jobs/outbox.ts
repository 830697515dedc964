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

import { createHash } from "node:crypto";
import { ContractRejectedError, CorridorClient } from "@corridor/chain/ledger";
import { canonicalize } from "@corridor/chain/proof";
import type { Db } from "../db/index.js";
import { type LedgerHub, mspIdOf, organizationSpecOf, PLATFORM_MSP } from "../ledger.js";
import type { Logger } from "../log.js";
import { anchorDocumentOnLedger, OUTBOX_TOPIC_DOCUMENT_ANCHOR } from "../modules/documents/anchor.js";
import { writeAudit } from "../modules/identity/audit.js";
import { loadBatchAnchor, loadBatchTree } from "../modules/vehicles/batch-tree.js";
import { dayOf, ledgerDocumentHashOf, ledgerScopeOf, OUTBOX_TOPIC_CERT_ISSUE, OUTBOX_TOPIC_CERT_REVOKE } from "../modules/vehicles/certifications.js";
import { OUTBOX_TOPIC_CUSTODY } from "../modules/vehicles/custody.js";
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
  // Batches first (together), then certifications and custody events one by one in claim order,
  // so an issue precedes its revocation and a vehicle's batch is anchored before its custody.
  const batchMessages = claimed.filter((m) => !(m.topic in RECORD_HANDLERS));
  if (batchMessages.length > 0) await anchorBatches(deps, batchMessages, now, result);
  for (const msg of claimed) {
    const handler = RECORD_HANDLERS[msg.topic];
    if (!handler) continue;
    try {
      await handler(deps, msg);
      result.done++;
    } catch (e) {
      result.failed++;
      await fail(deps, msg, null, e, now);
    }
  }
  return result;
}

async function anchorBatches(deps: OutboxDeps, claimed: Claimed[], now: Date, result: OutboxRunResult): Promise<void> {
  // Load every batch first and make sure its maker is a member, then submit them together.
  const work = await Promise.all(
    claimed.map(async (msg) => ({
      msg,
      tree:
        msg.topic === OUTBOX_TOPIC_BATCH
          ? await loadBatchAnchor(deps.db, msg.key).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))
          : new Error(`no handler for topic ${msg.topic}`),
    })),
  );
  const specs = work.flatMap((w) => (w.tree && !(w.tree instanceof Error) ? [organizationSpecOf(w.tree.maker)] : [])).filter((s) => s !== null);
  try {
    await deps.hub.ensureOrganizations(specs);
  } catch (e) {
    for (const w of work) await fail(deps, w.msg, w.tree && !(w.tree instanceof Error) ? w.tree.batch.id : null, e, now);
    result.failed += work.length;
    return;
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

// ───────────── certifications and custody events ─────────────

type RecordHandler = (deps: OutboxDeps, msg: Claimed) => Promise<void>;

const finish = (msg: Claimed) => ({ where: { id: msg.id }, data: { doneAt: new Date(), lockedUntil: null, attempts: { increment: 1 }, lastError: null } });

function ledgerSpecOrThrow(org: { slug: string; kind: Parameters<typeof organizationSpecOf>[0]["kind"]; name: string }) {
  const spec = organizationSpecOf(org);
  if (!spec) throw new Error(`organization ${org.slug} (${org.kind}) has no ledger role`);
  return spec;
}

const orgSelect = { id: true, slug: true, kind: true, name: true } as const;

/** certification.issue: submitted as the certification body's identity; PENDING → ACTIVE. */
async function issueCertificationOnLedger(deps: OutboxDeps, msg: Claimed): Promise<void> {
  const certId = msg.key.slice(OUTBOX_TOPIC_CERT_ISSUE.length + 1);
  const cert = await deps.db.certification.findUnique({ where: { id: certId } });
  if (!cert || cert.txId) {
    await deps.db.outboxMessage.update(finish(msg));
    return;
  }
  const issuer = await deps.db.organization.findUniqueOrThrow({ where: { id: cert.issuerOrgId }, select: orgSelect });
  await deps.hub.ensureOrganizations([ledgerSpecOrThrow(issuer)]);
  const client = new CorridorClient(deps.hub.ledger());
  const { receipt } = await client.issueCertification(
    {
      certId: cert.id,
      scope: ledgerScopeOf(cert),
      market: cert.market,
      standard: cert.standard,
      number: cert.number,
      validFrom: dayOf(cert.validFrom),
      validTo: dayOf(cert.validTo),
      documentHash: ledgerDocumentHashOf(cert),
    },
    { mspId: mspIdOf(issuer) },
  );
  await deps.db.$transaction(async (tx) => {
    // A revocation asked for meanwhile keeps its own message; the status follows the ledger.
    await tx.certification.update({ where: { id: cert.id }, data: { status: "ACTIVE", txId: receipt.txId, blockNumber: receipt.blockNumber } });
    await tx.outboxMessage.update(finish(msg));
    await writeAudit(
      tx,
      { actor: null },
      { action: "certification.anchor", targetType: "Certification", targetId: cert.id, orgId: cert.issuerOrgId, after: { txId: receipt.txId, blockNumber: receipt.blockNumber } },
    );
  });
}

/** certification.revoke: after the issue is on the ledger; → REVOKED with the revocation's transaction. */
async function revokeCertificationOnLedger(deps: OutboxDeps, msg: Claimed): Promise<void> {
  const certId = msg.key.slice(OUTBOX_TOPIC_CERT_REVOKE.length + 1);
  const cert = await deps.db.certification.findUnique({ where: { id: certId } });
  if (!cert || cert.status === "REVOKED") {
    await deps.db.outboxMessage.update(finish(msg));
    return;
  }
  if (!cert.txId) throw new Error(`certification ${cert.id} is not on the ledger yet; its revocation waits`);
  const issuer = await deps.db.organization.findUniqueOrThrow({ where: { id: cert.issuerOrgId }, select: orgSelect });
  await deps.hub.ensureOrganizations([ledgerSpecOrThrow(issuer)]);
  const client = new CorridorClient(deps.hub.ledger());
  const identity = { mspId: mspIdOf(issuer) };
  let anchored: { txId: string; blockNumber: number | null };
  try {
    const { receipt } = await client.revokeCertification(cert.id, cert.revokeReason ?? "revoked", identity);
    anchored = { txId: receipt.txId, blockNumber: receipt.blockNumber };
  } catch (e) {
    // A retry after a revocation that was committed: take the ledger's record.
    if (!(e instanceof ContractRejectedError && e.code === "ALREADY_REVOKED")) throw e;
    const record = await client.getCertification(cert.id, identity);
    anchored = { txId: record.revocation?.revoked.txId ?? cert.txId, blockNumber: null };
  }
  await deps.db.$transaction(async (tx) => {
    await tx.certification.update({ where: { id: cert.id }, data: { status: "REVOKED", txId: anchored.txId, blockNumber: anchored.blockNumber } });
    await tx.outboxMessage.update(finish(msg));
    await writeAudit(tx, { actor: null }, { action: "certification.revokeAnchor", targetType: "Certification", targetId: cert.id, orgId: cert.issuerOrgId, after: anchored });
  });
}

/**
 * custody.record: submitted as the recording organization's identity, once the subject is on
 * the ledger. A batch's vehicles are on the ledger only inside its Merkle root, so a vehicle's
 * first custody event registers the vehicle itself (registerVehicle by the platform on the
 * maker's behalf, recordHash = SHA-256 of its canonical chain/proof record; idempotent).
 */
async function recordCustodyOnLedger(deps: OutboxDeps, msg: Claimed): Promise<void> {
  const eventId = msg.key.slice(OUTBOX_TOPIC_CUSTODY.length + 1);
  const event = await deps.db.custodyEvent.findUnique({ where: { id: eventId } });
  if (!event || event.txId) {
    await deps.db.outboxMessage.update(finish(msg));
    return;
  }
  const org = await deps.db.organization.findUniqueOrThrow({ where: { id: event.orgId }, select: orgSelect });
  const vehicle = event.vehicleId ? await deps.db.vehicle.findUniqueOrThrow({ where: { id: event.vehicleId } }) : null;
  const batchId = vehicle ? vehicle.batchId : event.batchId;
  const batch = batchId ? await deps.db.vehicleBatch.findUnique({ where: { id: batchId } }) : null;
  if (batch?.status !== "ANCHORED") throw new Error(`the ${vehicle ? "vehicle's " : ""}batch is not anchored yet; the custody event waits`);
  const maker = await deps.db.organization.findUniqueOrThrow({ where: { id: batch.makerOrgId }, select: orgSelect });
  await deps.hub.ensureOrganizations([ledgerSpecOrThrow(org), ledgerSpecOrThrow(maker)]);
  const client = new CorridorClient(deps.hub.ledger());
  if (vehicle) {
    const onLedger = await client.getVehicle(vehicle.vin, { mspId: PLATFORM_MSP }).then(
      () => true,
      (e: unknown) => {
        if (e instanceof ContractRejectedError && e.code === "NOT_FOUND") return false;
        throw e;
      },
    );
    if (!onLedger) {
      const tree = await loadBatchTree(deps.db, batch.id);
      const record = tree?.records[vehicle.leafIndex ?? -1];
      if (!tree || !record) throw new Error(`vehicle ${vehicle.vin} is not in its batch's tree`);
      await client.registerVehicle(
        {
          vin: vehicle.vin,
          makerMspId: tree.makerMspId,
          modelCode: tree.modelCode,
          productionDate: dayOf(vehicle.productionDate),
          batterySerial: vehicle.batterySerial ?? "",
          motorNumber: vehicle.motorNumber ?? "",
          recordHash: createHash("sha256").update(canonicalize(record), "utf8").digest("hex"),
        },
        { mspId: PLATFORM_MSP },
      );
    }
  }
  const { receipt } = await client.recordCustodyEvent(
    {
      subjectType: vehicle ? "VEHICLE" : "BATCH",
      subjectId: vehicle ? vehicle.vin : batch.id,
      eventType: event.type,
      departureRef: event.departureRef ?? "-",
      place: event.place,
      occurredAt: event.occurredAt.toISOString(),
    },
    { mspId: mspIdOf(org) },
  );
  await deps.db.$transaction(async (tx) => {
    await tx.custodyEvent.update({ where: { id: event.id }, data: { txId: receipt.txId, blockNumber: receipt.blockNumber } });
    await tx.outboxMessage.update(finish(msg));
  });
}

const RECORD_HANDLERS: Record<string, RecordHandler> = {
  [OUTBOX_TOPIC_CERT_ISSUE]: issueCertificationOnLedger,
  [OUTBOX_TOPIC_CERT_REVOKE]: revokeCertificationOnLedger,
  [OUTBOX_TOPIC_CUSTODY]: recordCustodyOnLedger,
  [OUTBOX_TOPIC_DOCUMENT_ANCHOR]: anchorDocumentOnLedger,
};
