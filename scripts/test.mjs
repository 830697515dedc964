#!/usr/bin/env node
// Every test, in the order a failure is cheapest to find: generated code, lint, schema drift,
// types, unit + integration tests (PostgreSQL and PGlite), then browser tests in Chromium.
// Ends with one summary line: "tests: N passed, N failed, N skipped".
//   npm test                 everything
//   npm test -- --no-e2e     without the browser tests
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = new Set(process.argv.slice(2));
const reports = join(root, ".data/test-reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const env = { ...process.env, CORRIDOR_TEST_REPORTS: reports, NEXT_TELEMETRY_DISABLED: "1", ...(process.env.CI ? { NO_COLOR: "1" } : { FORCE_COLOR: "1" }) };

const steps = [];
function step(name, cmd, argv, opts = {}) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const r = spawnSync(cmd, argv, { cwd: root, env, stdio: "inherit", ...opts });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

let ok = step("generate", "npx", ["turbo", "run", "generate", "--output-logs=errors-only"]);
ok = ok && step("lint + format (biome)", "npx", ["biome", "ci", "."]);
ok = ok && step("schema.graphql up to date", "npm", ["run", "schema:check", "-w", "@corridor/api", "--silent"]);
ok = ok && step("typecheck", "npx", ["turbo", "run", "typecheck", "--output-logs=errors-only"]);
if (ok) step("unit + integration tests (vitest)", "npx", ["turbo", "run", "test", "--concurrency=1"]);
if (ok && !args.has("--no-e2e"))
  step("browser tests (playwright, chromium)", "npm", ["run", "test:e2e", "-w", "@corridor/web"], {
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, "playwright.json") },
  });

// Count what ran, from the runners' JSON reports.
let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of existsSync(reports) ? readdirSync(reports) : []) {
  const j = JSON.parse(readFileSync(join(reports, f), "utf8"));
  if (f.startsWith("vitest")) {
    passed += j.numPassedTests ?? 0;
    failed += j.numFailedTests ?? 0;
    skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  } else if (f.startsWith("playwright")) {
    passed += j.stats?.expected ?? 0;
    failed += (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0);
    skipped += j.stats?.skipped ?? 0;
  }
}
const stepFailures = steps.filter((s) => !s.ok);
console.log("\n━━ summary ━━");
for (const s of steps) console.log(`${s.ok ? "✓" : "✗"} ${s.name} (${s.seconds}s)`);
if (stepFailures.length && failed === 0) failed = stepFailures.length;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(stepFailures.length || failed ? 1 : 0);
