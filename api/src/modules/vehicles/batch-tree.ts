// The Merkle tree of a vehicle batch, rebuilt from the database: one canonical chain/proof vehicle
// record per vehicle, in leafIndex order. Proofs rebuild it to get the audit path and check it
// still gives the anchored root. The import computes the same root when it writes the batch, so
// the anchoring worker submits it without reading a thousand vehicles back (loadBatchAnchor).
import { createHash } from "node:crypto";
import { buildBatch } from "@corridor/chain/proof";
import type { Db, Tx } from "../../db/index.js";
import { mspIdOf } from "../../ledger.js";

/** A vehicle as the import and the database know it. `vin` is the vehicle's key (its VIN, else its frame number). */
export interface VehicleRecordSource {
  vin: string;
  frameNumber: string | null;
  /** YYYY-MM-DD */
  productionDate: string;
  batterySerial: string | null;
  motorNumber: string | null;
}

/** The chain/proof record input of a vehicle: the same at import and when the tree is rebuilt. */
export function vehicleRecordInput(v: VehicleRecordSource, maker: { id: string; mspId: string }, modelCode: string) {
  return {
    ...(v.frameNumber && v.frameNumber !== v.vin ? { vin: v.vin, frameNumber: v.frameNumber } : v.frameNumber ? { frameNumber: v.frameNumber } : { vin: v.vin }),
    makerMspId: maker.mspId,
    makerOrgId: maker.id,
    modelCode,
    productionDate: v.productionDate,
    batterySerial: v.batterySerial ?? "",
    motorNumber: v.motorNumber ?? "",
  };
}

function metadataHashOf(batch: { id: string; makerOrgId: string; importId: string | null }, count: number, modelCode: string): string {
  return createHash("sha256")
    .update(JSON.stringify({ batchId: batch.id, makerOrgId: batch.makerOrgId, importId: batch.importId, count, modelCode }))
    .digest("hex");
}

export async function loadBatchTree(db: Db | Tx, batchId: string) {
  const batch = await db.vehicleBatch.findUnique({ where: { id: batchId } });
  if (!batch) return null;
  const maker = await db.organization.findUniqueOrThrow({ where: { id: batch.makerOrgId }, select: { id: true, slug: true, kind: true, name: true } });
  const vehicles = await db.vehicle.findMany({ where: { batchId }, orderBy: { leafIndex: "asc" } });
  const modelIds = [...new Set(vehicles.map((v) => v.vehicleModelId))];
  const models = new Map((await db.vehicleModel.findMany({ where: { id: { in: modelIds } }, select: { id: true, code: true } })).map((m) => [m.id, m.code]));
  const makerMspId = mspIdOf(maker);
  vehicles.forEach((v, i) => {
    if (v.leafIndex !== i) throw new Error(`batch ${batchId}: vehicle ${v.vin} is at leaf ${v.leafIndex}, expected ${i}`);
  });
  const built = buildBatch(
    "vehicle",
    batchId,
    vehicles.map((v) =>
      vehicleRecordInput({ ...v, productionDate: v.productionDate.toISOString().slice(0, 10) }, { id: maker.id, mspId: makerMspId }, models.get(v.vehicleModelId) ?? ""),
    ),
  );
  const modelCode = models.get(vehicles[0]?.vehicleModelId ?? "") ?? "";
  const metadataHash = metadataHashOf(batch, vehicles.length, modelCode);
  return { batch, maker, makerMspId, vehicles, modelCode, metadataHash, ...built };
}

/**
 * What anchoring a batch needs: its root, size, maker and metadata hash. A batch written with its
 * root (by the import) is read in two small queries; one without is rebuilt from its vehicles.
 */
export async function loadBatchAnchor(db: Db | Tx, batchId: string) {
  const batch = await db.vehicleBatch.findUnique({ where: { id: batchId } });
  if (!batch) return null;
  if (!batch.merkleRoot) return loadBatchTree(db, batchId);
  const [maker, first] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: batch.makerOrgId }, select: { id: true, slug: true, kind: true, name: true } }),
    db.vehicle.findFirst({ where: { batchId, leafIndex: 0 }, select: { vehicleModelId: true } }),
  ]);
  const model = first ? await db.vehicleModel.findUnique({ where: { id: first.vehicleModelId }, select: { code: true } }) : null;
  const modelCode = model?.code ?? "";
  return {
    batch,
    maker,
    makerMspId: mspIdOf(maker),
    modelCode,
    metadataHash: metadataHashOf(batch, batch.count, modelCode),
    batchId,
    root: batch.merkleRoot,
    treeSize: batch.count,
  };
}
