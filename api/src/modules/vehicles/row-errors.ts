// Why an import row was refused: a stable code with the values its message names (params), so a
// client can say it in the user's language, and the English message for API clients. Rows stored
// before codes existed read back as OTHER with their message.

/** Every code a refused row can carry, with what its params hold (described in the schema). */
export const IMPORT_ROW_ERROR_CODES = {
  IDENTIFIER_MISSING: "Neither a VIN nor a frame number is given.",
  VIN_LENGTH: "The VIN does not have 17 characters. params: { length } — the characters it has.",
  VIN_FORBIDDEN_LETTER: "The VIN contains I, O or Q, which VINs never use.",
  VIN_CHARACTERS: "The VIN has characters other than capital letters and digits.",
  VIN_CHECK_DIGIT: "The check digit (9th character) is wrong: the VIN is mistyped. params: { expected, actual } — the digit it should be (0–9 or X) and the one given.",
  FRAME_NUMBER_FORMAT: "The frame number is not 3–40 capital letters, digits or '-'.",
  MODEL_MISSING: "The model code is missing.",
  MODEL_UNKNOWN: "The model code is not in the maker's catalog. params: { value } — the code given (at most 60 characters).",
  MODEL_CODE_NOT_LEDGER_ID: "The catalog's model code cannot be written on the ledger. params: { value } — the model code.",
  DATE_FORMAT: "The production date is not a calendar date YYYY-MM-DD.",
  DATE_IN_FUTURE: "The production date is in the future. params: { value } — the date given.",
  DATE_TOO_EARLY: "The production date is too early. params: { value, earliest } — the date given and the earliest date taken.",
  FIELD_MISSING: "The field (see `field`: batterySerial or motorNumber) is empty.",
  FIELD_TOO_LONG: "The field (see `field`) is too long. params: { max } — the most characters it may have.",
  FIELD_CONTROL_CHARACTERS: "The field (see `field`) contains control characters.",
  DUPLICATE_IN_FILE: "The vehicle (VIN or frame number, see `field`) is on an earlier row of this import. params: { value, firstLine } — the key and the line it was first on.",
  ALREADY_REGISTERED: "The vehicle (VIN or frame number, see `field`) is registered already. params: { value } — the key.",
  OTHER: "A problem without a code (reported before codes were given): read `message`.",
} as const;

export type ImportRowErrorCode = keyof typeof IMPORT_ROW_ERROR_CODES;

/** The values a message names, by placeholder name: strings and whole numbers only. */
export type RowErrorParams = Record<string, string | number>;

/** What is wrong with one value: its code, params and English message. */
export interface RowProblem {
  code: ImportRowErrorCode;
  params: RowErrorParams;
  message: string;
}

/** A refused row as stored in VehicleImport.errors and given by the API. */
export interface ImportRowError extends RowProblem {
  line: number;
  field: string;
}

export function rowProblem(code: ImportRowErrorCode, message: string, params: RowErrorParams = {}): RowProblem {
  return { code, params, message };
}

const isCode = (v: unknown): v is ImportRowErrorCode => typeof v === "string" && Object.hasOwn(IMPORT_ROW_ERROR_CODES, v);

/**
 * A stored row error as the API gives it: rows written before codes existed (or with a code this
 * version does not know) become OTHER with no params; params keep only strings and numbers.
 */
export function storedRowError(raw: unknown): ImportRowError {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const params: RowErrorParams = {};
  const code = isCode(r.code) ? r.code : "OTHER";
  if (code !== "OTHER" && r.params && typeof r.params === "object" && !Array.isArray(r.params)) {
    for (const [k, v] of Object.entries(r.params)) if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) params[k] = v;
  }
  return {
    line: typeof r.line === "number" ? r.line : 0,
    field: typeof r.field === "string" ? r.field : "",
    message: typeof r.message === "string" ? r.message : "",
    code,
    params,
  };
}
