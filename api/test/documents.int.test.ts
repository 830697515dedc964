import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { containerCheckDigit } from "@corridor/documents";
import { corridorRules, demoModels } from "@corridor/seeds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeGlobalId } from "../src/schema/global-id.js";
import { createTestContext, gql, personIn, type TestContext, tableCounts } from "./harness.js";

let t: TestContext;
let dataDir: string;
let operator: Awaited<ReturnType<typeof personIn>>;
let maker: Awaited<ReturnType<typeof personIn>>;
let otherMaker: Awaited<ReturnType<typeof personIn>>;
let dealer: Awaited<ReturnType<typeof personIn>>;
const modelIds: Record<string, string> = {};
/** a booking with lithium (YD-E8S, UN3171) and kits, for a dealer */
let booking: { id: string; reference: string };
/** a booking without lithium and without a consignee */
let plainBooking: { id: string; reference: string };

const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) {
  __typename
  ... on IssueDocumentSuccess { data { id number kind sha256 sizeBytes pageCount issuedAt downloadUrl booking { reference } } }
  ... on DomainError { code message }
  ... on RuleViolationError { rule }
  ... on ValidationError { fieldErrors { path message } }
} }`;

interface IssuedShape {
  id: string;
  number: string;
  kind: string;
  sha256: string;
  sizeBytes: number;
  pageCount: number;
  downloadUrl: string;
  booking: { reference: string } | null;
}
type IssueResponse = { issueDocument: { __typename: string; code?: string; rule?: string; message?: string; fieldErrors?: { path: string[] }[]; data?: IssuedShape } };

function issue(token: string, input: Record<string, unknown>) {
  return gql<IssueResponse>(t.app, ISSUE, { input }, { token });
}

/** A valid ISO 6346 number for owner MSKU. */
function containerNumber(serial: number): string {
  const first10 = `MSKU${String(serial).padStart(6, "0")}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

const container = () => [{ containerNumber: containerNumber(123400), type: "40HQ", sealNumber: "CN880001" }];
const details = () => ({
  COMMERCIAL_INVOICE: {
    unitPrices: [
      { vehicleModelId: modelIds["YD-E8S"], unitPriceMinor: 89_500 },
      { vehicleModelId: modelIds["YD-SKD8"], unitPriceMinor: 120_000 },
    ],
  },
  PACKING_LIST: { containers: container() },
  CONSIGNMENT_NOTE: { containers: container() },
  DG_DECLARATION: {
    emergencyContact: { name: "Yadea 24h DG hotline", phone: "+86 23 6868 9999" },
    un383Reports: [{ vehicleModelId: modelIds["YD-E8S"], reportNumber: "TS-YD-E8S-2025", issuedBy: "CQC Chongqing Test Lab", date: "2025-11-05" }],
  },
  BOOKING_CONFIRMATION: {},
});
const KINDS = ["BOOKING_CONFIRMATION", "COMMERCIAL_INVOICE", "PACKING_LIST", "CONSIGNMENT_NOTE", "DG_DECLARATION"] as const;
const issued: Record<string, IssuedShape> = {};

async function download(path: string, token?: string, headers: Record<string, string> = {}) {
  const res = await t.app.fetch(`http://corridor.test${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function book(lines: { model: string; quantity: number }[], consigneeId?: string) {
  const r = await gql<{ createBooking: { data?: { booking: { id: string; reference: string; status: string } } } }>(
    t.app,
    `mutation($input: CreateBookingInput!) { createBooking(input: $input) { __typename ... on CreateBookingSuccess { data { booking { id reference status } } } ... on DomainError { message } } }`,
    {
      input: {
        idempotencyKey: randomUUID(),
        request: { departureId, mode: "LCL", lines: lines.map((l) => ({ vehicleModelId: modelIds[l.model], quantity: l.quantity })), ...(consigneeId ? { consigneeId } : {}) },
      },
    },
    { token: maker.token },
  );
  const b = r.data?.createBooking.data?.booking;
  if (b?.status !== "CONFIRMED") throw new Error(JSON.stringify(r));
  return b;
}

let departureId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "corridor-documents-"));
  t = await createTestContext({ CORRIDOR_DATA_DIR: dataDir, PUBLIC_WEB_URL: "https://corridor.example" });
  await t.seed.referenceData();
  operator = await personIn(t, "LOGISTICS_OPERATOR");
  for (const r of corridorRules) await t.db.corridorRule.create({ data: { ...r, operatorOrgId: operator.org.id } });
  maker = await personIn(t, "MANUFACTURER", ["MEMBER"]);
  otherMaker = await personIn(t, "MANUFACTURER");
  dealer = await personIn(t, "DEALER");
  for (const m of demoModels["yadea-cq"] ?? []) {
    const created = await t.db.vehicleModel.create({ data: { ...m, makerOrgId: maker.org.id } });
    modelIds[m.code] = encodeGlobalId("VehicleModel", created.id);
  }
  const s = await gql<{ scheduleDeparture: { data: { id: string } } }>(
    t.app,
    `mutation($input: ScheduleDepartureInput!) { scheduleDeparture(input: $input) { ... on ScheduleDepartureSuccess { data { id } } ... on DomainError { message } } }`,
    {
      input: {
        corridorCode: "CN-LA",
        departsAt: new Date(Date.now() + 8 * 86_400_000).toISOString(),
        currencyCode: "USD",
        lclPerWmMinor: 6500,
        wmKgPerCbm: 1000,
        fcl40Minor: 280000,
        fcl20Minor: 180000,
      },
    },
    { token: operator.token },
  );
  departureId = s.data?.scheduleDeparture.data.id ?? "";
  if (!departureId) throw new Error(JSON.stringify(s));
  booking = await book(
    [
      { model: "YD-E8S", quantity: 10 },
      { model: "YD-SKD8", quantity: 8 },
    ],
    encodeGlobalId("Organization", dealer.org.id),
  );
  plainBooking = await book([{ model: "YD-SKD8", quantity: 4 }]);
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("issuing booking documents", () => {
  it("issues each booking document, stores its bytes by hash and records it with an audit row", async () => {
    const d = details();
    for (const kind of KINDS) {
      const r = await issue(maker.token, { bookingId: booking.id, kind, ...d[kind] });
      expect(r.data?.issueDocument.__typename, `${kind}: ${JSON.stringify(r.data ?? r.errors)}`).toBe("IssueDocumentSuccess");
      const doc = r.data?.issueDocument.data as IssuedShape;
      expect(doc).toMatchObject({ kind, booking: { reference: booking.reference } });
      expect(doc.number).toMatch(/^(BC|CI|PL|SMGS|DG)-\d{4}-\d{6}$/);
      expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(doc.pageCount).toBeGreaterThanOrEqual(1);
      expect(doc.downloadUrl).toBe(`/documents/${doc.id}/download`);
      issued[kind] = doc;
    }
    const rows = await t.db.issuedDocument.findMany({ where: { orgId: maker.org.id } });
    expect(rows).toHaveLength(KINDS.length);
    for (const row of rows) {
      expect(row.storageKey).toBe(`documents/${row.sha256.slice(0, 2)}/${row.sha256}.pdf`);
      expect(row.issuedById).toBe(maker.user.id);
    }
    const audits = await t.db.auditLog.findMany({ where: { action: "document.issue", orgId: maker.org.id } });
    expect(audits.map((a) => a.targetId).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("numbers documents per kind and year, and a re-issue of unchanged data gives the same document and hash", async () => {
    const year = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date());
    expect(issued.BOOKING_CONFIRMATION?.number).toBe(`BC-${year}-000001`);
    const counts = await tableCounts(t);
    const again = await issue(maker.token, { bookingId: booking.id, kind: "BOOKING_CONFIRMATION" });
    expect(again.data?.issueDocument.data).toEqual(issued.BOOKING_CONFIRMATION);
    expect(await tableCounts(t)).toEqual(counts);
    // changed data (another price) makes a new document with the next number
    const repriced = await issue(maker.token, {
      bookingId: booking.id,
      kind: "COMMERCIAL_INVOICE",
      unitPrices: [
        { vehicleModelId: modelIds["YD-E8S"], unitPriceMinor: 91_000 },
        { vehicleModelId: modelIds["YD-SKD8"], unitPriceMinor: 120_000 },
      ],
    });
    expect(repriced.data?.issueDocument.data?.number).toBe(`CI-${year}-000002`);
    expect(repriced.data?.issueDocument.data?.sha256).not.toBe(issued.COMMERCIAL_INVOICE?.sha256);
  });

  it("downloads the PDF for the maker, the consignee and the operator: bytes match the registry's hash", async () => {
    for (const kind of KINDS) {
      const doc = issued[kind] as IssuedShape;
      const { res, bytes } = await download(doc.downloadUrl, maker.token);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("etag")).toBe(`"${doc.sha256}"`);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${doc.number}.pdf"`);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(sha256(bytes)).toBe(doc.sha256);
      expect(bytes.byteLength).toBe(doc.sizeBytes);
    }
    const doc = issued.BOOKING_CONFIRMATION as IssuedShape;
    for (const token of [dealer.token, operator.token]) expect((await download(doc.downloadUrl, token)).res.status).toBe(200);
    const cached = await download(doc.downloadUrl, maker.token, { "if-none-match": `"${doc.sha256}"` });
    expect(cached.res.status).toBe(304);
  });

  it("gives 404 to another maker, to anonymous callers and for unknown or malformed IDs", async () => {
    const doc = issued.BOOKING_CONFIRMATION as IssuedShape;
    const theirs = await download(doc.downloadUrl, otherMaker.token);
    expect(theirs.res.status).toBe(404);
    expect(theirs.bytes.toString()).not.toContain("%PDF");
    expect((await download(doc.downloadUrl)).res.status).toBe(404);
    expect((await download(`/documents/${encodeGlobalId("IssuedDocument", "nope")}/download`, maker.token)).res.status).toBe(404);
    expect((await download(`/documents/${encodeGlobalId("Booking", booking.id)}/download`, maker.token)).res.status).toBe(404);
    expect((await download("/documents/!!!/download", maker.token)).res.status).toBe(404);
  });

  it("prints the booking reference and data in the PDF (pdftotext)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "corridor-pdf-"));
    try {
      for (const kind of ["BOOKING_CONFIRMATION", "PACKING_LIST", "CONSIGNMENT_NOTE"] as const) {
        const { bytes } = await download((issued[kind] as IssuedShape).downloadUrl, maker.token);
        const file = join(dir, `${kind}.pdf`);
        writeFileSync(file, bytes);
        const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
        expect(text, kind).toContain(booking.reference);
        expect(text).toContain((issued[kind] as IssuedShape).number);
      }
      const { bytes } = await download((issued.COMMERCIAL_INVOICE as IssuedShape).downloadUrl, maker.token);
      writeFileSync(join(dir, "ci.pdf"), bytes);
      const text = execFileSync("pdftotext", ["-layout", join(dir, "ci.pdf"), "-"], { encoding: "utf8" });
      expect(text).toContain("YD-E8S");
      expect(text).toContain("895.00");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lists a booking's documents for those who see the booking, and nobody else", async () => {
    const LIST = `query($b: ID!) { documents(bookingId: $b, first: 10) { totalCount edges { node { number kind sha256 } } } }`;
    for (const token of [maker.token, dealer.token, operator.token]) {
      const r = await gql<{ documents: { edges: { node: { kind: string } }[] } }>(t.app, LIST, { b: booking.id }, { token });
      expect(r.errors).toBeUndefined();
      expect(r.data?.documents.edges).toHaveLength(KINDS.length + 1);
    }
    const theirs = await gql(t.app, LIST, { b: booking.id }, { token: otherMaker.token });
    expect(theirs.data).toBeNull();
    expect(theirs.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const node = await gql<{ node: unknown }>(
      t.app,
      `query($id: ID!) { node(id: $id) { ... on IssuedDocument { number } } }`,
      { id: issued.BOOKING_CONFIRMATION?.id },
      { token: otherMaker.token },
    );
    expect(JSON.stringify(node.data ?? {})).not.toContain(issued.BOOKING_CONFIRMATION?.number);
    const mine = await gql<{ node: { number: string } }>(
      t.app,
      `query($id: ID!) { node(id: $id) { ... on IssuedDocument { number } } }`,
      { id: issued.BOOKING_CONFIRMATION?.id },
      { token: dealer.token },
    );
    expect(mine.data?.node.number).toBe(issued.BOOKING_CONFIRMATION?.number);
  });
});

describe("verifying a document (public)", () => {
  const VERIFY = `query($h: String!) { verifyDocument(sha256: $h) { sha256 issued kind number issuerName issuedAt } }`;

  it("finds an issued document's hash without logging in and shows only public facts", async () => {
    const doc = issued.PACKING_LIST as IssuedShape;
    const r = await gql<{ verifyDocument: Record<string, unknown> }>(t.app, VERIFY, { h: doc.sha256.toUpperCase() });
    expect(r.errors).toBeUndefined();
    expect(r.data?.verifyDocument).toMatchObject({ sha256: doc.sha256, issued: true, kind: "PACKING_LIST", number: doc.number, issuerName: maker.org.name });
    expect(Object.keys(r.data?.verifyDocument ?? {}).sort()).toEqual(["issued", "issuedAt", "issuerName", "kind", "number", "sha256"]);
  });

  it("does not anchor booking documents on the ledger (only certificates are): anchored is false", async () => {
    const doc = issued.PACKING_LIST as IssuedShape;
    const r = await gql<{ verifyDocument: Record<string, unknown> }>(t.app, `query($h: String!) { verifyDocument(sha256: $h) { issued anchored txId blockNumber } }`, {
      h: doc.sha256,
    });
    expect(r.data?.verifyDocument).toEqual({ issued: true, anchored: false, txId: null, blockNumber: null });
    expect(await t.db.outboxMessage.count({ where: { topic: "document.anchor" } })).toBe(0);
    expect(await t.db.issuedDocument.count({ where: { orgId: maker.org.id, NOT: { anchorStatus: null } } })).toBe(0);
  });

  it("rejects an altered document", async () => {
    const { bytes } = await download((issued.PACKING_LIST as IssuedShape).downloadUrl, maker.token);
    const altered = Buffer.from(bytes);
    altered[altered.length - 20] = (altered[altered.length - 20] ?? 0) ^ 1;
    for (const h of [sha256(altered), "not a hash", ""]) {
      const r = await gql<{ verifyDocument: Record<string, unknown> }>(t.app, VERIFY, { h });
      expect(r.data?.verifyDocument).toMatchObject({ issued: false, kind: null, number: null, issuerName: null, issuedAt: null });
    }
  });

  it("resolves the code in a document's QR link to the hash its PDF must have", async () => {
    const row = await t.db.issuedDocument.findFirstOrThrow({ where: { number: issued.DG_DECLARATION?.number } });
    const r = await gql<{ verifyDocumentCode: Record<string, unknown> }>(t.app, `query($c: String!) { verifyDocumentCode(code: $c) { sha256 issued number } }`, { c: row.id });
    expect(r.data?.verifyDocumentCode).toEqual({ sha256: row.sha256, issued: true, number: row.number });
    const none = await gql<{ verifyDocumentCode: Record<string, unknown> }>(t.app, `query($c: String!) { verifyDocumentCode(code: $c) { issued } }`, { c: "probe" });
    expect(none.data?.verifyDocumentCode).toEqual({ issued: false });
  });
});

describe("refusals", () => {
  it("refuses a DG declaration for cargo without lithium, and writes nothing", async () => {
    const before = await tableCounts(t);
    const r = await issue(maker.token, { bookingId: plainBooking.id, kind: "DG_DECLARATION", ...details().DG_DECLARATION });
    expect(r.data?.issueDocument).toMatchObject({ __typename: "RuleViolationError", rule: "NO_LITHIUM_CARGO" });
    expect(await tableCounts(t)).toEqual(before);
  });

  it("refuses an invoice without prices or a buyer, and a packing list without a container, naming the fields", async () => {
    const noPrice = await issue(maker.token, { bookingId: booking.id, kind: "COMMERCIAL_INVOICE", unitPrices: [{ vehicleModelId: modelIds["YD-E8S"], unitPriceMinor: 100 }] });
    expect(noPrice.data?.issueDocument).toMatchObject({ __typename: "ValidationError", message: expect.stringContaining("YD-SKD8") });
    expect(noPrice.data?.issueDocument.fieldErrors?.map((e) => e.path.join("."))).toContain("unitPrices");
    const noBuyer = await issue(maker.token, {
      bookingId: plainBooking.id,
      kind: "COMMERCIAL_INVOICE",
      unitPrices: [{ vehicleModelId: modelIds["YD-SKD8"], unitPriceMinor: 100 }],
    });
    expect(noBuyer.data?.issueDocument.fieldErrors?.map((e) => e.path.join("."))).toContain("consigneeId");
    const noBox = await issue(maker.token, { bookingId: booking.id, kind: "PACKING_LIST" });
    expect(noBox.data?.issueDocument.fieldErrors?.map((e) => e.path.join("."))).toContain("containers");
    const badBox = await issue(maker.token, { bookingId: booking.id, kind: "CONSIGNMENT_NOTE", containers: [{ containerNumber: "MSKU1234567", type: "40HQ" }] });
    expect(badBox.data?.issueDocument.fieldErrors?.map((e) => e.path.join("."))).toEqual(expect.arrayContaining(["containers.0.containerNumber", "containers.0.sealNumber"]));
  });

  it("lets only the booking's maker issue: another maker gets not-found, a dealer is forbidden", async () => {
    const before = await tableCounts(t);
    const other = await issue(otherMaker.token, { bookingId: booking.id, kind: "BOOKING_CONFIRMATION" });
    expect(other.data?.issueDocument).toMatchObject({ __typename: "NotFoundError" });
    const byDealer = await issue(dealer.token, { bookingId: booking.id, kind: "BOOKING_CONFIRMATION" });
    expect(byDealer.data?.issueDocument).toMatchObject({ __typename: "ForbiddenError" });
    const notBookingKind = await issue(maker.token, { bookingId: booking.id, kind: "VEHICLE_VERIFICATION" });
    expect(notBookingKind.data?.issueDocument).toMatchObject({ __typename: "ValidationError" });
    expect(await tableCounts(t)).toEqual(before);
  });
});
