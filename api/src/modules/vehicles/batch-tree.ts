// The Merkle tree of a vehicle batch, rebuilt from the database: one canonical chain/proof vehicle
// record per vehicle, in leafIndex order. The anchoring worker builds it to learn the root; proofs
// rebuild it to get the audit path and check it still gives the anchored root.
import { createHash } from "node:crypto";
import { buildBatch } from "@corridor/chain/proof";
import type { Db, Tx } from "../../db/index.js";
import { mspIdOf } from "../../ledger.js";

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
    vehicles.map((v) => ({
      ...(v.frameNumber && v.frameNumber !== v.vin ? { vin: v.vin, frameNumber: v.frameNumber } : v.frameNumber ? { frameNumber: v.frameNumber } : { vin: v.vin }),
      makerMspId,
      makerOrgId: maker.id,
      modelCode: models.get(v.vehicleModelId) ?? "",
      productionDate: v.productionDate.toISOString().slice(0, 10),
      batterySerial: v.batterySerial ?? "",
      motorNumber: v.motorNumber ?? "",
    })),
  );
  const modelCode = models.get(vehicles[0]?.vehicleModelId ?? "") ?? "";
  const metadataHash = createHash("sha256")
    .update(JSON.stringify({ batchId, makerOrgId: maker.id, importId: batch.importId, count: vehicles.length, modelCode }))
    .digest("hex");
  return { batch, maker, makerMspId, vehicles, modelCode, metadataHash, ...built };
}
