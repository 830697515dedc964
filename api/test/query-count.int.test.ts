import { randomUUID } from "node:crypto";
import { corridorRules, demoModels } from "@corridor/seeds";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, PrismaClient } from "../src/db/index.js";
import { encodeGlobalId } from "../src/schema/global-id.js";
import { createApp } from "../src/server.js";
import { databaseUrl } from "./env.js";
import { createTestContext, gql, loginToken, personIn, type TestContext } from "./harness.js";

// Counts the database operations behind one GraphQL request, so a hot path that grows with
// the page size (N+1) fails here instead of in production.
let t: TestContext;
let operations = 0;
let counted: ReturnType<typeof createApp>;
beforeAll(async () => {
  t = await createTestContext();
  const countingDb = t.db.$extends({
    query: {
      async $allOperations({ args, query }) {
        operations += 1;
        return query(args);
      },
    },
  }) as unknown as Db;
  counted = createApp({ db: countingDb, config: t.config, log: (await import("pino")).pino({ level: "silent" }) });
});
afterAll(async () => {
  await statementDb?.$disconnect();
  await t?.close();
});

// Counts the SQL statements the driver sends (Prisma's query events), to keep the booking hot path
// at a fixed, small number of round trips.
let statementDb: { $disconnect(): Promise<void> } | undefined;
let statements: string[] = [];
let statementApp: ReturnType<typeof createApp>;
beforeAll(async () => {
  let adapter: PrismaPGlite | PrismaPg;
  if (t.database.pglite) {
    adapter = new PrismaPGlite(t.database.pglite);
  } else {
    const [row] = await t.db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    adapter = new PrismaPg({ connectionString: databaseUrl(row?.name ?? ""), max: 2 });
  }
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (e) => statements.push(e.query));
  statementDb = client;
  statementApp = createApp({ db: client as unknown as Db, config: t.config, log: (await import("pino")).pino({ level: "silent" }) });
});

async function queriesFor(membersInOrg: number) {
  const org = await t.seed.organization({ kind: "MANUFACTURER" });
  const admin = await t.seed.user({ orgId: org.id, roles: ["ORG_ADMIN"] });
  for (let i = 1; i < membersInOrg; i++) await t.seed.user({ orgId: org.id });
  const token = await loginToken(t.app, admin.user.email, admin.password);
  operations = 0;
  const r = await gql(
    counted,
    `{ viewer { user { name } organization { name members(first: 50) { totalCount edges { node { roles createdAt user { name email } } } } } memberships { organization { name } } } }`,
    {},
    { token },
  );
  expect(r.errors).toBeUndefined();
  return operations;
}

describe("query counts", () => {
  it("lists an organization's members in a constant number of queries", async () => {
    const small = await queriesFor(2);
    const large = await queriesFor(25);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(8);
  });
});

describe("booking statement counts", () => {
  const BOOK = `mutation($input: CreateBookingInput!) { createBooking(input: $input) { __typename ... on CreateBookingSuccess { data { replayed booking { id status reference } } } ... on DomainError { code message } } }`;

  async function setup() {
    await t.seed.referenceData();
    const operator = await personIn(t, "LOGISTICS_OPERATOR");
    for (const r of corridorRules) await t.db.corridorRule.upsert({ where: { corridorCode: r.corridorCode }, create: { ...r, operatorOrgId: operator.org.id }, update: {} });
    const maker = await personIn(t, "MANUFACTURER", ["MEMBER"]);
    const spec = demoModels["yadea-cq"]?.[0];
    if (!spec) throw new Error("no demo model");
    const model = await t.db.vehicleModel.create({ data: { ...spec, makerOrgId: maker.org.id } });
    const departure = await t.db.departure.create({
      data: {
        code: `QC-${randomUUID().slice(0, 8)}`,
        operatorOrgId: operator.org.id,
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
    const input = (key: string) => ({
      idempotencyKey: key,
      request: { departureId: encodeGlobalId("Departure", departure.id), mode: "LCL", lines: [{ vehicleModelId: encodeGlobalId("VehicleModel", model.id), quantity: 10 }] },
    });
    return { maker, departure, input };
  }

  async function statementsFor(token: string, input: unknown) {
    statements = [];
    const r = await gql<{ createBooking: { __typename: string; data?: { replayed: boolean; booking: { id: string; status: string } } } }>(statementApp, BOOK, { input }, { token });
    return { r, statements: [...statements] };
  }

  it("books in two statements once reference data and the caller's session are remembered: facts, one atomic write", async () => {
    const { maker, input } = await setup();
    const first = await statementsFor(maker.token, input(randomUUID())); // loads the corridor's reference data and the session
    expect(first.statements.filter((q) => q.includes('FROM "Session"'))).toHaveLength(1);
    const { r, statements: sql } = await statementsFor(maker.token, input(randomUUID()));
    expect(r.data?.createBooking).toMatchObject({ __typename: "CreateBookingSuccess", data: { replayed: false, booking: { status: "CONFIRMED" } } });
    expect(sql).toHaveLength(2);
    expect(sql.filter((q) => q.includes('FROM "Session"'))).toEqual([]);
    // no interactive transaction: capacity, booking, cargo lines and audit row are one statement
    expect(sql.filter((q) => /^\s*(BEGIN|COMMIT)/i.test(q))).toEqual([]);
    const writes = sql.filter((q) => /\b(INSERT|UPDATE)\b/.test(q));
    expect(writes).toHaveLength(1);
    for (const table of ['UPDATE "Departure"', 'INSERT INTO "Booking"', 'INSERT INTO "CargoLine"', 'INSERT INTO "AuditLog"']) expect(writes[0]).toContain(table);
  });

  it("answers a double submit in two statements and writes nothing", async () => {
    const { maker, input } = await setup();
    const key = randomUUID();
    const first = await statementsFor(maker.token, input(key));
    const again = await statementsFor(maker.token, input(key));
    expect(again.r.data?.createBooking).toMatchObject({ data: { replayed: true, booking: { id: first.r.data?.createBooking.data?.booking.id } } });
    expect(again.statements).toHaveLength(2);
    expect(again.statements.filter((q) => /\b(INSERT|UPDATE)\b/.test(q))).toEqual([]);
  });
});
