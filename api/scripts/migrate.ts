/**
 * Database migrations, offline (Prisma's WebAssembly schema engine; see src/db/migrate.ts).
 *
 *   tsx scripts/migrate.ts create <name> [--empty]   new migration from changes to prisma/schema.prisma
 *   tsx scripts/migrate.ts deploy                    apply pending migrations
 *   tsx scripts/migrate.ts status                    applied and pending migrations; exit 1 unless up to date
 *   tsx scripts/migrate.ts resolve --rolled-back <migration> | --applied <migration>
 *
 * deploy, status and resolve act on the database the API would open: DATABASE_URL when set,
 * otherwise the embedded PGlite in <CORRIDOR_DATA_DIR>/pglite (default <repo>/.data/pglite).
 * Like `npm start`, they read a .env at the repository root for settings not already set.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { ConfigError, loadConfig, repoRoot } from "../src/config.js";
import { redactUrl, targetFromConfig } from "../src/db/index.js";
import { applyMigrations, createMigration, defaultMigrationsDir, type MigrationTarget, migrationStatus, resolveMigration } from "../src/db/migrate.js";

const USAGE = `Usage: tsx scripts/migrate.ts <command>
  create <name> [--empty]    write a migration for the changes in prisma/schema.prisma
                             (--empty: write one even without changes, for hand-written SQL)
  deploy                     apply pending migrations
  status                     list applied and pending migrations; exit 1 unless up to date
  resolve --rolled-back <migration>   a failed migration was undone; deploy runs it again
  resolve --applied <migration>       its changes were made by hand; deploy skips it
deploy/status/resolve use DATABASE_URL, else the PGlite in <CORRIDOR_DATA_DIR>/pglite.`;

/** A mistake in how the command was called: print usage, exit 2. */
class UsageError extends Error {}

const log = (msg: string) => console.log(`  ${msg}`);

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "create":
      return create(args);
    case "deploy":
      return withTarget(async (target) => {
        await applyMigrations({ target, log });
        return 0;
      });
    case "status":
      return withTarget(status);
    case "resolve":
      return resolve(args);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`Unknown command ${JSON.stringify(command)}`);
  }
}

async function create(args: string[]): Promise<number> {
  const empty = args.includes("--empty");
  const names = args.filter((a) => a !== "--empty");
  const [name] = names;
  if (!name || names.length > 1) throw new UsageError("create needs one migration name, e.g. `create add_shipments`");
  const { path } = await createMigration({ name, empty, log });
  if (path) console.log(`Review ${join(path, "migration.sql")}, then commit it with schema.prisma.`);
  return 0;
}

async function status(target: MigrationTarget): Promise<number> {
  const s = await migrationStatus({ target });
  console.log(`Migrations folder: ${defaultMigrationsDir}`);
  const list = (label: string, names: string[]) => {
    if (names.length) console.log(`${label} (${names.length}):\n${names.map((n) => `  ${n}`).join("\n")}`);
  };
  list("Applied", s.applied);
  list("Pending", s.pending);
  list("Failed (resolve with `resolve --rolled-back <migration>` once fixed)", s.failed);
  list("Changed since applied", s.edited);
  list("In the database but not in the folder", s.unknown);
  console.log(s.upToDate ? "Database schema is up to date." : "Database schema is NOT up to date.");
  return s.upToDate ? 0 : 1;
}

async function resolve(args: string[]): Promise<number> {
  const [flag, name, ...rest] = args;
  const as = flag === "--rolled-back" ? "rolled-back" : flag === "--applied" ? "applied" : undefined;
  if (!as || !name || rest.length) throw new UsageError("resolve needs --rolled-back <migration> or --applied <migration>");
  return withTarget(async (target) => {
    await resolveMigration({ target, name, as, log });
    return 0;
  });
}

/** Opens the database the API would use, runs `fn`, and closes it again. */
async function withTarget(fn: (target: MigrationTarget) => Promise<number>): Promise<number> {
  loadDotenv();
  const target = targetFromConfig(loadConfig());
  if (target.kind === "postgres") {
    console.log(`Database: PostgreSQL ${redactUrl(target.url)}`);
    return fn({ kind: "postgres", url: target.url });
  }
  if (target.kind !== "pglite") throw new Error(`Unsupported database target ${target.kind}`);
  console.log(`Database: PGlite (embedded) in ${target.dataDir}`);
  mkdirSync(target.dataDir, { recursive: true });
  const pglite = await PGlite.create(target.dataDir);
  try {
    return await fn({ kind: "pglite", pglite });
  } finally {
    await pglite.close();
  }
}

/** The same rule as scripts/start.mjs: a root .env fills in settings that are not set. */
function loadDotenv(): void {
  const file = join(repoRoot, ".env");
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    const [, key, value] = m ?? [];
    if (key && value && process.env[key] === undefined) process.env[key] = value.replace(/^"(.*)"$/, "$1");
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
    } else {
      console.error(`✗ migrate ${process.argv[2] ?? ""} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  },
);
