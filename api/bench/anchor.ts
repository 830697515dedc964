// npm run bench:anchor [-- --rows 1000000] — imports N vehicles from one CSV on PostgreSQL and
// anchors them on an embedded ledger through the outbox worker. Prints the seconds of each step,
// the ratio of the whole (import + anchoring) to a bare bulk insert of the same rows measured in
// this run (INSERT … SELECT FROM unnest in 10,000-row chunks into a copy of the Vehicle table with
// its indexes, through a plain pg client: no Prisma, no validation, no batches, no ledger), and ledger transactions per 1,000 vehicles.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createSeeder } from "@corridor/seeds";
import pg from "pg";
import type { ServiceContext } from "../src/context.js";
import { openDatabase } from "../src/db/index.js";
import { runOutboxOnce } from "../src/jobs/outbox.js";
import { openLedgerHub } from "../src/ledger.js";
import { hashPassword } from "../src/modules/identity/passwords.js";
import { importVehiclesCsv } from "../src/modules/vehicles/imports.js";
import { vinCheckDigit } from "../src/modules/vehicles/vin.js";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, keep: { type: "boolean", default: false } } });
const ROWS = Number(values.rows);
if (!Number.isSafeInteger(ROWS) || ROWS < 1) throw new Error("--rows must be a positive integer");
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const MODELS = ["YD-G5", "YD-T9", "YD-E8S"];

function vin(n: number): string {
  const draft = `LYDTS2A0${"0"}${"ABCDEFGH"[Math.floor(n / 1_000_000) % 8]}Z${String(n % 1_000_000).padStart(6, "0")}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

const secs = (ms: number) => (ms / 1000).toFixed(2);

async function main() {
  const name = `corridor_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: u.toString(), poolSize: 10 });
  const ledgerDir = await mkdtemp(join(tmpdir(), "corridor-bench-ledger-"));
  const hub = await openLedgerHub({ dataDir: ledgerDir, onWarning: () => {} });
  try {
    const seed = createSeeder(db.prisma, { hashPassword: (pw) => hashPassword(pw, { N: 1024, r: 8, p: 1 }) });
    const org = await seed.organization({ kind: "MANUFACTURER" });
    const person = await seed.user({ orgId: org.id, roles: ["MEMBER"] });
    const models = [];
    for (const code of MODELS) {
      models.push(
        await db.prisma.vehicleModel.create({
          data: { makerOrgId: org.id, code, name: code, category: "E_MOTORCYCLE", crateLengthMm: 1900, crateWidthMm: 700, crateHeightMm: 1100, crateGrossKg: 120 },
        }),
      );
    }
    const ctx: ServiceContext = {
      db: db.prisma,
      config: {} as ServiceContext["config"],
      requestId: "bench",
      ip: null,
      userAgent: null,
      actor: {
        kind: "user",
        userId: person.user.id,
        sessionId: "bench",
        email: person.user.email,
        org: { id: org.id, slug: org.slug, kind: org.kind, name: org.name },
        roles: ["MEMBER"],
        isPlatformAdmin: false,
      },
    };

    // The same rows for both runs.
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      vin: vin(i),
      model: MODELS[i % MODELS.length] as string,
      date: `2026-0${1 + (i % 9)}-1${i % 10}`,
      battery: `BAT${i}`,
      motor: `MOT${i}`,
    }));
    const csv = `vin,frame_number,model_code,production_date,battery_serial,motor_number\n${rows.map((r) => `${r.vin},,${r.model},${r.date},${r.battery},${r.motor}`).join("\n")}\n`;
    console.log(`${ROWS.toLocaleString("en")} vehicles, ${(csv.length / 1e6).toFixed(1)} MB of CSV, PostgreSQL ${db.describe}`);

    // 1. Bare bulk insert of the same rows (reference).
    await db.prisma.$executeRawUnsafe(`CREATE TABLE bench_bare (LIKE "Vehicle" INCLUDING ALL)`);
    const modelId = new Map(models.map((m) => [m.code, m.id]));
    const bare = new pg.Client({ connectionString: u.toString() });
    await bare.connect();
    let t0 = performance.now();
    for (let i = 0; i < ROWS; i += 10_000) {
      const chunk = rows.slice(i, i + 10_000);
      await bare.query(
        `INSERT INTO bench_bare (id, "makerOrgId", vin, "vehicleModelId", "productionDate", "batterySerial", "motorNumber")
         SELECT u.id, $1, u.vin, u.model, u.pdate::date, u.battery, u.motor FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, vin, model, pdate, battery, motor)`,
        [
          org.id,
          chunk.map(() => randomUUID()),
          chunk.map((r) => r.vin),
          chunk.map((r) => modelId.get(r.model)),
          chunk.map((r) => r.date),
          chunk.map((r) => r.battery),
          chunk.map((r) => r.motor),
        ],
      );
    }
    const bareMs = performance.now() - t0;
    await bare.query(`DROP TABLE bench_bare`);
    await bare.end();

    // 2. The import: parse, validate, check duplicates, insert in chunks with batches and outbox.
    t0 = performance.now();
    const imp = await importVehiclesCsv(ctx, { fileName: "bench.csv", csv });
    const importMs = performance.now() - t0;
    if (imp.importedRows !== ROWS) throw new Error(`imported ${imp.importedRows} of ${ROWS}: ${JSON.stringify(imp.errors).slice(0, 500)}`);

    // 3. Anchoring: the worker until the outbox is empty.
    t0 = performance.now();
    for (;;) {
      const r = await runOutboxOnce({ db: db.prisma, hub }, { limit: 50 });
      if (r.failed) throw new Error(`${r.failed} batches failed to anchor`);
      if (r.claimed === 0) break;
    }
    const anchorMs = performance.now() - t0;
    const batches = await db.prisma.vehicleBatch.count();
    const anchored = await db.prisma.vehicleBatch.count({ where: { status: "ANCHORED" } });
    let ledgerTxs = 0;
    const ledger = hub.ledger();
    for (let n = 0, h = await ledger.height(); n < h; n++) for (const tx of (await ledger.block(n)).transactions) if (tx.fn === "registerBatch") ledgerTxs++;

    const totalMs = importMs + anchorMs;
    console.log(`bare bulk insert        ${secs(bareMs)} s`);
    console.log(`import (validate+write) ${secs(importMs)} s  (${Math.round(ROWS / (importMs / 1000)).toLocaleString("en")} rows/s)`);
    console.log(`anchoring (${anchored}/${batches} batches) ${secs(anchorMs)} s`);
    console.log(`total                   ${secs(totalMs)} s`);
    console.log(`ratio total / bare      ${(totalMs / bareMs).toFixed(1)}×`);
    console.log(`ledger transactions per 1,000 vehicles: ${((ledgerTxs / ROWS) * 1000).toFixed(2)} (${ledgerTxs} registerBatch transactions)`);
  } finally {
    await hub.close();
    await db.close();
    if (!values.keep) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await rm(ledgerDir, { recursive: true, force: true });
    } else console.log(`kept database ${name} and ledger ${ledgerDir}`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
