#!/usr/bin/env node
// Every test, in the order a failure is cheapest to find: generated code, lint, schema drift,
// types, unit + integration tests (PostgreSQL and PGlite), then browser tests in Chromium.
// Ends with one summary line: "tests: N passed, N failed, N skipped".
//   npm test                 everything
//   npm test -- --no-e2e     without the browser tests
import { spawn, spawnSync } from "node:child_process";
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

/** Every process under `pid` (Linux /proc), deepest first, then `pid` itself. */
function processTree(pid) {
  const children = new Map();
  for (const entry of existsSync("/proc") ? readdirSync("/proc") : []) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses; the parent id follows the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {}
  }
  const out = [];
  const visit = (p) => {
    for (const c of children.get(p) ?? []) visit(c);
    out.push(p);
  };
  visit(pid);
  return out;
}

/** Kills a step's whole process tree: turbo starts each task in a process group of its own. */
function killTree(pid) {
  for (const p of processTree(pid)) {
    try {
      process.kill(p, "SIGKILL");
    } catch {}
  }
}

let running = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (running) killTree(running.pid);
    process.exit(130);
  });
}

/**
 * A step whose output is watched: when it prints nothing for `quietMinutes`, its whole process
 * tree is killed and it runs once more, with a notice. Vitest's fork pool has been seen to wedge
 * mid-run on this machine (a worker idle in epoll for 10 minutes, its file never reported; see
 * vitest-dev/vitest#8766 and alike), which would otherwise hold CI until its 90-minute limit.
 */
async function watchedStep(name, cmd, argv, quietMinutes) {
  for (let attempt = 1; attempt <= 2; attempt++) {
    console.log(`\n━━ ${name}${attempt > 1 ? " (second attempt)" : ""} ━━`);
    const started = Date.now();
    const child = spawn(cmd, argv, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    running = child;
    let last = Date.now();
    child.stdout.on("data", (d) => {
      last = Date.now();
      process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      last = Date.now();
      process.stderr.write(d);
    });
    let wedged = false;
    const timer = setInterval(() => {
      if (wedged || Date.now() - last < quietMinutes * 60_000) return;
      wedged = true;
      console.log(`\n!! ${name}: no output for ${quietMinutes} minutes; killing the run and its processes`);
      killTree(child.pid);
    }, 10_000);
    const code = await new Promise((resolve) => child.on("close", (c) => resolve(c)));
    clearInterval(timer);
    running = null;
    if (!wedged || attempt === 2) {
      const ok = code === 0 && !wedged;
      steps.push({ name: attempt > 1 ? `${name} (second attempt, the first wedged)` : name, ok, seconds: Math.round((Date.now() - started) / 1000) });
      return ok;
    }
    rmSync(reports, { recursive: true, force: true });
    mkdirSync(reports, { recursive: true });
  }
}

let ok = step("generate", "npx", ["turbo", "run", "generate", "--output-logs=errors-only"]);
ok = ok && step("lint + format (biome)", "npx", ["biome", "ci", "."]);
ok = ok && step("schema.graphql up to date", "npm", ["run", "schema:check", "-w", "@corridor/api", "--silent"]);
ok = ok && step("typecheck", "npx", ["turbo", "run", "typecheck", "--output-logs=errors-only"]);
if (ok) await watchedStep("unit + integration tests (vitest)", "npx", ["turbo", "run", "test", "--concurrency=1", "--log-order=stream"], 10);
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
