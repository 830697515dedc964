// Anchoring of issued documents' hashes on the ledger. Certificates (CERTIFICATE_OF_CONFORMITY,
// VEHICLE_VERIFICATION) are anchored; booking documents are not: they are re-issued whenever the
// booking changes and their hash is in the registry (verifyDocument) — the ledger holds what a
// third party must trust without trusting Corridor's database.
//
// issueRendered writes the IssuedDocument (anchorStatus PENDING) and an OutboxMessage
// (topic document.anchor, key document.anchor:<documentId>) in one transaction; the outbox
// worker (api/src/jobs/outbox.ts) calls anchorDocumentOnLedger, which submits the contract's
// anchorDocument(documentId, sha256, kind, issuerMspId) as the issuing organization and then
// records ANCHORED with the transaction id and block. The contract is idempotent by document id
// (same hash → the stored record), so a retry after a lost reply never anchors twice.
import { ContractRejectedError, CorridorClient } from "@corridor/chain/ledger";
import type { Db } from "../../db/index.js";
import { type LedgerHub, mspIdOf, organizationSpecOf } from "../../ledger.js";
import { writeAudit } from "../identity/audit.js";

export const OUTBOX_TOPIC_DOCUMENT_ANCHOR = "document.anchor";

/** The outbox message that anchors a document: one per document id (the key is unique). */
export function documentAnchorMessage(documentId: string) {
  return { topic: OUTBOX_TOPIC_DOCUMENT_ANCHOR, key: `${OUTBOX_TOPIC_DOCUMENT_ANCHOR}:${documentId}`, payload: { documentId } };
}

/** After this many failed attempts a document shows FAILED (the worker keeps retrying). */
export const DOCUMENT_ANCHOR_ATTEMPTS_BEFORE_FAILED = 10;

/**
 * Submits a document's hash to the ledger and records the anchor. Throws on failure (the worker
 * backs off and retries; after DOCUMENT_ANCHOR_ATTEMPTS_BEFORE_FAILED attempts the document shows
 * FAILED, and is still retried); a message whose document is gone or anchored already completes.
 */
export async function anchorDocumentOnLedger(deps: { db: Db; hub: LedgerHub }, msg: { id: bigint; key: string; attempts: number }): Promise<void> {
  const documentId = msg.key.slice(OUTBOX_TOPIC_DOCUMENT_ANCHOR.length + 1);
  try {
    await anchor(deps, msg, documentId);
  } catch (e) {
    if (msg.attempts + 1 >= DOCUMENT_ANCHOR_ATTEMPTS_BEFORE_FAILED) {
      await deps.db.issuedDocument.updateMany({ where: { id: documentId, anchorStatus: "PENDING" }, data: { anchorStatus: "FAILED" } });
    }
    throw e;
  }
}

async function anchor(deps: { db: Db; hub: LedgerHub }, msg: { id: bigint }, documentId: string): Promise<void> {
  const finish = { doneAt: new Date(), lockedUntil: null, attempts: { increment: 1 }, lastError: null };
  const doc = await deps.db.issuedDocument.findUnique({ where: { id: documentId } });
  if (!doc || doc.anchorStatus === "ANCHORED") {
    await deps.db.outboxMessage.update({ where: { id: msg.id }, data: finish });
    return;
  }
  const org = await deps.db.organization.findUniqueOrThrow({ where: { id: doc.orgId }, select: { id: true, slug: true, kind: true, name: true } });
  const spec = organizationSpecOf(org);
  if (spec) await deps.hub.ensureOrganizations([spec]);
  const client = new CorridorClient(deps.hub.ledger());
  const input = { documentId: doc.id, sha256: doc.sha256, kind: doc.kind, issuerMspId: mspIdOf(org) };
  let anchored: { txId: string; blockNumber: number | null };
  try {
    const { record, receipt } = await client.anchorDocument(input, { mspId: input.issuerMspId });
    // An anchor committed by an earlier attempt comes back as the stored record, with its own transaction.
    anchored =
      record.anchored.txId === receipt.txId
        ? { txId: receipt.txId, blockNumber: receipt.blockNumber }
        : { txId: record.anchored.txId, blockNumber: await blockOf(deps.hub, record.anchored.txId) };
  } catch (e) {
    if (e instanceof ContractRejectedError && e.code === "CONFLICT") {
      // Never expected (ids are random, stored bytes immutable): keep retrying loudly rather than call it anchored.
      throw new Error(`the ledger holds another hash for document ${doc.number} (${doc.id}): ${e.message}`);
    }
    throw e;
  }
  await deps.db.$transaction(async (tx) => {
    await tx.issuedDocument.update({ where: { id: doc.id }, data: { anchorStatus: "ANCHORED", txId: anchored.txId, blockNumber: anchored.blockNumber } });
    await tx.outboxMessage.update({ where: { id: msg.id }, data: finish });
    await writeAudit(
      tx,
      { actor: null },
      { action: "document.anchor", targetType: "IssuedDocument", targetId: doc.id, orgId: doc.orgId, after: { sha256: doc.sha256, ...anchored } },
    );
  });
}

/** The block holding a transaction, searched back from the top (only after a retry; recent). */
async function blockOf(hub: LedgerHub, txId: string): Promise<number | null> {
  const ledger = hub.ledger();
  const height = await ledger.height();
  for (let n = height - 1; n >= Math.max(0, height - 1000); n--) {
    const block = await ledger.block(n);
    if (block.transactions.some((t) => t.txId === txId)) return n;
  }
  return null;
}
