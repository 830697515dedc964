import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { applyMigrations } from "./migrate.js";

export * from "../generated/prisma/enums.js";
export { Prisma, PrismaClient };
export type Db = PrismaClient;
/** A client or an interactive-transaction client: services accept either. */
export type Tx = Prisma.TransactionClient;

export type DatabaseTarget = { kind: "postgres"; url: string; poolSize?: number } | { kind: "pglite"; dataDir: string } | { kind: "pglite-memory" };

export interface Database {
  prisma: PrismaClient;
  kind: "postgres" | "pglite";
  /** the PGlite instance, on the embedded backend */
  pglite?: PGlite;
  /** a human-readable description without secrets */
  describe: string;
  close(): Promise<void>;
}

/**
 * Runs one statement straight on the driver, without Prisma's per-query work (about half a
 * millisecond); `name` prepares it once per connection on PostgreSQL, so it is planned once.
 * For the hot paths only: the session lookup, the booking facts and the booking writes (each one
 * self-contained statement, never inside an interactive transaction), public verification.
 * Everything else goes through Prisma.
 */
export type DirectQuery = <T>(statement: { name: string; text: string }, values: unknown[]) => Promise<T[]>;
const directQueries = new WeakMap<object, DirectQuery>();
/**
 * Runs a statement on the driver where the client was opened by openDatabase (see DirectQuery),
 * through Prisma for other clients (PGlite's, extended ones).
 */
export function queryDirect<T>(db: PrismaClient, statement: { name: string; text: string }, values: unknown[]): Promise<T[]> {
  const direct = directQueries.get(db);
  return direct ? direct<T>(statement, values) : db.$queryRawUnsafe<T[]>(statement.text, ...values);
}

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in `<dataDir>/pglite`. */
export function targetFromConfig(config: { DATABASE_URL?: string | undefined; CORRIDOR_DATA_DIR: string; DB_POOL_SIZE?: number }): DatabaseTarget {
  if (config.DATABASE_URL) return { kind: "postgres", url: config.DATABASE_URL, poolSize: config.DB_POOL_SIZE };
  return { kind: "pglite", dataDir: join(config.CORRIDOR_DATA_DIR, "pglite") };
}

/**
 * Opens the platform database and, unless told otherwise, applies committed migrations.
 * One Prisma client per process: callers keep the returned handle.
 */
export async function openDatabase(target: DatabaseTarget, opts: { migrate?: boolean; log?: (msg: string) => void } = {}): Promise<Database> {
  const migrate = opts.migrate ?? true;
  if (target.kind === "postgres") {
    if (migrate) await applyMigrations({ target: { kind: "postgres", url: target.url }, log: opts.log });
    // One pool for Prisma and the direct queries. A connection that drops while idle is
    // replaced by the pool; the next query reports any real outage.
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    pool.on("error", () => undefined);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    directQueries.set(prisma, async <T>(statement: { name: string; text: string }, values: unknown[]) => (await pool.query({ ...statement, values })).rows as T[]);
    return {
      prisma,
      kind: "postgres",
      describe: `PostgreSQL ${redactUrl(target.url)}`,
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  let pglite: PGlite;
  if (target.kind === "pglite") {
    mkdirSync(target.dataDir, { recursive: true });
    pglite = await PGlite.create(target.dataDir);
  } else {
    pglite = await PGlite.create();
  }
  if (migrate) await applyMigrations({ target: { kind: "pglite", pglite }, log: opts.log });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  // PGlite runs one statement at a time and holds Prisma's transactions exclusively.
  directQueries.set(prisma, async <T>(statement: { name: string; text: string }, values: unknown[]) => (await pglite.query<T>(statement.text, values)).rows);
  return {
    prisma,
    kind: "pglite",
    pglite,
    describe: target.kind === "pglite" ? `PGlite (embedded) in ${target.dataDir}` : "PGlite (in memory)",
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
