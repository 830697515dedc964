// Registering vehicles: rows from the API or a CSV/XLSX file are validated one by one, good rows
// are written in chunks of 10,000 with one INSERT … SELECT FROM unnest(…) each, grouped into
// batches of at most 1,000 vehicles of one model (one Merkle tree, one ledger transaction each),
// and every batch gets its Merkle root and its outbox message in the same transaction. Bad rows
// are reported by line. One chunk is written while the next is read, checked and hashed.
//
// Vehicle.vin holds the vehicle's key: its VIN, else its frame number (chain/proof `vehicleKey`);
// Vehicle.frameNumber is set whenever the row gives one.
import { randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import { buildBatch } from "@corridor/chain/proof";
import type { ServiceContext } from "../../context.js";
import { type Db, queryDirect, type Tx } from "../../db/index.js";
import { ValidationError } from "../../errors.js";
import { mspIdOf } from "../../ledger.js";
import { writerOrgOf } from "../freight/access.js";
import { writeAudit } from "../identity/audit.js";
import { vehicleRecordInput } from "./batch-tree.js";
import { type CsvRecord, parseCsv } from "./csv.js";
import { type ImportRowError, type ImportRowErrorCode, type RowErrorParams, type RowProblem, rowProblem } from "./row-errors.js";
import { frameNumberIssue, vinIssue } from "./vin.js";

/** Good rows written per transaction. */
export const CHUNK_ROWS = 10_000;
/** Vehicles per batch (one Merkle tree, one ledger transaction). */
export const BATCH_SIZE = 1_000;
/** Errors kept in VehicleImport.errors; errorRows counts them all. */
export const MAX_REPORTED_ERRORS = 1_000;
export const OUTBOX_TOPIC_BATCH = "vehicle.batch";

/** A model code the contract accepts as an id (chain/contract validate.ts ID). */
const LEDGER_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EARLIEST_PRODUCTION = "1990-01-01";
/** Most characters of a battery serial or motor number. */
const MAX_TEXT = 128;

export interface VehicleRowInput {
  vin?: string | null;
  frameNumber?: string | null;
  modelCode: string;
  productionDate: string;
  batterySerial: string;
  motorNumber: string;
}

export type { ImportRowError } from "./row-errors.js";

interface Candidate {
  line: number;
  key: string;
  vin: string | null;
  frameNumber: string | null;
  modelId: string;
  productionDate: string;
  batterySerial: string;
  motorNumber: string;
}

interface Model {
  id: string;
  code: string;
}

/** Registers vehicles given as rows (row numbers start at 1). Returns the finished import. */
export async function registerVehicles(ctx: ServiceContext, input: { rows: VehicleRowInput[]; fileName?: string | null }) {
  const makerOrgId = writerOrgOf(ctx, "MANUFACTURER", "register vehicles");
  if (input.rows.length === 0) throw new ValidationError("Give at least one vehicle.", [{ path: ["rows"], message: "empty" }]);
  const rows = input.rows.map((raw, i) => ({ line: i + 1, raw }));
  return runImport(ctx, makerOrgId, input.fileName ?? "api", rows);
}

const COLUMNS: Record<string, keyof VehicleRowInput> = {
  vin: "vin",
  framenumber: "frameNumber",
  frame: "frameNumber",
  framenr: "frameNumber",
  modelcode: "modelCode",
  model: "modelCode",
  productiondate: "productionDate",
  produced: "productionDate",
  batteryserial: "batterySerial",
  battery: "batterySerial",
  motornumber: "motorNumber",
  motor: "motorNumber",
};

/**
 * Imports a CSV file: a header row naming the columns vin, frame_number, model_code,
 * production_date, battery_serial, motor_number (any case, spaces or underscores), then one
 * vehicle per record. Line numbers in the report are the file's.
 */
export async function importVehiclesCsv(ctx: ServiceContext, input: { fileName: string; csv: string }) {
  return importVehicleRecords(ctx, { fileName: input.fileName, records: parseCsv(input.csv), field: "csv" });
}

/**
 * Imports records of a tabular file (CSV text or a worksheet): the first record is the header row
 * (see importVehiclesCsv), each later one a vehicle; their line numbers are the file's.
 * `field` names the input field in errors about the file as a whole.
 */
export async function importVehicleRecords(ctx: ServiceContext, input: { fileName: string; records: Generator<CsvRecord> | AsyncGenerator<CsvRecord>; field: string }) {
  const makerOrgId = writerOrgOf(ctx, "MANUFACTURER", "register vehicles");
  const { records, field } = input;
  const header = await records.next();
  if (header.done) throw new ValidationError("The file is empty.", [{ path: [field], message: "empty" }]);
  const columns = header.value.fields.map((h) => COLUMNS[h.toLowerCase().replace(/[^a-z]/g, "")]);
  const missing = ["modelCode", "productionDate", "batterySerial", "motorNumber"].filter((c) => !columns.includes(c as keyof VehicleRowInput));
  if (!columns.includes("vin") && !columns.includes("frameNumber")) missing.unshift("vin or frame_number");
  if (missing.length) {
    throw new ValidationError(`The header row lacks the column(s) ${missing.join(", ")}. Expected: vin, frame_number, model_code, production_date, battery_serial, motor_number.`, [
      { path: [field], message: `missing columns: ${missing.join(", ")}` },
    ]);
  }
  const toRow = (r: CsvRecord): ImportRow => {
    const raw: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c) raw[c] = r.fields[i] ?? "";
    });
    return { line: r.line, raw: raw as unknown as VehicleRowInput };
  };
  async function* asyncRows(src: AsyncGenerator<CsvRecord>) {
    for await (const r of src) yield toRow(r);
  }
  function* syncRows(src: Generator<CsvRecord>) {
    for (const r of src) yield toRow(r);
  }
  return runImport(ctx, makerOrgId, input.fileName, Symbol.asyncIterator in records ? asyncRows(records) : syncRows(records));
}

/** Today's date at the easternmost time zone (UTC+14): no real production date is later. */
function latestToday(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

function isCalendarDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function clean(v: string | null | undefined): string {
  return (v ?? "").normalize("NFC").trim();
}

function textProblem(v: string, what: string): RowProblem | null {
  if (!v) return rowProblem("FIELD_MISSING", `${what} is missing.`);
  if (v.length > MAX_TEXT) return rowProblem("FIELD_TOO_LONG", `${what} is longer than ${MAX_TEXT} characters.`, { max: MAX_TEXT });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(v)) return rowProblem("FIELD_CONTROL_CHARACTERS", `${what} contains control characters.`);
  return null;
}

function validateRow(line: number, raw: VehicleRowInput, models: Map<string, Model>, today: string): { candidate?: Candidate; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const err = (field: string, code: ImportRowErrorCode, message: string, params: RowErrorParams = {}) => errors.push({ line, field, code, params, message });
  const problem = (field: string, p: RowProblem | null) => {
    if (p) errors.push({ line, field, ...p });
  };
  const vin = clean(raw.vin).toUpperCase() || null;
  const frameNumber = clean(raw.frameNumber).toUpperCase() || null;
  if (!vin && !frameNumber) err("vin", "IDENTIFIER_MISSING", "Give the VIN or, for vehicles without one, the frame number.");
  if (vin) problem("vin", vinIssue(vin));
  if (frameNumber) problem("frameNumber", frameNumberIssue(frameNumber));
  const modelCode = clean(raw.modelCode);
  const model = models.get(modelCode) ?? models.get(modelCode.toUpperCase());
  if (!modelCode) err("modelCode", "MODEL_MISSING", "The model code is missing.");
  else if (!model) {
    const value = modelCode.slice(0, 60);
    err("modelCode", "MODEL_UNKNOWN", `Model ${value} is not in your catalog.`, { value });
  } else if (!LEDGER_ID.test(model.code)) {
    err("modelCode", "MODEL_CODE_NOT_LEDGER_ID", `Model code ${model.code} cannot be anchored: use letters, digits, '.', '_', ':', '/' or '-'.`, { value: model.code });
  }
  const productionDate = clean(raw.productionDate);
  if (!isCalendarDate(productionDate)) err("productionDate", "DATE_FORMAT", "Use a calendar date YYYY-MM-DD.");
  else if (productionDate > today) err("productionDate", "DATE_IN_FUTURE", `The production date ${productionDate} is in the future.`, { value: productionDate });
  else if (productionDate < EARLIEST_PRODUCTION) {
    err("productionDate", "DATE_TOO_EARLY", `The production date ${productionDate} is before ${EARLIEST_PRODUCTION}.`, { value: productionDate, earliest: EARLIEST_PRODUCTION });
  }
  const batterySerial = clean(raw.batterySerial);
  const motorNumber = clean(raw.motorNumber);
  problem("batterySerial", textProblem(batterySerial, "The battery serial"));
  problem("motorNumber", textProblem(motorNumber, "The motor number"));
  if (errors.length || !model) return { errors };
  const key = (vin ?? frameNumber) as string;
  return { errors, candidate: { line, key, vin, frameNumber, modelId: model.id, productionDate, batterySerial, motorNumber } };
}

let lastMs = 0;
let sequence = 0;
/**
 * A UUID version 7 (RFC 9562): the time in milliseconds, then a counter, then random bits. Ids
 * made one after another sort in that order, so a million new vehicles append to the primary-key
 * index instead of touching pages all over it (fewer pages written, far less WAL).
 */
export function orderedUuid(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  const time = lastMs.toString(16).padStart(12, "0");
  // randomUUID() is "xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx": keep its variant and random tail.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${sequence.toString(16).padStart(3, "0")}${randomUUID().slice(18)}`;
}

type ImportRow = { line: number; raw: VehicleRowInput };
type PendingBatch = { id: string; modelId: string; vehicles: Candidate[]; root: string | null };

async function runImport(ctx: ServiceContext, makerOrgId: string, fileName: string, rows: Iterable<ImportRow> | AsyncIterable<ImportRow>) {
  const actor = ctx.actor;
  const created = await ctx.db.$transaction(async (tx) => {
    const imp = await tx.vehicleImport.create({ data: { makerOrgId, fileName: fileName.slice(0, 200), createdById: actor?.kind === "user" ? actor.userId : null } });
    await writeAudit(tx, ctx, { action: "vehicleImport.start", targetType: "VehicleImport", targetId: imp.id, orgId: makerOrgId, after: { fileName: imp.fileName } });
    return imp;
  });
  const importId = created.id;
  const models = new Map<string, Model>();
  for (const m of await ctx.db.vehicleModel.findMany({ where: { makerOrgId }, select: { id: true, code: true } })) {
    models.set(m.code, m);
    if (!models.has(m.code.toUpperCase())) models.set(m.code.toUpperCase(), m);
  }
  const modelCodeById = new Map([...models.values()].map((m) => [m.id, m.code]));
  const makerOrg = await ctx.db.organization.findUniqueOrThrow({ where: { id: makerOrgId }, select: { id: true, slug: true, kind: true } });
  const maker = { id: makerOrg.id, mspId: mspIdOf(makerOrg) };
  const today = latestToday();
  const seen = new Map<string, number>(); // key → first line
  const errors: ImportRowError[] = [];
  let errorRows = 0;
  let processed = 0;
  let imported = 0;
  let batchCount = 0;
  /** Rows read when the last write was started: progress is written at least every 2 chunks. */
  let scheduledProcessed = 0;
  let chunk: Candidate[] = [];
  /** Vehicles checked and waiting for their batch, by model. */
  const pending = new Map<string, Candidate[]>();
  let pendingCount = 0;

  const report = (rowErrors: ImportRowError[]) => {
    errorRows++;
    for (const e of rowErrors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
    // Duplicates against the database are found a chunk later: keep the report in line order.
    if (rowErrors.length && errors.length > 1 && (errors[errors.length - 2]?.line ?? 0) > (rowErrors[0]?.line ?? 0)) errors.sort((a, b) => a.line - b.line);
  };

  /**
   * Moves a chunk's vehicles into the pending batches. Whether one is registered already is left
   * to the insert (the unique index on vin): checking each key first would read the index as much
   * as inserting writes it. A write that hits a registered vehicle is retried without it.
   */
  const stage = (cands: Candidate[]) => {
    for (const c of cands) {
      const list = pending.get(c.modelId) ?? [];
      if (list.length === 0) pending.set(c.modelId, list);
      list.push(c);
      pendingCount++;
    }
  };

  /**
   * Takes whole batches (and, at the end, the remainders) out of the pending vehicles, with their
   * Merkle roots: the anchoring worker then submits the root without reading the vehicles back.
   */
  const cut = (final: boolean): PendingBatch[] => {
    const batches: PendingBatch[] = [];
    for (const [modelId, list] of pending) {
      while (list.length >= BATCH_SIZE || (final && list.length > 0)) {
        const vehicles = list.splice(0, BATCH_SIZE);
        pendingCount -= vehicles.length;
        const batch: PendingBatch = { id: orderedUuid(), modelId, vehicles, root: null };
        batch.root = rootOf(batch);
        batches.push(batch);
      }
    }
    return batches;
  };
  const rootOf = (b: PendingBatch): string | null => {
    try {
      const modelCode = modelCodeById.get(b.modelId) ?? "";
      const inputs = b.vehicles.map((v) =>
        vehicleRecordInput(
          { vin: v.key, frameNumber: v.frameNumber, productionDate: v.productionDate, batterySerial: v.batterySerial, motorNumber: v.motorNumber },
          maker,
          modelCode,
        ),
      );
      return buildBatch("vehicle", b.id, inputs).root;
    } catch {
      return null; // the worker builds the tree itself and reports what is wrong
    }
  };

  /** Writes batches with their outbox messages, and the progress. */
  const write = async (batches: PendingBatch[]) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const count = batches.reduce((s, b) => s + b.vehicles.length, 0);
        await ctx.db.$transaction(
          async (tx) => {
            if (batches.length) await insertBatches(tx, makerOrgId, importId, batches, modelCodeById);
            await tx.vehicleImport.update({
              where: { id: importId },
              data: { processedRows: processed, importedRows: imported + count, errorRows, errors: errors as object[] },
            });
          },
          { timeout: 120_000, maxWait: 30_000 },
        );
        imported += count;
        batchCount += batches.length;
        return;
      } catch (e) {
        // Some of these vehicles are registered already (earlier, or by an import running now):
        // report them and write the rest, re-hashed. Anything else is unexpected.
        const all = batches.flatMap((b) => b.vehicles);
        const existing = await registeredAmong(
          ctx.db,
          all.map((c) => c.key),
        );
        if (attempt > 0 || existing.length === 0) throw e;
        const taken = new Set(existing.map((r) => r.vin));
        for (const b of batches) {
          if (!b.vehicles.some((c) => taken.has(c.key))) continue;
          for (const c of b.vehicles) {
            if (!taken.has(c.key)) continue;
            report([{ line: c.line, field: c.vin ? "vin" : "frameNumber", code: "ALREADY_REGISTERED", params: { value: c.key }, message: `${c.key} is already registered.` }]);
          }
          b.vehicles = b.vehicles.filter((c) => !taken.has(c.key));
          b.root = b.vehicles.length ? rootOf(b) : null;
        }
        for (let i = batches.length - 1; i >= 0; i--) if (batches[i]?.vehicles.length === 0) batches.splice(i, 1);
      }
    }
  };

  // One write in flight: the next rows are read, checked and hashed while the last ones are
  // written (the database works on the other core).
  let inflight: Promise<void> | undefined;
  const settle = async () => {
    const p = inflight;
    inflight = undefined;
    await p;
  };
  const startWrite = async (batches: PendingBatch[]) => {
    scheduledProcessed = processed;
    await settle();
    inflight = write(batches);
    inflight.catch(() => undefined); // awaited by the next settle()
  };

  /** Checks one row; says whether the chunk is due to be written. */
  const take = ({ line, raw }: ImportRow): boolean => {
    processed++;
    const { candidate, errors: rowErrors } = validateRow(line, raw, models, today);
    if (!candidate) {
      report(rowErrors);
    } else {
      const first = seen.get(candidate.key);
      if (first !== undefined) {
        report([
          {
            line,
            field: candidate.vin ? "vin" : "frameNumber",
            code: "DUPLICATE_IN_FILE",
            params: { value: candidate.key, firstLine: first },
            message: `${candidate.key} appears twice in this file (first on line ${first}).`,
          },
        ]);
      } else {
        seen.set(candidate.key, line);
        chunk.push(candidate);
      }
    }
    return chunk.length >= CHUNK_ROWS || processed - scheduledProcessed >= CHUNK_ROWS * 2;
  };
  const flush = async () => {
    // Give the event loop a turn once per chunk. On the embedded database every query resolves
    // without I/O, so a million-row import would otherwise hold the process for its whole length:
    // no progress polls, no other user's requests, not even /healthz.
    await nextTurn();
    if (chunk.length >= CHUNK_ROWS) {
      stage(chunk);
      chunk = [];
      if (pendingCount >= CHUNK_ROWS) await startWrite(cut(false));
    } else {
      await startWrite(cut(false)); // progress on a file of mostly bad rows
    }
  };

  try {
    // Rows from text come synchronously: no promise per row on the million-row path.
    if (Symbol.asyncIterator in rows) {
      for await (const row of rows) if (take(row)) await flush();
    } else {
      for (const row of rows) if (take(row)) await flush();
    }
    stage(chunk);
    chunk = [];
    await startWrite(cut(true));
    await settle();
  } catch (e) {
    await settle().catch(() => undefined);
    await ctx.db.vehicleImport
      .update({ where: { id: importId }, data: { status: "FAILED", finishedAt: new Date(), processedRows: processed, errorRows, errors: errors as object[] } })
      .catch(() => undefined);
    throw e;
  }
  return ctx.db.$transaction(async (tx) => {
    const imp = await tx.vehicleImport.update({
      where: { id: importId },
      data: { status: "DONE", finishedAt: new Date(), totalRows: processed, processedRows: processed, importedRows: imported, errorRows, errors: errors as object[] },
    });
    await writeAudit(tx, ctx, {
      action: "vehicleImport.finish",
      targetType: "VehicleImport",
      targetId: importId,
      orgId: makerOrgId,
      after: { totalRows: processed, importedRows: imported, errorRows, batches: batchCount },
    });
    return imp;
  });
}

const REGISTERED_AMONG = { name: "corridor.vehiclesRegisteredAmong", text: `SELECT vin FROM "Vehicle" WHERE vin = ANY($1::text[])` };

/** Which of these keys are registered already (a read: straight on the driver where it can). */
async function registeredAmong(db: Db, keys: string[]): Promise<{ vin: string }[]> {
  return queryDirect<{ vin: string }>(db, REGISTERED_AMONG, [keys]);
}

/** One INSERT … SELECT FROM unnest for the vehicles, then the batches' rows and outbox messages. */
async function insertBatches(tx: Tx, makerOrgId: string, importId: string, batches: PendingBatch[], modelCodeById: Map<string, string>) {
  await tx.vehicleBatch.createMany({ data: batches.map((b) => ({ id: b.id, makerOrgId, importId, count: b.vehicles.length, merkleRoot: b.root })) });
  const cols = {
    id: [] as string[],
    vin: [] as string[],
    frame: [] as (string | null)[],
    model: [] as string[],
    date: [] as string[],
    battery: [] as string[],
    motor: [] as string[],
    batch: [] as string[],
    leaf: [] as number[],
  };
  for (const b of batches) {
    b.vehicles.forEach((v, leaf) => {
      cols.id.push(orderedUuid());
      cols.vin.push(v.key);
      cols.frame.push(v.frameNumber);
      cols.model.push(v.modelId);
      cols.date.push(v.productionDate);
      cols.battery.push(v.batterySerial);
      cols.motor.push(v.motorNumber);
      cols.batch.push(b.id);
      cols.leaf.push(leaf);
    });
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "Vehicle" (id, "makerOrgId", vin, "frameNumber", "vehicleModelId", "productionDate", "batterySerial", "motorNumber", "batchId", "leafIndex")
     SELECT u.id, $1, u.vin, u.frame, u.model, u.pdate::date, u.battery, u.motor, u.batch, u.leaf
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[])
       AS u(id, vin, frame, model, pdate, battery, motor, batch, leaf)`,
    makerOrgId,
    cols.id,
    cols.vin,
    cols.frame,
    cols.model,
    cols.date,
    cols.battery,
    cols.motor,
    cols.batch,
    cols.leaf,
  );
  await tx.outboxMessage.createMany({
    data: batches.map((b) => ({
      topic: OUTBOX_TOPIC_BATCH,
      key: b.id,
      payload: { batchId: b.id, makerOrgId, count: b.vehicles.length, modelCode: modelCodeById.get(b.modelId) ?? null },
    })),
  });
}
