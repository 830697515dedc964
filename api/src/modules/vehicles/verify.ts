// Verification of a vehicle by anyone, without logging in: what the platform knows and how it
// was anchored, and the self-contained proof file (chain/proof FORMAT.md) that checks offline.
import { createVehicleProof, signEndorsement, type VehicleProof } from "@corridor/chain/proof";
import { type Db, queryDirect } from "../../db/index.js";
import { RuleViolationError } from "../../errors.js";
import type { AnchorStatus, CertificationStatus, CustodyType } from "../../generated/prisma/enums.js";
import { type LedgerHub, PLATFORM_MSP } from "../../ledger.js";
import { loadBatchTree } from "./batch-tree.js";

/** The identifier as people type it: trimmed, upper case. */
export function normalizeVin(vin: string): string {
  return vin.normalize("NFC").trim().toUpperCase();
}

function findVehicle(db: Db, vin: string) {
  const key = normalizeVin(vin);
  return db.vehicle.findFirst({ where: { OR: [{ vin: key }, { frameNumber: key }] }, include: { batch: true }, orderBy: { createdAt: "asc" } });
}

/** One row of verifyVehicle's query: everything about the vehicle as one JSON value. */
interface VerificationRow {
  vin: string;
  frameNumber: string | null;
  productionDate: string;
  makerName: string;
  makerNameZh: string | null;
  makerCountry: string;
  modelCode: string;
  modelName: string;
  batchStatus: AnchorStatus | null;
  merkleRoot: string | null;
  txId: string | null;
  blockNumber: number | null;
  blockHash: string | null;
  anchoredAt: string | null;
  certifications: {
    id: string;
    market: string;
    standard: string;
    number: string;
    modelCode: string | null;
    validFrom: string;
    validTo: string;
    status: CertificationStatus;
    revokedAt: string | null;
  }[];
  revocations: {
    market: string;
    standard: string;
    number: string;
    modelCode: string | null;
    validFrom: string;
    validTo: string;
    revokedAt: string;
    reason: string | null;
  }[];
  custody: { type: CustodyType; place: string; occurredAt: string; recordedBy: string; vehicle: boolean; txId: string | null; blockNumber: number | null }[];
}

// The vehicle, its maker, model and batch, the certifications in force, the certifications
// revoked by the end of the day asked about (whatever their validity period: a revocation is
// news to anyone holding the certificate) and the custody history in one statement and one
// round trip: a public lookup is the hottest read path. The vehicle is
// found by VIN or frame number (both indexed); certifications through (makerOrgId, modelCode,
// market); custody through (vehicleId, occurredAt) and (batchId, occurredAt).
const verificationSql = (withMarket: boolean) => `
SELECT json_build_object(
  'vin', v.vin, 'frameNumber', v."frameNumber", 'productionDate', to_char(v."productionDate", 'YYYY-MM-DD'),
  'makerName', o.name, 'makerNameZh', o."nameZh", 'makerCountry', o."countryCode",
  'modelCode', m.code, 'modelName', m.name,
  'batchStatus', b.status, 'merkleRoot', b."merkleRoot", 'txId', b."txId", 'blockNumber', b."blockNumber", 'blockHash', b."blockHash", 'anchoredAt', b."anchoredAt",
  'certifications', COALESCE((
    SELECT json_agg(json_build_object(
      'id', c.id, 'market', c.market, 'standard', c.standard, 'number', c.number, 'modelCode', c."modelCode",
      'validFrom', to_char(c."validFrom", 'YYYY-MM-DD'), 'validTo', to_char(c."validTo", 'YYYY-MM-DD'), 'status', c.status, 'revokedAt', c."revokedAt"
    ) ORDER BY c.market, c."validTo" DESC, c.id)
    FROM (
      SELECT * FROM "Certification" c
      WHERE c."makerOrgId" = v."makerOrgId"
        AND c.status IN ('ACTIVE', 'REVOKED')
        AND (c."modelCode" = m.code OR v.vin = ANY (c.vins))
        AND (c."revokedAt" IS NULL OR c."revokedAt" >= $3::timestamptz)
        AND c."validFrom" <= $2::date AND c."validTo" >= $2::date
        ${withMarket ? "AND c.market = $4" : ""}
      ORDER BY c.market, c."validTo" DESC, c.id
      LIMIT 50
    ) c
  ), '[]'::json),
  'revocations', COALESCE((
    SELECT json_agg(json_build_object(
      'market', c.market, 'standard', c.standard, 'number', c.number, 'modelCode', c."modelCode",
      'validFrom', to_char(c."validFrom", 'YYYY-MM-DD'), 'validTo', to_char(c."validTo", 'YYYY-MM-DD'),
      'revokedAt', c."revokedAt", 'reason', c."revokeReason"
    ) ORDER BY c."revokedAt" DESC, c.id)
    FROM (
      SELECT * FROM "Certification" c
      WHERE c."makerOrgId" = v."makerOrgId"
        AND c.status IN ('ACTIVE', 'REVOKED')
        AND (c."modelCode" = m.code OR v.vin = ANY (c.vins))
        AND c."revokedAt" < $3::timestamptz
        ${withMarket ? "AND c.market = $4" : ""}
      ORDER BY c."revokedAt" DESC, c.id
      LIMIT 50
    ) c
  ), '[]'::json),
  'custody', COALESCE((
    SELECT json_agg(json_build_object(
      'type', e.type, 'place', e.place, 'occurredAt', e."occurredAt", 'recordedBy', COALESCE(eo.name, ''),
      'vehicle', e."vehicleId" IS NOT NULL, 'txId', e."txId", 'blockNumber', e."blockNumber"
    ) ORDER BY e."occurredAt", e."createdAt", e.id)
    FROM (
      SELECT * FROM "CustodyEvent" e
      WHERE e."vehicleId" = v.id OR (v."batchId" IS NOT NULL AND e."batchId" = v."batchId")
      ORDER BY e."occurredAt", e."createdAt", e.id
      LIMIT 200
    ) e
    LEFT JOIN "Organization" eo ON eo.id = e."orgId"
  ), '[]'::json)
) AS r
FROM (
  SELECT * FROM "Vehicle" WHERE vin = $1
  UNION ALL
  SELECT * FROM "Vehicle" WHERE "frameNumber" = $1
  ORDER BY "createdAt"
  LIMIT 1
) v
JOIN "Organization" o ON o.id = v."makerOrgId"
JOIN "VehicleModel" m ON m.id = v."vehicleModelId"
LEFT JOIN "VehicleBatch" b ON b.id = v."batchId"`;
const VERIFY_SQL = { name: "corridor.verifyVehicle", text: verificationSql(false) };
const VERIFY_MARKET_SQL = { name: "corridor.verifyVehicle.market", text: verificationSql(true) };

const DAY_MS = 86_400_000;

/** What anyone may check about a vehicle, in one database round trip; null when none is registered. */
export async function verifyVehicle(db: Db, input: { vin: string; market?: string | null; on?: string | null }) {
  const key = normalizeVin(input.vin);
  const on = input.on ? new Date(`${input.on}T00:00:00Z`) : new Date(new Date().toISOString().slice(0, 10));
  const day = on.toISOString().slice(0, 10);
  const market = input.market?.trim().toUpperCase() || null;
  // A certification revoked during the day asked about still held on the days before (as the
  // contract's isCertificationValidOn): revokedAt must be after the end of that day, or absent.
  const dayEnd = new Date(on.getTime() + DAY_MS).toISOString();
  const statement = market ? VERIFY_MARKET_SQL : VERIFY_SQL;
  const values = market ? [key, day, dayEnd, market] : [key, day, dayEnd];
  // Straight on the driver as a prepared statement where the client allows (planned once per
  // connection); through Prisma otherwise.
  const rows = await queryDirect<{ r: VerificationRow | string }>(db, statement, values);
  const raw = rows[0]?.r;
  if (!raw) return null;
  const v: VerificationRow = typeof raw === "string" ? JSON.parse(raw) : raw;
  const anchored = v.batchStatus === "ANCHORED";
  return {
    vin: v.frameNumber === v.vin ? null : v.vin,
    frameNumber: v.frameNumber,
    makerName: v.makerName,
    makerNameZh: v.makerNameZh,
    makerCountry: v.makerCountry,
    modelCode: v.modelCode,
    modelName: v.modelName,
    productionDate: v.productionDate,
    anchorStatus: v.batchStatus ?? ("PENDING" as AnchorStatus),
    batchRoot: anchored ? v.merkleRoot : null,
    txId: anchored ? v.txId : null,
    blockNumber: anchored ? v.blockNumber : null,
    blockHash: anchored ? v.blockHash : null,
    anchoredAt: anchored && v.anchoredAt ? new Date(v.anchoredAt) : null,
    market: input.market?.trim().toUpperCase() ?? null,
    on: day,
    certifications: v.certifications.map((c) => ({
      id: c.id,
      market: c.market,
      standard: c.standard,
      number: c.number,
      modelCode: c.modelCode,
      validFrom: new Date(`${c.validFrom}T00:00:00Z`),
      validTo: new Date(`${c.validTo}T00:00:00Z`),
      status: c.status,
      revokedAt: c.revokedAt ? new Date(c.revokedAt) : null,
    })),
    revocations: v.revocations.map((c) => ({
      market: c.market,
      standard: c.standard,
      number: c.number,
      modelCode: c.modelCode,
      validFrom: new Date(`${c.validFrom}T00:00:00Z`),
      validTo: new Date(`${c.validTo}T00:00:00Z`),
      revokedAt: new Date(c.revokedAt),
      reason: c.reason,
    })),
    custody: v.custody.map((e) => ({
      type: e.type,
      place: e.place,
      occurredAt: new Date(e.occurredAt),
      recordedBy: e.recordedBy,
      scope: e.vehicle ? ("VEHICLE" as const) : ("BATCH" as const),
      txId: e.txId,
      blockNumber: e.blockNumber,
    })),
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
