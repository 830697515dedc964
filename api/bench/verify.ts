// npm run bench:verify — public vehicle verification over HTTP against a trivial query on the
// same server in the same run: saturation throughput of each (closed loop, 32 clients), then
// p99 latency of verifyVehicle at half of its saturation rate (paced, open loop). The offline
// proof check and proof size are measured by chain's bench (npm run bench:verify-offline).
// BENCH_CPU_PROF=<dir> writes a CPU profile of the API process there (open it in Chrome DevTools).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSeeder, demoModels } from "@corridor/seeds";
import pg from "pg";
import { openDatabase } from "../src/db/index.js";
import { hashPassword } from "../src/modules/identity/passwords.js";
import { vinCheckDigit } from "../src/modules/vehicles/vin.js";

const VEHICLES = 5_000;
const CLIENTS = 32;
const SATURATION_SECONDS = 5;
/** Saturation is measured in alternating one-second windows, so both see the same machine load. */
const WINDOWS = SATURATION_SECONDS;
const PACED_SECONDS = 8;
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? Number.NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Chinese-maker VIN (WMI L…) with a valid ISO 3779 check digit. */
function vin(i: number): string {
  const head = "LYDE8S0X"; // WMI + vehicle descriptor, positions 1–8
  const vis = `TC${String(i).padStart(6, "0")}`; // model year 2026, plant, serial: positions 10–17
  return `${head}${vinCheckDigit(`${head}0${vis}`)}${vis}`;
}

async function main() {
  const name = `corridor_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: u.toString(), poolSize: 5 });
  const port = 4600 + Math.floor(Math.random() * 300);
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server = spawn(process.execPath, [...profile, "--import", "tsx", "src/main.ts"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: {
      ...process.env,
      DATABASE_URL: u.toString(),
      API_PORT: String(port),
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      SEED_DEMO: "never",
      GRAPHIQL: "false",
      CORRIDOR_DATA_DIR: mkdtempSync(join(tmpdir(), "corridor-bench-")),
      OUTBOX_POLL_MS: "100",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const post = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const started = performance.now();
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    return { ms: performance.now() - started, json };
  };
  try {
    for (
      let i = 0;
      i < 200 &&
      !(await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await sleep(250);

    // A maker with a model, and vehicles imported and anchored through the real pipeline.
    const seed = createSeeder(db.prisma, { hashPassword: (pw) => hashPassword(pw, { N: 1024, r: 8, p: 1 }) });
    await seed.referenceData();
    const org = await seed.organization({ kind: "MANUFACTURER", slug: "bench-maker" });
    const maker = await seed.user({ orgId: org.id, roles: ["MEMBER"] });
    const spec = demoModels["yadea-cq"]?.[0];
    if (!spec) throw new Error("no demo model");
    await db.prisma.vehicleModel.create({ data: { ...spec, makerOrgId: org.id } });
    const login = await post(`mutation($i: LoginInput!) { login(input: $i) { ... on LoginSuccess { data { token } } } }`, {
      i: { email: maker.user.email, password: maker.password, bearer: true },
    });
    const token = (login.json.data?.login as { data?: { token: string } } | undefined)?.data?.token;
    if (!token) throw new Error(`login failed: ${JSON.stringify(login.json)}`);
    const vins = Array.from({ length: VEHICLES }, (_, i) => vin(i + 1));
    const csv = ["vin,frame_number,model_code,production_date,battery_serial,motor_number", ...vins.map((v, i) => `${v},,${spec.code},2026-10-01,BAT${i},MOT${i}`)].join("\n");
    const imported = await post(
      `mutation($input: ImportVehiclesInput!) { importVehicles(input: $input) { __typename ... on DomainError { message } } }`,
      { input: { csv, fileName: "bench.csv" } },
      token,
    );
    if ((imported.json.data?.importVehicles as { __typename?: string } | undefined)?.__typename !== "ImportVehiclesSuccess") throw new Error(JSON.stringify(imported.json));
    // Measure real lookups only: every vehicle imported and the last batch anchored.
    const registered = await db.prisma.vehicle.count();
    if (registered !== VEHICLES)
      throw new Error(`only ${registered} of ${VEHICLES} vehicles were imported: ${JSON.stringify(await db.prisma.vehicleImport.findFirst({ select: { errors: true } }))}`);
    const last = vins.at(-1) ?? "";
    let anchored = false;
    for (let i = 0; i < 600 && !anchored; i++) {
      const r = await post(`query($vin: String!) { verifyVehicle(vin: $vin) { anchored } }`, { vin: last });
      anchored = !!(r.json.data?.verifyVehicle as { anchored?: boolean } | null)?.anchored;
      if (!anchored) await sleep(200);
    }
    if (!anchored) throw new Error("the vehicles were not anchored within 2 minutes");

    const VERIFY = `query($vin: String!) { verifyVehicle(vin: $vin, market: "LA") { vin makerName modelCode productionDate anchored txId blockNumber certifications { standard number } custody { type place } } }`;
    let k = 0;
    // Every answer is checked: an error answered fast must not pass for a fast lookup.
    let failed = 0;
    const failures: string[] = [];
    const check = (r: { ms: number; json: { data?: Record<string, unknown>; errors?: unknown[] } }, ok: boolean) => {
      if (!ok && ++failed <= 5) failures.push(JSON.stringify(r.json).slice(0, 300));
      return r;
    };
    const ops = {
      trivial: async () => {
        const r = await post("{ __typename }");
        return check(r, r.json.data?.__typename === "Query");
      },
      verify: async () => {
        const vin = vins[k++ % vins.length];
        const r = await post(VERIFY, { vin });
        return check(r, !r.json.errors && (r.json.data?.verifyVehicle as { vin?: string } | null)?.vin === vin);
      },
    };
    /** Requests completed by CLIENTS closed-loop clients in `seconds`. */
    const saturate = async (op: () => Promise<{ ms: number }>, seconds: number) => {
      const until = performance.now() + seconds * 1000;
      let n = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (performance.now() < until) {
            await op();
            n++;
          }
        }),
      );
      return n;
    };
    for (let i = 0; i < 200; i++) {
      const r = await ops.verify();
      if (!(r.json.data?.verifyVehicle as { vin?: string } | null)?.vin) throw new Error(`verifyVehicle found nothing: ${JSON.stringify(r.json)}`);
    }
    let trivialN = 0;
    let verifyN = 0;
    for (let w = 0; w < WINDOWS; w++) {
      trivialN += await saturate(ops.trivial, SATURATION_SECONDS / WINDOWS);
      verifyN += await saturate(ops.verify, SATURATION_SECONDS / WINDOWS);
    }
    const trivialRps = trivialN / SATURATION_SECONDS;
    const verifyRps = verifyN / SATURATION_SECONDS;

    // Paced at half of verify's saturation rate: arrivals on a fixed schedule, not closed loop.
    const rate = verifyRps / 2;
    const times: number[] = [];
    const inflight: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < rate * PACED_SECONDS; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inflight.push(ops.verify().then((r) => void times.push(r.ms)));
    }
    await Promise.all(inflight);

    if (failed) throw new Error(`${failed} wrong answers during the run, so no figures are reported; the first: ${failures.join("\n")}`);
    console.log(`\nbench:verify — public verifyVehicle over HTTP on PostgreSQL, ${VEHICLES.toLocaleString("en")} anchored vehicles, API in its own process`);
    console.log(
      `saturation (${CLIENTS} clients, ${SATURATION_SECONDS} s each in alternating windows): { __typename } ${trivialRps.toFixed(0)} req/s · verifyVehicle ${verifyRps.toFixed(0)} req/s`,
    );
    console.log(`verify ÷ trivial throughput: ${(verifyRps / trivialRps).toFixed(2)}×   (target ≥ 0.5×)`);
    console.log(
      `at half of saturation (${rate.toFixed(0)} req/s for ${PACED_SECONDS} s): p50 ${pct(times, 50).toFixed(1)} ms · p95 ${pct(times, 95).toFixed(1)} ms · p99 ${pct(times, 99).toFixed(1)} ms   (target p99 ≤ 20 ms: ${(pct(times, 99) / 20).toFixed(2)}× of target)`,
    );
  } finally {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000)]);
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
