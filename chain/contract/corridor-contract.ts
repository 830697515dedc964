// The Corridor chaincode: vehicle identity (Merkle batches and single vehicles), certifications
// and custody milestones, shared by makers, certification bodies, logistics operators, dealers
// and the platform. Everything written is canonical JSON (json.ts); every write emits one event
// named in events.ts; every expected failure is a ContractError with a code (errors.ts).
//
// The same class runs on Fabric peers (chaincode as a service) and in process in the embedded
// ledger (chain/ledger/embedded), through fabric-shim's own dispatcher.
import { CONTRACT_NAME, CUSTODY_EVENT_ROLES, HistoryKinds, ROLE_ATTRIBUTE, type Role, Roles } from "./constants.js";
import { ContractError, ContractErrorCode } from "./errors.js";
import { type CorridorEventName, CorridorEvents } from "./events.js";
// biome-ignore lint/style/useImportType: Context must be a value; with decorator metadata, @Transaction recognizes the ctx parameter by its class
import { Context, Contract, Evaluate, Info, Submit } from "./fabric.js";
import { canonicalJson, marshal, unmarshal } from "./json.js";
import { type Anchor, AnchoredDocument, Batch, Certification, ConsortiumConfig, CustodyEvent, type HistoryEntry, Vehicle } from "./records.js";
import * as v from "./validate.js";

/** World-state keys. Records use composite keys so each kind can be listed by prefix. */
export const StateKeys = {
  config: "config",
  batch: "batch",
  vehicle: "vehicle",
  certification: "cert",
  custody: "custody",
  /** Index: [modelCode, market, certId] → certification of a whole model. */
  certByModel: "cert~model~market",
  /** Index: [vinHash, market, certId] → certification listing that vehicle. */
  certByVinHash: "cert~vinhash~market",
  document: "doc",
} as const;

/** Fabric's marker value for index entries: the key is the information. */
const INDEX_VALUE = Uint8Array.of(0);

@Info({
  title: "Corridor",
  description: "Vehicle identity, certifications and custody for Chongqing's two-wheeler export corridors",
})
export class CorridorContract extends Contract {
  constructor() {
    super(CONTRACT_NAME);
  }

  override async unknownTransaction(ctx: Context): Promise<void> {
    const { fcn } = ctx.stub.getFunctionAndParameters();
    throw new ContractError(ContractErrorCode.UnknownTransaction, `the corridor contract has no transaction ${fcn}`);
  }

  // ── consortium configuration ────────────────────────────────────────────────────────────────

  /**
   * Writes who is in the consortium and in which roles (JSON {platformMspId, members: [{mspId,
   * name, roles}]}). Only the platform organization, acting in the platform role; the first call
   * must come from the organization it names as platform. Unchanged configuration: no write.
   */
  @Submit(["config", "string"])
  async configure(ctx: Context, config: string): Promise<string> {
    const input = ConsortiumConfig.input(v.json(config, "config"));
    const current = await findRecord(ctx, StateKeys.config, ConsortiumConfig.newInstance);
    const platformMspId = current?.platformMspId ?? input.platformMspId;
    const caller = ctx.clientIdentity.getMSPID();
    if (caller !== platformMspId) {
      throw notAuthorized(`only the platform organization ${platformMspId} may change the consortium configuration (caller: ${caller})`);
    }
    requireRoleAttribute(ctx, [Roles.Platform], "changing the consortium configuration");
    if (current && canonicalJson({ platformMspId: current.platformMspId, members: current.members }) === canonicalJson(input)) {
      return canonicalJson(current);
    }
    const record = ConsortiumConfig.newInstance({ ...input, updated: anchor(ctx) });
    return write(ctx, StateKeys.config, record, CorridorEvents.ConfigUpdated);
  }

  @Evaluate()
  async getConfig(ctx: Context): Promise<string> {
    return canonicalJson(await loadConfig(ctx));
  }

  // ── vehicle identity ────────────────────────────────────────────────────────────────────────

  /**
   * Anchors a Merkle batch of vehicle records. Idempotent by batchId: the same batch again returns
   * the stored record without writing; the same id with a different root (or other fields) fails
   * with CONFLICT. Callable by the maker itself, or by the platform on the maker's behalf.
   */
  @Submit(["batchId", "string"], ["merkleRoot", "string"], ["count", "number"], ["makerMspId", "string"], ["modelCode", "string"], ["metadataHash", "string"])
  async registerBatch(ctx: Context, batchId: string, merkleRoot: string, count: number, makerMspId: string, modelCode: string, metadataHash: string): Promise<string> {
    const input = Batch.input({ batchId, merkleRoot, count, makerMspId, modelCode, metadataHash });
    await authorizeForMaker(ctx, input.makerMspId, "registering batches");
    const key = ctx.stub.createCompositeKey(StateKeys.batch, [input.batchId]);
    const existing = await findRecord(ctx, key, Batch.newInstance);
    if (existing) return sameOrConflict(`batch ${input.batchId}`, Batch.input(existing), input, existing);
    return write(ctx, key, Batch.newInstance({ ...input, registered: anchor(ctx) }), CorridorEvents.BatchRegistered);
  }

  @Evaluate(["batchId", "string"])
  async getBatch(ctx: Context, batchId: string): Promise<string> {
    const key = ctx.stub.createCompositeKey(StateKeys.batch, [v.id(batchId, "batchId")]);
    return canonicalJson(await getRecord(ctx, key, Batch.newInstance, `batch ${batchId}`));
  }

  /** Anchors one vehicle on its own. Idempotent by VIN like registerBatch. */
  @Submit(
    ["vin", "string"],
    ["makerMspId", "string"],
    ["modelCode", "string"],
    ["productionDate", "string"],
    ["batterySerial", "string"],
    ["motorNumber", "string"],
    ["recordHash", "string"],
  )
  async registerVehicle(
    ctx: Context,
    vin: string,
    makerMspId: string,
    modelCode: string,
    productionDate: string,
    batterySerial: string,
    motorNumber: string,
    recordHash: string,
  ): Promise<string> {
    const input = Vehicle.input({ vin, makerMspId, modelCode, productionDate, batterySerial, motorNumber, recordHash });
    await authorizeForMaker(ctx, input.makerMspId, "registering vehicles");
    const key = ctx.stub.createCompositeKey(StateKeys.vehicle, [input.vin]);
    const existing = await findRecord(ctx, key, Vehicle.newInstance);
    if (existing) return sameOrConflict(`vehicle ${input.vin}`, Vehicle.input(existing), input, existing);
    return write(ctx, key, Vehicle.newInstance({ ...input, registered: anchor(ctx) }), CorridorEvents.VehicleRegistered);
  }

  @Evaluate(["vin", "string"])
  async getVehicle(ctx: Context, vin: string): Promise<string> {
    const key = ctx.stub.createCompositeKey(StateKeys.vehicle, [v.vin(vin, "vin")]);
    return canonicalJson(await getRecord(ctx, key, Vehicle.newInstance, `vehicle ${vin}`));
  }

  // ── certifications ──────────────────────────────────────────────────────────────────────────

  /**
   * Issues a certification. Only a certification body: its MSP listed with the certifier role and
   * the identity carrying corridor.role=certifier. scope is JSON: {"kind":"MODEL","modelCode":…}
   * or {"kind":"VINS","vinHashes":[…]}. Idempotent by certId for the same issuer and content.
   */
  @Submit(
    ["certId", "string"],
    ["scope", "string"],
    ["market", "string"],
    ["standard", "string"],
    ["number", "string"],
    ["validFrom", "string"],
    ["validTo", "string"],
    ["documentHash", "string"],
  )
  async issueCertification(
    ctx: Context,
    certId: string,
    scope: string,
    market: string,
    standard: string,
    number: string,
    validFrom: string,
    validTo: string,
    documentHash: string,
  ): Promise<string> {
    await requireRole(ctx, [Roles.Certifier], "issuing certifications");
    const input = Certification.input({
      certId,
      scope: v.json(scope, "scope"),
      market,
      standard,
      number,
      validFrom,
      validTo,
      documentHash,
    });
    const certifierMspId = ctx.clientIdentity.getMSPID();
    const key = ctx.stub.createCompositeKey(StateKeys.certification, [input.certId]);
    const existing = await findRecord(ctx, key, Certification.newInstance);
    if (existing) {
      return sameOrConflict(`certification ${input.certId}`, { ...Certification.input(existing), certifierMspId: existing.certifierMspId }, { ...input, certifierMspId }, existing);
    }
    const record = Certification.newInstance({ ...input, certifierMspId, status: "ACTIVE", issued: anchor(ctx) });
    for (const indexKey of certificationIndexKeys(ctx, record)) await ctx.stub.putState(indexKey, INDEX_VALUE);
    return write(ctx, key, record, CorridorEvents.CertificationIssued);
  }

  /** Revokes a certification; only the body that issued it. Revoking twice fails with ALREADY_REVOKED. */
  @Submit(["certId", "string"], ["reason", "string"])
  async revokeCertification(ctx: Context, certId: string, reason: string): Promise<string> {
    await requireRole(ctx, [Roles.Certifier], "revoking certifications");
    const why = v.text(reason, "reason", 500);
    const key = ctx.stub.createCompositeKey(StateKeys.certification, [v.id(certId, "certId")]);
    const cert = await getRecord(ctx, key, Certification.newInstance, `certification ${certId}`);
    const caller = ctx.clientIdentity.getMSPID();
    if (cert.certifierMspId !== caller) {
      throw notAuthorized(`certification ${certId} was issued by ${cert.certifierMspId}; only that body may revoke it (caller: ${caller})`);
    }
    if (cert.revocation) {
      throw new ContractError(
        ContractErrorCode.AlreadyRevoked,
        `certification ${certId} was revoked already at ${cert.revocation.revoked.at} (tx ${cert.revocation.revoked.txId})`,
      );
    }
    const record = Certification.newInstance({ ...cert, status: "REVOKED", revocation: { reason: why, revoked: anchor(ctx) } });
    return write(ctx, key, record, CorridorEvents.CertificationRevoked);
  }

  @Evaluate(["certId", "string"])
  async getCertification(ctx: Context, certId: string): Promise<string> {
    const key = ctx.stub.createCompositeKey(StateKeys.certification, [v.id(certId, "certId")]);
    return canonicalJson(await getRecord(ctx, key, Certification.newInstance, `certification ${certId}`));
  }

  /** Certifications of a whole model, in one market or in all ("" ), revoked ones included. */
  @Evaluate(["modelCode", "string"], ["market", "string"])
  async certificationsForModel(ctx: Context, modelCode: string, market: string): Promise<string> {
    const attrs = [v.id(modelCode, "modelCode"), ...(market === "" ? [] : [v.market(market, "market")])];
    return canonicalJson(await certificationsByIndex(ctx, StateKeys.certByModel, attrs));
  }

  /** Certifications that list one vehicle by VIN hash, in one market or in all (""). */
  @Evaluate(["vinHash", "string"], ["market", "string"])
  async certificationsForVinHash(ctx: Context, vinHash: string, market: string): Promise<string> {
    const attrs = [v.sha256Hex(vinHash, "vinHash"), ...(market === "" ? [] : [v.market(market, "market")])];
    return canonicalJson(await certificationsByIndex(ctx, StateKeys.certByVinHash, attrs));
  }

  // ── custody ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Records a custody milestone of a registered vehicle or batch. SHIPPED and BORDER_CROSSED by
   * logistics operators; DELIVERED by logistics operators or dealers.
   */
  @Submit(["subjectType", "string"], ["subjectId", "string"], ["eventType", "string"], ["departureRef", "string"], ["place", "string"], ["occurredAt", "string"])
  async recordCustodyEvent(ctx: Context, subjectType: string, subjectId: string, eventType: string, departureRef: string, place: string, occurredAt: string): Promise<string> {
    const input = CustodyEvent.input({ subjectType, subjectId, eventType, departureRef, place, occurredAt });
    await requireRole(ctx, CUSTODY_EVENT_ROLES[input.eventType], `recording ${input.eventType} events`);
    const subjectKey = ctx.stub.createCompositeKey(input.subjectType === "VEHICLE" ? StateKeys.vehicle : StateKeys.batch, [input.subjectId]);
    if (!(await findBytes(ctx, subjectKey))) {
      throw new ContractError(ContractErrorCode.NotFound, `${input.subjectType.toLowerCase()} ${input.subjectId} is not registered`);
    }
    const record = CustodyEvent.newInstance({ ...input, recorded: anchor(ctx) });
    const key = ctx.stub.createCompositeKey(StateKeys.custody, [input.subjectType, input.subjectId, input.occurredAt, ctx.stub.getTxID()]);
    return write(ctx, key, record, CorridorEvents.CustodyEventRecorded);
  }

  /** Custody events of a vehicle or batch, oldest first. */
  @Evaluate(["subjectType", "string"], ["subjectId", "string"])
  async custodyEvents(ctx: Context, subjectType: string, subjectId: string): Promise<string> {
    const type = v.oneOf(subjectType, "subjectType", ["VEHICLE", "BATCH"] as const);
    const id = type === "VEHICLE" ? v.vin(subjectId, "subjectId") : v.id(subjectId, "subjectId");
    const events: CustodyEvent[] = [];
    for await (const { value } of ctx.stub.getStateByPartialCompositeKey(StateKeys.custody, [type, id])) {
      events.push(CustodyEvent.newInstance(unmarshal(value)));
    }
    return canonicalJson(events);
  }

  // ── documents ───────────────────────────────────────────────────────────────────────────────

  /**
   * Anchors the SHA-256 of a document an organization issued, so anyone holding the PDF can check
   * it against the ledger. Callable by the issuing organization itself (in any role it holds in
   * the consortium), or by the platform on its behalf. Idempotent by documentId: the same content
   * again returns the stored record and writes nothing; another hash (or kind, or issuer) for an
   * anchored id fails with CONFLICT.
   */
  @Submit(["documentId", "string"], ["sha256", "string"], ["kind", "string"], ["issuerMspId", "string"])
  async anchorDocument(ctx: Context, documentId: string, sha256: string, kind: string, issuerMspId: string): Promise<string> {
    const input = AnchoredDocument.input({ documentId, sha256, kind, issuerMspId });
    await authorizeForIssuer(ctx, input.issuerMspId, "anchoring documents");
    const key = ctx.stub.createCompositeKey(StateKeys.document, [input.documentId]);
    const existing = await findRecord(ctx, key, AnchoredDocument.newInstance);
    if (existing) return sameOrConflict(`document ${input.documentId}`, AnchoredDocument.input(existing), input, existing);
    return write(ctx, key, AnchoredDocument.newInstance({ ...input, anchored: anchor(ctx) }), CorridorEvents.DocumentAnchored);
  }

  @Evaluate(["documentId", "string"])
  async getDocument(ctx: Context, documentId: string): Promise<string> {
    const key = ctx.stub.createCompositeKey(StateKeys.document, [v.id(documentId, "documentId")]);
    return canonicalJson(await getRecord(ctx, key, AnchoredDocument.newInstance, `document ${documentId}`));
  }

  // ── history ─────────────────────────────────────────────────────────────────────────────────

  /** Every committed change of one record, newest first. kind: CONFIG, BATCH, VEHICLE, CERTIFICATION, DOCUMENT. */
  @Evaluate(["kind", "string"], ["id", "string"])
  async history(ctx: Context, kind: string, id: string): Promise<string> {
    const k = v.oneOf(kind, "kind", HistoryKinds);
    const key =
      k === "CONFIG"
        ? StateKeys.config
        : k === "BATCH"
          ? ctx.stub.createCompositeKey(StateKeys.batch, [v.id(id, "id")])
          : k === "VEHICLE"
            ? ctx.stub.createCompositeKey(StateKeys.vehicle, [v.vin(id, "id")])
            : k === "DOCUMENT"
              ? ctx.stub.createCompositeKey(StateKeys.document, [v.id(id, "id")])
              : ctx.stub.createCompositeKey(StateKeys.certification, [v.id(id, "id")]);
    const entries: HistoryEntry[] = [];
    for await (const mod of ctx.stub.getHistoryForKey(key)) {
      const ts = mod.timestamp as unknown as { seconds: number | { toNumber(): number }; nanos: number };
      const seconds = typeof ts.seconds === "number" ? ts.seconds : ts.seconds.toNumber();
      entries.push({
        txId: mod.txId,
        timestamp: new Date(seconds * 1000 + Math.floor(ts.nanos / 1e6)).toISOString(),
        isDelete: mod.isDelete,
        ...(mod.isDelete ? {} : { value: unmarshal(mod.value) }),
      });
    }
    return canonicalJson(entries);
  }
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────────

function notAuthorized(detail: string): ContractError {
  return new ContractError(ContractErrorCode.NotAuthorized, detail);
}

function anchor(ctx: Context): Anchor {
  return {
    txId: ctx.stub.getTxID(),
    at: ctx.stub.getDateTimestamp().toISOString(),
    byMspId: ctx.clientIdentity.getMSPID(),
    by: ctx.clientIdentity.getID(),
  };
}

async function findBytes(ctx: Context, key: string): Promise<Uint8Array | undefined> {
  const bytes = await ctx.stub.getState(key);
  return bytes && bytes.length > 0 ? bytes : undefined;
}

async function findRecord<T>(ctx: Context, key: string, newInstance: (o: unknown) => T): Promise<T | undefined> {
  const bytes = await findBytes(ctx, key);
  return bytes ? newInstance(unmarshal(bytes)) : undefined;
}

async function getRecord<T>(ctx: Context, key: string, newInstance: (o: unknown) => T, what: string): Promise<T> {
  const record = await findRecord(ctx, key, newInstance);
  if (record === undefined) throw new ContractError(ContractErrorCode.NotFound, `${what} does not exist`);
  return record;
}

async function write(ctx: Context, key: string, record: object, event: CorridorEventName): Promise<string> {
  const bytes = marshal(record);
  await ctx.stub.putState(key, bytes);
  ctx.stub.setEvent(event, bytes);
  return canonicalJson(record);
}

/** Write-once records: the same content again is a no-op returning the stored record. */
function sameOrConflict(what: string, stored: object, requested: object, existing: object): string {
  const s = stored as Record<string, unknown>;
  const r = requested as Record<string, unknown>;
  const differing = Object.keys(r).filter((k) => canonicalJson(s[k]) !== canonicalJson(r[k]));
  if (differing.length === 0) return canonicalJson(existing);
  const shown = differing.map((k) => `${k} ${canonicalJson(s[k]).slice(0, 80)}`).join(", ");
  throw new ContractError(ContractErrorCode.Conflict, `${what} is already registered with different ${differing.join(", ")} (stored: ${shown})`);
}

async function loadConfig(ctx: Context): Promise<ConsortiumConfig> {
  const config = await findRecord(ctx, StateKeys.config, ConsortiumConfig.newInstance);
  if (!config) throw new ContractError(ContractErrorCode.NotConfigured, "the consortium configuration has not been written yet (configure)");
  return config;
}

/** The caller's certificate must say it acts in one of `roles` (corridor.role attribute). */
function requireRoleAttribute(ctx: Context, roles: readonly Role[], action: string): Role {
  const role = roles.find((r) => ctx.clientIdentity.assertAttributeValue(ROLE_ATTRIBUTE, r));
  if (!role) {
    const has = ctx.clientIdentity.getAttributeValue(ROLE_ATTRIBUTE);
    throw notAuthorized(
      `${action} needs an identity with ${ROLE_ATTRIBUTE}=${roles.join(" or ")}; this one has ${has === null ? "no such attribute" : `${ROLE_ATTRIBUTE}=${has}`}`,
    );
  }
  return role;
}

/**
 * Both checks: the caller's MSP is listed in the consortium configuration with one of `roles`,
 * and its certificate carries corridor.role for that role. Returns the role it acts in.
 */
async function requireRole(ctx: Context, roles: readonly Role[], action: string, config?: ConsortiumConfig): Promise<Role> {
  config ??= await loadConfig(ctx);
  const mspId = ctx.clientIdentity.getMSPID();
  const member = config.members.find((m) => m.mspId === mspId);
  const allowed = roles.filter((r) => member?.roles.includes(r));
  if (allowed.length === 0) {
    throw notAuthorized(
      `${action} is reserved to ${roles.join(" and ")} organizations; ${mspId} is ${member ? `a ${member.roles.join("/")} member` : "not a member"} of the consortium`,
    );
  }
  return requireRoleAttribute(ctx, allowed, action);
}

/** The maker itself, or the platform on behalf of a maker listed in the configuration. */
async function authorizeForMaker(ctx: Context, makerMspId: string, action: string): Promise<void> {
  const config = await loadConfig(ctx);
  const maker = config.members.find((m) => m.mspId === makerMspId);
  if (!maker?.roles.includes(Roles.Maker)) {
    throw new ContractError(ContractErrorCode.InvalidArgument, `makerMspId ${makerMspId} is not a maker in the consortium`);
  }
  const role = await requireRole(ctx, [Roles.Maker, Roles.Platform], action, config);
  const caller = ctx.clientIdentity.getMSPID();
  if (role === Roles.Maker && caller !== makerMspId) {
    throw notAuthorized(`${caller} may not act for maker ${makerMspId}: ${action} for another maker needs the platform`);
  }
}

/**
 * The issuing organization itself, acting in a role the consortium lists for it, or the platform
 * on behalf of any member.
 */
async function authorizeForIssuer(ctx: Context, issuerMspId: string, action: string): Promise<void> {
  const config = await loadConfig(ctx);
  const issuer = config.members.find((m) => m.mspId === issuerMspId);
  if (!issuer) throw new ContractError(ContractErrorCode.InvalidArgument, `issuerMspId ${issuerMspId} is not a member of the consortium`);
  const caller = ctx.clientIdentity.getMSPID();
  if (caller === issuerMspId) {
    await requireRole(ctx, issuer.roles, action, config);
    return;
  }
  const role = await requireRole(ctx, [Roles.Platform], `${action} for another organization`, config);
  if (role !== Roles.Platform) throw notAuthorized(`${caller} may not act for ${issuerMspId}: ${action} for another organization needs the platform`);
}

function certificationIndexKeys(ctx: Context, cert: Certification): string[] {
  if (cert.scope.kind === "MODEL") {
    return [ctx.stub.createCompositeKey(StateKeys.certByModel, [cert.scope.modelCode, cert.market, cert.certId])];
  }
  return cert.scope.vinHashes.map((h) => ctx.stub.createCompositeKey(StateKeys.certByVinHash, [h, cert.market, cert.certId]));
}

async function certificationsByIndex(ctx: Context, index: string, attrs: string[]): Promise<Certification[]> {
  const certs: Certification[] = [];
  for await (const { key } of ctx.stub.getStateByPartialCompositeKey(index, attrs)) {
    const certId = ctx.stub.splitCompositeKey(key).attributes[2];
    if (certId === undefined) continue;
    const certKey = ctx.stub.createCompositeKey(StateKeys.certification, [certId]);
    certs.push(await getRecord(ctx, certKey, Certification.newInstance, `certification ${certId}`));
  }
  return certs;
}
