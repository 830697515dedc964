/**
 * Per-vehicle certificates: the EU certificate of conformity and the vehicle verification
 * certificate, issued by the maker for a registered vehicle, and the anchoring of their hashes
 * on the (embedded) ledger through the outbox.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CorridorClient, type Ledger } from "@corridor/chain/ledger";
import { demoModelConformity, demoModels } from "@corridor/seeds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOutboxOnce } from "../src/jobs/outbox.js";
import { type LedgerHub, mspIdOf, openLedgerHub, setLedgerHub } from "../src/ledger.js";
import { vinCheckDigit } from "../src/modules/vehicles/vin.js";
import { decodeGlobalId } from "../src/schema/global-id.js";
import { createTestContext, gql, personIn, type TestContext, tableCounts } from "./harness.js";

let t: TestContext;
let hub: LedgerHub;
let dataDir: string;
let ledgerDir: string;
let maker: Awaited<ReturnType<typeof personIn>>;
let otherMaker: Awaited<ReturnType<typeof personIn>>;
let dealer: Awaited<ReturnType<typeof personIn>>;
let vehicleId: string;
let frameOnlyId: string;
const MODEL = demoModels["yadea-cq"]?.[0];
if (!MODEL) throw new Error("the demo catalog has no Yadea model");

/** A Chinese VIN (WMI "LYD") with a correct check digit. */
function vin(n: number): string {
  const draft = `LYDTS2A0RBZ${String(n).padStart(6, "0")}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}
const VIN = vin(4711);

/** While true, the ledger refuses anchorDocument submissions (an outage). */
let documentsFail = false;
function flaky(ledger: Ledger): Ledger {
  return {
    get channel() {
      return ledger.channel;
    },
    get chaincode() {
      return ledger.chaincode;
    },
    submit: async (tx) => {
      if (documentsFail && tx.fn === "anchorDocument") throw new Error("ledger unavailable (simulated)");
      return ledger.submit(tx);
    },
    evaluate: (tx) => ledger.evaluate(tx),
    events: (o) => ledger.events(o),
    block: (n) => ledger.block(n),
    height: () => ledger.height(),
    close: () => ledger.close(),
  };
}

const ISSUE = `mutation($input: IssueVehicleDocumentInput!) { issueVehicleDocument(input: $input) {
  __typename
  ... on IssueVehicleDocumentSuccess { document { id number kind sha256 downloadUrl issuedAt anchorStatus txId blockNumber vehicle { vin } } }
  ... on DomainError { code message }
  ... on RuleViolationError { rule }
  ... on ValidationError { fieldErrors { path message } }
} }`;

interface Doc {
  id: string;
  number: string;
  kind: string;
  sha256: string;
  downloadUrl: string;
  issuedAt: string;
  anchorStatus: string | null;
  txId: string | null;
  blockNumber: number | null;
  vehicle: { vin: string } | null;
}
type IssueResponse = {
  issueVehicleDocument: { __typename: string; code?: string; rule?: string; message?: string; fieldErrors?: { path: string[]; message: string }[]; document?: Doc };
};

const conformity = () => ({
  typeApprovalNumber: "e4*168/2013*00123*00",
  typeApprovalDate: "2025-06-30",
  category: "L3e-A1",
  variant: "E8S-A",
  version: "E8S-A-72V",
  statutoryPlateLocation: "Right side of the steering head, riveted",
  vinLocation: "Right side of the steering head tube",
  colour: "Graphite grey",
  technical: {
    axles: 2,
    wheels: 2,
    wheelbaseMm: 1310,
    lengthMm: 1890,
    widthMm: 700,
    heightMm: 1120,
    massInRunningOrderKg: 98,
    technicallyPermissibleMaxMassKg: 260,
    motorManufacturer: "QS Motor",
    motorType: "QS-273 hub motor",
    maxContinuousRatedPowerKw: 3,
    maxSpeedKmh: 75,
    batteryNominalVoltageV: 72,
    batteryCapacityAh: 40,
    tyresFront: "90/90-12",
    tyresRear: "110/70-12",
    seatingPositions: 2,
  },
});

function issue(token: string, input: Record<string, unknown>) {
  return gql<IssueResponse>(t.app, ISSUE, { input }, { token });
}

async function download(path: string, token?: string) {
  const res = await t.app.fetch(`http://corridor.test${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

function pdfText(bytes: Buffer): string {
  if (process.env.H1_DUMP) writeFileSync(join(tmpdir(), `h1-${sha256(bytes).slice(0, 8)}.pdf`), bytes);
  const dir = mkdtempSync(join(tmpdir(), "corridor-pdf-"));
  try {
    writeFileSync(join(dir, "d.pdf"), bytes);
    return execFileSync("pdftotext", ["-layout", join(dir, "d.pdf"), "-"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "corridor-vehicle-docs-"));
  ledgerDir = await mkdtemp(join(tmpdir(), "corridor-ledger-"));
  t = await createTestContext({ CORRIDOR_DATA_DIR: dataDir, PUBLIC_WEB_URL: "https://corridor.example" });
  hub = await openLedgerHub({ dataDir: ledgerDir, wrap: flaky, onWarning: () => {} });
  setLedgerHub(hub);
  maker = await personIn(t, "MANUFACTURER", ["MEMBER"]);
  otherMaker = await personIn(t, "MANUFACTURER");
  dealer = await personIn(t, "DEALER");
  await t.db.vehicleModel.create({ data: { ...MODEL, makerOrgId: maker.org.id } });
  const r = await gql<{ registerVehicles: { __typename: string; data?: { importedRows: number } } }>(
    t.app,
    `mutation($i: RegisterVehiclesInput!) { registerVehicles(input: $i) { __typename ... on RegisterVehiclesSuccess { data { importedRows } } ... on DomainError { message } } }`,
    {
      i: {
        rows: [
          { vin: VIN, modelCode: MODEL.code, productionDate: "2026-03-01", batterySerial: "BAT-4711", motorNumber: "MOT-4711" },
          { vin: vin(4712), modelCode: MODEL.code, productionDate: "2026-03-02", batterySerial: "BAT-4712", motorNumber: "MOT-4712" },
          { frameNumber: "YD-FRAME-0042", modelCode: MODEL.code, productionDate: "2026-03-02", batterySerial: "BAT-42", motorNumber: "MOT-42" },
        ],
      },
    },
    { token: maker.token },
  );
  expect(r.data?.registerVehicles.data?.importedRows, JSON.stringify(r)).toBe(3);
  vehicleId = await globalIdOfVehicle(VIN);
  frameOnlyId = await globalIdOfVehicle("YD-FRAME-0042");
});

afterAll(async () => {
  setLedgerHub(undefined);
  await hub?.close();
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (ledgerDir) await rm(ledgerDir, { recursive: true, force: true });
});

async function globalIdOfVehicle(search: string): Promise<string> {
  const r = await gql<{ vehicles: { edges: { node: { id: string } }[] } }>(
    t.app,
    `query($s: String) { vehicles(search: $s, first: 1) { edges { node { id } } } }`,
    { s: search },
    { token: maker.token },
  );
  const id = r.data?.vehicles.edges[0]?.node.id;
  if (!id) throw new Error(`vehicle ${search} not listed: ${JSON.stringify(r)}`);
  return id;
}

const issued: Record<string, Doc> = {};
const VERIFY = `query($h: String!) { verifyDocument(sha256: $h) { issued number anchored txId blockNumber } }`;

describe("issuing vehicle certificates", () => {
  it("refuses the verification certificate while the vehicle is not anchored, and writes nothing", async () => {
    const before = await tableCounts(t);
    const r = await issue(maker.token, { vehicleId, kind: "VEHICLE_VERIFICATION" });
    expect(r.data?.issueVehicleDocument).toMatchObject({ __typename: "RuleViolationError", code: "RULE_VIOLATION", rule: "VEHICLE_NOT_ANCHORED" });
    expect(r.data?.issueVehicleDocument.message).toMatch(/not anchored yet/);
    expect(await tableCounts(t)).toEqual(before);
  });

  it("issues a certificate of conformity with the vehicle's, model's and maker's data, pending anchoring", async () => {
    const r = await issue(maker.token, { vehicleId, kind: "CERTIFICATE_OF_CONFORMITY", conformity: conformity() });
    expect(r.data?.issueVehicleDocument.__typename, JSON.stringify(r.data ?? r.errors)).toBe("IssueVehicleDocumentSuccess");
    const doc = r.data?.issueVehicleDocument.document as Doc;
    const year = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date());
    expect(doc).toMatchObject({ kind: "CERTIFICATE_OF_CONFORMITY", number: `COC-${year}-000001`, anchorStatus: "PENDING", txId: null, blockNumber: null, vehicle: { vin: VIN } });
    expect(doc.downloadUrl).toBe(`/documents/${doc.id}/download`);
    issued.coc = doc;
    const row = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: decodeGlobalId(doc.id).id } });
    expect(row).toMatchObject({ orgId: maker.org.id, bookingId: null, issuedById: maker.user.id, anchorStatus: "PENDING" });
    // the anchoring message was written with the document
    expect(await t.db.outboxMessage.findUnique({ where: { key: `document.anchor:${row.id}` } })).toMatchObject({ topic: "document.anchor", doneAt: null });
    expect(await t.db.auditLog.count({ where: { action: "document.issue", targetId: row.id } })).toBe(1);

    const { res, bytes } = await download(doc.downloadUrl, maker.token);
    expect(res.status).toBe(200);
    expect(sha256(bytes)).toBe(doc.sha256);
    const text = pdfText(bytes);
    for (const s of [
      VIN,
      MODEL.code,
      MODEL.name,
      MODEL.nameZh ?? "",
      "e4*168/2013*00123*00",
      "L3e-A1",
      doc.number,
      "CERTIFICATE OF CONFORMITY",
      "欧盟车辆合格证",
      "车辆识别代号",
      maker.user.name,
    ]) {
      expect(text, s).toContain(s);
    }
  });

  it("anchors the batch, then issues the verification certificate with the proof, the anchor and the QR link", async () => {
    // until the worker runs, the certificate of conformity is issued but not anchored
    const pending = await gql<{ verifyDocument: Record<string, unknown> }>(t.app, VERIFY, { h: issued.coc?.sha256 });
    expect(pending.data?.verifyDocument).toEqual({ issued: true, number: issued.coc?.number, anchored: false, txId: null, blockNumber: null });
    // the batch and the certificate's hash are anchored
    expect(await runOutboxOnce({ db: t.db, hub })).toMatchObject({ claimed: 2, done: 2, failed: 0 });
    const batch = await t.db.vehicleBatch.findFirstOrThrow({ where: { makerOrgId: maker.org.id, vehicles: { some: { vin: VIN } } } });
    expect(batch.status).toBe("ANCHORED");
    const r = await issue(maker.token, { vehicleId, kind: "VEHICLE_VERIFICATION" });
    expect(r.data?.issueVehicleDocument.__typename, JSON.stringify(r.data ?? r.errors)).toBe("IssueVehicleDocumentSuccess");
    const doc = r.data?.issueVehicleDocument.document as Doc;
    expect(doc).toMatchObject({ kind: "VEHICLE_VERIFICATION", number: expect.stringMatching(/^VVC-\d{4}-000001$/), anchorStatus: "PENDING" });
    issued.vvc = doc;
    const { bytes } = await download(doc.downloadUrl, maker.token);
    const text = pdfText(bytes);
    for (const s of [
      VIN,
      MODEL.code,
      MODEL.name,
      MODEL.nameZh ?? "",
      "VEHICLE VERIFICATION CERTIFICATE",
      "车辆身份验证证书",
      "https://corridor.example/verify/",
      "Block number",
      batch.txId ?? "-",
      batch.id,
    ]) {
      expect(text, s).toContain(s);
    }
    // the public page the QR code opens, printed beneath it (wrapped)
    expect(text.replace(/\s+/g, "")).toContain(`https://corridor.example/verify/${VIN}`);
    // the root as printed: 4 groups of 16 hex digits
    expect(text).toContain((batch.merkleRoot ?? "").slice(0, 16));
  });

  it("returns the same document when nothing changed, and writes nothing", async () => {
    const before = await tableCounts(t);
    const same = (d: Doc | undefined) => ({ id: d?.id, number: d?.number, sha256: d?.sha256, issuedAt: d?.issuedAt });
    const coc = await issue(maker.token, { vehicleId, kind: "CERTIFICATE_OF_CONFORMITY", conformity: conformity() });
    expect(coc.data?.issueVehicleDocument.document).toMatchObject(same(issued.coc));
    // anchored meanwhile
    expect(coc.data?.issueVehicleDocument.document?.anchorStatus).toBe("ANCHORED");
    const vvc = await issue(maker.token, { vehicleId, kind: "VEHICLE_VERIFICATION" });
    expect(vvc.data?.issueVehicleDocument.document).toEqual(issued.vvc);
    expect(await tableCounts(t)).toEqual(before);
    // changed data is a new document with the next number
    const recoloured = await issue(maker.token, { vehicleId, kind: "CERTIFICATE_OF_CONFORMITY", conformity: { ...conformity(), colour: "Pearl white" } });
    expect(recoloured.data?.issueVehicleDocument.document?.number).toMatch(/^COC-\d{4}-000002$/);
    issued.coc2 = recoloured.data?.issueVehicleDocument.document as Doc;
  });

  it("lists the vehicle's documents newest first for its maker", async () => {
    const r = await gql<{ node: { vin: string; documents: { number: string; kind: string }[] } }>(
      t.app,
      `query($id: ID!) { node(id: $id) { ... on Vehicle { vin documents { number kind } } } }`,
      { id: vehicleId },
      { token: maker.token },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.node.documents.map((d) => d.number)).toEqual([issued.coc2?.number, issued.vvc?.number, issued.coc?.number]);
  });
});

describe("who may issue and see vehicle certificates", () => {
  it("refuses other makers (not found), dealers (forbidden), booking kinds, missing or bad conformity, and frame-number-only vehicles", async () => {
    const before = await tableCounts(t);
    const other = await issue(otherMaker.token, { vehicleId, kind: "VEHICLE_VERIFICATION" });
    expect(other.data?.issueVehicleDocument).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const byDealer = await issue(dealer.token, { vehicleId, kind: "VEHICLE_VERIFICATION" });
    expect(byDealer.data?.issueVehicleDocument).toMatchObject({ __typename: "ForbiddenError" });
    const bookingKind = await issue(maker.token, { vehicleId, kind: "PACKING_LIST" });
    expect(bookingKind.data?.issueVehicleDocument).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["kind"] }] });
    const noConformity = await issue(maker.token, { vehicleId, kind: "CERTIFICATE_OF_CONFORMITY" });
    expect(noConformity.data?.issueVehicleDocument).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["conformity"] }] });
    expect(noConformity.data?.issueVehicleDocument.message).toContain(MODEL.code);
    expect(noConformity.data?.issueVehicleDocument.message).toContain("add them to the model in the catalog");
    const badCategory = await issue(maker.token, { vehicleId, kind: "CERTIFICATE_OF_CONFORMITY", conformity: { ...conformity(), category: "L9" } });
    expect(badCategory.data?.issueVehicleDocument.__typename).toBe("ValidationError");
    // the template's consistency rule: an L1e-B moped may not do 75 km/h
    const tooFast = await issue(maker.token, { vehicleId, kind: "CERTIFICATE_OF_CONFORMITY", conformity: { ...conformity(), category: "L1e-B" } });
    expect(tooFast.data?.issueVehicleDocument).toMatchObject({ __typename: "ValidationError" });
    expect(tooFast.data?.issueVehicleDocument.fieldErrors?.map((e) => e.path.join("."))).toEqual(["conformity.technical.maxSpeedKmh"]);
    const frameOnly = await issue(maker.token, { vehicleId: frameOnlyId, kind: "CERTIFICATE_OF_CONFORMITY", conformity: conformity() });
    expect(frameOnly.data?.issueVehicleDocument).toMatchObject({ __typename: "RuleViolationError", rule: "NO_VIN" });
    const notAVehicle = await issue(maker.token, { vehicleId: issued.coc?.id, kind: "CERTIFICATE_OF_CONFORMITY" });
    expect(notAVehicle.data?.issueVehicleDocument.__typename).toBe("ValidationError");
    expect(await tableCounts(t)).toEqual(before);
  });

  it("shows the documents to nobody but the maker: node, vehicle and download", async () => {
    const doc = issued.coc as Doc;
    for (const token of [otherMaker.token, dealer.token]) {
      const node = await gql<{ node: unknown }>(t.app, `query($id: ID!) { node(id: $id) { ... on IssuedDocument { number sha256 } } }`, { id: doc.id }, { token });
      expect(JSON.stringify(node.data ?? {})).not.toContain(doc.number);
      const vehicle = await gql<{ node: unknown }>(t.app, `query($id: ID!) { node(id: $id) { ... on Vehicle { documents { number } } } }`, { id: vehicleId }, { token });
      expect(JSON.stringify(vehicle.data ?? {})).not.toContain(doc.number);
      expect((await download(doc.downloadUrl, token)).res.status).toBe(404);
    }
    expect((await download(doc.downloadUrl)).res.status).toBe(404);
    const mine = await gql<{ node: { number: string; vehicle: { vin: string } } }>(
      t.app,
      `query($id: ID!) { node(id: $id) { ... on IssuedDocument { number vehicle { vin } } } }`,
      { id: doc.id },
      { token: maker.token },
    );
    expect(mine.data?.node).toEqual({ number: doc.number, vehicle: { vin: VIN } });
  });
});

describe("anchoring document hashes", () => {
  it("anchors each certificate's hash on the ledger once, and verifyDocument then shows the transaction", async () => {
    // the verification certificate and the second certificate of conformity (the first is anchored)
    const result = await runOutboxOnce({ db: t.db, hub });
    expect(result).toMatchObject({ claimed: 2, done: 2, failed: 0 });
    const client = new CorridorClient(hub.ledger());
    for (const doc of [issued.coc, issued.vvc, issued.coc2] as Doc[]) {
      const row = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: decodeGlobalId(doc.id).id } });
      expect(row.anchorStatus).toBe("ANCHORED");
      expect(row.txId).toMatch(/^[0-9a-f]{64}$/);
      expect(row.blockNumber).toBeGreaterThan(0);
      const onLedger = await client.getDocument(row.id, { mspId: "PlatformMSP" });
      expect(onLedger).toMatchObject({ documentId: row.id, sha256: row.sha256, kind: row.kind, issuerMspId: mspIdOf(maker.org), anchored: { txId: row.txId } });
      const block = await hub.ledger().block(row.blockNumber ?? -1);
      expect(block.transactions.map((x) => x.txId)).toContain(row.txId);

      const v = await gql<{ verifyDocument: Record<string, unknown> }>(t.app, VERIFY, { h: row.sha256 });
      expect(v.data?.verifyDocument).toEqual({ issued: true, number: row.number, anchored: true, txId: row.txId, blockNumber: row.blockNumber });
      const code = await gql<{ verifyDocumentCode: Record<string, unknown> }>(t.app, `query($c: String!) { verifyDocumentCode(code: $c) { anchored txId } }`, { c: row.id });
      expect(code.data?.verifyDocumentCode).toEqual({ anchored: true, txId: row.txId });
    }
    const mine = await issue(maker.token, { vehicleId, kind: "VEHICLE_VERIFICATION" });
    expect(mine.data?.issueVehicleDocument.document).toMatchObject({ id: issued.vvc?.id, anchorStatus: "ANCHORED", txId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await runOutboxOnce({ db: t.db, hub })).toMatchObject({ claimed: 0 });
    expect(await t.db.auditLog.count({ where: { action: "document.anchor" } })).toBe(3);
  });

  it("a redelivered message (a reply lost after the commit) keeps the first anchor and writes nothing twice", async () => {
    const row = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: decodeGlobalId((issued.coc as Doc).id).id } });
    const height = await hub.ledger().height();
    // as if the worker died after the ledger committed but before the database recorded it
    await t.db.issuedDocument.update({ where: { id: row.id }, data: { anchorStatus: "PENDING", txId: null, blockNumber: null } });
    await t.db.outboxMessage.update({ where: { key: `document.anchor:${row.id}` }, data: { doneAt: null } });
    expect(await runOutboxOnce({ db: t.db, hub })).toMatchObject({ claimed: 1, done: 1 });
    const again = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: row.id } });
    expect(again).toMatchObject({ anchorStatus: "ANCHORED", txId: row.txId, blockNumber: row.blockNumber });
    // the replayed submit wrote no new state: its event list was empty
    const client = new CorridorClient(hub.ledger());
    const history = await client.history("DOCUMENT", row.id, { mspId: "PlatformMSP" });
    expect(history.map((h) => h.txId)).toEqual([row.txId]);
    expect(await hub.ledger().height()).toBeGreaterThanOrEqual(height);
  });

  it("a ledger outage delays anchoring: retried with backoff, FAILED after 10 attempts, anchored once the ledger is back", async () => {
    const r = await issue(maker.token, { vehicleId, kind: "CERTIFICATE_OF_CONFORMITY", conformity: { ...conformity(), colour: "Racing red" } });
    const doc = r.data?.issueVehicleDocument.document;
    if (!doc) throw new Error(JSON.stringify(r));
    const id = decodeGlobalId(doc.id).id;
    documentsFail = true;
    let now = Date.now();
    try {
      for (let attempt = 1; attempt <= 10; attempt++) {
        expect(await runOutboxOnce({ db: t.db, hub }, { now: new Date(now) })).toMatchObject({ claimed: 1, failed: 1 });
        const row = await t.db.issuedDocument.findUniqueOrThrow({ where: { id } });
        expect(row.anchorStatus).toBe(attempt < 10 ? "PENDING" : "FAILED");
        now += 2 * 3_600_000; // past the longest backoff
      }
      const msg = await t.db.outboxMessage.findUniqueOrThrow({ where: { key: `document.anchor:${id}` } });
      expect(msg).toMatchObject({ attempts: 10, doneAt: null, lastError: expect.stringContaining("ledger unavailable") });
    } finally {
      documentsFail = false;
    }
    expect(await runOutboxOnce({ db: t.db, hub }, { now: new Date(now) })).toMatchObject({ claimed: 1, done: 1 });
    expect(await t.db.issuedDocument.findUniqueOrThrow({ where: { id } })).toMatchObject({ anchorStatus: "ANCHORED", txId: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("does not anchor a document whose hash is unknown: verifyDocument says not issued, not anchored", async () => {
    const r = await gql<{ verifyDocument: Record<string, unknown> }>(t.app, VERIFY, { h: "0".repeat(64) });
    expect(r.data?.verifyDocument).toEqual({ issued: false, number: null, anchored: false, txId: null, blockNumber: null });
  });
});

describe("certifications on the verification certificate", () => {
  it("a certification in force makes a new verification certificate that lists it; unchanged again is the same", async () => {
    const body = await t.seed.organization({ kind: "CERTIFICATION_BODY" });
    const today = new Date();
    await t.db.certification.create({
      data: {
        issuerOrgId: body.id,
        makerOrgId: maker.org.id,
        modelCode: MODEL.code,
        vins: [],
        market: "EU",
        standard: "EU 168/2013",
        number: "e4*168/2013*00123*00",
        validFrom: new Date(today.getTime() - 30 * 86_400_000),
        validTo: new Date("2030-12-31T00:00:00Z"),
        status: "ACTIVE",
      },
    });
    const r = await issue(maker.token, { vehicleId, kind: "VEHICLE_VERIFICATION" });
    const doc = r.data?.issueVehicleDocument.document as Doc;
    expect(doc.number).toMatch(/^VVC-\d{4}-000002$/);
    expect(doc.sha256).not.toBe(issued.vvc?.sha256);
    const text = pdfText((await download(doc.downloadUrl, maker.token)).bytes);
    for (const s of ["EU 168/2013 · EU", "e4*168/2013*00123*00", "2030-12-31"]) expect(text, s).toContain(s);
    const again = await issue(maker.token, { vehicleId, kind: "VEHICLE_VERIFICATION" });
    expect(again.data?.issueVehicleDocument.document?.id).toBe(doc.id);
  });
});

describe("conformity kept with the model in the catalog", () => {
  const G5 = demoModels["yadea-cq"]?.find((m) => m.code === "YD-G5");
  const stored = demoModelConformity["YD-G5"];
  if (!G5 || !stored) throw new Error("the demo catalog has no YD-G5 with conformity");
  const G5_VIN = vin(4801);
  let modelId: string;
  let g5VehicleId: string;

  const MODEL_FIELDS = `__typename
    ... on DomainError { code message }
    ... on ValidationError { fieldErrors { path message } }`;
  const CREATE = `mutation($input: VehicleModelInput!) { createVehicleModel(input: $input) { ${MODEL_FIELDS} ... on CreateVehicleModelSuccess { data { id code conformity { typeApprovalNumber category variant technical { maxSpeedKmh batteryCapacityAh motorManufacturer } } } } } }`;
  const UPDATE = `mutation($id: ID!, $input: VehicleModelInput!) { updateVehicleModel(id: $id, input: $input) { ${MODEL_FIELDS} ... on UpdateVehicleModelSuccess { data { id conformity { typeApprovalNumber variant } } } } }`;
  type ModelResult = { __typename: string; code?: string; message?: string; fieldErrors?: { path: string[]; message: string }[]; data?: Record<string, unknown> };
  const create = (token: string, input: Record<string, unknown>) => gql<{ createVehicleModel: ModelResult }>(t.app, CREATE, { input }, { token });
  const update = (token: string, id: string, input: Record<string, unknown>) => gql<{ updateVehicleModel: ModelResult }>(t.app, UPDATE, { id, input }, { token });
  const paths = (r: ModelResult | undefined) => (r?.fieldErrors ?? []).map((e) => e.path.join("."));
  const storedRow = async () => (await t.db.vehicleModel.findUniqueOrThrow({ where: { id: decodeGlobalId(modelId).id } })).conformity;

  it("a maker adds a model with its type-approval; bad conformity is refused with the field named, and nothing is written", async () => {
    const before = await tableCounts(t);
    const badNumber = await create(maker.token, { ...G5, conformity: { ...stored, typeApprovalNumber: "EU-123" } });
    expect(badNumber.data?.createVehicleModel).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(paths(badNumber.data?.createVehicleModel)).toEqual(["input.conformity.typeApprovalNumber"]);
    // across fields: an L1e-B moped may not do 60 km/h
    const tooFast = await create(maker.token, { ...G5, conformity: { ...stored, technical: { ...stored.technical, maxSpeedKmh: 60 } } });
    expect(tooFast.data?.createVehicleModel).toMatchObject({ __typename: "ValidationError" });
    expect(paths(tooFast.data?.createVehicleModel)).toEqual(["conformity.technical.maxSpeedKmh"]);
    expect(tooFast.data?.createVehicleModel.message).toContain("L1e-B allows at most 45 km/h");
    expect(await tableCounts(t)).toEqual(before);

    const r = await create(maker.token, { ...G5, conformity: { ...stored, variant: "  G5-B  " } });
    expect(r.data?.createVehicleModel.__typename, JSON.stringify(r.data ?? r.errors)).toBe("CreateVehicleModelSuccess");
    const model = r.data?.createVehicleModel.data as { id: string; conformity: Record<string, unknown> };
    modelId = model.id;
    expect(model.conformity).toEqual({
      typeApprovalNumber: stored.typeApprovalNumber,
      category: "L1e-B",
      variant: "G5-B",
      technical: { maxSpeedKmh: 45, batteryCapacityAh: 36, motorManufacturer: null },
    });
    expect(await storedRow()).toMatchObject({ typeApprovalNumber: stored.typeApprovalNumber, variant: "G5-B" });
    // the model's conformity is the maker's: others do not see the model
    const seen = await gql<{ node: unknown }>(
      t.app,
      `query($id: ID!) { node(id: $id) { ... on VehicleModel { conformity { typeApprovalNumber } } } }`,
      { id: modelId },
      { token: otherMaker.token },
    );
    expect(JSON.stringify(seen.data ?? {})).not.toContain(stored.typeApprovalNumber);

    const reg = await gql<{ registerVehicles: { __typename: string } }>(
      t.app,
      `mutation($i: RegisterVehiclesInput!) { registerVehicles(input: $i) { __typename } }`,
      { i: { rows: [{ vin: G5_VIN, modelCode: G5.code, productionDate: "2026-04-01", batterySerial: "BAT-4801", motorNumber: "MOT-4801" }] } },
      { token: maker.token },
    );
    expect(reg.data?.registerVehicles.__typename).toBe("RegisterVehiclesSuccess");
    g5VehicleId = await globalIdOfVehicle(G5_VIN);
  });

  it("issues the certificate of conformity from the catalog without conformity in the request", async () => {
    const r = await issue(maker.token, { vehicleId: g5VehicleId, kind: "CERTIFICATE_OF_CONFORMITY" });
    expect(r.data?.issueVehicleDocument.__typename, JSON.stringify(r.data ?? r.errors)).toBe("IssueVehicleDocumentSuccess");
    const doc = r.data?.issueVehicleDocument.document as Doc;
    expect(doc).toMatchObject({ kind: "CERTIFICATE_OF_CONFORMITY", vehicle: { vin: G5_VIN } });
    issued.fromCatalog = doc;
    const text = pdfText((await download(doc.downloadUrl, maker.token)).bytes);
    for (const s of [G5_VIN, stored.typeApprovalNumber, "L1e-B", "G5-B", stored.version, "90/90-10 50J", "2023-11-07"]) expect(text, s).toContain(s);
    // unchanged: the same document
    const again = await issue(maker.token, { vehicleId: g5VehicleId, kind: "CERTIFICATE_OF_CONFORMITY" });
    expect(again.data?.issueVehicleDocument.document?.id).toBe(doc.id);
  });

  it("conformity given with the request wins over the catalog's", async () => {
    const given = { ...stored, typeApprovalNumber: "e4*168/2013*09999*02" };
    const r = await issue(maker.token, { vehicleId: g5VehicleId, kind: "CERTIFICATE_OF_CONFORMITY", conformity: given });
    const doc = r.data?.issueVehicleDocument.document as Doc;
    expect(doc.id, JSON.stringify(r.data ?? r.errors)).not.toBe(issued.fromCatalog?.id);
    const text = pdfText((await download(doc.downloadUrl, maker.token)).bytes);
    expect(text).toContain("e4*168/2013*09999*02");
    expect(text).not.toContain(stored.typeApprovalNumber);
    // the catalog is unchanged
    expect(await storedRow()).toMatchObject({ typeApprovalNumber: stored.typeApprovalNumber });
  });

  it("updateVehicleModel checks conformity, keeps it when omitted and removes it with null; then issuing asks for it", async () => {
    const before = await tableCounts(t);
    const badDate = await update(maker.token, modelId, { ...G5, conformity: { ...stored, typeApprovalDate: "2023-13-45" } });
    expect(badDate.data?.updateVehicleModel).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(paths(badDate.data?.updateVehicleModel)).toEqual(["input.conformity.typeApprovalDate"]);
    const heavy = await update(maker.token, modelId, { ...G5, conformity: { ...stored, technical: { ...stored.technical, technicallyPermissibleMaxMassKg: 50 } } });
    expect(paths(heavy.data?.updateVehicleModel)).toEqual(["conformity.technical.technicallyPermissibleMaxMassKg"]);
    const badCategory = await update(maker.token, modelId, { ...G5, conformity: { ...stored, category: "L7e" } });
    expect(paths(badCategory.data?.updateVehicleModel)).toEqual(["input.conformity.category"]);
    // another maker's model is not found
    const other = await update(otherMaker.token, modelId, { ...G5, conformity: stored });
    expect(other.data?.updateVehicleModel).toMatchObject({ __typename: "NotFoundError" });
    expect(await tableCounts(t)).toEqual(before);
    expect(await storedRow()).toMatchObject({ typeApprovalNumber: stored.typeApprovalNumber, variant: "G5-B" });

    const renamed = await update(maker.token, modelId, { ...G5, name: "G5 urban scooter (2026)" });
    expect(renamed.data?.updateVehicleModel.data).toMatchObject({ conformity: { typeApprovalNumber: stored.typeApprovalNumber } });
    const changed = await update(maker.token, modelId, { ...G5, conformity: { ...stored, variant: "G5-C" } });
    expect(changed.data?.updateVehicleModel.data).toMatchObject({ conformity: { variant: "G5-C" } });
    const audit = await t.db.auditLog.findFirst({ where: { action: "vehicleModel.update", targetId: decodeGlobalId(modelId).id }, orderBy: { createdAt: "desc" } });
    expect(JSON.stringify(audit?.after)).toContain("G5-C");

    const removed = await update(maker.token, modelId, { ...G5, conformity: null });
    expect(removed.data?.updateVehicleModel.data).toMatchObject({ conformity: null });
    expect(await storedRow()).toBeNull();
    const none = await issue(maker.token, { vehicleId: g5VehicleId, kind: "CERTIFICATE_OF_CONFORMITY" });
    expect(none.data?.issueVehicleDocument).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["conformity"] }] });
    expect(none.data?.issueVehicleDocument.message).toContain("add them to the model in the catalog");
  });

  it("conformity stored before a rule tightened is shown as none and refused when issuing, naming the catalog", async () => {
    await t.db.vehicleModel.update({ where: { id: decodeGlobalId(modelId).id }, data: { conformity: { ...stored, category: "L1e-A" } } });
    const model = await gql<{ node: { conformity: unknown } }>(
      t.app,
      `query($id: ID!) { node(id: $id) { ... on VehicleModel { conformity { variant } } } }`,
      { id: modelId },
      { token: maker.token },
    );
    expect(model.data?.node).toEqual({ conformity: null });
    const r = await issue(maker.token, { vehicleId: g5VehicleId, kind: "CERTIFICATE_OF_CONFORMITY" });
    expect(r.data?.issueVehicleDocument).toMatchObject({ __typename: "ValidationError" });
    expect(r.data?.issueVehicleDocument.message).toContain("update it in the catalog");
    expect(r.data?.issueVehicleDocument.fieldErrors?.map((e) => e.path.join("."))).toContain("vehicleModel.conformity.technical.maxSpeedKmh");
  });
});
