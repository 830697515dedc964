// Verification of a vehicle by anyone, without logging in: what the platform knows and how it
// was anchored, and the self-contained proof file (chain/proof FORMAT.md) that checks offline.
import { createVehicleProof, signEndorsement, type VehicleProof } from "@corridor/chain/proof";
import type { Db } from "../../db/index.js";
import { RuleViolationError } from "../../errors.js";
import { type LedgerHub, PLATFORM_MSP } from "../../ledger.js";
import { loadBatchTree } from "./batch-tree.js";
import { custodyHistory } from "./custody.js";

/** The identifier as people type it: trimmed, upper case. */
export function normalizeVin(vin: string): string {
  return vin.normalize("NFC").trim().toUpperCase();
}

function findVehicle(db: Db, vin: string) {
  const key = normalizeVin(vin);
  return db.vehicle.findFirst({ where: { OR: [{ vin: key }, { frameNumber: key }] }, include: { batch: true }, orderBy: { createdAt: "asc" } });
}

export async function verifyVehicle(db: Db, input: { vin: string; market?: string | null; on?: string | null }) {
  const v = await findVehicle(db, input.vin);
  if (!v) return null;
  // The custody lookup needs only the vehicle: start it alongside the rest.
  const custodyPromise = custodyHistory(db, v);
  // awaited below; marked handled so a failure elsewhere first cannot leave it unhandled
  custodyPromise.catch(() => undefined);
  const [maker, model] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: v.makerOrgId }, select: { name: true, nameZh: true, countryCode: true } }),
    db.vehicleModel.findUniqueOrThrow({ where: { id: v.vehicleModelId }, select: { code: true, name: true, category: true } }),
  ]);
  const on = input.on ? new Date(`${input.on}T00:00:00Z`) : new Date(new Date().toISOString().slice(0, 10));
  const certifications = await db.certification.findMany({
    where: {
      makerOrgId: v.makerOrgId,
      // On the ledger (PENDING is not yet); a revoked one still held on days before its revocation,
      // as the contract's isCertificationValidOn.
      status: { in: ["ACTIVE", "REVOKED"] },
      AND: [{ OR: [{ modelCode: model.code }, { vins: { has: v.vin } }] }, { OR: [{ revokedAt: null }, { revokedAt: { gte: new Date(on.getTime() + 86_400_000) } }] }],
      validFrom: { lte: on },
      validTo: { gte: on },
      ...(input.market ? { market: input.market.trim().toUpperCase() } : {}),
    },
    orderBy: [{ market: "asc" }, { validTo: "desc" }],
    take: 50,
  });
  const custody = await custodyPromise;
  const b = v.batch;
  return {
    vin: v.frameNumber === v.vin ? null : v.vin,
    frameNumber: v.frameNumber,
    makerName: maker.name,
    makerNameZh: maker.nameZh,
    makerCountry: maker.countryCode,
    modelCode: model.code,
    modelName: model.name,
    productionDate: v.productionDate.toISOString().slice(0, 10),
    anchorStatus: b?.status ?? "PENDING",
    batchRoot: b?.status === "ANCHORED" ? b.merkleRoot : null,
    txId: b?.status === "ANCHORED" ? b.txId : null,
    blockNumber: b?.status === "ANCHORED" ? b.blockNumber : null,
    blockHash: b?.status === "ANCHORED" ? b.blockHash : null,
    anchoredAt: b?.status === "ANCHORED" ? b.anchoredAt : null,
    market: input.market?.trim().toUpperCase() ?? null,
    on: on.toISOString().slice(0, 10),
    certifications,
    custody,
  };
}

/**
 * The proof file of an anchored vehicle: its record, the audit path in its batch's tree, the
 * ledger anchor, and endorsements of the anchor statement by the maker's and the platform's
 * peers. Null when the vehicle is not anchored yet; undefined when there is no such vehicle.
 */
export async function vehicleProof(db: Db, hub: LedgerHub, vin: string): Promise<VehicleProof | null | undefined> {
  const v = await findVehicle(db, vin);
  if (!v) return undefined;
  const b = v.batch;
  if (b?.status !== "ANCHORED" || !b.merkleRoot || !b.txId || b.blockNumber === null || !b.blockHash || !b.anchoredAt || v.leafIndex === null) return null;
  const tree = await loadBatchTree(db, b.id);
  if (!tree) return null;
  if (tree.root !== b.merkleRoot) {
    throw new RuleViolationError("BATCH_CHANGED", "This vehicle's batch no longer matches the root anchored on the ledger; the platform has been told.");
  }
  const record = tree.records[v.leafIndex];
  if (!record) return null;
  const ledger = hub.ledger();
  const anchor = {
    channel: ledger.channel,
    chaincode: ledger.chaincode,
    txId: b.txId,
    blockNumber: b.blockNumber,
    blockHash: b.blockHash,
    timestamp: b.anchoredAt.toISOString(),
    batchId: b.id,
  };
  await hub.ensureOrganizations([]);
  const endorsements = [...new Set([tree.makerMspId, PLATFORM_MSP])].map((mspId) => {
    const key = hub.endorser(mspId);
    return signEndorsement({ privateKey: key.privateKeyPem, certificatePem: key.certificatePem, mspId, root: tree.root, treeSize: tree.treeSize, anchor });
  });
  return createVehicleProof({ record, tree: tree.tree, anchor, endorsements });
}
