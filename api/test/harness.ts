import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { createSeeder } from "@corridor/seeds";
import pg from "pg";
import { pino } from "pino";
import { type Config, loadConfig } from "../src/config.js";
import { type Database, type MemberRole, type OrgKind, openDatabase } from "../src/db/index.js";
import { hashPassword } from "../src/modules/identity/passwords.js";
import { type App, createApp } from "../src/server.js";
import { databaseUrl, TEMPLATE_DB, TEST_DATABASE_URL } from "./env.js";

export type TestDbKind = "postgres" | "pglite";
export const testDbKind = (process.env.CORRIDOR_TEST_DB ?? "pglite") as TestDbKind;

/** A fresh, migrated database of the kind this test project runs on. */
export async function createTestDatabase(kind: TestDbKind = testDbKind): Promise<Database & { drop(): Promise<void> }> {
  if (kind === "pglite") {
    const db = await openDatabase({ kind: "pglite-memory" });
    return { ...db, drop: () => db.close() };
  }
  const name = `corridor_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const db = await openDatabase({ kind: "postgres", url: databaseUrl(name), poolSize: 5 }, { migrate: false });
  return {
    ...db,
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Everything a test needs: a database, the app answering in process, factories, and captured logs. */
export async function createTestContext(settings: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const config: Config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "info", GRAPHIQL: "false", ...settings });
  const logs: Record<string, unknown>[] = [];
  const log = pino(
    { level: "info" },
    new Writable({
      write(chunk, _enc, cb) {
        logs.push(JSON.parse(String(chunk)));
        cb();
      },
    }),
  );
  const app = createApp({ db: database.prisma, config, log });
  // Fast password hashing for seeded people: the KDF's cost is not under test here.
  const seed = createSeeder(database.prisma, { hashPassword: (pw) => hashPassword(pw, { N: 2 ** 10, r: 8, p: 1 }) });
  return { db: database.prisma, database, app, config, logs, seed, close: () => database.drop() };
}
export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

/** Sends one GraphQL operation through the app in process, as a client would over HTTP. */
export async function gql<T = Record<string, unknown>>(
  app: App,
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string; cookie?: string; headers?: Record<string, string> } = {},
): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = await app.fetch("http://corridor.test/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: GqlResult["errors"] };
  return { status: res.status, data: body.data ?? null, errors: body.errors, headers: res.headers };
}

/** Logs in with a password and returns a bearer token for the session. */
export async function loginToken(app: App, email: string, password: string): Promise<string> {
  const r = await gql<{ login: { __typename: string; data?: { token: string }; message?: string } }>(
    app,
    `mutation($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { data { token } } ... on DomainError { message } } }`,
    { input: { email, password, bearer: true } },
  );
  const token = r.data?.login.data?.token;
  if (!token) throw new Error(`login as ${email} failed: ${JSON.stringify(r.data ?? r.errors)}`);
  return token;
}

/** A person of a new organization of the given kind, logged in. */
export async function personIn(t: TestContext, kind: OrgKind, roles: MemberRole[] = ["ORG_ADMIN"]) {
  const org = await t.seed.organization({ kind });
  const p = await t.seed.user({ orgId: org.id, roles });
  const token = await loginToken(t.app, p.user.email, p.password);
  return { org, ...p, token };
}

/** Row counts of every table, to show that a refused change left nothing behind. */
export async function tableCounts(t: TestContext, except: string[] = ["LoginAttempt"]): Promise<Record<string, number>> {
  const rows = await t.db.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`,
  );
  const out: Record<string, number> = {};
  for (const { table_name } of rows) {
    if (except.includes(table_name)) continue;
    const [c] = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*)::bigint AS n FROM "${table_name}"`);
    out[table_name] = Number(c?.n ?? 0);
  }
  return out;
}
