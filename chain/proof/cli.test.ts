import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "./cli-main.js";
import { anchoredVehicleBatch, createConsortium, eventProofs, MAKER, org, PLATFORM, vehicleProof } from "./test-fixtures.js";

const CLI = join(dirname(fileURLToPath(import.meta.url)), "cli.mjs");

const consortium = createConsortium();
const anchored = anchoredVehicleBatch(consortium, 1000);
const good = vehicleProof(anchored, 517, eventProofs(consortium, anchored.batch.records[517]!));
const tampered = structuredClone(good);
tampered.record.motorNumber = "MOT-00000000";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "corridor-cli-"));
  writeFileSync(join(dir, "good.json"), JSON.stringify(good, null, 2));
  writeFileSync(join(dir, "tampered.json"), JSON.stringify(tampered, null, 2));
  writeFileSync(join(dir, "garbage.json"), "{ not json");
  writeFileSync(join(dir, "roots.pem"), consortium.rootsPem);
  writeFileSync(join(dir, "maker.pem"), org(consortium, MAKER).ca.certificatePem);
  writeFileSync(join(dir, "platform.pem"), org(consortium, PLATFORM).ca.certificatePem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  // INIT_CWD is how the CLI learns the caller's folder under `npm exec -w`; make it this test's.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: "utf8", input, env: { ...process.env, INIT_CWD: dir }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("corridor-verify (spawned)", () => {
  it("exits 0 and ticks every check for a good proof", () => {
    const r = run(["good.json", "--roots", "roots.pem", "--require", PLATFORM]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^VALID/);
    expect(r.stdout).toContain(`VIN ${good.record.vin}`);
    expect(r.stdout).toContain("✓ merkle.inclusion: leaf 517 of 1000, 10 hashes lead to root");
    expect(r.stdout).toContain(`✓ policy: endorsed by ${MAKER} and ${PLATFORM}`);
    expect(r.stdout).toContain("event 0  certification e4*168/2013*00012 (EU 168/2013) issued: valid");
    expect(r.stdout).not.toContain("✗");
  });

  it("exits 1 and names the failed check for a tampered proof", () => {
    const r = run(["tampered.json", "--roots", "roots.pem"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^INVALID/);
    expect(r.stdout).toMatch(/✗ merkle\.inclusion: audit path leads to [0-9a-f]{64}, not to the proof's root [0-9a-f]{64} \[ROOT_MISMATCH\]/);
  });

  it("prints JSON with --json and reads the proof from stdin", () => {
    const r = run(["-", "--roots", "maker.pem", "--roots", "platform.pem", "--json"], JSON.stringify(good));
    expect(r.code).toBe(1); // the events' endorsers are not trusted with only these two roots
    const result = JSON.parse(r.stdout);
    expect(result.valid).toBe(false);
    expect(result.vehicle.vin).toBe(good.record.vin);
    expect(result.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { code: string }) => c.code)).toContain("CHAIN_UNTRUSTED");
  });

  it("takes roots per MSP id", () => {
    const r = run(["good.json", "--roots", `${MAKER}=maker.pem`, "--roots", `${PLATFORM}=platform.pem`]);
    expect(r.stdout).toContain(`✓ endorsement[${MAKER}].msp: certificate chains to a root of ${MAKER}`);
  });

  it("exits 1 for a file that is not JSON, 2 for usage errors", () => {
    expect(run(["garbage.json", "--roots", "roots.pem"]).code).toBe(1);
    const noRoots = run(["good.json"]);
    expect(noRoots.code).toBe(2);
    expect(noRoots.stderr).toContain("--roots is required");
    expect(run([]).code).toBe(2);
    expect(run(["missing.json", "--roots", "roots.pem"]).stderr).toContain("cannot read proof missing.json");
    expect(run(["good.json", "--roots", "good.json"]).stderr).toContain("unusable roots");
    expect(run(["good.json", "--roots", "roots.pem", "--bogus"]).code).toBe(2);
    const help = run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes: 0 valid, 1 invalid, 2 usage error.");
  });
});

describe("corridor-verify main() (in process)", () => {
  it("does not pass escape sequences from a proof to the terminal", async () => {
    const hostile = structuredClone(good) as unknown as Record<string, unknown>;
    hostile["\u001b[2J"] = 1;
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => {}, readFile: () => "", readStdin: () => JSON.stringify(hostile), cwd: dir };
    expect(await main(["-", "--roots", join(dir, "roots.pem")], { ...io, readFile: (p: string) => readFileSync(p, "utf8") })).toBe(1);
    expect(out.join("")).toContain("\\u001b[2J is not a known field");
    expect(out.join("")).not.toContain("\u001b");
  });

  it("honours --now", async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => {}, readFile: (p: string) => readFileSync(p, "utf8"), readStdin: () => "", cwd: dir };
    const code = await main(["good.json", "--roots", "roots.pem", "--now", "2025-01-01T00:00:00Z"], io);
    expect(code).toBe(1);
    expect(out.join("")).toContain("[ANCHOR_IN_FUTURE]");
  });
});
