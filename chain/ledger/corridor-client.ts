// Typed calls to the corridor contract over any Ledger backend: arguments in the contract's
// order, results parsed through the records' validated constructors, and the one retry Fabric
// clients should do — a transaction that lost an MVCC or phantom-read race is simulated again.
import { CorridorTransactions, type CustodySubjectType, type HistoryKind } from "../contract/constants.js";
import {
  AnchoredDocument,
  type AnchoredDocumentInput,
  Batch,
  type BatchInput,
  Certification,
  type CertificationInput,
  ConsortiumConfig,
  type ConsortiumConfigInput,
  CustodyEvent,
  type CustodyEventInput,
  type HistoryEntry,
  Vehicle,
  type VehicleInput,
} from "../contract/records.js";
import { isRetryable } from "./errors.js";
import type { IdentityRef, Ledger, SubmitResult, TransactionRequest } from "./ledger.js";

export interface CorridorClientOptions {
  /** Identity for queries when a call names none (any member may read). */
  queryIdentity?: IdentityRef;
  /** Extra attempts after a read conflict. Default 3. */
  conflictRetries?: number;
}

/** A record as committed, with the receipt that anchors it. */
export interface Anchored<T> {
  record: T;
  receipt: SubmitResult;
}

export class CorridorClient {
  readonly #ledger: Ledger;
  readonly #queryIdentity: IdentityRef | undefined;
  readonly #retries: number;

  constructor(ledger: Ledger, options: CorridorClientOptions = {}) {
    this.#ledger = ledger;
    this.#queryIdentity = options.queryIdentity;
    this.#retries = options.conflictRetries ?? 3;
  }

  configure(config: ConsortiumConfigInput, identity: IdentityRef): Promise<Anchored<ConsortiumConfig>> {
    return this.#submit(CorridorTransactions.configure, [JSON.stringify(config)], identity, ConsortiumConfig.newInstance);
  }

  registerBatch(b: BatchInput, identity: IdentityRef): Promise<Anchored<Batch>> {
    const args = [b.batchId, b.merkleRoot, String(b.count), b.makerMspId, b.modelCode, b.metadataHash];
    return this.#submit(CorridorTransactions.registerBatch, args, identity, Batch.newInstance);
  }

  registerVehicle(v: VehicleInput, identity: IdentityRef): Promise<Anchored<Vehicle>> {
    const args = [v.vin, v.makerMspId, v.modelCode, v.productionDate, v.batterySerial, v.motorNumber, v.recordHash];
    return this.#submit(CorridorTransactions.registerVehicle, args, identity, Vehicle.newInstance);
  }

  issueCertification(c: CertificationInput, identity: IdentityRef): Promise<Anchored<Certification>> {
    const args = [c.certId, JSON.stringify(c.scope), c.market, c.standard, c.number, c.validFrom, c.validTo, c.documentHash];
    return this.#submit(CorridorTransactions.issueCertification, args, identity, Certification.newInstance);
  }

  revokeCertification(certId: string, reason: string, identity: IdentityRef): Promise<Anchored<Certification>> {
    return this.#submit(CorridorTransactions.revokeCertification, [certId, reason], identity, Certification.newInstance);
  }

  recordCustodyEvent(e: CustodyEventInput, identity: IdentityRef): Promise<Anchored<CustodyEvent>> {
    const args = [e.subjectType, e.subjectId, e.eventType, e.departureRef, e.place, e.occurredAt];
    return this.#submit(CorridorTransactions.recordCustodyEvent, args, identity, CustodyEvent.newInstance);
  }

  anchorDocument(d: AnchoredDocumentInput, identity: IdentityRef): Promise<Anchored<AnchoredDocument>> {
    const args = [d.documentId, d.sha256, d.kind, d.issuerMspId];
    return this.#submit(CorridorTransactions.anchorDocument, args, identity, AnchoredDocument.newInstance);
  }

  getDocument(documentId: string, identity?: IdentityRef): Promise<AnchoredDocument> {
    return this.#evaluate(CorridorTransactions.getDocument, [documentId], identity, AnchoredDocument.newInstance);
  }

  getConfig(identity?: IdentityRef): Promise<ConsortiumConfig> {
    return this.#evaluate(CorridorTransactions.getConfig, [], identity, ConsortiumConfig.newInstance);
  }

  getBatch(batchId: string, identity?: IdentityRef): Promise<Batch> {
    return this.#evaluate(CorridorTransactions.getBatch, [batchId], identity, Batch.newInstance);
  }

  getVehicle(vin: string, identity?: IdentityRef): Promise<Vehicle> {
    return this.#evaluate(CorridorTransactions.getVehicle, [vin], identity, Vehicle.newInstance);
  }

  getCertification(certId: string, identity?: IdentityRef): Promise<Certification> {
    return this.#evaluate(CorridorTransactions.getCertification, [certId], identity, Certification.newInstance);
  }

  /** All markets when `market` is omitted. */
  certificationsForModel(modelCode: string, market?: string, identity?: IdentityRef): Promise<Certification[]> {
    return this.#evaluate(CorridorTransactions.certificationsForModel, [modelCode, market ?? ""], identity, list(Certification.newInstance));
  }

  certificationsForVinHash(vinHash: string, market?: string, identity?: IdentityRef): Promise<Certification[]> {
    return this.#evaluate(CorridorTransactions.certificationsForVinHash, [vinHash, market ?? ""], identity, list(Certification.newInstance));
  }

  custodyEvents(subjectType: CustodySubjectType, subjectId: string, identity?: IdentityRef): Promise<CustodyEvent[]> {
    return this.#evaluate(CorridorTransactions.custodyEvents, [subjectType, subjectId], identity, list(CustodyEvent.newInstance));
  }

  /** Newest first. */
  history(kind: HistoryKind, id: string, identity?: IdentityRef): Promise<HistoryEntry[]> {
    return this.#evaluate(CorridorTransactions.history, [kind, id], identity, (o) => o as HistoryEntry[]);
  }

  async #submit<T>(fn: string, args: string[], identity: IdentityRef, parse: (o: unknown) => T): Promise<Anchored<T>> {
    const request: TransactionRequest = { fn, args, identity };
    for (let attempt = 0; ; attempt++) {
      try {
        const receipt = await this.#ledger.submit(request);
        return { record: parse(decode(receipt.result)), receipt };
      } catch (error) {
        if (attempt >= this.#retries || !isRetryable(error)) throw error;
      }
    }
  }

  async #evaluate<T>(fn: string, args: string[], identity: IdentityRef | undefined, parse: (o: unknown) => T): Promise<T> {
    const who = identity ?? this.#queryIdentity;
    if (!who) throw new TypeError(`${fn}: no identity given and no queryIdentity configured`);
    return parse(decode(await this.#ledger.evaluate({ fn, args, identity: who })));
  }
}

function decode(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
}

function list<T>(parse: (o: unknown) => T): (o: unknown) => T[] {
  return (o) => {
    if (!Array.isArray(o)) throw new TypeError("expected a list");
    return o.map(parse);
  };
}
