/**
 * Vehicle registry, anchoring and verification, end to end through GraphQL and the worker:
 * a CSV with broken rows, duplicates against the database, the outbox worker anchoring batches on
 * an embedded ledger, proofs that verify offline with chain/proof, and a ledger that fails.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Ledger } from "@corridor/chain/ledger";
import { type VehicleProof, verifyProof } from "@corridor/chain/proof";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffMs, runOutboxOnce, startOutboxWorker } from "../src/jobs/outbox.js";
import { type LedgerHub, openLedgerHub, setLedgerHub } from "../src/ledger.js";
import { parseCsv } from "../src/modules/vehicles/csv.js";
import type { ImportRowError } from "../src/modules/vehicles/row-errors.js";
import { vinCheckDigit, vinIssue, vinProblem } from "../src/modules/vehicles/vin.js";
import { createTestContext, gql, personIn, type TestContext } from "./harness.js";

let t: TestContext;
let hub: LedgerHub;
let ledgerDir: string;
/** Make the wrapped ledger fail this many submits. */
let failNext = 0;

function flaky(ledger: Ledger): Ledger {
  return {
    get channel() {
      return ledger.channel;
    },
    get chaincode() {
      return ledger.chaincode;
    },
    async submit(tx) {
      if (failNext > 0) {
        failNext--;
        throw new Error("ledger unavailable (simulated)");
      }
      return ledger.submit(tx);
    },
    evaluate: (tx) => ledger.evaluate(tx),
    events: (o) => ledger.events(o),
    block: (n) => ledger.block(n),
    height: () => ledger.height(),
    close: () => ledger.close(),
  };
}

/** A VIN of a Chinese maker (WMI "LYD") with a correct check digit. */
function vin(n: number): string {
  const draft = `LYDTS2A0RBZ${String(n).padStart(6, "0")}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

const IMPORT = `mutation($i: ImportVehiclesInput!) { importVehicles(input: $i) { __typename
  ... on ImportVehiclesSuccess { data { id status totalRows processedRows importedRows errorRows batchCount errors { line field code params message } } }
  ... on DomainError { code message } } }`;
const REGISTER = `mutation($i: RegisterVehiclesInput!) { registerVehicles(input: $i) { __typename
  ... on RegisterVehiclesSuccess { data { id importedRows errorRows errors { line field code params message } } }
  ... on DomainError { code message } } }`;

let maker: Awaited<ReturnType<typeof personIn>>;
let modelCode: string;

beforeAll(async () => {
  t = await createTestContext();
  ledgerDir = await mkdtemp(join(tmpdir(), "corridor-ledger-"));
  hub = await openLedgerHub({ dataDir: ledgerDir, wrap: flaky, onWarning: () => {} });
  setLedgerHub(hub);
  maker = await personIn(t, "MANUFACTURER");
  modelCode = "YD-G5";
  await t.db.vehicleModel.create({
    data: { makerOrgId: maker.org.id, code: modelCode, name: "G5", category: "E_MOTORCYCLE", crateLengthMm: 1900, crateWidthMm: 700, crateHeightMm: 1100, crateGrossKg: 120 },
  });
});
afterAll(async () => {
  setLedgerHub(undefined);
  await hub?.close();
  await t?.close();
  if (ledgerDir) await rm(ledgerDir, { recursive: true, force: true });
});

describe("identifiers and CSV", () => {
  it("checks VINs: length, I/O/Q, and the check digit of Chinese VINs", () => {
    expect(vinProblem(vin(1))).toBeNull();
    expect(vinProblem("LYDTS2A0RBZ00001")).toMatch(/17 characters/);
    expect(vinProblem("LYDTS2AORBZ000001")).toMatch(/I, O or Q/);
    const good = vin(2);
    const wrong = good.slice(0, 8) + (good[8] === "1" ? "2" : "1") + good.slice(9);
    expect(vinProblem(wrong)).toMatch(/check digit/);
    expect(vinIssue(wrong)).toMatchObject({ code: "VIN_CHECK_DIGIT", params: { expected: good[8], actual: wrong[8] } });
    expect(vinIssue("LYDTS2A0RBZ00001")).toMatchObject({ code: "VIN_LENGTH", params: { length: 16 } });
    // A European VIN (W…) is not held to the check digit.
    expect(vinProblem("WVWZZZ1JZ3W386752")).toBeNull();
    expect(vinCheckDigit("1M8GDM9AXKP042788")).toBe("X");
  });

  it("reads quoted fields, doubled quotes, line breaks in quotes and CRLF, with line numbers", () => {
    const rows = [...parseCsv('a,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",z\nlast,')];
    expect(rows).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x, y", 'say "hi"'] },
      { line: 4, fields: ["multi\nline", "z"] },
      { line: 6, fields: ["last", ""] },
    ]);
  });
});

describe("registering, anchoring and verifying vehicles", () => {
  let good: string[];

  it("imports the good rows of a CSV and reports the bad ones by line", async () => {
    good = Array.from({ length: 1203 }, (_, i) => vin(1000 + i));
    const tomorrow = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const lines = ["VIN,Frame Number,Model Code,Production Date,Battery Serial,Motor Number"];
    for (const [i, v] of good.entries()) lines.push(`${v},,${modelCode},2026-03-0${1 + (i % 9)},"BAT-${i}, pack A",MOT-${i}`);
    lines.push(`${good[5]},,${modelCode},2026-03-01,BAT-dup,MOT-dup`); // duplicate within the file
    lines.push(`${vin(9001)},,${modelCode},${tomorrow},BAT-f,MOT-f`); // future production date
    lines.push(`${vin(9002)},,NO-SUCH-MODEL,2026-03-01,BAT-u,MOT-u`); // unknown model
    lines.push(`LYDTS2AORBZ000001,,${modelCode},2026-03-01,BAT-o,MOT-o`); // O in a VIN
    lines.push(`,FR-2026-00077,${modelCode},2026-02-28,BAT-fr,MOT-fr`); // frame number only: good
    const csv = `${lines.join("\n")}\n`;
    const r = await gql<{ importVehicles: { __typename: string; data: Record<string, unknown> & { errors: ImportRowError[] } } }>(
      t.app,
      IMPORT,
      { i: { fileName: "march.csv", csv } },
      { token: maker.token },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.importVehicles.__typename).toBe("ImportVehiclesSuccess");
    const d = r.data!.importVehicles.data;
    expect(d).toMatchObject({ status: "DONE", totalRows: 1208, processedRows: 1208, importedRows: 1204, errorRows: 4 });
    const firstBad = 1 + good.length + 1; // header is line 1
    expect(d.errors.map((e) => [e.line, e.field])).toEqual([
      [firstBad, "vin"],
      [firstBad + 1, "productionDate"],
      [firstBad + 2, "modelCode"],
      [firstBad + 3, "vin"],
    ]);
    expect(d.errors[0]?.message).toMatch(/twice.*line 7/);
    expect(d.errors[1]?.message).toMatch(/future/);
    expect(d.errors[2]?.message).toMatch(/not in your catalog/);
    expect(d.errors.map((e) => [e.code, e.params])).toEqual([
      ["DUPLICATE_IN_FILE", { value: good[5], firstLine: 7 }],
      ["DATE_IN_FUTURE", { value: tomorrow }],
      ["MODEL_UNKNOWN", { value: "NO-SUCH-MODEL" }],
      ["VIN_FORBIDDEN_LETTER", {}],
    ]);
    // 1204 vehicles of one model: batches of 1000 and 204, each with its outbox message.
    expect(d.batchCount).toBe(2);
    const batches = await t.db.vehicleBatch.findMany({ where: { makerOrgId: maker.org.id }, orderBy: { count: "desc" } });
    expect(batches.map((b) => b.count)).toEqual([1000, 204]);
    expect(await t.db.outboxMessage.count({ where: { key: { in: batches.map((b) => b.id) }, topic: "vehicle.batch" } })).toBe(2);
    // The progress bar's counts: all batches, and those on the ledger.
    const progress = `query($id: ID!) { vehicleImport(id: $id) { batchCount anchoredBatchCount } }`;
    const before = await gql<{ vehicleImport: { batchCount: number; anchoredBatchCount: number } }>(t.app, progress, { id: d.id }, { token: maker.token });
    expect(before.data?.vehicleImport).toEqual({ batchCount: 2, anchoredBatchCount: 0 });
    await t.db.vehicleBatch.update({ where: { id: batches[1]!.id }, data: { status: "ANCHORED" } });
    const after = await gql<{ vehicleImport: { batchCount: number; anchoredBatchCount: number } }>(t.app, progress, { id: d.id }, { token: maker.token });
    expect(after.data?.vehicleImport).toEqual({ batchCount: 2, anchoredBatchCount: 1 });
    await t.db.vehicleBatch.update({ where: { id: batches[1]!.id }, data: { status: "PENDING" } });
    const audit = await t.db.auditLog.findMany({ where: { orgId: maker.org.id, targetType: "VehicleImport" } });
    expect(audit.map((a) => a.action).sort()).toEqual(["vehicleImport.finish", "vehicleImport.start"]);
  });

  it("refuses vehicles already registered, and lists the maker's vehicles", async () => {
    const r = await gql<{ registerVehicles: { data: { importedRows: number; errorRows: number; errors: ImportRowError[] } } }>(
      t.app,
      REGISTER,
      {
        i: {
          rows: [
            { vin: good[0], modelCode, productionDate: "2026-03-01", batterySerial: "B", motorNumber: "M" },
            { vin: vin(5000), modelCode, productionDate: "2026-03-02", batterySerial: "B2", motorNumber: "M2" },
          ],
        },
      },
      { token: maker.token },
    );
    expect(r.data?.registerVehicles.data).toMatchObject({ importedRows: 1, errorRows: 1 });
    expect(r.data?.registerVehicles.data.errors[0]).toMatchObject({ line: 1, field: "vin", code: "ALREADY_REGISTERED", params: { value: good[0] } });
    expect(r.data?.registerVehicles.data.errors[0]?.message).toMatch(/already registered/);

    const list = await gql<{ vehicles: { totalCount: number; edges: { node: { vin: string; model: { code: string } } }[] } }>(
      t.app,
      `query { vehicles(search: "${good[3]}", first: 5) { totalCount edges { node { vin model { code } } } } }`,
      {},
      { token: maker.token },
    );
    expect(list.data?.vehicles.totalCount).toBe(1);
    expect(list.data?.vehicles.edges[0]?.node).toEqual({ vin: good[3], model: { code: modelCode } });
    // Another maker sees none of them.
    const other = await personIn(t, "MANUFACTURER");
    const none = await gql<{ vehicles: { totalCount: number } }>(t.app, `query { vehicles(first: 5) { totalCount } }`, {}, { token: other.token });
    expect(none.data?.vehicles.totalCount).toBe(0);
  });

  it("a failing ledger delays anchoring without losing or duplicating it", async () => {
    const now = new Date();
    failNext = 3; // both batches fail once, the retry of the first fails again
    const first = await runOutboxOnce({ db: t.db, hub }, { now });
    expect(first).toMatchObject({ claimed: 3, done: 0, failed: 3 });
    let msgs = await t.db.outboxMessage.findMany({ where: { doneAt: null }, orderBy: { id: "asc" } });
    expect(msgs.map((m) => m.attempts)).toEqual([1, 1, 1]);
    expect(msgs[0]?.availableAt.getTime()).toBe(now.getTime() + backoffMs(1));
    // Not due yet: nothing happens.
    expect(await runOutboxOnce({ db: t.db, hub }, { now: new Date(now.getTime() + 500) })).toMatchObject({ claimed: 0 });
    // Due again: the remaining simulated failures hit, then everything anchors.
    let later = new Date(now.getTime() + backoffMs(1));
    const second = await runOutboxOnce({ db: t.db, hub }, { now: later });
    expect(second.claimed).toBe(3);
    for (let i = 0; i < 5 && (await t.db.outboxMessage.count({ where: { doneAt: null } })) > 0; i++) {
      later = new Date(later.getTime() + backoffMs(i + 2));
      await runOutboxOnce({ db: t.db, hub }, { now: later });
    }
    msgs = await t.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(msgs.every((m) => m.doneAt !== null)).toBe(true);
    const batches = await t.db.vehicleBatch.findMany({ orderBy: { createdAt: "asc" } });
    expect(batches.every((b) => b.status === "ANCHORED" && /^[0-9a-f]{64}$/.test(b.merkleRoot ?? "") && b.txId && b.blockHash)).toBe(true);
    // Exactly one batch record per batch on the ledger, with the same root.
    const ledger = hub.ledger();
    let registered = 0;
    for (let n = 0; n < (await ledger.height()); n++) {
      for (const tx of (await ledger.block(n)).transactions) if (tx.fn === "registerBatch" && tx.validationCode === "VALID" && tx.events.length) registered++;
    }
    expect(registered).toBe(batches.length);
    // Running again finds nothing to do.
    expect(await runOutboxOnce({ db: t.db, hub }, { now: new Date(later.getTime() + 3_600_000) })).toMatchObject({ claimed: 0 });
  });

  it("anchoring again is harmless: the contract keeps one record per batch", async () => {
    const batch = await t.db.vehicleBatch.findFirstOrThrow({ where: { count: 1000 } });
    // Simulate a worker that anchored but died before writing its result.
    await t.db.vehicleBatch.update({ where: { id: batch.id }, data: { status: "PENDING" } });
    await t.db.outboxMessage.update({ where: { key: batch.id }, data: { doneAt: null, availableAt: new Date(0) } });
    const r = await runOutboxOnce({ db: t.db, hub });
    expect(r).toMatchObject({ claimed: 1, done: 1 });
    const after = await t.db.vehicleBatch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(after.status).toBe("ANCHORED");
    expect(after.merkleRoot).toBe(batch.merkleRoot);
  });

  it("verifies a vehicle publicly and its proof verifies offline against the roots", async () => {
    const v = good[517] as string;
    const r = await gql<{ verifyVehicle: Record<string, unknown>; vehicleProof: VehicleProof; ledgerRoots: string }>(
      t.app,
      `query($vin: String!) { verifyVehicle(vin: $vin, market: "VN", on: "2026-06-01") { vin makerName modelCode productionDate anchored anchorStatus batchRoot txId blockNumber blockHash on certifications { number } }
        vehicleProof(vin: $vin) ledgerRoots }`,
      { vin: v.toLowerCase() },
    );
    expect(r.errors).toBeUndefined();
    const batch = await t.db.vehicleBatch.findFirstOrThrow({ where: { vehicles: { some: { vin: v } } } });
    expect(r.data?.verifyVehicle).toMatchObject({ vin: v, modelCode, anchored: true, anchorStatus: "ANCHORED", batchRoot: batch.merkleRoot, txId: batch.txId, on: "2026-06-01" });
    const proof = r.data!.vehicleProof;
    expect(proof.record).toMatchObject({ kind: "vehicle", vin: v, modelCode, batchId: batch.id, leafIndex: 517 });
    expect(proof.root).toBe(batch.merkleRoot);
    const roots = r.data!.ledgerRoots;
    expect(roots).toContain("BEGIN CERTIFICATE");
    const result = verifyProof(proof, { roots });
    expect(result.valid, JSON.stringify(result)).toBe(true);

    // The command line verifier says the same from the files a dealer would download.
    await writeFile(join(ledgerDir, "proof.json"), JSON.stringify(proof));
    await writeFile(join(ledgerDir, "roots.pem"), roots);
    const cli = spawnSync(
      process.execPath,
      [fileURLToPath(new URL("../../chain/proof/cli.mjs", import.meta.url)), join(ledgerDir, "proof.json"), "--roots", join(ledgerDir, "roots.pem")],
      {
        encoding: "utf8",
      },
    );
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);

    // One flipped byte anywhere that matters fails.
    const flipped = structuredClone(proof);
    flipped.record.batterySerial = `${flipped.record.batterySerial}x`;
    expect(verifyProof(flipped, { roots }).valid).toBe(false);
    const badPath = structuredClone(proof);
    const p0 = badPath.auditPath[0] as string;
    badPath.auditPath[0] = (p0[0] === "0" ? "1" : "0") + p0.slice(1);
    expect(verifyProof(badPath, { roots }).valid).toBe(false);
    const badRoot = structuredClone(proof);
    badRoot.anchor.blockNumber += 1;
    expect(verifyProof(badRoot, { roots }).valid).toBe(false);

    // A frame-number-only vehicle verifies by its frame number.
    const fr = await gql<{ vehicleProof: VehicleProof }>(t.app, `query { vehicleProof(vin: "FR-2026-00077") }`);
    expect(fr.data?.vehicleProof.record).toMatchObject({ frameNumber: "FR-2026-00077" });
    expect(fr.data?.vehicleProof.record.vin).toBeUndefined();
    expect(verifyProof(fr.data!.vehicleProof, { roots }).valid).toBe(true);
  });

  it("answers unknown and not-yet-anchored vehicles plainly", async () => {
    const unknown = await gql<{ verifyVehicle: unknown }>(t.app, `query { verifyVehicle(vin: "LYDTS2A0RBZ999999") { vin } }`);
    expect(unknown.data?.verifyVehicle).toBeNull();
    const noProof = await gql(t.app, `query { vehicleProof(vin: "LYDTS2A0RBZ999999") }`);
    expect(noProof.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const v = vin(6000);
    await gql(t.app, REGISTER, { i: { rows: [{ vin: v, modelCode, productionDate: "2026-03-02", batterySerial: "B3", motorNumber: "M3" }] } }, { token: maker.token });
    const pending = await gql<{ verifyVehicle: { anchored: boolean; batchRoot: string | null }; vehicleProof: unknown }>(
      t.app,
      `query($v: String!) { verifyVehicle(vin: $v) { anchored batchRoot } vehicleProof(vin: $v) }`,
      { v },
    );
    expect(pending.data).toMatchObject({ verifyVehicle: { anchored: false, batchRoot: null }, vehicleProof: null });
  });

  it("shows import progress to its maker only", async () => {
    const imp = await t.db.vehicleImport.findFirstOrThrow({ where: { makerOrgId: maker.org.id, fileName: "march.csv" } });
    const { encodeGlobalId } = await import("../src/schema/global-id.js");
    const q = `query($id: ID!) { vehicleImport(id: $id) { processedRows importedRows batchCount anchoredBatchCount } vehicleImports(first: 5) { totalCount } }`;
    const mine = await gql<{ vehicleImport: Record<string, number>; vehicleImports: { totalCount: number } }>(
      t.app,
      q,
      { id: encodeGlobalId("VehicleImport", imp.id) },
      { token: maker.token },
    );
    expect(mine.data?.vehicleImport).toEqual({ processedRows: 1208, importedRows: 1204, batchCount: 2, anchoredBatchCount: 2 });
    expect(mine.data?.vehicleImports.totalCount).toBe(3);
    const other = await personIn(t, "MANUFACTURER");
    const theirs = await gql<{ vehicleImport: unknown }>(t.app, q, { id: encodeGlobalId("VehicleImport", imp.id) }, { token: other.token });
    expect(theirs.data?.vehicleImport).toBeNull();
  });
});

describe("batches and workers", () => {
  it("groups vehicles into batches by model with contiguous leaves, and refuses a CSV without the needed columns", async () => {
    const m2 = await personIn(t, "MANUFACTURER");
    for (const code of ["A-1", "B-2"]) {
      await t.db.vehicleModel.create({
        data: { makerOrgId: m2.org.id, code, name: code, category: "E_BIKE", crateLengthMm: 1500, crateWidthMm: 300, crateHeightMm: 800, crateGrossKg: 28 },
      });
    }
    const lines = ["vin,model_code,production_date,battery_serial,motor_number"];
    for (let i = 0; i < 30; i++) lines.push(`${vin(20_000 + i)},${i % 3 === 0 ? "A-1" : "b-2"},2026-01-15,B${i},M${i}`);
    const r = await gql<{ importVehicles: { data: { importedRows: number; errorRows: number; batchCount: number } } }>(
      t.app,
      IMPORT,
      { i: { fileName: "mixed.csv", csv: lines.join("\r\n") } },
      { token: m2.token },
    );
    expect(r.data?.importVehicles.data).toMatchObject({ importedRows: 30, errorRows: 0, batchCount: 2 });
    const batches = await t.db.vehicleBatch.findMany({ where: { makerOrgId: m2.org.id }, include: { vehicles: { orderBy: { leafIndex: "asc" } } } });
    for (const b of batches) {
      expect(new Set(b.vehicles.map((v) => v.vehicleModelId)).size).toBe(1);
      expect(b.vehicles.map((v) => v.leafIndex)).toEqual(b.vehicles.map((_, i) => i));
    }
    expect(batches.map((b) => b.count).sort()).toEqual([10, 20]);

    const bad = await gql<{ importVehicles: { __typename: string; code: string; message: string } }>(
      t.app,
      IMPORT,
      { i: { fileName: "bad.csv", csv: "vin,model_code\nX,Y\n" } },
      { token: m2.token },
    );
    expect(bad.data?.importVehicles).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(bad.data?.importVehicles.message).toMatch(/production_date|productionDate/);

    // Operators register no vehicles.
    const op = await personIn(t, "LOGISTICS_OPERATOR");
    const refused = await gql<{ importVehicles: { __typename: string } | null }>(t.app, IMPORT, { i: { fileName: "x.csv", csv: lines.join("\n") } }, { token: op.token });
    expect(refused.data?.importVehicles?.__typename ?? refused.errors?.[0]?.extensions?.code).toMatch(/Forbidden|FORBIDDEN/);
  });

  it("two workers running at once never take the same message", async () => {
    const pendingBefore = await t.db.outboxMessage.count({ where: { doneAt: null } });
    expect(pendingBefore).toBeGreaterThanOrEqual(2);
    const [a, b] = await Promise.all([runOutboxOnce({ db: t.db, hub }, { limit: 1 }), runOutboxOnce({ db: t.db, hub }, { limit: 5 })]);
    expect(a.claimed + b.claimed).toBe(pendingBefore);
    expect(a.failed + b.failed).toBe(0);
    expect(await t.db.outboxMessage.count({ where: { doneAt: null } })).toBe(0);
    const ledger = hub.ledger();
    const ids: string[] = [];
    for (let n = 0, h = await ledger.height(); n < h; n++) {
      for (const tx of (await ledger.block(n)).transactions) if (tx.fn === "registerBatch" && tx.events.length) ids.push(tx.args[0] as string);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await t.db.vehicleBatch.count());
  });

  it("the background worker anchors new batches by itself and stops cleanly", async () => {
    const worker = startOutboxWorker({ db: t.db, hub }, { pollMs: 20 });
    try {
      const v = vin(30_000);
      await gql(t.app, REGISTER, { i: { rows: [{ vin: v, modelCode, productionDate: "2026-04-01", batterySerial: "B", motorNumber: "M" }] } }, { token: maker.token });
      let anchored = false;
      for (let i = 0; i < 200 && !anchored; i++) {
        await new Promise((r) => setTimeout(r, 25));
        anchored = (await t.db.vehicle.findUniqueOrThrow({ where: { vin: v }, include: { batch: true } })).batch?.status === "ANCHORED";
      }
      expect(anchored).toBe(true);
    } finally {
      await worker.stop();
    }
  });

  it("imports a file larger than one chunk: progress in steps, errors in line order", async () => {
    const m3 = await personIn(t, "MANUFACTURER");
    await t.db.vehicleModel.create({
      data: { makerOrgId: m3.org.id, code: "BIG-1", name: "Big", category: "E_BIKE", crateLengthMm: 1500, crateWidthMm: 300, crateHeightMm: 800, crateGrossKg: 28 },
    });
    const already = await t.db.vehicle.findFirstOrThrow({ where: { makerOrgId: maker.org.id } });
    const lines = ["vin,model_code,production_date,battery_serial,motor_number"];
    for (let i = 0; i < 21_500; i++) {
      if (i === 15_000) lines.push(`${already.vin},BIG-1,2026-01-15,BX,MX`); // registered by another maker; found a chunk later
      if (i === 15_001) lines.push(`${vin(100_000)},BIG-1,2026-13-01,BX,MX`); // no such date
      lines.push(`${vin(100_001 + i)},BIG-1,2026-01-15,B${i},M${i}`);
    }
    const r = await gql<{ importVehicles: { data: { id: string; importedRows: number; errorRows: number; batchCount: number; errors: { line: number; field: string }[] } } }>(
      t.app,
      IMPORT,
      { i: { fileName: "big.csv", csv: lines.join("\n") } },
      { token: m3.token },
    );
    const d = r.data?.importVehicles.data;
    expect(d).toMatchObject({ importedRows: 21_500, errorRows: 2, batchCount: 22 });
    expect(d?.errors.map((e) => [e.line, e.field])).toEqual([
      [15_002, "vin"],
      [15_004, "productionDate"],
    ]);
    // Batches of at most 1,000; the one that met the registered vehicle was written without it.
    const counts = (await t.db.vehicleBatch.findMany({ where: { makerOrgId: m3.org.id }, select: { count: true } })).map((b) => b.count);
    expect(counts.every((c) => c <= 1000) && counts.reduce((a, b) => a + b, 0)).toBe(21_500);
    expect(counts.filter((c) => c === 1000).length).toBeGreaterThanOrEqual(20);
    expect(await t.db.outboxMessage.count({ where: { doneAt: null } })).toBe(22);
  });
});

describe("codes of refused rows", () => {
  it("gives every kind of refused row a stable code with the values its message names", async () => {
    const m = await personIn(t, "MANUFACTURER");
    for (const code of ["RC-1", "RC 2"]) {
      await t.db.vehicleModel.create({
        data: { makerOrgId: m.org.id, code, name: code, category: "E_BIKE", crateLengthMm: 1500, crateWidthMm: 300, crateHeightMm: 800, crateGrossKg: 28 },
      });
    }
    const registered = await t.db.vehicle.findFirstOrThrow({ where: { makerOrgId: maker.org.id }, select: { vin: true } });
    const good = vin(7001);
    const wrong = good.slice(0, 8) + (good[8] === "1" ? "2" : "1") + good.slice(9);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const rows: [string, string, string, string, string, string][] = [
      ["", "", "RC-1", "2026-03-01", "B", "M"], // 2: no identifier
      ["LYDTS2A0RBZ00001", "", "RC-1", "2026-03-01", "B", "M"], // 3: 16 characters
      ["LYDTS2AORBZ000001", "", "RC-1", "2026-03-01", "B", "M"], // 4: O
      ["LYDTS2A0RBZ00000#", "", "RC-1", "2026-03-01", "B", "M"], // 5: '#'
      [wrong, "", "RC-1", "2026-03-01", "B", "M"], // 6: check digit
      ["", "FR_1", "RC-1", "2026-03-01", "B", "M"], // 7: '_' in a frame number
      [vin(7002), "", "", "2026-03-01", "B", "M"], // 8: no model
      [vin(7003), "", "NOPE", "2026-03-01", "B", "M"], // 9: not in the catalog
      [vin(7004), "", "RC 2", "2026-03-01", "B", "M"], // 10: a space is not in a ledger id
      [vin(7005), "", "RC-1", "2026-02-30", "B", "M"], // 11: no such day
      [vin(7006), "", "RC-1", future, "B", "M"], // 12: future
      [vin(7007), "", "RC-1", "1989-12-31", "B", "M"], // 13: too early
      [vin(7008), "", "RC-1", "2026-03-01", "", "M"], // 14: no battery serial
      [vin(7009), "", "RC-1", "2026-03-01", "B", "M".repeat(129)], // 15: too long
      [vin(7010), "", "RC-1", "2026-03-01", '"B\tX"', "M"], // 16: a tab
      [good, "", "RC-1", "2026-03-01", "B", "M"], // 17: good
      [good, "", "RC-1", "2026-03-01", "B", "M"], // 18: twice
      [registered.vin, "", "RC-1", "2026-03-01", "B", "M"], // 19: registered by another maker
    ];
    const csv = ["vin,frame_number,model_code,production_date,battery_serial,motor_number", ...rows.map((r) => r.join(","))].join("\n");
    const r = await gql<{ importVehicles: { data: { id: string; importedRows: number; errorRows: number; errors: ImportRowError[] } } }>(
      t.app,
      IMPORT,
      { i: { fileName: "codes.csv", csv } },
      { token: m.token },
    );
    expect(r.errors).toBeUndefined();
    const d = r.data!.importVehicles.data;
    expect(d).toMatchObject({ importedRows: 1, errorRows: 17 });
    expect(d.errors.map((e) => [e.line, e.field, e.code, e.params])).toEqual([
      [2, "vin", "IDENTIFIER_MISSING", {}],
      [3, "vin", "VIN_LENGTH", { length: 16 }],
      [4, "vin", "VIN_FORBIDDEN_LETTER", {}],
      [5, "vin", "VIN_CHARACTERS", {}],
      [6, "vin", "VIN_CHECK_DIGIT", { expected: good[8], actual: wrong[8] }],
      [7, "frameNumber", "FRAME_NUMBER_FORMAT", {}],
      [8, "modelCode", "MODEL_MISSING", {}],
      [9, "modelCode", "MODEL_UNKNOWN", { value: "NOPE" }],
      [10, "modelCode", "MODEL_CODE_NOT_LEDGER_ID", { value: "RC 2" }],
      [11, "productionDate", "DATE_FORMAT", {}],
      [12, "productionDate", "DATE_IN_FUTURE", { value: future }],
      [13, "productionDate", "DATE_TOO_EARLY", { value: "1989-12-31", earliest: "1990-01-01" }],
      [14, "batterySerial", "FIELD_MISSING", {}],
      [15, "motorNumber", "FIELD_TOO_LONG", { max: 128 }],
      [16, "batterySerial", "FIELD_CONTROL_CHARACTERS", {}],
      [18, "vin", "DUPLICATE_IN_FILE", { value: good, firstLine: 17 }],
      [19, "vin", "ALREADY_REGISTERED", { value: registered.vin }],
    ]);
    // The English message stays for API clients, naming the same values.
    expect(d.errors[4]?.message).toBe(`The check digit (9th character) should be ${good[8]}, not ${wrong[8]}: the VIN is mistyped.`);
    expect(d.errors.every((e) => e.message.length > 0)).toBe(true);

    // Rows stored before codes existed read back as OTHER with their message.
    const { encodeGlobalId } = await import("../src/schema/global-id.js");
    const old = await t.db.vehicleImport.create({
      data: {
        makerOrgId: m.org.id,
        fileName: "old.csv",
        status: "DONE",
        errorRows: 2,
        errors: [
          { line: 2, field: "vin", message: "A VIN has only capital letters and digits." },
          { line: 3, field: "vin", code: "NOT_A_CODE_ANY_MORE", params: { x: 1 }, message: "Something else." },
        ],
      },
    });
    const q = `query($id: ID!) { vehicleImport(id: $id) { errors { line field code params message } } }`;
    const read = await gql<{ vehicleImport: { errors: ImportRowError[] } }>(t.app, q, { id: encodeGlobalId("VehicleImport", old.id) }, { token: m.token });
    expect(read.errors).toBeUndefined();
    expect(read.data?.vehicleImport.errors).toEqual([
      { line: 2, field: "vin", code: "OTHER", params: {}, message: "A VIN has only capital letters and digits." },
      { line: 3, field: "vin", code: "OTHER", params: {}, message: "Something else." },
    ]);
  });
});
