/**
 * Public verification read path: verifyVehicle answers from one SQL statement (the hottest public
 * read), and that statement keeps the rules — VIN or frame number, certifications of the model
 * or of the listed vehicle, by market and day, a revoked one only before its revocation day,
 * custody of the vehicle and of its batch oldest first with who recorded it.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, PrismaClient } from "../src/db/index.js";
import { createApp } from "../src/server.js";
import { databaseUrl } from "./env.js";
import { createTestContext, gql, type TestContext } from "./harness.js";

let t: TestContext;
let statements: string[] = [];
let client: PrismaClient;
let counted: ReturnType<typeof createApp>;

const VIN = "LYDTS2A0XRBV00001";
const FRAME_ONLY = "FR-VERIFY-0001";

const VERIFY = `query($vin: String!, $market: String, $on: String) { verifyVehicle(vin: $vin, market: $market, on: $on) {
  vin frameNumber makerName makerNameZh makerCountry modelCode modelName productionDate anchorStatus anchored batchRoot txId blockNumber blockHash anchoredAt market on
  certifications { market standard number modelCode validFrom validTo }
  revocations { market standard number modelCode validFrom validTo revokedAt reason }
  custody { type place occurredAt recordedBy scope txId blockNumber } } }`;

interface Verification {
  vin: string | null;
  frameNumber: string | null;
  makerName: string;
  anchorStatus: string;
  anchored: boolean;
  batchRoot: string | null;
  txId: string | null;
  blockNumber: number | null;
  anchoredAt: string | null;
  market: string | null;
  on: string;
  productionDate: string;
  certifications: { market: string; standard: string; number: string; modelCode: string | null; validFrom: string; validTo: string }[];
  revocations: { market: string; standard: string; number: string; modelCode: string | null; validFrom: string; validTo: string; revokedAt: string; reason: string | null }[];
  custody: { type: string; place: string; occurredAt: string; recordedBy: string; scope: string; txId: string | null; blockNumber: number | null }[];
}

async function verify(vin: string, market?: string, on?: string) {
  statements = [];
  const r = await gql<{ verifyVehicle: Verification | null }>(counted, VERIFY, { vin, market, on });
  expect(r.errors).toBeUndefined();
  return { v: r.data?.verifyVehicle ?? null, statements: statements.length };
}

beforeAll(async () => {
  t = await createTestContext();
  let adapter: PrismaPGlite | PrismaPg;
  if (t.database.pglite) {
    adapter = new PrismaPGlite(t.database.pglite);
  } else {
    const [row] = await t.db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    adapter = new PrismaPg({ connectionString: databaseUrl(row?.name ?? ""), max: 2 });
  }
  client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  (client as unknown as { $on(event: "query", cb: (e: { query: string }) => void): void }).$on("query", (e) => statements.push(e.query));
  counted = createApp({ db: client as unknown as Db, config: t.config, log: pino({ level: "silent" }) });

  const maker = await t.seed.organization({ kind: "MANUFACTURER" });
  const body = await t.seed.organization({ kind: "CERTIFICATION_BODY" });
  const carrier = await t.seed.organization({ kind: "LOGISTICS_OPERATOR" });
  const dealer = await t.seed.organization({ kind: "DEALER" });
  const model = await t.db.vehicleModel.create({
    data: { makerOrgId: maker.id, code: "YD-V1", name: "V1", category: "E_MOTORCYCLE", crateLengthMm: 1900, crateWidthMm: 700, crateHeightMm: 1100, crateGrossKg: 120 },
  });
  const batch = await t.db.vehicleBatch.create({
    data: {
      makerOrgId: maker.id,
      count: 2,
      status: "ANCHORED",
      merkleRoot: "ab".repeat(32),
      txId: "cd".repeat(32),
      blockNumber: 7,
      blockHash: "ef".repeat(32),
      anchoredAt: new Date("2026-05-02T03:04:05.678Z"),
    },
  });
  const v = await t.db.vehicle.create({
    data: {
      makerOrgId: maker.id,
      vin: VIN,
      vehicleModelId: model.id,
      productionDate: new Date("2026-03-04T00:00:00Z"),
      batterySerial: "B",
      motorNumber: "M",
      batchId: batch.id,
      leafIndex: 0,
    },
  });
  await t.db.vehicle.create({
    data: {
      makerOrgId: maker.id,
      vin: FRAME_ONLY,
      frameNumber: FRAME_ONLY,
      vehicleModelId: model.id,
      productionDate: new Date("2026-03-05T00:00:00Z"),
      batchId: batch.id,
      leafIndex: 1,
    },
  });
  const cert = (number: string, data: Record<string, unknown>) =>
    t.db.certification.create({
      data: {
        issuerOrgId: body.id,
        makerOrgId: maker.id,
        market: "VN",
        standard: "QCVN 14",
        number,
        validFrom: new Date("2026-01-01T00:00:00Z"),
        validTo: new Date("2026-12-31T00:00:00Z"),
        status: "ACTIVE",
        ...data,
      },
    });
  await cert("MODEL-VN", { modelCode: model.code });
  await cert("MODEL-EU", { modelCode: model.code, market: "EU", standard: "EU 168/2013", validTo: new Date("2027-06-30T00:00:00Z") });
  await cert("VIN-TH", { vins: [VIN], market: "TH", standard: "TISI" });
  await cert("REVOKED-LA", { modelCode: model.code, market: "LA", status: "REVOKED", revokedAt: new Date("2026-06-10T08:00:00Z"), revokeReason: "Type approval withdrawn" });
  // Revoked long before its validity ended, of the listed vehicle; its revocation is pending on the ledger (still ACTIVE).
  await cert("REVOKED-VIN-TH", { vins: [VIN], market: "TH", standard: "TISI", revokedAt: new Date("2026-02-01T23:59:59.999Z"), revokeReason: "Wrong VIN" });
  // Not public: never on the ledger, another vehicle's, another model's.
  await cert("REVOKED-PENDING-LA", { modelCode: model.code, market: "LA", status: "PENDING", revokedAt: new Date("2026-01-15T00:00:00Z"), revokeReason: "x" });
  await cert("REVOKED-OTHER-VIN", { vins: ["LYDTS2A0XRBV99999"], market: "TH", status: "REVOKED", revokedAt: new Date("2026-01-15T00:00:00Z"), revokeReason: "x" });
  await cert("REVOKED-OTHER-MODEL", { modelCode: "YD-OTHER", market: "LA", status: "REVOKED", revokedAt: new Date("2026-01-15T00:00:00Z"), revokeReason: "x" });
  await cert("PENDING-LA", { modelCode: model.code, market: "LA", status: "PENDING" });
  await cert("OTHER-VIN", { vins: ["LYDTS2A0XRBV99999"], market: "LA" });
  await cert("OTHER-MODEL", { modelCode: "YD-OTHER", market: "LA" });
  await t.db.custodyEvent.createMany({
    data: [
      { orgId: dealer.id, vehicleId: v.id, type: "DELIVERED", place: "Vientiane", occurredAt: new Date("2026-07-03T00:00:00Z"), txId: "11".repeat(32), blockNumber: 12 },
      { orgId: carrier.id, batchId: batch.id, type: "SHIPPED", place: "Chongqing Tuanjiecun", occurredAt: new Date("2026-07-01T00:00:00Z") },
      { orgId: carrier.id, batchId: batch.id, type: "BORDER_CROSSED", place: "Mohan", occurredAt: new Date("2026-07-02T00:00:00Z"), txId: "22".repeat(32), blockNumber: 11 },
    ],
  });
});
afterAll(async () => {
  await client?.$disconnect();
  await t?.close();
});

describe("verifyVehicle", () => {
  it("answers from one SQL statement", async () => {
    const { v, statements: n } = await verify(VIN, "VN", "2026-06-01");
    expect(v?.vin).toBe(VIN);
    expect(n).toBe(1);
    expect((await verify("LYDTS2A0XRBV00002")).statements).toBe(1);
  });

  it("gives the vehicle, its maker and model, and the anchor of its batch", async () => {
    const { v } = await verify(` ${VIN.toLowerCase()} `, undefined, "2026-06-01");
    expect(v).toMatchObject({
      vin: VIN,
      frameNumber: null,
      productionDate: "2026-03-04",
      anchorStatus: "ANCHORED",
      anchored: true,
      batchRoot: "ab".repeat(32),
      txId: "cd".repeat(32),
      blockNumber: 7,
      anchoredAt: "2026-05-02T03:04:05.678Z",
      market: null,
      on: "2026-06-01",
    });
    const frame = (await verify(FRAME_ONLY.toLowerCase())).v;
    expect(frame).toMatchObject({ vin: null, frameNumber: FRAME_ONLY, productionDate: "2026-03-05" });
    expect((await verify("LYDTS2A0XRBV00002")).v).toBeNull();
  });

  it("lists certifications of the model or the vehicle in force on the day, by market", async () => {
    const numbers = async (market?: string, on?: string, vin = VIN) => (await verify(vin, market, on)).v?.certifications.map((c) => c.number);
    expect(await numbers(undefined, "2026-06-01")).toEqual(["MODEL-EU", "REVOKED-LA", "VIN-TH", "MODEL-VN"]);
    expect(await numbers("vn", "2026-06-01")).toEqual(["MODEL-VN"]);
    // Revoked during 10 June: it held up to 9 June, not on the 10th.
    expect(await numbers("LA", "2026-06-09")).toEqual(["REVOKED-LA"]);
    expect(await numbers("LA", "2026-06-10")).toEqual([]);
    expect(await numbers(undefined, "2027-03-01")).toEqual(["MODEL-EU"]);
    expect(await numbers(undefined, "2025-12-31")).toEqual([]);
    // The listed-vehicle certification is not the frame-only vehicle's.
    expect(await numbers("TH", "2026-06-01", FRAME_ONLY)).toEqual([]);
    const eu = (await verify(VIN, "EU", "2026-06-01")).v?.certifications[0];
    expect(eu).toEqual({ market: "EU", standard: "EU 168/2013", number: "MODEL-EU", modelCode: "YD-V1", validFrom: "2026-01-01", validTo: "2027-06-30" });
  });

  it("lists certifications of the model or the vehicle revoked by the end of the day, latest first, by market, never as in force", async () => {
    const revoked = async (market?: string, on?: string, vin = VIN) => {
      const v = (await verify(vin, market, on)).v;
      return v?.revocations.map((r) => r.number);
    };
    expect(await revoked(undefined, "2026-02-01")).toEqual(["REVOKED-VIN-TH"]);
    expect(await revoked(undefined, "2026-01-31")).toEqual([]);
    // Revoked at the last millisecond of 1 February: in force on 31 January, not on 1 February.
    expect((await verify(VIN, "TH", "2026-01-31")).v?.certifications.map((c) => c.number).sort()).toEqual(["REVOKED-VIN-TH", "VIN-TH"]);
    expect((await verify(VIN, "TH", "2026-02-01")).v?.certifications.map((c) => c.number)).toEqual(["VIN-TH"]);
    // Revoked during 10 June: in force on the 9th and not revoked yet; revoked (and not in force) on the 10th.
    expect(await revoked("LA", "2026-06-09")).toEqual([]);
    const tenth = (await verify(VIN, "la", "2026-06-10")).v;
    expect(tenth?.certifications).toEqual([]);
    expect(tenth?.revocations).toEqual([
      {
        market: "LA",
        standard: "QCVN 14",
        number: "REVOKED-LA",
        modelCode: "YD-V1",
        validFrom: "2026-01-01",
        validTo: "2026-12-31",
        revokedAt: "2026-06-10T08:00:00.000Z",
        reason: "Type approval withdrawn",
      },
    ]);
    expect(await revoked(undefined, "2026-06-10")).toEqual(["REVOKED-LA", "REVOKED-VIN-TH"]);
    // Still listed after the certification's validity ended.
    expect(await revoked(undefined, "2027-03-01")).toEqual(["REVOKED-LA", "REVOKED-VIN-TH"]);
    expect(await revoked("VN", "2026-06-10")).toEqual([]);
    expect(await revoked("TH", "2026-06-10")).toEqual(["REVOKED-VIN-TH"]);
    const th = (await verify(VIN, "TH", "2026-06-01")).v;
    expect(th?.certifications.map((c) => c.number)).toEqual(["VIN-TH"]);
    expect(th?.revocations[0]).toMatchObject({ number: "REVOKED-VIN-TH", modelCode: null, reason: "Wrong VIN", revokedAt: "2026-02-01T23:59:59.999Z" });
    // The listed-vehicle revocation is not the frame-only vehicle's; the model's is.
    expect(await revoked(undefined, "2026-06-10", FRAME_ONLY)).toEqual(["REVOKED-LA"]);
  });

  it("lists the custody of the vehicle and of its batch, oldest first, with who recorded it", async () => {
    const { v } = await verify(VIN);
    expect(v?.custody.map((e) => [e.type, e.scope, e.place, e.blockNumber])).toEqual([
      ["SHIPPED", "BATCH", "Chongqing Tuanjiecun", null],
      ["BORDER_CROSSED", "BATCH", "Mohan", 11],
      ["DELIVERED", "VEHICLE", "Vientiane", 12],
    ]);
    expect(v?.custody[0]?.occurredAt).toBe("2026-07-01T00:00:00.000Z");
    expect(v?.custody[0]?.recordedBy).toBeTruthy();
    expect(v?.custody[2]?.recordedBy).not.toBe(v?.custody[0]?.recordedBy);
    // The other vehicle of the batch shares the batch's events only.
    expect((await verify(FRAME_ONLY)).v?.custody.map((e) => e.type)).toEqual(["SHIPPED", "BORDER_CROSSED"]);
  });
});
