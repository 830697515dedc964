#!/usr/bin/env node
// One command to run Corridor: generates code, builds the web portal when its sources changed,
// starts the API (which migrates the database and loads demo data on first start) and the web
// portal, then prints where to go and how to log in.
//   npm start            embedded defaults (PGlite in .data/, demo data)
//   npm run dev          the same with `next dev` and API reload
//   node scripts/start.mjs --e2e   a fresh throw-away database, for browser tests
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const e2e = args.has("--e2e");

// A .env at the root is read here, so both servers see the same settings.
const env = { ...process.env };
const dotenv = join(root, ".env");
if (existsSync(dotenv)) {
  for (const line of readFileSync(dotenv, "utf8").split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m && env[m[1]] === undefined && m[2] !== "") env[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
}
if (e2e) {
  env.CORRIDOR_DATA_DIR = mkdtempSync(join(tmpdir(), "corridor-e2e-"));
  env.SEED_DEMO = "always";
  env.LOG_LEVEL ??= "warn";
  delete env.DATABASE_URL;
}
// The login page lists the demo accounts only when demo data is there.
env.CORRIDOR_DEMO ??= env.SEED_DEMO === "never" || (env.DATABASE_URL && env.SEED_DEMO !== "always") ? "0" : "1";
const apiPort = env.API_PORT ?? "4000";
const webPort = env.WEB_PORT ?? "3000";
env.CORRIDOR_API_URL ??= `http://127.0.0.1:${apiPort}`;
env.PUBLIC_WEB_URL ??= `http://localhost:${webPort}`;

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, env, stdio: "inherit", ...opts });
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${argv.join(" ")} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === ".next" || entry.name.startsWith(".")) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

console.log("▸ Generating Prisma client, GraphQL schema and client types …");
run("npm", ["run", "generate", "--silent"]);

if (!dev) {
  const buildId = join(root, "web/.next/BUILD_ID");
  const stale = !existsSync(buildId) || statSync(buildId).mtimeMs < Math.max(newestMtime(join(root, "web/src")), statSync(join(root, "api/schema.graphql")).mtimeMs);
  if (stale) {
    console.log("▸ Building the web portal (first start or sources changed; ~1–2 minutes) …");
    run("npm", ["run", "build", "-w", "@corridor/web", "--silent"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
}

/** V8 flags the API runs with (also in api/bench/booking.ts). */
const API_NODE_FLAGS = "--max-semi-space-size=32";

const children = [];
function start(name, cmd, argv, extraEnv = {}) {
  const child = spawn(cmd, argv, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" });
  child.on("exit", (code, signal) => {
    if (!shuttingDown) {
      console.error(`✗ ${name} stopped (${signal ?? `exit ${code}`}); stopping Corridor.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}
let shuttingDown = false;
function stop(code = 0) {
  shuttingDown = true;
  for (const c of children) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

async function waitFor(url, what, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  console.error(`✗ ${what} did not become ready at ${url}`);
  stop(1);
}

console.log("▸ Starting the API (migrations apply automatically) …");
// A larger young generation: the API allocates a lot of short-lived objects per request, and
// with V8's default semi-space it spends ~7 % of its CPU in scavenges under load (bench:booking
// starts the API with the same flag).
start("API", "npx", dev ? ["tsx", "watch", "api/src/main.ts"] : ["tsx", "api/src/main.ts"], {
  NODE_OPTIONS: [env.NODE_OPTIONS, API_NODE_FLAGS].filter(Boolean).join(" "),
});
await waitFor(`http://127.0.0.1:${apiPort}/readyz`, "The API");

console.log("▸ Starting the web portal …");
start("Web", "npx", ["next", dev ? "dev" : "start", "-p", webPort, "web"], { NEXT_TELEMETRY_DISABLED: "1" });
await waitFor(`http://127.0.0.1:${webPort}/login`, "The web portal");

console.log(`
  ✓ Corridor is running
    Web portal   http://localhost:${webPort}
    GraphiQL     http://localhost:${apiPort}/graphql
    Demo logins are listed above (password: corridor-demo). Ctrl+C stops.
`);
