// Reads the first worksheet of an XLSX workbook row by row with exceljs' streaming reader, so a
// sheet of a million rows is never held as a whole workbook in memory. Each row comes out as text
// fields like a CSV record, numbered as the sheet numbers its rows.
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { CsvRecord } from "./csv.js";

/** A problem with the workbook itself (not a zip, no worksheet, a broken part). */
export class XlsxReadError extends Error {
  override name = "XlsxReadError";
}

/** The text a person sees in a cell, for the cell kinds a registry sheet holds. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  // A date-formatted cell: exceljs gives the calendar day at UTC midnight (plus the time of day).
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { richText?: { text?: string }[]; result?: unknown; formula?: string; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? "").join("");
    if ("formula" in v || "sharedFormula" in v) return cellText(v.result);
    if (typeof v.error === "string") return v.error;
    if ("text" in v) return cellText(v.text);
  }
  return String(value);
}

/**
 * The first worksheet's rows with at least one non-empty cell, as text fields (column A first).
 * Throws XlsxReadError when the workbook cannot be read.
 */
export async function* readXlsxRecords(input: Readable): AsyncGenerator<CsvRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles tell which numbers are dates.
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let sawSheet = false;
  try {
    for await (const sheet of reader) {
      // Sheets stream in zip order; the first sheet is the first one the workbook lists.
      const model = (reader as unknown as { model?: { sheets?: { name?: string }[] } }).model;
      const firstName = model?.sheets?.[0]?.name;
      const name = (sheet as unknown as { name?: string }).name;
      if (firstName !== undefined && name !== undefined && name !== firstName) continue;
      sawSheet = true;
      let previous = 0;
      for await (const row of sheet) {
        // Rows without an r attribute (some generators omit it) follow the previous one.
        const line = Number.isInteger(row.number) && row.number > 0 ? row.number : previous + 1;
        previous = line;
        const values = row.values as unknown[];
        const fields: string[] = [];
        let any = false;
        for (let c = 1; c < values.length; c++) {
          const text = cellText(values[c]);
          if (text.trim() !== "") any = true;
          fields.push(text);
        }
        if (any) yield { line, fields };
      }
      break; // the other sheets are not read
    }
  } catch (e) {
    throw new XlsxReadError(`The workbook could not be read: ${e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200)}`);
  } finally {
    input.destroy();
  }
  if (!sawSheet) throw new XlsxReadError("The workbook has no worksheet.");
}
