// npm run bench:booking — 50 concurrent clients book against one departure on PostgreSQL.
// Prints p50/p95/p99 of the booking mutation, the same for a trivial `{ __typename }` query
// under the same concurrency (the reference measured in this run), and checks overbooking.

import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { corridorRules, createSeeder, demoModels } from "@corridor/seeds";
import pg from "pg";
import { openDatabase } from "../src/db/index.js";
import { hashPassword } from "../src/modules/identity/passwords.js";
import { encodeGlobalId } from "../src/schema/global-id.js";

const CLIENTS = 50;
const PER_CLIENT = 20;
const TARGET_P99_MS = 50;
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

async function main() {
  const name = `corridor_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: u.toString(), poolSize: 20 });
  try {
    // The API runs in its own process, as in production, so the load generator here does not
    // share its event loop.
    const port = 4600 + Math.floor(Math.random() * 300);
    const server = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: {
        ...process.env,
        DATABASE_URL: u.toString(),
        API_PORT: String(port),
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        SEED_DEMO: "never",
        GRAPHIQL: "false",
        DB_POOL_SIZE: "20",
        LOGIN_MAX_PER_IP: "100000",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const url = `http://127.0.0.1:${port}/graphql`;
    for (let i = 0; i < 200; i++) {
      if (
        await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 250));
    }

    const seed = createSeeder(db.prisma, { hashPassword: (pw) => hashPassword(pw, { N: 1024, r: 8, p: 1 }) });
    await seed.referenceData();
    const operator = await seed.organization({ kind: "LOGISTICS_OPERATOR" });
    for (const r of corridorRules) await db.prisma.corridorRule.create({ data: { ...r, operatorOrgId: operator.id } });
    const makerOrg = await seed.organization({ kind: "MANUFACTURER" });
    const maker = await seed.user({ orgId: makerOrg.id, roles: ["MEMBER"] });
    const spec = demoModels["yadea-cq"]?.[0];
    if (!spec) throw new Error("no demo model");
    const model = await db.prisma.vehicleModel.create({ data: { ...spec, makerOrgId: makerOrg.id } });
    // Capacity for about a third of the requests, so the last slots are fought over.
    const departure = await db.prisma.departure.create({
      data: {
        code: "BENCH-1",
        operatorOrgId: operator.id,
        corridorCode: "CN-LA",
        departsAt: new Date(Date.now() + 10 * 86_400_000),
        cutoffAt: new Date(Date.now() + 8 * 86_400_000),
        etaAt: new Date(Date.now() + 13 * 86_400_000),
        capacityFeu: 45,
        maxGrossKg: 1_100_000,
        currencyCode: "USD",
        lclPerWmMinor: 6500,
        wmKgPerCbm: 1000,
        fcl40Minor: 280000,
        fcl20Minor: 180000,
      },
    });

    const post = async (body: unknown, token?: string) => {
      const started = performance.now();
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      return { ms: performance.now() - started, json };
    };
    const login = await post({
      query: `mutation($i: LoginInput!) { login(input: $i) { ... on LoginSuccess { data { token } } } }`,
      variables: { i: { email: maker.user.email, password: maker.password, bearer: true } },
    });
    const token = (login.json.data?.login as { data?: { token: string } } | undefined)?.data?.token;
    if (!token) throw new Error(`login failed: ${JSON.stringify(login.json)}`);

    const BOOK = `mutation($input: CreateBookingInput!) { createBooking(input: $input) { __typename ... on CreateBookingSuccess { data { booking { status } } } } }`;
    const request = { departureId: encodeGlobalId("Departure", departure.id), mode: "LCL", lines: [{ vehicleModelId: encodeGlobalId("VehicleModel", model.id), quantity: 40 }] };
    const runClients = async (op: () => Promise<{ ms: number; json: { data?: Record<string, unknown> } }>) => {
      const times: number[] = [];
      const outcomes: string[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let i = 0; i < PER_CLIENT; i++) {
            const r = await op();
            times.push(r.ms);
            const b = r.json.data?.createBooking as { __typename: string; data?: { booking: { status: string } } } | undefined;
            outcomes.push(b?.data?.booking.status ?? b?.__typename ?? "ok");
          }
        }),
      );
      return { times, outcomes, seconds: (performance.now() - started) / 1000 };
    };

    // warm-up
    for (let i = 0; i < 20; i++) await post({ query: "{ __typename }" }, token);
    const trivial = await runClients(() => post({ query: "{ __typename }" }, token));
    const booking = await runClients(() => post({ query: BOOK, variables: { input: { request, idempotencyKey: randomUUID() } } }, token));

    const d = await db.prisma.departure.findUniqueOrThrow({ where: { id: departure.id } });
    const confirmed = await db.prisma.booking.aggregate({ where: { departureId: d.id, status: "CONFIRMED" }, _sum: { milliFeu: true }, _count: true });
    const overbooked = d.bookedMilliFeu > d.capacityFeu * 1000 || (confirmed._sum.milliFeu ?? 0) !== d.bookedMilliFeu;
    const count = (s: string) => booking.outcomes.filter((o) => o === s).length;

    const row = (label: string, r: { times: number[]; seconds: number }) =>
      `${label.padEnd(22)} p50 ${pct(r.times, 50).toFixed(1).padStart(6)} ms   p95 ${pct(r.times, 95).toFixed(1).padStart(6)} ms   p99 ${pct(r.times, 99).toFixed(1).padStart(6)} ms   ${(r.times.length / r.seconds).toFixed(0).padStart(5)} req/s`;
    console.log(`\nbench:booking — ${CLIENTS} concurrent clients × ${PER_CLIENT} requests, PostgreSQL, one departure of ${d.capacityFeu} FEU`);
    console.log(row("{ __typename }", trivial));
    console.log(row("createBooking", booking));
    const p99 = pct(booking.times, 99);
    console.log(`p99 booking / p99 trivial: ${(p99 / pct(trivial.times, 99)).toFixed(2)}×   p99 vs target ${TARGET_P99_MS} ms: ${(p99 / TARGET_P99_MS).toFixed(2)}× of target`);
    console.log(`outcomes: ${count("CONFIRMED")} confirmed, ${count("WAITLISTED")} waitlisted, ${booking.outcomes.length - count("CONFIRMED") - count("WAITLISTED")} other`);
    console.log(
      `capacity: ${d.bookedMilliFeu / 1000} of ${d.capacityFeu} FEU booked; sum of confirmed bookings ${(confirmed._sum.milliFeu ?? 0) / 1000} FEU — ${overbooked ? "OVERBOOKED ✗" : "no overbooking ✓"}`,
    );
    server.kill("SIGTERM");
    if (overbooked) process.exitCode = 1;
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
