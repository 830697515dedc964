// Importing an uploaded file: CSV (UTF-8 text) or an XLSX workbook, told apart by their bytes
// (a zip's "PK\x03\x04") and, for what the bytes cannot tell, by the name. Anything else is refused
// with a message that says which formats are taken.
import { Readable } from "node:stream";
import type { ServiceContext } from "../../context.js";
import { ValidationError } from "../../errors.js";
import { writerOrgOf } from "../freight/access.js";
import { parseCsv } from "./csv.js";
import { importVehicleRecords } from "./imports.js";
import { readXlsxRecords, XlsxReadError } from "./xlsx.js";

/**
 * The largest file an import takes: 200 MB, room for a million-row CSV (about 60 MB) or XLSX
 * (about 30 MB). The HTTP server refuses larger uploads before they reach a resolver (413).
 */
export const MAX_IMPORT_FILE_BYTES = 200 * 1024 * 1024;

export type ImportFileKind = "csv" | "xlsx";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Formats people upload by mistake, by their first bytes, with what to say. */
const REFUSED: { magic: number[]; what: string }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: "an old Excel (.xls) workbook: save it as .xlsx or CSV" },
  { magic: [0x25, 0x50, 0x44, 0x46], what: "a PDF" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { magic: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { magic: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { magic: [0x1f, 0x8b], what: "a gzip archive" },
  { magic: [0x52, 0x61, 0x72, 0x21], what: "a RAR archive" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: "a 7-Zip archive" },
  { magic: [0xff, 0xfe], what: "UTF-16 text: save it as CSV UTF-8" },
  { magic: [0xfe, 0xff], what: "UTF-16 text: save it as CSV UTF-8" },
];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function refuse(message: string): never {
  throw new ValidationError(message, [{ path: ["file"], message }]);
}

/** Whether the bytes are a CSV or an XLSX file; a ValidationError for anything else. */
export function detectImportFileKind(fileName: string, bytes: Uint8Array): ImportFileKind {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (startsWith(bytes, ZIP)) {
    if (ext && ext !== "xlsx" && ext !== "xlsm") refuse(`${fileName.slice(0, 100)} is a zip archive, not an XLSX workbook or a CSV file.`);
    return "xlsx";
  }
  if (bytes.length === 0) refuse("The file is empty.");
  const known = REFUSED.find((r) => startsWith(bytes, r.magic));
  if (known) refuse(`This file is ${known.what}. Upload a CSV (UTF-8) or an XLSX file.`);
  if (ext === "xlsx" || ext === "xlsm") refuse(`${fileName.slice(0, 100)} is named like an XLSX workbook but is not one (an XLSX file is a zip archive).`);
  if (ext === "xls") refuse("Old Excel (.xls) workbooks are not read: save it as .xlsx or CSV.");
  if (ext && !["csv", "txt", "tsv"].includes(ext)) refuse(`.${ext} files are not read. Upload a CSV (UTF-8) or an XLSX file.`);
  // Text: no NUL bytes where a CSV has none.
  if (bytes.subarray(0, 64 * 1024).includes(0)) refuse("This file is not text. Upload a CSV (UTF-8) or an XLSX file.");
  return "csv";
}

/** The end-of-central-directory record's offset, or -1 when the archive was cut off. */
function endOfCentralDirectory(bytes: Uint8Array): number {
  // "PK\x05\x06", within the last 22 + 65,535 bytes (the record and its comment).
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return i;
  }
  return -1;
}

/** Uncompressed bytes the shared strings table (all kept in memory while reading) may take. */
export const MAX_XLSX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;
/** Uncompressed bytes a whole workbook may take: a guard against zip bombs. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024 - 1;

/**
 * Checks an XLSX archive's central directory before it is read: complete, and not unpacking to
 * more than the limits (the sizes it declares; a Zip64 entry declares more than 4 GB).
 */
function checkXlsxArchive(bytes: Uint8Array): void {
  const eocd = endOfCentralDirectory(bytes);
  if (eocd < 0) refuse("The XLSX file is incomplete (the upload may have been cut off); upload it again.");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) refuse("The XLSX file's directory is damaged; save the workbook again.");
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    total += size;
    if (size === 0xffffffff || total > MAX_XLSX_UNCOMPRESSED_BYTES) refuse("The workbook unpacks to more than 4 GB; split it into several files.");
    if (name === "xl/sharedStrings.xml" && size > MAX_XLSX_SHARED_STRINGS_BYTES) {
      refuse(`The workbook's text table is larger than ${MAX_XLSX_SHARED_STRINGS_BYTES / 1024 / 1024} MB unpacked; split it into several files or import CSV.`);
    }
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
}

/**
 * Imports an uploaded CSV or XLSX file (the first worksheet, a header row as in a CSV). Line
 * numbers in the report are the file's lines or the sheet's row numbers.
 */
export async function importVehiclesFile(ctx: ServiceContext, input: { fileName: string; file: File }) {
  writerOrgOf(ctx, "MANUFACTURER", "register vehicles");
  const { file, fileName } = input;
  if (file.size > MAX_IMPORT_FILE_BYTES) refuse(`The file is larger than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB; split it into several imports.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = detectImportFileKind(fileName || file.name, bytes);
  if (kind === "csv") {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      refuse("The file is not UTF-8 text. Save it as CSV UTF-8, or upload the XLSX workbook.");
    }
    return importVehicleRecords(ctx, { fileName, records: parseCsv(text), field: "file" });
  }
  checkXlsxArchive(bytes);
  const records = readXlsxRecords(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]));
  try {
    return await importVehicleRecords(ctx, { fileName, records, field: "file" });
  } catch (e) {
    if (e instanceof XlsxReadError) refuse(`${e.message} Is it an XLSX workbook?`);
    throw e;
  } finally {
    await records.return(undefined);
  }
}
