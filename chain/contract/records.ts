// The records the contract keeps in world state. Each is plain data built only through its
// validated `newInstance`, which is also applied to whatever is read back from state, so a
// malformed value is caught where it enters, never deep inside a transaction.
import { type CustodyEventType, CustodyEventTypes, type CustodySubjectType, CustodySubjectTypes, MAX_SCOPE_VIN_HASHES, ROLES, type Role } from "./constants.js";
import * as v from "./validate.js";

/** Fields every record carries about the transaction that wrote it. */
export interface Anchor {
  /** Transaction id that wrote (or last changed) the record. */
  txId: string;
  /** Transaction timestamp (proposal time), ISO 8601 UTC. */
  at: string;
  /** MSP ID of the submitting identity. */
  byMspId: string;
  /** Fabric client id of the submitting identity, "x509::<subject>::<issuer>". */
  by: string;
}

const Anchor = {
  newInstance(input: unknown, field = "anchor"): Anchor {
    const o = v.object(input, field);
    return {
      txId: v.text(o.txId, `${field}.txId`, 128),
      at: v.instant(o.at, `${field}.at`),
      byMspId: v.mspId(o.byMspId, `${field}.byMspId`),
      by: v.text(o.by, `${field}.by`, 2048),
    };
  },
};

export interface ConsortiumMember {
  mspId: string;
  name: string;
  roles: Role[];
}

/** Who is in the consortium and in which roles. Key "config". */
export interface ConsortiumConfig {
  docType: "config";
  platformMspId: string;
  /** Sorted by mspId. */
  members: ConsortiumMember[];
  updated: Anchor;
}

export type ConsortiumConfigInput = Pick<ConsortiumConfig, "platformMspId" | "members">;

export const ConsortiumConfig = {
  /** Validates the part a caller supplies; members and roles come back sorted. */
  input(input: unknown): ConsortiumConfigInput {
    const o = v.object(input, "config");
    const platformMspId = v.mspId(o.platformMspId, "config.platformMspId");
    if (!Array.isArray(o.members) || o.members.length === 0) throw v.invalid("config.members", "must be a non-empty array");
    const seen = new Set<string>();
    const members = o.members.map((m, i): ConsortiumMember => {
      const mo = v.object(m, `config.members[${i}]`);
      const mspId = v.mspId(mo.mspId, `config.members[${i}].mspId`);
      if (seen.has(mspId)) throw v.invalid(`config.members[${i}].mspId`, `${mspId} is listed twice`);
      seen.add(mspId);
      if (!Array.isArray(mo.roles) || mo.roles.length === 0) {
        throw v.invalid(`config.members[${i}].roles`, "must be a non-empty array");
      }
      const roles = [...new Set(mo.roles.map((r, j) => v.oneOf(r, `config.members[${i}].roles[${j}]`, ROLES)))].sort();
      return { mspId, name: v.text(mo.name, `config.members[${i}].name`, 200), roles };
    });
    members.sort((a, b) => (a.mspId < b.mspId ? -1 : 1));
    const platform = members.find((m) => m.mspId === platformMspId);
    if (!platform?.roles.includes("platform")) {
      throw v.invalid("config.platformMspId", `${platformMspId} must be a member with the platform role`);
    }
    return { platformMspId, members };
  },
  newInstance(input: unknown): ConsortiumConfig {
    const o = v.object(input, "config");
    return { docType: "config", ...ConsortiumConfig.input(o), updated: Anchor.newInstance(o.updated, "config.updated") };
  },
};

/** A Merkle batch of vehicle records (RFC 6962 tree over the records' leaves). Key batch/<batchId>. */
export interface Batch {
  docType: "batch";
  batchId: string;
  /** RFC 6962 Merkle tree head, lowercase hex. */
  merkleRoot: string;
  /** Number of leaves (vehicles) in the tree. */
  count: number;
  makerMspId: string;
  modelCode: string;
  /** SHA-256 of the batch's off-ledger metadata document. */
  metadataHash: string;
  registered: Anchor;
}

export type BatchInput = Omit<Batch, "docType" | "registered">;

/** Upper bound on leaves in one batch: generous against ~1,000 per batch in practice. */
export const MAX_BATCH_COUNT = 10_000_000;

export const Batch = {
  input(fields: unknown): BatchInput {
    const o = v.object(fields, "batch");
    return {
      batchId: v.id(o.batchId, "batchId"),
      merkleRoot: v.sha256Hex(o.merkleRoot, "merkleRoot"),
      count: v.positiveInt(o.count, "count", MAX_BATCH_COUNT),
      makerMspId: v.mspId(o.makerMspId, "makerMspId"),
      modelCode: v.id(o.modelCode, "modelCode"),
      metadataHash: v.sha256Hex(o.metadataHash, "metadataHash"),
    };
  },
  newInstance(input: unknown): Batch {
    const o = v.object(input, "batch");
    return { docType: "batch", ...Batch.input(o), registered: Anchor.newInstance(o.registered, "batch.registered") };
  },
};

/** One vehicle anchored on its own. Key vehicle/<vin>. */
export interface Vehicle {
  docType: "vehicle";
  /** VIN, or the frame number for vehicles without one (车架号). */
  vin: string;
  makerMspId: string;
  modelCode: string;
  productionDate: string;
  batterySerial: string;
  motorNumber: string;
  /** SHA-256 of the full off-ledger vehicle record. */
  recordHash: string;
  registered: Anchor;
}

export type VehicleInput = Omit<Vehicle, "docType" | "registered">;

export const Vehicle = {
  input(fields: unknown): VehicleInput {
    const o = v.object(fields, "vehicle");
    return {
      vin: v.vin(o.vin, "vin"),
      makerMspId: v.mspId(o.makerMspId, "makerMspId"),
      modelCode: v.id(o.modelCode, "modelCode"),
      productionDate: v.date(o.productionDate, "productionDate"),
      batterySerial: v.text(o.batterySerial, "batterySerial", 64),
      motorNumber: v.text(o.motorNumber, "motorNumber", 64),
      recordHash: v.sha256Hex(o.recordHash, "recordHash"),
    };
  },
  newInstance(input: unknown): Vehicle {
    const o = v.object(input, "vehicle");
    return { docType: "vehicle", ...Vehicle.input(o), registered: Anchor.newInstance(o.registered, "vehicle.registered") };
  },
};

/**
 * What a certification covers: a whole model (type approval, CCC, SNI …) or listed vehicles by
 * VIN hash (certificates of conformity). vinHash = lowercase hex SHA-256 of the UTF-8 VIN.
 */
export type CertificationScope = { kind: "MODEL"; modelCode: string } | { kind: "VINS"; vinHashes: string[] };

export const CertificationScope = {
  newInstance(input: unknown): CertificationScope {
    const o = v.object(input, "scope");
    const kind = v.oneOf(o.kind, "scope.kind", ["MODEL", "VINS"] as const);
    if (kind === "MODEL") return { kind, modelCode: v.id(o.modelCode, "scope.modelCode") };
    if (!Array.isArray(o.vinHashes) || o.vinHashes.length === 0 || o.vinHashes.length > MAX_SCOPE_VIN_HASHES) {
      throw v.invalid("scope.vinHashes", `must list 1 to ${MAX_SCOPE_VIN_HASHES} VIN hashes`);
    }
    const vinHashes = [...new Set(o.vinHashes.map((h, i) => v.sha256Hex(h, `scope.vinHashes[${i}]`)))].sort();
    return { kind, vinHashes };
  },
};

export interface Revocation {
  reason: string;
  revoked: Anchor;
}

/** A certification issued by a certification body. Key cert/<certId>. */
export interface Certification {
  docType: "certification";
  certId: string;
  scope: CertificationScope;
  market: string;
  /** e.g. "EU 168/2013", "UN R136", "CCC", "TISI", "SNI". */
  standard: string;
  /** The certificate or approval number as printed, e.g. "e4*168/2013*00123". */
  number: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 of the certificate document. */
  documentHash: string;
  certifierMspId: string;
  status: "ACTIVE" | "REVOKED";
  issued: Anchor;
  revocation?: Revocation;
}

export type CertificationInput = Pick<Certification, "certId" | "scope" | "market" | "standard" | "number" | "validFrom" | "validTo" | "documentHash">;

export const Certification = {
  input(fields: unknown): CertificationInput {
    const o = v.object(fields, "certification");
    const validFrom = v.date(o.validFrom, "validFrom");
    const validTo = v.date(o.validTo, "validTo");
    if (validTo < validFrom) throw v.invalid("validTo", `must not be before validFrom (${validFrom})`);
    return {
      certId: v.id(o.certId, "certId"),
      scope: CertificationScope.newInstance(o.scope),
      market: v.market(o.market, "market"),
      standard: v.text(o.standard, "standard", 64),
      number: v.text(o.number, "number", 128),
      validFrom,
      validTo,
      documentHash: v.sha256Hex(o.documentHash, "documentHash"),
    };
  },
  newInstance(input: unknown): Certification {
    const o = v.object(input, "certification");
    const status = v.oneOf(o.status, "status", ["ACTIVE", "REVOKED"] as const);
    let revocation: Revocation | undefined;
    if (o.revocation !== undefined) {
      const r = v.object(o.revocation, "revocation");
      revocation = { reason: v.text(r.reason, "revocation.reason", 500), revoked: Anchor.newInstance(r.revoked, "revocation.revoked") };
    }
    if ((status === "REVOKED") !== (revocation !== undefined)) throw v.invalid("revocation", "must be present exactly when REVOKED");
    return {
      docType: "certification",
      ...Certification.input(o),
      certifierMspId: v.mspId(o.certifierMspId, "certifierMspId"),
      status,
      issued: Anchor.newInstance(o.issued, "certification.issued"),
      ...(revocation ? { revocation } : {}),
    };
  },
};

/**
 * Whether a certification holds on a given day (YYYY-MM-DD): within its validity and not revoked
 * by then. Check it at a shipment's estimated arrival, not today.
 */
export function isCertificationValidOn(cert: Certification, day: string): boolean {
  if (day < cert.validFrom || day > cert.validTo) return false;
  return !cert.revocation || day < cert.revocation.revoked.at.slice(0, 10);
}

/** A custody milestone of a vehicle or a batch. Key custody/<subjectType>/<subjectId>/<occurredAt>/<txId>. */
export interface CustodyEvent {
  docType: "custody";
  subjectType: CustodySubjectType;
  subjectId: string;
  eventType: CustodyEventType;
  /** Train departure or booking reference. */
  departureRef: string;
  /** Station, border point or dealer site, e.g. "Alashankou". */
  place: string;
  /** When it happened, ISO 8601 UTC. */
  occurredAt: string;
  recorded: Anchor;
}

export type CustodyEventInput = Omit<CustodyEvent, "docType" | "recorded">;

export const CustodyEvent = {
  input(fields: unknown): CustodyEventInput {
    const o = v.object(fields, "custodyEvent");
    const subjectType = v.oneOf(o.subjectType, "subjectType", CustodySubjectTypes);
    return {
      subjectType,
      subjectId: subjectType === "VEHICLE" ? v.vin(o.subjectId, "subjectId") : v.id(o.subjectId, "subjectId"),
      eventType: v.oneOf(o.eventType, "eventType", CustodyEventTypes),
      departureRef: v.id(o.departureRef, "departureRef"),
      place: v.text(o.place, "place", 200),
      occurredAt: v.instant(o.occurredAt, "occurredAt"),
    };
  },
  newInstance(input: unknown): CustodyEvent {
    const o = v.object(input, "custodyEvent");
    return { docType: "custody", ...CustodyEvent.input(o), recorded: Anchor.newInstance(o.recorded, "custodyEvent.recorded") };
  },
};

/** One entry of a key's history, newest first (as Fabric 2.x returns them). */
export interface HistoryEntry {
  txId: string;
  /** Transaction timestamp, ISO 8601 UTC. */
  timestamp: string;
  isDelete: boolean;
  /** The record as written; absent for a delete. */
  value?: unknown;
}

/**
 * The SHA-256 of a document's bytes, anchored by the organization that issued it (certificates of
 * conformity, vehicle verification certificates …). Key doc/<documentId>. Write-once: the same id
 * and content again is a no-op; the same id with another hash is refused.
 */
export interface AnchoredDocument {
  docType: "document";
  /** The platform's id of the issued document (its verification code). */
  documentId: string;
  /** SHA-256 of the document's bytes, lowercase hex. */
  sha256: string;
  /** e.g. CERTIFICATE_OF_CONFORMITY, VEHICLE_VERIFICATION. */
  kind: string;
  /** MSP of the organization that issued the document. */
  issuerMspId: string;
  anchored: Anchor;
}

export type AnchoredDocumentInput = Omit<AnchoredDocument, "docType" | "anchored">;

export const AnchoredDocument = {
  input(fields: unknown): AnchoredDocumentInput {
    const o = v.object(fields, "document");
    return {
      documentId: v.id(o.documentId, "documentId"),
      sha256: v.sha256Hex(o.sha256, "sha256"),
      kind: v.documentKind(o.kind, "kind"),
      issuerMspId: v.mspId(o.issuerMspId, "issuerMspId"),
    };
  },
  newInstance(input: unknown): AnchoredDocument {
    const o = v.object(input, "document");
    return { docType: "document", ...AnchoredDocument.input(o), anchored: Anchor.newInstance(o.anchored, "document.anchored") };
  },
};
