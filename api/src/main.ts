import { createServer } from "node:http";
import { DEMO_PASSWORD, demoLogins, seedDemo } from "@corridor/seeds";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { openDatabase, targetFromConfig } from "./db/index.js";
import { seedFreightDemo } from "./demo.js";
import { type LedgerIndexer, startLedgerIndexer } from "./jobs/ledger-indexer.js";
import { type OutboxWorker, startOutboxWorker } from "./jobs/outbox.js";
import { type LedgerHub, ledgerDataDir, openLedgerHub, organizationSpecOf, setLedgerHub } from "./ledger.js";
import { createLogger } from "./log.js";
import { hashPassword } from "./modules/identity/passwords.js";
import { createApp } from "./server.js";

/** Starts the API: settings, database and migrations, demo data on an empty embedded database, HTTP. */
async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(config);
  const target = targetFromConfig(config);
  const started = performance.now();
  const db = await openDatabase(target, { log: (msg) => log.info(msg) });
  log.info({ database: db.describe, ms: Math.round(performance.now() - started) }, "database ready");

  const seedDemoData = config.SEED_DEMO === "always" || (config.SEED_DEMO === "auto" && db.kind === "pglite");
  if (seedDemoData) {
    const { created } = await seedDemo(db.prisma, { hashPassword });
    if (created) {
      await seedFreightDemo(db.prisma, config);
      log.info("demo data created");
    }
  }

  let hub: LedgerHub | undefined;
  if (config.LEDGER_BACKEND === "embedded") {
    const orgs = await db.prisma.organization.findMany({ select: { slug: true, kind: true, name: true } });
    hub = await openLedgerHub({ dataDir: ledgerDataDir(config), organizations: orgs.flatMap((o) => organizationSpecOf(o) ?? []), onWarning: (m) => log.warn(m) });
    setLedgerHub(hub);
    log.info({ ledger: "embedded", dataDir: ledgerDataDir(config) }, "ledger ready");
  }
  let worker: OutboxWorker | undefined;
  let indexer: LedgerIndexer | undefined;

  const app = createApp({ db: db.prisma, config, log });
  const server = createServer(app);
  server.listen(config.API_PORT, config.API_HOST, () => {
    const url = `http://${config.API_HOST === "0.0.0.0" ? "localhost" : config.API_HOST}:${config.API_PORT}`;
    log.info({ url }, "api listening");
    // A plain banner for people at a terminal; the logs above are for machines.
    const lines = [
      "",
      "  Corridor API is running",
      `  GraphQL + GraphiQL   ${url}/graphql`,
      `  Health / metrics     ${url}/healthz  ${url}/readyz  ${url}/metrics`,
      `  Database             ${db.describe}`,
    ];
    if (seedDemoData) {
      lines.push(`  Demo logins (password: ${DEMO_PASSWORD})`);
      for (const l of demoLogins) lines.push(`    ${l.role.padEnd(22)} ${l.email}`);
    }
    process.stderr.write(`${lines.join("\n")}\n\n`);
    if (hub) worker = startOutboxWorker({ db: db.prisma, hub, log }, { pollMs: config.OUTBOX_POLL_MS });
    // Brings the read model in line with the ledger, whoever wrote to it.
    if (hub) indexer = startLedgerIndexer({ db: db.prisma, hub, log }, { pollMs: config.OUTBOX_POLL_MS });
  });

  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    server.close();
    await worker?.stop();
    await indexer?.stop();
    await hub?.close();
    await db.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
