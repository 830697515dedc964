import { randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMigrations,
  createMigration,
  defaultMigrationsDir,
  defaultSchemaPath,
  type MigrationTarget,
  migrationStatus,
  PG_LOCK_KEY,
  resolveMigration,
  slugify,
} from "./migrate.js";

/** The same server and variable as the integration tests (test/env.ts). */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RUN_ID = randomBytes(4).toString("hex");

/** One throw-away database of either kind, with a way to query it and to get rid of it. */
interface Fresh {
  target: MigrationTarget;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${SERVER_URL} (${(e as Error).message}); start it or set TEST_DATABASE_URL`);
  }
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

let dbCounter = 0;
async function freshPostgres(): Promise<Fresh> {
  const name = `corridor_migrate_test_${RUN_ID}_${++dbCounter}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    target: { kind: "postgres", url },
    async query(sql, params) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function freshPGlite(): Promise<Fresh> {
  const db = await PGlite.create();
  return {
    target: { kind: "pglite", pglite: db },
    query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows,
    drop: () => db.close(),
  };
}

const fresh = { pglite: freshPGlite, postgres: freshPostgres };

async function tables(db: Fresh): Promise<string[]> {
  const rows = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
  return rows.map((r) => String(r.table_name));
}

/** Every model of schema.prisma, so the test follows the schema as it grows. */
async function modelNames(schemaPath = defaultSchemaPath): Promise<string[]> {
  const text = await readFile(schemaPath, "utf8");
  return [...text.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1] ?? "");
}

async function committedMigrations(): Promise<string[]> {
  const entries = await readdir(defaultMigrationsDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "corridor-migrate-"));
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A copy of the committed migrations, plus extra ones, that a test may change freely. */
async function migrationsCopy(label: string, extra: Record<string, string> = {}): Promise<string> {
  const dir = join(scratch, label);
  await cp(defaultMigrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

// Hand-written SQL that a naive ";" splitter breaks: a $$ body and a literal with semicolons.
const FUNCTION_MIGRATION = `-- keeps "updatedAt" honest; and says so
CREATE FUNCTION corridor_touch() RETURNS trigger AS $$
BEGIN
  NEW."updatedAt" := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
INSERT INTO "Currency" ("code", "name", "nameZh") VALUES ('XTS', 'test; with semicolon', '测试');
`;
// Its first statement succeeds; the second fails, so the whole script must roll back.
const FAILING_MIGRATION = `CREATE TABLE "half_done" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n`;

describe("committed migrations", () => {
  it("exist, with Prisma's lock file", async () => {
    expect(await committedMigrations()).not.toHaveLength(0);
    expect(await readFile(join(defaultMigrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });

  it("match schema.prisma (createMigration finds nothing to add)", async () => {
    const dir = await migrationsCopy("agree");
    const { path } = await createMigration({ name: "drift_check", migrationsDir: dir });
    expect(path, "schema.prisma changed without a migration: run `npm run migrate:create -- <name>` in api/").toBeNull();
    expect((await readdir(dir)).sort()).toEqual([...(await committedMigrations()), "migration_lock.toml"].sort());
  });
});

describe.each(["pglite", "postgres"] as const)("applyMigrations on %s", (kind) => {
  let db: Fresh;
  beforeAll(async () => {
    db = await fresh[kind]();
  });
  afterAll(() => db?.drop());

  it("creates every table of the schema on a fresh database", async () => {
    const { applied } = await applyMigrations({ target: db.target });
    expect(applied).toEqual(await committedMigrations());
    const present = await tables(db);
    for (const model of await modelNames()) expect(present).toContain(model);
    expect(present).toContain("_prisma_migrations");
  });

  it("applies nothing the second time, and status says up to date", async () => {
    expect(await applyMigrations({ target: db.target })).toEqual({ applied: [] });
    const status = await migrationStatus({ target: db.target });
    expect(status).toEqual({ applied: await committedMigrations(), pending: [], failed: [], edited: [], unknown: [], upToDate: true });
  });

  it("runs hand-written SQL whole, and rolls back a failing migration completely", async () => {
    const good = await migrationsCopy(`${kind}-good`, { "29990101000000_touch": FUNCTION_MIGRATION });
    const logs: string[] = [];
    expect(await applyMigrations({ target: db.target, migrationsDir: good, log: (m) => logs.push(m) })).toEqual({ applied: ["29990101000000_touch"] });
    expect(logs).toContain("Applying `29990101000000_touch`");
    expect(await db.query(`SELECT "name" FROM "Currency" WHERE "code" = 'XTS'`)).toEqual([{ name: "test; with semicolon" }]);

    const bad = await migrationsCopy(`${kind}-bad`, { "29990101000000_touch": FUNCTION_MIGRATION, "29990102000000_broken": FAILING_MIGRATION });
    await expect(applyMigrations({ target: db.target, migrationsDir: bad })).rejects.toThrow(
      /Migration 29990102000000_broken failed: .*no_such_table[\s\S]*resolve --rolled-back 29990102000000_broken/,
    );
    expect(await db.query(`SELECT to_regclass('half_done') AS t`)).toEqual([{ t: null }]);
    expect(await migrationStatus({ target: db.target, migrationsDir: bad })).toMatchObject({ failed: ["29990102000000_broken"], upToDate: false });

    // The way out: fix the script, mark the failed attempt rolled back, deploy again.
    await writeFile(join(bad, "29990102000000_broken", "migration.sql"), `CREATE TABLE "half_done" ("id" INTEGER);\n`);
    await resolveMigration({ target: db.target, migrationsDir: bad, name: "29990102000000_broken", as: "rolled-back" });
    expect(await applyMigrations({ target: db.target, migrationsDir: bad })).toEqual({ applied: ["29990102000000_broken"] });
    expect(await tables(db)).toContain("half_done");
  });
});

describe("applyMigrations on PostgreSQL, several processes at once", () => {
  let db: Fresh;
  beforeAll(async () => {
    db = await freshPostgres();
  });
  afterAll(() => db?.drop());

  it("applies each migration once and leaves no connection open", async () => {
    const runs = await Promise.all([1, 2, 3].map(() => applyMigrations({ target: db.target })));
    expect(runs.flatMap((r) => r.applied)).toEqual(await committedMigrations());
    const url = new URL((db.target as { url: string }).url);
    const open = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [url.pathname.slice(1)]);
    // CREATE DATABASE … TEMPLATE (the integration tests' fast path) fails while anyone is connected.
    expect(open).toEqual([{ n: 0 }]);
  });

  it("waits for a migrator holding the lock, and gives up with a clear error after lockTimeoutMs", async () => {
    const holder = new pg.Client({ connectionString: (db.target as { url: string }).url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
      const started = Date.now();
      await expect(applyMigrations({ target: db.target, lockTimeoutMs: 300 })).rejects.toThrow(/Timed out after 300 ms waiting for another process/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);

      const waiting = applyMigrations({ target: db.target });
      setTimeout(() => void holder.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]), 200);
      expect(await waiting).toEqual({ applied: [] });
    } finally {
      await holder.end();
    }
  });

  it("reports an unreachable server plainly", async () => {
    await expect(applyMigrations({ target: { kind: "postgres", url: "postgres://postgres@127.0.0.1:1/nowhere" } })).rejects.toThrow(
      /Cannot connect to PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/nowhere/,
    );
  });
});

describe("createMigration", () => {
  it("writes the schema change as a new migration that applies cleanly and sorts last", async () => {
    const dir = await migrationsCopy("create");
    const schemaPath = join(scratch, "schema.prisma");
    const schema = await readFile(defaultSchemaPath, "utf8");
    await writeFile(schemaPath, `${schema}\nmodel MigrationProbe {\n  id    Int    @id @default(autoincrement())\n  label String @db.VarChar(40)\n}\n`);

    // A clock behind the newest migration must still give a name that sorts after it.
    const { path } = await createMigration({ name: "Add probe!", migrationsDir: dir, schemaPath, now: new Date("2000-01-01T00:00:00Z") });
    expect(path).not.toBeNull();
    const names = (await readdir(dir)).filter((n) => n !== "migration_lock.toml").sort();
    expect(names.at(-1)).toMatch(/^\d{14}_add_probe$/);
    expect(join(dir, names.at(-1) ?? "")).toBe(path);
    const sql = await readFile(join(path ?? "", "migration.sql"), "utf8");
    expect(sql).toContain(`CREATE TABLE "MigrationProbe"`);
    expect(sql).not.toContain("Organization");

    const db = await freshPGlite();
    try {
      const { applied } = await applyMigrations({ target: db.target, migrationsDir: dir });
      expect(applied.at(-1)).toBe(names.at(-1));
      expect(await tables(db)).toContain("MigrationProbe");
    } finally {
      await db.drop();
    }
    expect(await createMigration({ name: "again", migrationsDir: dir, schemaPath })).toEqual({ path: null });
  });

  it("starts a new history with the lock file, and writes an empty migration on request", async () => {
    const dir = join(scratch, "new-history");
    const { path } = await createMigration({ name: "init", migrationsDir: dir });
    expect(path).toMatch(/\d{14}_init$/);
    expect(await readFile(join(dir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    const sql = await readFile(join(path ?? "", "migration.sql"), "utf8");
    for (const model of await modelNames()) expect(sql).toContain(`CREATE TABLE "${model}"`);

    const empty = await createMigration({ name: "backfill", migrationsDir: dir, empty: true });
    expect(await readFile(join(empty.path ?? "", "migration.sql"), "utf8")).toBe("-- This is an empty migration.\n");
  });

  it("rejects a name with nothing usable in it", async () => {
    await expect(createMigration({ name: "  ???  " })).rejects.toThrow(/Invalid migration name/);
    expect(slugify("Add shipments & legs")).toBe("add_shipments_legs");
  });
});
