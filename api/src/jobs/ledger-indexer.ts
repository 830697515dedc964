// The ledger indexer: reads the chaincode events of committed blocks, in order, from where its
// cursor (LedgerCursor) stands, and brings the read model in line with the ledger — batches
// anchored, certifications issued or revoked, custody events recorded — whoever submitted them:
// this platform's outbox worker, another organization's client, or an operator by hand.
//
// One database transaction per block: the cursor moves first, as a compare-and-set on the block
// it expects (so a second indexer on another API instance waits, then finds the block done and
// applies nothing), then the block's events are applied. A crash leaves the block unapplied and the
// cursor where it was; a restart reads the block again. Applying is idempotent too — fields are set
// to what the ledger says, never incremented, and a status never goes back — so reading from an
// older cursor (or from block 0) converges to the same read model.
//
// Blocks are read with `Ledger.block(n)` (a peer's GetBlockByNumber on Fabric): an event alone does
// not carry its block's hash, which the read model keeps for proofs.
import { Batch, Certification, CorridorEvents, CustodyEvent } from "@corridor/chain/contract";
import type { ChaincodeEvent, Ledger, LedgerBlock } from "@corridor/chain/ledger";
import type { Db, Tx } from "../db/index.js";
import { type LedgerHub, mspIdOf } from "../ledger.js";
import type { Logger } from "../log.js";

export interface IndexerDeps {
  db: Db;
  hub: Pick<LedgerHub, "ledger">;
  log?: Pick<Logger, "info" | "warn" | "error">;
}

export interface IndexRunResult {
  /** Blocks read and recorded in the cursor by this run. */
  blocks: number;
  /** Events in those blocks. */
  events: number;
  /** Read-model rows changed or created. */
  changed: number;
  /** The cursor after the run: the next block to read. */
  nextBlock: number;
}

/** The cursor's name: one per channel and chaincode. */
export function indexerCursorName(ledger: Pick<Ledger, "channel" | "chaincode">): string {
  return `indexer:${ledger.channel}/${ledger.chaincode}`;
}

/** Another indexer recorded the block first: this run's transaction is rolled back. */
class CursorMoved extends Error {}

const decoder = new TextDecoder();

/** Reads up to `maxBlocks` blocks past the cursor and applies their events. */
export async function indexLedgerOnce(deps: IndexerDeps, options: { maxBlocks?: number } = {}): Promise<IndexRunResult> {
  const ledger = deps.hub.ledger();
  const name = indexerCursorName(ledger);
  const height = await ledger.height();
  const cursor =
    (await deps.db.ledgerCursor.findUnique({ where: { name } })) ?? (await deps.db.ledgerCursor.upsert({ where: { name }, create: { name, blockNumber: 0 }, update: {} }));
  const result: IndexRunResult = { blocks: 0, events: 0, changed: 0, nextBlock: cursor.blockNumber };
  const maxBlocks = options.maxBlocks ?? 100;
  let orgs: Map<string, string> | undefined;
  while (result.nextBlock < height && result.blocks < maxBlocks) {
    const n = result.nextBlock;
    const block = await ledger.block(n);
    const events = block.transactions.filter((t) => t.validationCode === "VALID").flatMap((t) => t.events);
    if (events.some((e) => e.eventName === CorridorEvents.CustodyEventRecorded)) orgs ??= await orgsByMspId(deps.db);
    try {
      const changed = await deps.db.$transaction(
        async (tx) => {
          const moved = await tx.ledgerCursor.updateMany({
            where: { name, blockNumber: n },
            data: { blockNumber: n + 1, txId: block.transactions.at(-1)?.txId ?? null },
          });
          if (moved.count !== 1) throw new CursorMoved();
          let changed = 0;
          for (const event of events) changed += await applyEvent(tx, deps, block, event, orgs ?? new Map());
          return changed;
        },
        { timeout: 60_000, maxWait: 30_000 },
      );
      result.blocks++;
      result.events += events.length;
      result.changed += changed;
      result.nextBlock = n + 1;
    } catch (e) {
      if (!(e instanceof CursorMoved)) throw e;
      // Someone else did this block: continue from wherever the cursor is now.
      const now = await deps.db.ledgerCursor.findUniqueOrThrow({ where: { name } });
      result.nextBlock = now.blockNumber;
    }
  }
  return result;
}

/** Platform organizations by their ledger MSP id. */
async function orgsByMspId(db: Db): Promise<Map<string, string>> {
  const orgs = await db.organization.findMany({ select: { id: true, slug: true, kind: true } });
  return new Map(orgs.map((o) => [mspIdOf(o), o.id]));
}

function parsePayload<T>(event: ChaincodeEvent, parse: (o: unknown) => T): T {
  return parse(JSON.parse(decoder.decode(event.payload)));
}

/** Applies one event; returns how many read-model rows it changed or created. */
async function applyEvent(tx: Tx, deps: IndexerDeps, block: LedgerBlock, event: ChaincodeEvent, orgs: Map<string, string>): Promise<number> {
  const where = { block: block.number, txId: event.txId, event: event.eventName };
  let record: Batch | Certification | CustodyEvent;
  try {
    switch (event.eventName) {
      case CorridorEvents.BatchRegistered:
        record = parsePayload(event, Batch.newInstance);
        break;
      case CorridorEvents.CertificationIssued:
      case CorridorEvents.CertificationRevoked:
        record = parsePayload(event, Certification.newInstance);
        break;
      case CorridorEvents.CustodyEventRecorded:
        record = parsePayload(event, CustodyEvent.newInstance);
        break;
      default:
        // ConfigUpdated, VehicleRegistered (the vehicle is already in the read model),
        // DocumentAnchored (the documents context keeps its own state): nothing to index.
        return 0;
    }
  } catch (e) {
    // The contract wrote it, so it is on the ledger for good: say so loudly, and go on.
    deps.log?.error({ ...where, err: e instanceof Error ? e.message : String(e) }, "ledger event does not parse; not indexed");
    return 0;
  }
  if (record.docType === "batch") return applyBatch(tx, deps, block, event, record);
  if (record.docType === "certification") return applyCertification(tx, block, event, record);
  if (record.docType === "custody") return applyCustody(tx, deps, block, event, record, orgs);
  return 0;
}

async function applyBatch(tx: Tx, deps: IndexerDeps, block: LedgerBlock, event: ChaincodeEvent, b: Batch): Promise<number> {
  const batch = await tx.vehicleBatch.findUnique({ where: { id: b.batchId }, select: { id: true, merkleRoot: true, status: true, txId: true, blockNumber: true } });
  if (!batch) return 0; // another platform's batch
  if (batch.merkleRoot && batch.merkleRoot !== b.merkleRoot) {
    deps.log?.error({ batchId: b.batchId, ours: batch.merkleRoot, ledger: b.merkleRoot, txId: event.txId }, "the ledger holds another root for this batch; not marked anchored");
    return 0;
  }
  if (batch.status === "ANCHORED" && batch.txId === event.txId && batch.blockNumber === block.number) return 0;
  await tx.vehicleBatch.update({
    where: { id: batch.id },
    data: {
      status: "ANCHORED",
      merkleRoot: b.merkleRoot,
      txId: event.txId,
      blockNumber: block.number,
      blockHash: block.hash,
      anchoredAt: new Date(b.registered.at),
      lastError: null,
    },
  });
  return 1;
}

async function applyCertification(tx: Tx, block: LedgerBlock, event: ChaincodeEvent, c: Certification): Promise<number> {
  const cert = await tx.certification.findUnique({
    where: { id: c.certId },
    select: { id: true, status: true, txId: true, blockNumber: true, revokedAt: true, revokeReason: true },
  });
  if (!cert) return 0; // issued for another platform
  if (event.eventName === CorridorEvents.CertificationIssued) {
    // Only PENDING moves: a certification already revoked keeps its revocation.
    if (cert.status !== "PENDING") {
      if (cert.status === "ACTIVE" && cert.txId === event.txId && cert.blockNumber === null) {
        await tx.certification.update({ where: { id: cert.id }, data: { blockNumber: block.number } });
        return 1;
      }
      return 0;
    }
    await tx.certification.update({ where: { id: cert.id }, data: { status: "ACTIVE", txId: event.txId, blockNumber: block.number } });
    return 1;
  }
  const revocation = c.revocation;
  if (!revocation) return 0;
  if (cert.status === "REVOKED" && cert.txId === event.txId && cert.blockNumber === block.number) return 0;
  await tx.certification.update({
    where: { id: cert.id },
    data: {
      status: "REVOKED",
      txId: event.txId,
      blockNumber: block.number,
      // Revoked through this platform: the request's time and reason stay; otherwise the ledger's.
      revokedAt: cert.revokedAt ?? new Date(revocation.revoked.at),
      revokeReason: cert.revokeReason ?? revocation.reason,
    },
  });
  return 1;
}

async function applyCustody(tx: Tx, deps: IndexerDeps, block: LedgerBlock, event: ChaincodeEvent, e: CustodyEvent, orgs: Map<string, string>): Promise<number> {
  const known = await tx.custodyEvent.findFirst({ where: { txId: event.txId }, select: { id: true, blockNumber: true } });
  if (known) {
    if (known.blockNumber === block.number) return 0;
    await tx.custodyEvent.update({ where: { id: known.id }, data: { blockNumber: block.number } });
    return 1;
  }
  const orgId = orgs.get(e.recorded.byMspId);
  let subject: { vehicleId: string } | { batchId: string } | null = null;
  if (e.subjectType === "VEHICLE") {
    const v = await tx.vehicle.findFirst({ where: { OR: [{ vin: e.subjectId }, { frameNumber: e.subjectId }] }, select: { id: true } });
    if (v) subject = { vehicleId: v.id };
  } else {
    const b = await tx.vehicleBatch.findUnique({ where: { id: e.subjectId }, select: { id: true } });
    if (b) subject = { batchId: b.id };
  }
  if (!subject || !orgId) {
    deps.log?.warn(
      { block: block.number, txId: event.txId, subject: `${e.subjectType}/${e.subjectId}`, mspId: e.recorded.byMspId },
      "custody event of an unknown vehicle, batch or organization; not indexed",
    );
    return 0;
  }
  const occurredAt = new Date(e.occurredAt);
  // Recorded through this platform, whose worker has not written the result yet: the same event.
  const pending = await tx.custodyEvent.findFirst({
    where: { ...subject, orgId, type: e.eventType, place: e.place, occurredAt, txId: null, OR: [{ departureRef: e.departureRef }, { departureRef: null }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  if (pending) {
    await tx.custodyEvent.update({ where: { id: pending.id }, data: { txId: event.txId, blockNumber: block.number } });
    return 1;
  }
  await tx.custodyEvent.create({
    data: { orgId, ...subject, type: e.eventType, departureRef: e.departureRef, place: e.place, occurredAt, txId: event.txId, blockNumber: block.number },
  });
  return 1;
}

export interface LedgerIndexer {
  /** Finishes the block in progress and stops. */
  stop(): Promise<void>;
}

/** Runs the indexer until stopped: again at once while blocks remain, else every pollMs. */
export function startLedgerIndexer(deps: IndexerDeps, options: { pollMs: number; maxBlocks?: number }): LedgerIndexer {
  let stopped = false;
  let wake: (() => void) | undefined;
  let failures = 0;
  /** The next block as of the last run: while the ledger has no newer block, polling costs no query. */
  let known = -1;
  const loop = (async () => {
    while (!stopped) {
      let more = false;
      try {
        const idle = known >= 0 && (await deps.hub.ledger().height()) <= known;
        if (!idle) {
          const r = await indexLedgerOnce(deps, { maxBlocks: options.maxBlocks });
          known = r.nextBlock;
          more = r.blocks >= (options.maxBlocks ?? 100);
          if (r.changed) deps.log?.info({ blocks: r.blocks, events: r.events, changed: r.changed, nextBlock: r.nextBlock }, "ledger indexed");
        }
        failures = 0;
      } catch (e) {
        failures++;
        deps.log?.error({ err: e, failures }, "ledger indexing failed; will retry");
      }
      if (stopped) break;
      if (!more) {
        // Backs off while the ledger or the database fails, up to a minute.
        const wait = Math.min(60_000, options.pollMs * 2 ** Math.min(failures, 6));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
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
