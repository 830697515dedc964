/**
 * The ledger indexer on an embedded ledger: transactions submitted by another client (straight
 * through the Ledger, not through this API) reach the read model; the cursor moves with the read
 * model in one transaction, so a restart resumes where it stopped and nothing is applied twice;
 * two indexers at once apply a block once; the outbox worker then finds nothing left to submit.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CorridorClient } from "@corridor/chain/ledger";
import { canonicalize } from "@corridor/chain/proof";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexerCursorName, indexLedgerOnce, startLedgerIndexer } from "../src/jobs/ledger-indexer.js";
import { runOutboxOnce } from "../src/jobs/outbox.js";
import { type LedgerHub, mspIdOf, openLedgerHub, organizationSpecOf, setLedgerHub } from "../src/ledger.js";
import { loadBatchAnchor, loadBatchTree } from "../src/modules/vehicles/batch-tree.js";
import { dayOf, ledgerDocumentHashOf, ledgerScopeOf } from "../src/modules/vehicles/certifications.js";
import { vinCheckDigit } from "../src/modules/vehicles/vin.js";
import { encodeGlobalId } from "../src/schema/global-id.js";
import { createTestContext, gql, personIn, type TestContext } from "./harness.js";

let t: TestContext;
let hub: LedgerHub;
let ledgerDir: string;
let maker: Awaited<ReturnType<typeof personIn>>;
let certifier: Awaited<ReturnType<typeof personIn>>;
let carrier: Awaited<ReturnType<typeof personIn>>;
const modelCode = "IX-1";
const vins = [1, 2, 3].map((n) => {
  const draft = `LXXTS2A0RBZ${String(n).padStart(6, "0")}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
});
let batchId: string;
let certId: string;

const deps = () => ({ db: t.db, hub });
const client = () => new CorridorClient(hub.ledger());
const orgSpecs = () => [maker, certifier, carrier].flatMap((p) => organizationSpecOf(p.org) ?? []);

async function ledgerTxCount(fn: string): Promise<number> {
  const ledger = hub.ledger();
  let n = 0;
  for (let b = 0, h = await ledger.height(); b < h; b++) for (const tx of (await ledger.block(b)).transactions) if (tx.fn === fn && tx.validationCode === "VALID") n++;
  return n;
}

beforeAll(async () => {
  t = await createTestContext();
  await t.seed.referenceData();
  ledgerDir = await mkdtemp(join(tmpdir(), "corridor-indexer-ledger-"));
  hub = await openLedgerHub({ dataDir: ledgerDir, onWarning: () => {} });
  setLedgerHub(hub);
  maker = await personIn(t, "MANUFACTURER");
  certifier = await personIn(t, "CERTIFICATION_BODY");
  carrier = await personIn(t, "LOGISTICS_OPERATOR");
  await t.db.vehicleModel.create({
    data: { makerOrgId: maker.org.id, code: modelCode, name: "IX", category: "E_MOTORCYCLE", crateLengthMm: 1900, crateWidthMm: 700, crateHeightMm: 1100, crateGrossKg: 120 },
  });
  const r = await gql<{ registerVehicles: { __typename: string } }>(
    t.app,
    `mutation($i: RegisterVehiclesInput!) { registerVehicles(input: $i) { __typename } }`,
    { i: { rows: vins.map((vin, i) => ({ vin, modelCode, productionDate: "2026-03-01", batterySerial: `BAT-${i}`, motorNumber: `MOT-${i}` })) } },
    { token: maker.token },
  );
  expect(r.data?.registerVehicles.__typename).toBe("RegisterVehiclesSuccess");
  batchId = (await t.db.vehicleBatch.findFirstOrThrow({ where: { makerOrgId: maker.org.id } })).id;
  const issued = await gql<{ issueCertification: { __typename: string; data?: { id: string } } }>(
    t.app,
    `mutation($i: IssueCertificationInput!) { issueCertification(input: $i) { __typename ... on IssueCertificationSuccess { data { id } } ... on DomainError { message } } }`,
    {
      i: {
        makerId: encodeGlobalId("Organization", maker.org.id),
        modelCode,
        market: "LA",
        standard: "UN R136",
        number: "R136-IX-0001",
        validFrom: dayOf(new Date(Date.now() - 30 * 86_400_000)),
        validTo: dayOf(new Date(Date.now() + 365 * 86_400_000)),
      },
    },
    { token: certifier.token },
  );
  expect(issued.data?.issueCertification).toMatchObject({ __typename: "IssueCertificationSuccess" });
  certId = (await t.db.certification.findFirstOrThrow({ where: { issuerOrgId: certifier.org.id } })).id;
  await hub.ensureOrganizations(orgSpecs());
});
afterAll(async () => {
  setLedgerHub(undefined);
  await hub?.close();
  await t?.close();
  if (ledgerDir) await rm(ledgerDir, { recursive: true, force: true });
});

describe("ledger indexer", () => {
  it("brings transactions another client submitted into the read model", async () => {
    // Submitted straight through the ledger: the platform's outbox has not run.
    const anchor = await loadBatchAnchor(t.db, batchId);
    if (!anchor) throw new Error("no batch");
    const batchTx = await client().registerBatch(
      { batchId, merkleRoot: anchor.root, count: anchor.treeSize, makerMspId: anchor.makerMspId, modelCode: anchor.modelCode, metadataHash: anchor.metadataHash },
      { mspId: anchor.makerMspId },
    );
    const cert = await t.db.certification.findUniqueOrThrow({ where: { id: certId } });
    expect(cert.status).toBe("PENDING");
    const certTx = await client().issueCertification(
      {
        certId,
        scope: ledgerScopeOf(cert),
        market: cert.market,
        standard: cert.standard,
        number: cert.number,
        validFrom: dayOf(cert.validFrom),
        validTo: dayOf(cert.validTo),
        documentHash: ledgerDocumentHashOf(cert),
      },
      { mspId: mspIdOf(certifier.org) },
    );
    const shipped = await client().recordCustodyEvent(
      { subjectType: "BATCH", subjectId: batchId, eventType: "SHIPPED", departureRef: "X8001-2026-11-20", place: "Chongqing Tuanjiecun", occurredAt: "2026-11-20T02:00:00.000Z" },
      { mspId: mspIdOf(carrier.org) },
    );

    const r = await indexLedgerOnce(deps());
    const height = await hub.ledger().height();
    expect(r).toMatchObject({ nextBlock: height, changed: 3 });
    const batch = await t.db.vehicleBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch).toMatchObject({
      status: "ANCHORED",
      merkleRoot: anchor.root,
      txId: batchTx.receipt.txId,
      blockNumber: batchTx.receipt.blockNumber,
      blockHash: batchTx.receipt.blockHash,
    });
    expect(batch.anchoredAt?.toISOString()).toBe(batchTx.receipt.timestamp);
    expect(await t.db.certification.findUniqueOrThrow({ where: { id: certId } })).toMatchObject({
      status: "ACTIVE",
      txId: certTx.receipt.txId,
      blockNumber: certTx.receipt.blockNumber,
    });
    const custody = await t.db.custodyEvent.findMany({ where: { batchId } });
    expect(custody).toHaveLength(1);
    expect(custody[0]).toMatchObject({
      orgId: carrier.org.id,
      type: "SHIPPED",
      place: "Chongqing Tuanjiecun",
      departureRef: "X8001-2026-11-20",
      txId: shipped.receipt.txId,
      blockNumber: shipped.receipt.blockNumber,
    });
    const cursor = await t.db.ledgerCursor.findUniqueOrThrow({ where: { name: indexerCursorName(hub.ledger()) } });
    expect(cursor.blockNumber).toBe(height);

    // Anyone verifying the vehicle sees it anchored, certified and shipped.
    const v = await gql<{ verifyVehicle: { anchored: boolean; txId: string; certifications: { number: string }[]; custody: { type: string; recordedBy: string }[] } }>(
      t.app,
      `query($vin: String!) { verifyVehicle(vin: $vin, market: "LA") { anchored txId certifications { number } custody { type recordedBy } } }`,
      { vin: vins[0] },
    );
    expect(v.data?.verifyVehicle).toMatchObject({
      anchored: true,
      txId: batchTx.receipt.txId,
      certifications: [{ number: "R136-IX-0001" }],
      custody: [{ type: "SHIPPED", recordedBy: carrier.org.name }],
    });

    // The outbox worker finds the batch and the certification on the ledger: nothing submitted twice.
    const before = await hub.ledger().height();
    expect(await runOutboxOnce(deps())).toMatchObject({ claimed: 2, done: 2, failed: 0 });
    expect(await hub.ledger().height()).toBe(before);
    expect(await ledgerTxCount("registerBatch")).toBe(1);
    expect(await ledgerTxCount("issueCertification")).toBe(1);
  });

  it("resumes after a restart where it stopped, and applies nothing twice", async () => {
    const again = await indexLedgerOnce(deps());
    expect(again).toMatchObject({ blocks: 0, changed: 0 });

    // While the API is down, another client revokes the certification and records a crossing.
    const revoked = await client().revokeCertification(certId, "withdrawn by the body", { mspId: mspIdOf(certifier.org) });
    // A vehicle is on the ledger on its own once registered (as the platform does before its first custody event).
    const tree = await loadBatchTree(t.db, batchId);
    const v1 = await t.db.vehicle.findUniqueOrThrow({ where: { vin: vins[1] } });
    const record = tree?.records[v1.leafIndex ?? -1];
    if (!tree || !record) throw new Error("no record");
    await client().registerVehicle(
      {
        vin: v1.vin,
        makerMspId: tree.makerMspId,
        modelCode,
        productionDate: "2026-03-01",
        batterySerial: v1.batterySerial ?? "",
        motorNumber: v1.motorNumber ?? "",
        recordHash: createHash("sha256").update(canonicalize(record), "utf8").digest("hex"),
      },
      { mspId: "PlatformMSP" },
    );
    const crossed = await client().recordCustodyEvent(
      { subjectType: "VEHICLE", subjectId: v1.vin, eventType: "BORDER_CROSSED", departureRef: "X8001-2026-11-20", place: "Mohan", occurredAt: "2026-11-22T09:30:00.000Z" },
      { mspId: mspIdOf(carrier.org) },
    );

    // A restart: the ledger opened again, a new indexer with the cursor from the database.
    await hub.close();
    hub = await openLedgerHub({ dataDir: ledgerDir, organizations: orgSpecs(), onWarning: () => {} });
    setLedgerHub(hub);
    const resumed = await indexLedgerOnce(deps());
    expect(resumed.changed).toBe(2);
    expect(resumed.nextBlock).toBe(await hub.ledger().height());
    const cert = await t.db.certification.findUniqueOrThrow({ where: { id: certId } });
    expect(cert).toMatchObject({ status: "REVOKED", txId: revoked.receipt.txId, blockNumber: revoked.receipt.blockNumber, revokeReason: "withdrawn by the body" });
    expect(cert.revokedAt?.toISOString()).toBe(revoked.receipt.timestamp);
    expect(await t.db.custodyEvent.findMany({ where: { vehicleId: v1.id }, select: { type: true, txId: true } })).toEqual([{ type: "BORDER_CROSSED", txId: crossed.receipt.txId }]);

    // Read from the start again (a lost cursor): the read model does not change.
    const snapshot = async () => ({
      batches: await t.db.vehicleBatch.findMany({ orderBy: { id: "asc" } }),
      certs: await t.db.certification.findMany({ orderBy: { id: "asc" } }),
      custody: await t.db.custodyEvent.findMany({ orderBy: { id: "asc" } }),
    });
    const before = await snapshot();
    await t.db.ledgerCursor.update({ where: { name: indexerCursorName(hub.ledger()) }, data: { blockNumber: 0 } });
    const replay = await indexLedgerOnce(deps(), { maxBlocks: 10_000 });
    expect(replay.blocks).toBe(await hub.ledger().height());
    expect(replay.changed).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("two indexers at once apply a block once", async () => {
    const occurredAt = "2026-11-23T10:00:00.000Z";
    await client().recordCustodyEvent(
      { subjectType: "BATCH", subjectId: batchId, eventType: "DELIVERED", departureRef: "X8001-2026-11-20", place: "Vientiane South", occurredAt },
      { mspId: mspIdOf(carrier.org) },
    );
    const [a, b] = await Promise.all([indexLedgerOnce(deps()), indexLedgerOnce(deps())]);
    expect(a.blocks + b.blocks).toBe(1);
    expect(a.changed + b.changed).toBe(1);
    expect(await t.db.custodyEvent.count({ where: { batchId, type: "DELIVERED" } })).toBe(1);
  });

  it("matches an event this platform recorded whose result the worker never wrote back", async () => {
    // Recorded through the API: a row without txId and an outbox message.
    const occurredAt = new Date("2026-11-24T08:00:00.000Z");
    const rec = await gql<{ recordCustodyEvent: { __typename: string } }>(
      t.app,
      `mutation($i: RecordCustodyEventInput!) { recordCustodyEvent(input: $i) { __typename } }`,
      { i: { batchId, type: "BORDER_CROSSED", departureRef: "X8002-2026-11-24", place: "Boten", occurredAt: occurredAt.toISOString() } },
      { token: carrier.token },
    );
    expect(rec.data?.recordCustodyEvent.__typename).toBe("RecordCustodyEventSuccess");
    const rows = () => t.db.custodyEvent.findMany({ where: { batchId, place: "Boten" } });
    expect((await rows())[0]?.txId).toBeNull();
    // The worker submitted it and stopped before writing the result.
    const onLedger = await client().recordCustodyEvent(
      { subjectType: "BATCH", subjectId: batchId, eventType: "BORDER_CROSSED", departureRef: "X8002-2026-11-24", place: "Boten", occurredAt: occurredAt.toISOString() },
      { mspId: mspIdOf(carrier.org) },
    );
    expect((await indexLedgerOnce(deps())).changed).toBe(1);
    expect((await rows()).map((e) => e.txId)).toEqual([onLedger.receipt.txId]);
    // Its outbox message is then finished without a second submission.
    const height = await hub.ledger().height();
    expect(await runOutboxOnce(deps())).toMatchObject({ claimed: 1, done: 1, failed: 0 });
    expect(await hub.ledger().height()).toBe(height);
  });

  it("runs in the background and stops cleanly", async () => {
    const indexer = startLedgerIndexer(deps(), { pollMs: 20 });
    try {
      const r = await client().recordCustodyEvent(
        { subjectType: "BATCH", subjectId: batchId, eventType: "SHIPPED", departureRef: "X8003-2026-11-25", place: "Chongqing Lianglu", occurredAt: "2026-11-25T01:00:00.000Z" },
        { mspId: mspIdOf(carrier.org) },
      );
      let row = null;
      for (let i = 0; i < 200 && !row; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        row = await t.db.custodyEvent.findFirst({ where: { txId: r.receipt.txId } });
      }
      expect(row).toMatchObject({ batchId, place: "Chongqing Lianglu", blockNumber: r.receipt.blockNumber });
    } finally {
      await indexer.stop();
    }
  });
});
