// Pure helpers of the vehicle registry: the import file's columns and template, the refused-rows
// report as CSV (with the problems in the page's language), and recognizing the files we accept.
// No browser or network here.

import type { VehicleImportRowErrorCode } from "@/gql/graphql";
import type { Dictionary } from "@/i18n/en";

/** The header row the API reads (importVehicles), in the order of the template. */
export const VEHICLE_CSV_COLUMNS = ["vin", "frame_number", "model_code", "production_date", "battery_serial", "motor_number"] as const;

/** Largest file the page sends; the API refuses more than 200 MB of text anyway. */
export const MAX_IMPORT_MB = 200;

export type ImportFileKind = "csv" | "xlsx";

/** The kind of an import file by its name, or null when we do not take it. */
export function importFileKind(fileName: string): ImportFileKind | null {
  const lower = fileName.trim().toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return "csv";
  if (lower.endsWith(".xlsx")) return "xlsx";
  return null;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  const text = value == null ? "" : String(value);
  // A leading =, +, - or @ would run as a formula when the report is opened in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(",");
}

/** The template: the header row the import expects. */
export function vehicleCsvTemplate(): string {
  return `${csvLine(VEHICLE_CSV_COLUMNS)}\r\n`;
}

export interface RowError {
  line: number;
  field: string;
  /** The API's VehicleImportRowErrorCode; OTHER (or a code this page does not know) shows `message`. */
  code: string;
  /** The values the message names, by placeholder (an object of strings and numbers). */
  params: unknown;
  /** The API's English message. */
  message: string;
}

/** How refused rows are said in the page's language: a text for every code but OTHER (the type checks it). */
export function rowErrorTexts(t: Dictionary): RowErrorTexts {
  const messages: Record<Exclude<VehicleImportRowErrorCode, "OTHER">, string> = t.vehicles.import.rowErrors;
  const v = t.vehicles;
  return {
    messages,
    fields: { vin: v.vin, frameNumber: v.frameNumber, modelCode: v.model, productionDate: v.productionDate, batterySerial: v.batterySerial, motorNumber: v.motorNumber },
  };
}

/** Translations of refused rows: texts by code with `{placeholders}`, and the fields' labels for `{column}`. */
export interface RowErrorTexts {
  messages: Readonly<Record<string, string>>;
  fields: Readonly<Record<string, string>>;
}

function paramsOf(params: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!params || typeof params !== "object" || Array.isArray(params)) return out;
  for (const [k, v] of Object.entries(params)) if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) out[k] = v;
  return out;
}

/**
 * A refused row's problem in the page's language: the text for its code with the params filled
 * in ({column} is the field's label). The API's message when the code has no text (OTHER, or a
 * newer code) or a placeholder has no value, so nothing half-filled is shown.
 */
export function rowErrorText(e: Pick<RowError, "code" | "params" | "field" | "message">, texts: RowErrorTexts): string {
  const template = Object.hasOwn(texts.messages, e.code) ? texts.messages[e.code] : undefined;
  if (!template) return e.message;
  const values: Record<string, string | number> = { ...paramsOf(e.params), column: texts.fields[e.field] ?? columnOf(e.field) };
  let complete = true;
  const text = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (Object.hasOwn(values, key)) return String(values[key]);
    complete = false;
    return "";
  });
  return complete ? text : e.message;
}

/**
 * The refused rows of an import as CSV, for the maker to fix and upload again: line, column,
 * the stable code and the problem in the page's language.
 */
export function importErrorsCsv(errors: readonly RowError[], headers: { line: string; column: string; code: string; message: string }, texts: RowErrorTexts): string {
  const lines = [
    csvLine([headers.line, headers.column, headers.code, headers.message]),
    ...errors.map((e) => csvLine([e.line, columnOf(e.field), e.code, rowErrorText(e, texts)])),
  ];
  // A byte-order mark so that Excel opens the UTF-8 text (Chinese headers) correctly.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The API's field names in the header spelling of the template (modelCode → model_code). */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Shortened hash for tables: the first and last characters. */
export function shortHash(hash: string, keep = 8): string {
  return hash.length <= keep * 2 + 1 ? hash : `${hash.slice(0, keep)}…${hash.slice(-keep)}`;
}

export function formatBytes(bytes: number, locale: string): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

const VIN_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** A 17-character VIN with position 9 set to its ISO 3779 check digit. */
export function withVinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin.charAt(i);
    sum += (c >= "0" && c <= "9" ? Number(c) : (VIN_VALUES[c] ?? 0)) * (VIN_WEIGHTS[i] ?? 0);
  }
  const r = sum % 11;
  return `${vin.slice(0, 8)}${r === 10 ? "X" : String(r)}${vin.slice(9)}`;
}
