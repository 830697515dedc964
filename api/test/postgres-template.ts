import pg from "pg";
import { applyMigrations } from "../src/db/migrate.js";
import { databaseUrl, TEMPLATE_DB, TEST_DATABASE_URL } from "./env.js";

/**
 * Migrates one template database before the PostgreSQL test run; each test file then gets its
 * own copy (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of a migration.
 */
export async function setup() {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${(e as Error).message}). Start it, or set TEST_DATABASE_URL. .ci/run starts the local server.`);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await applyMigrations({ target: { kind: "postgres", url: databaseUrl(TEMPLATE_DB) } });
  await admin.end();
}
