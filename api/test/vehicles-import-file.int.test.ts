/**
 * Importing vehicles from an uploaded file (GraphQL multipart request): XLSX workbooks built here
 * with exceljs, CSV files, and files that are neither. Row numbers in the report are the sheet's.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectImportFileKind } from "../src/modules/vehicles/import-file.js";
import { vinCheckDigit } from "../src/modules/vehicles/vin.js";
import { cellText } from "../src/modules/vehicles/xlsx.js";
import { createTestContext, type GqlResult, personIn, type TestContext } from "./harness.js";

let t: TestContext;
let maker: Awaited<ReturnType<typeof personIn>>;
const MODEL = "YD-X1";

function vin(n: number): string {
  const draft = `LYDTS2A0RBX${String(n).padStart(6, "0")}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

const IMPORT = `mutation($i: ImportVehiclesInput!) { importVehicles(input: $i) { __typename
  ... on ImportVehiclesSuccess { data { id fileName status totalRows processedRows importedRows errorRows batchCount errors { line field code params message } } }
  ... on ValidationError { fieldErrors { path message } }
  ... on DomainError { code message } } }`;

interface ImportResult {
  importVehicles: {
    __typename: string;
    code?: string;
    message?: string;
    data?: {
      fileName: string;
      status: string;
      totalRows: number;
      importedRows: number;
      errorRows: number;
      batchCount: number;
      errors: { line: number; field: string; code: string; params: Record<string, unknown>; message: string }[];
    };
  };
}

/** Sends importVehicles as a multipart request (graphql-multipart-request-spec), as a browser does. */
async function upload(
  fileName: string,
  files: { name: string; bytes: Uint8Array<ArrayBuffer> | string; type?: string }[],
  extra: Record<string, unknown> = {},
): Promise<GqlResult<ImportResult>> {
  const form = new FormData();
  form.set("operations", JSON.stringify({ query: IMPORT, variables: { i: { fileName, file: null, ...extra } } }));
  form.set("map", JSON.stringify(Object.fromEntries(files.map((_, i) => [String(i), ["variables.i.file"]]))));
  files.forEach((f, i) => {
    form.set(String(i), new Blob([f.bytes], { type: f.type ?? "application/octet-stream" }), f.name);
  });
  const res = await t.app.fetch("http://corridor.test/graphql", { method: "POST", headers: { authorization: `Bearer ${maker.token}` }, body: form });
  const body = (await res.json()) as { data?: ImportResult; errors?: GqlResult["errors"] };
  return { status: res.status, data: body.data ?? null, errors: body.errors, headers: res.headers };
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A zip whose central directory lists one entry of the given uncompressed size (its data is never read). */
function zipDeclaring(name: string, uncompressed: number): Uint8Array<ArrayBuffer> {
  const nameBytes = new TextEncoder().encode(name);
  const local = new Uint8Array(30 + nameBytes.length);
  new DataView(local.buffer).setUint32(0, 0x04034b50, true);
  local.set(nameBytes, 30);
  const cd = new Uint8Array(46 + nameBytes.length);
  const c = new DataView(cd.buffer);
  c.setUint32(0, 0x02014b50, true);
  c.setUint32(24, uncompressed, true);
  c.setUint16(28, nameBytes.length, true);
  cd.set(nameBytes, 46);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, 1, true);
  e.setUint16(10, 1, true);
  e.setUint32(12, cd.length, true);
  e.setUint32(16, local.length, true);
  const out = new Uint8Array(local.length + cd.length + end.length);
  out.set(local, 0);
  out.set(cd, local.length);
  out.set(end, local.length + cd.length);
  return out;
}

const HEADER = ["VIN", "Frame Number", "Model Code", "Production Date", "Battery Serial", "Motor Number"];

beforeAll(async () => {
  t = await createTestContext();
  maker = await personIn(t, "MANUFACTURER");
  await t.db.vehicleModel.create({
    data: { makerOrgId: maker.org.id, code: MODEL, name: "X1", category: "E_MOTORCYCLE", crateLengthMm: 1900, crateWidthMm: 700, crateHeightMm: 1100, crateGrossKg: 120 },
  });
});
afterAll(async () => {
  await t?.close();
});

describe("file kinds", () => {
  it("tells XLSX from CSV by the bytes and refuses other formats", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(detectImportFileKind("v.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe("xlsx");
    expect(detectImportFileKind("no-extension", new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe("xlsx");
    expect(detectImportFileKind("v.csv", enc("vin,model\n"))).toBe("csv");
    expect(detectImportFileKind("v", enc("vin,model\n"))).toBe("csv");
    expect(() => detectImportFileKind("v.pdf", enc("%PDF-1.7"))).toThrow(/PDF/);
    expect(() => detectImportFileKind("v.csv", enc("%PDF-1.7"))).toThrow(/PDF/);
    expect(() => detectImportFileKind("v.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toThrow(/\.xls/);
    expect(() => detectImportFileKind("v.xlsx", enc("vin,model\n"))).toThrow(/not one/);
    expect(() => detectImportFileKind("v.docx", new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toThrow(/zip archive/);
    expect(() => detectImportFileKind("v.json", enc("{}"))).toThrow(/\.json files/);
    expect(() => detectImportFileKind("v.csv", new Uint8Array([0x76, 0x00, 0x69]))).toThrow(/not text/);
    expect(() => detectImportFileKind("v.csv", new Uint8Array([]))).toThrow(/empty/);
  });

  it("reads cells as the text a person sees", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(12345678901234)).toBe("12345678901234");
    expect(cellText(1.5)).toBe("1.5");
    expect(cellText(new Date(Date.UTC(2026, 2, 4)))).toBe("2026-03-04");
    expect(cellText({ richText: [{ text: "BAT-" }, { text: "7" }] })).toBe("BAT-7");
    expect(cellText({ formula: "A1&B1", result: "MOT-9" })).toBe("MOT-9");
    expect(cellText({ text: "link", hyperlink: "https://example.com" })).toBe("link");
    expect(cellText({ error: "#N/A" })).toBe("#N/A");
  });
});

describe("importing an uploaded file", () => {
  it("imports the good rows of an XLSX workbook and reports the bad ones by sheet row", async () => {
    const good = Array.from({ length: 25 }, (_, i) => vin(100 + i));
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet("Vehicles");
      ws.addRow(HEADER); // row 1
      good.forEach((v, i) => {
        // Dates as real date cells, serials as numbers or rich text: what a spreadsheet holds.
        ws.addRow([v, null, MODEL, new Date(Date.UTC(2026, 2, 1 + (i % 9))), i % 2 ? 900000 + i : `BAT-${i}`, { richText: [{ text: "MOT-" }, { text: String(i) }] }]);
      }); // rows 2..26
      ws.addRow([]); // row 27: blank, skipped
      ws.addRow([vin(900), null, "NO-SUCH-MODEL", "2026-03-01", "BAT-u", "MOT-u"]); // row 28
      ws.addRow([good[3], null, MODEL, "2026-03-01", "BAT-d", "MOT-d"]); // row 29: twice in the file
      ws.addRow([vin(901), null, MODEL, "03/01/2026", "BAT-x", "MOT-x"]); // row 30: not YYYY-MM-DD
      ws.getCell("D2").numFmt = "yyyy-mm-dd";
      // A second sheet is not read.
      const other = wb.addWorksheet("Notes");
      other.addRow(HEADER);
      other.addRow([vin(902), null, MODEL, "2026-03-01", "BAT-n", "MOT-n"]);
    });
    const r = await upload("march.xlsx", [{ name: "march.xlsx", bytes, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }]);
    expect(r.errors).toBeUndefined();
    expect(r.data?.importVehicles.__typename).toBe("ImportVehiclesSuccess");
    const d = r.data?.importVehicles.data;
    expect(d).toMatchObject({ fileName: "march.xlsx", status: "DONE", totalRows: 28, importedRows: 25, errorRows: 3, batchCount: 1 });
    expect(d?.errors.map((e) => [e.line, e.field])).toEqual([
      [28, "modelCode"],
      [29, "vin"],
      [30, "productionDate"],
    ]);
    expect(d?.errors[1]?.message).toMatch(/twice.*line 5/);
    expect(d?.errors.map((e) => [e.code, e.params])).toEqual([
      ["MODEL_UNKNOWN", { value: "NO-SUCH-MODEL" }],
      ["DUPLICATE_IN_FILE", { value: good[3], firstLine: 5 }],
      ["DATE_FORMAT", {}],
    ]);
    const stored = await t.db.vehicle.findMany({ where: { makerOrgId: maker.org.id }, orderBy: { leafIndex: "asc" } });
    expect(stored).toHaveLength(25);
    const first = stored.find((v) => v.vin === good[0]);
    expect(first?.productionDate.toISOString().slice(0, 10)).toBe("2026-03-01");
    expect(first?.batterySerial).toBe("BAT-0");
    expect(first?.motorNumber).toBe("MOT-0");
    expect(stored.find((v) => v.vin === good[1])?.batterySerial).toBe("900001");
    expect(await t.db.vehicle.count({ where: { vin: vin(902) } })).toBe(0);
  });

  it("imports an uploaded CSV file with line numbers of the file", async () => {
    const csv = `${HEADER.join(",")}\n${vin(200)},,${MODEL},2026-04-01,BAT-c1,MOT-c1\n\n${vin(201)},,${MODEL},2026-13-01,BAT-c2,MOT-c2\n`;
    const r = await upload("april.csv", [{ name: "april.csv", bytes: `\ufeff${csv}`, type: "text/csv" }]);
    expect(r.data?.importVehicles.data).toMatchObject({ status: "DONE", importedRows: 1, errorRows: 1 });
    expect(r.data?.importVehicles.data?.errors.map((e) => [e.line, e.field, e.code])).toEqual([[4, "productionDate", "DATE_FORMAT"]]);
  });

  it("refuses files that are neither CSV nor XLSX, and broken workbooks, with VALIDATION", async () => {
    const before = await t.db.vehicleImport.count();
    const pdf = await upload("scan.pdf", [{ name: "scan.pdf", bytes: "%PDF-1.7\n%âãÏÓ\n" }]);
    expect(pdf.data?.importVehicles).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(pdf.data?.importVehicles.message).toMatch(/PDF.*CSV.*XLSX/);

    const good = await workbook((wb) => {
      wb.addWorksheet("V").addRow(HEADER);
    });
    const cut = await upload("cut.xlsx", [{ name: "cut.xlsx", bytes: good.subarray(0, Math.floor(good.length / 2)) }]);
    expect(cut.data?.importVehicles).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(cut.data?.importVehicles.message).toMatch(/incomplete/);

    // A zip header, garbage, and an end-of-directory record: a zip that cannot be read.
    const garbage = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(200).fill(7), 0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    const broken = await upload("broken.xlsx", [{ name: "broken.xlsx", bytes: garbage }]);
    expect(broken.data?.importVehicles).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(broken.data?.importVehicles.message).toMatch(/could not be read/);

    // A zip bomb: the directory declares a text table far larger than it may be unpacked.
    const bomb = zipDeclaring("xl/sharedStrings.xml", 300 * 1024 * 1024);
    const tooBig = await upload("bomb.xlsx", [{ name: "bomb.xlsx", bytes: bomb }]);
    expect(tooBig.data?.importVehicles).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(tooBig.data?.importVehicles.message).toMatch(/text table is larger than 256 MB/);
    const huge = await upload("huge.xlsx", [{ name: "huge.xlsx", bytes: zipDeclaring("xl/worksheets/sheet1.xml", 0xffffffff) }]);
    expect(huge.data?.importVehicles.message).toMatch(/more than 4 GB/);

    const noColumns = await upload("bad.xlsx", [
      {
        name: "bad.xlsx",
        bytes: await workbook((wb) => {
          wb.addWorksheet("V").addRow(["VIN", "Colour"]);
        }),
      },
    ]);
    expect(noColumns.data?.importVehicles).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(noColumns.data?.importVehicles.message).toMatch(/model_code/);
    expect(await t.db.vehicleImport.count()).toBe(before);
  });

  it("takes exactly one of file and csv, and a file only as an upload", async () => {
    const both = await upload("x.csv", [{ name: "x.csv", bytes: `${HEADER.join(",")}\n` }], { csv: `${HEADER.join(",")}\n` });
    expect(both.data?.importVehicles).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    const neither = await t.app.fetch("http://corridor.test/graphql", {
      method: "POST",
      headers: { authorization: `Bearer ${maker.token}`, "content-type": "application/json" },
      body: JSON.stringify({ query: IMPORT, variables: { i: { fileName: "x.csv" } } }),
    });
    const nb = (await neither.json()) as { data: ImportResult };
    expect(nb.data.importVehicles).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    // A string where a File goes: a request error, not a crash.
    const str = await t.app.fetch("http://corridor.test/graphql", {
      method: "POST",
      headers: { authorization: `Bearer ${maker.token}`, "content-type": "application/json" },
      body: JSON.stringify({ query: IMPORT, variables: { i: { fileName: "x.csv", file: "vin,model" } } }),
    });
    const sb = (await str.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(sb.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(sb.errors[0]?.message).toMatch(/multipart/);
  });

  it("keeps answering other requests while a large import runs (the embedded database has no I/O to yield on)", async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `${vin(300_000 + i)},,${MODEL},2026-03-01,BAT-l${i},MOT-l${i}`);
    let finished = false;
    const running = upload("large.csv", [{ name: "large.csv", bytes: `${HEADER.join(",")}\n${lines.join("\n")}\n`, type: "text/csv" }]).then((r) => {
      finished = true;
      return r;
    });
    // A timer only fires when the import gives the event loop a turn.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const health = await t.app.fetch("http://corridor.test/healthz");
    expect(health.status).toBe(200);
    expect(finished).toBe(false);
    expect((await running).data?.importVehicles.data).toMatchObject({ status: "DONE", importedRows: 30_000, errorRows: 0 });
  });

  it("reads files larger than GraphQL Yoga's 25 MB default body limit (a million rows is about 60 MB)", async () => {
    const big = new Uint8Array(30 * 1024 * 1024);
    big.set(new TextEncoder().encode("%PDF-1.7\n"));
    const r = await upload("big.pdf", [{ name: "big.pdf", bytes: big }]);
    // Refused for what it is, by the resolver: the request body itself was accepted.
    expect(r.status).toBe(200);
    expect(r.data?.importVehicles).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(r.data?.importVehicles.message).toMatch(/PDF/);
  });

  it("takes one file per request: the upload limits are in force", async () => {
    const csv = `${HEADER.join(",")}\n`;
    const r = await upload("x.csv", [
      { name: "a.csv", bytes: csv },
      { name: "b.csv", bytes: csv },
    ]);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.data?.importVehicles ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).not.toBe("INTERNAL");
  });
});
