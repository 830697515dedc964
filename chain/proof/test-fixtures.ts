/**
 * Throwaway consortium identities and anchored batches for tests and benchmarks. Not exported from
 * index.ts: production code creates identities with x509.ts and anchors through the ledger.
 */
import { createHash } from "node:crypto";
import { signEndorsement } from "./endorse.js";
import { type Anchor, createInclusionProof, createVehicleProof, type Endorsement, type EventProof, type VehicleProof } from "./format.js";
import { type Batch, buildBatch, type CertificationRecord, type CustodyRecord, type LedgerRecord, type VehicleRecord } from "./records.js";
import { type CertifiedKey, createOrgCertificateAuthority, issueOrgIdentity } from "./x509.js";

export interface OrgIdentity {
  mspId: string;
  ca: CertifiedKey;
  signer: CertifiedKey;
}

export interface Consortium {
  orgs: Record<string, OrgIdentity>;
  /** Every org's root CA certificate, one PEM bundle. */
  rootsPem: string;
}

export const MAKER = "YadeaMSP";
export const PLATFORM = "CorridorMSP";
export const CERT_BODY = "TuvMSP";
export const LOGISTICS = "RailMSP";

// Fixed validity so proofs made in one test run keep verifying: 2024-01-01 to 2044-01-01.
export const VALID_FROM = new Date("2024-01-01T00:00:00Z");

export function createConsortium(mspIds: readonly string[] = [MAKER, PLATFORM, CERT_BODY, LOGISTICS]): Consortium {
  const orgs: Record<string, OrgIdentity> = {};
  for (const mspId of mspIds) {
    const ca = createOrgCertificateAuthority(mspId, { notBefore: VALID_FROM, validityDays: 7305 });
    const signer = issueOrgIdentity(ca, { mspId, commonName: `peer0.${mspId.toLowerCase()}`, role: "peer", notBefore: VALID_FROM, validityDays: 7305 });
    orgs[mspId] = { mspId, ca, signer };
  }
  return {
    orgs,
    rootsPem: Object.values(orgs)
      .map((o) => o.ca.certificatePem)
      .join(""),
  };
}

export function org(consortium: Consortium, mspId: string): OrgIdentity {
  const o = consortium.orgs[mspId];
  if (!o) throw new Error(`no org ${mspId} in the test consortium`);
  return o;
}

const VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

/** A syntactically valid VIN derived from `n` (no check digit semantics). */
export function testVin(n: number): string {
  let s = "LYD";
  let v = n;
  for (let i = 0; i < 14; i++) {
    s += VIN_CHARS[v % VIN_CHARS.length];
    v = Math.floor(v / VIN_CHARS.length);
  }
  return s;
}

export function vehicleInputs(count: number, makerMspId = MAKER): Omit<VehicleRecord, "kind" | "batchId" | "leafIndex">[] {
  return Array.from({ length: count }, (_, i) => ({
    vin: testVin(i),
    makerMspId,
    makerOrgId: "org_yadea",
    modelCode: i % 3 === 0 ? "E8S-Pro 电动摩托" : "VFLY-F200",
    productionDate: "2025-02-14",
    batterySerial: `BAT-${String(i).padStart(8, "0")}`,
    motorNumber: `MOT-${String(i * 7).padStart(8, "0")}`,
  }));
}

export function testAnchor(batchId: string, overrides: Partial<Anchor> = {}): Anchor {
  const h = (s: string) => createHash("sha256").update(s).digest("hex");
  return {
    channel: "corridor",
    chaincode: "vehicles",
    txId: h(`tx:${batchId}`),
    blockNumber: 42,
    blockHash: h(`block:${batchId}`),
    previousBlockHash: h(`block-prev:${batchId}`),
    timestamp: "2025-03-01T08:00:00.000Z",
    batchId,
    ...overrides,
  };
}

export function endorse(consortium: Consortium, mspIds: readonly string[], batch: { root: string; treeSize: number }, anchor: Anchor): Endorsement[] {
  return mspIds.map((mspId) => {
    const o = org(consortium, mspId);
    return signEndorsement({ privateKey: o.signer.privateKeyPem, certificatePem: o.signer.certificatePem, mspId, root: batch.root, treeSize: batch.treeSize, anchor });
  });
}

export interface AnchoredBatch<T extends LedgerRecord> {
  batch: Batch<T>;
  anchor: Anchor;
  endorsements: Endorsement[];
}

export function anchoredVehicleBatch(
  consortium: Consortium,
  count: number,
  endorsers: readonly string[] = [MAKER, PLATFORM],
  batchId = "B-2025-0001",
): AnchoredBatch<VehicleRecord> {
  const batch = buildBatch("vehicle", batchId, vehicleInputs(count));
  const anchor = testAnchor(batchId);
  return { batch, anchor, endorsements: endorse(consortium, endorsers, batch, anchor) };
}

export function vehicleProof(a: AnchoredBatch<VehicleRecord>, index: number, events?: EventProof[]): VehicleProof {
  const record = a.batch.records[index];
  if (!record) throw new Error(`no vehicle ${index} in the batch`);
  return createVehicleProof({ record, tree: a.batch.tree, anchor: a.anchor, endorsements: a.endorsements, ...(events ? { events } : {}) });
}

/** A certification and a custody event for `vehicle`, each anchored in its own one-record batch. */
export function eventProofs(consortium: Consortium, vehicle: VehicleRecord): EventProof[] {
  const cert = buildBatch("certification", "C-2025-0001", [
    {
      vin: vehicle.vin,
      certificationId: "e4*168/2013*00012",
      scheme: "EU 168/2013",
      market: "EU",
      issuerMspId: CERT_BODY,
      status: "issued",
      effectiveDate: "2025-02-20",
      expiryDate: "2030-02-19",
    } as Omit<CertificationRecord, "kind" | "batchId" | "leafIndex">,
  ]);
  const certAnchor = testAnchor("C-2025-0001", { blockNumber: 43, timestamp: "2025-03-02T08:00:00.000Z" });
  const custody = buildBatch("custody", "K-2025-0001", [
    { vin: vehicle.vin, event: "departed", actorMspId: LOGISTICS, location: "CNCKG", occurredAt: "2025-03-05T10:30:00Z", reference: "X8011" } as Omit<
      CustodyRecord,
      "kind" | "batchId" | "leafIndex"
    >,
    { vin: "LYD00000000000009", event: "departed", actorMspId: LOGISTICS, location: "CNCKG", occurredAt: "2025-03-05T10:30:00Z" } as Omit<
      CustodyRecord,
      "kind" | "batchId" | "leafIndex"
    >,
  ]);
  const custodyAnchor = testAnchor("K-2025-0001", { blockNumber: 44, timestamp: "2025-03-05T11:00:00.000Z" });
  return [
    createInclusionProof({ record: cert.records[0]!, tree: cert.tree, anchor: certAnchor, endorsements: endorse(consortium, [CERT_BODY, PLATFORM], cert, certAnchor) }),
    createInclusionProof({
      record: custody.records[0]!,
      tree: custody.tree,
      anchor: custodyAnchor,
      endorsements: endorse(consortium, [LOGISTICS, PLATFORM], custody, custodyAnchor),
    }),
  ];
}
