import { describe, expect, it } from "vitest";
import en from "@/i18n/en";
import zhCN from "@/i18n/zh-CN";
import { parseVinList } from "./certifications";
import { columnOf, csvField, importErrorsCsv, importFileKind, rowErrorText, rowErrorTexts, shortHash, VEHICLE_CSV_COLUMNS, vehicleCsvTemplate, withVinCheckDigit } from "./csv";
import { multipartBody } from "./upload";

describe("vehicle import files", () => {
  it("takes CSV and XLSX by name and nothing else", () => {
    expect(importFileKind("vehicles.CSV")).toBe("csv");
    expect(importFileKind("vehicles.xlsx")).toBe("xlsx");
    expect(importFileKind("vehicles.xls")).toBeNull();
    expect(importFileKind("vehicles.pdf")).toBeNull();
  });

  it("offers a template with exactly the header the API reads", () => {
    expect(vehicleCsvTemplate()).toBe("vin,frame_number,model_code,production_date,battery_serial,motor_number\r\n");
    expect(VEHICLE_CSV_COLUMNS).toHaveLength(6);
  });

  it("names columns as the template spells them", () => {
    expect(columnOf("modelCode")).toBe("model_code");
    expect(columnOf("vin")).toBe("vin");
  });
});

describe("refused-rows report", () => {
  it("quotes commas, quotes and line breaks, and defuses spreadsheet formulas", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(12)).toBe("12");
    expect(csvField(null)).toBe("");
  });

  const CHECK_DIGIT = {
    line: 3,
    field: "vin",
    code: "VIN_CHECK_DIGIT",
    params: { expected: "5", actual: "0" },
    message: "The check digit (9th character) should be 5, not 0: the VIN is mistyped.",
  };

  it("lists each refused row with its code and the problem in the page's language, readable by Excel", () => {
    const text = importErrorsCsv(
      [
        CHECK_DIGIT,
        { line: 7, field: "productionDate", code: "DATE_FORMAT", params: {}, message: "Use a calendar date YYYY-MM-DD." },
        { line: 9, field: "vin", code: "OTHER", params: {}, message: "An old problem, without a code." },
      ],
      { line: "行号", column: "列", code: "代码", message: "问题" },
      rowErrorTexts(zhCN),
    );
    expect(text.startsWith("\uFEFF行号,列,代码,问题\r\n")).toBe(true);
    expect(text).toContain("3,vin,VIN_CHECK_DIGIT,校验位（第 9 位）应为 5，而不是 0：VIN 有误。");
    expect(text).toContain("7,production_date,DATE_FORMAT,请填写 YYYY-MM-DD 格式的有效日期。");
    expect(text).toContain('9,vin,OTHER,"An old problem, without a code."');
    expect(text.trimEnd().split("\r\n")).toHaveLength(4);
    const english = importErrorsCsv([CHECK_DIGIT], { line: "Line", column: "Column", code: "Code", message: "Problem" }, rowErrorTexts(en));
    expect(english).toBe(`\uFEFFLine,Column,Code,Problem\r\n3,vin,VIN_CHECK_DIGIT,"${CHECK_DIGIT.message}"\r\n`);
  });

  it("says each problem in Chinese with its values, and the field's label for {column}", () => {
    const zh = rowErrorTexts(zhCN);
    expect(rowErrorText(CHECK_DIGIT, zh)).toBe("校验位（第 9 位）应为 5，而不是 0：VIN 有误。");
    expect(rowErrorText({ field: "vin", code: "DUPLICATE_IN_FILE", params: { value: "LFV1", firstLine: 7 }, message: "x" }, zh)).toBe(
      "LFV1 在本文件中出现了两次（首次在第 7 行）。",
    );
    expect(rowErrorText({ field: "motorNumber", code: "FIELD_TOO_LONG", params: { max: 128 }, message: "x" }, zh)).toBe("电机编号超过 128 个字符。");
    expect(rowErrorText({ field: "batterySerial", code: "FIELD_MISSING", params: {}, message: "x" }, rowErrorTexts(en))).toBe("Battery serial is missing.");
  });

  it("falls back to the API's message for OTHER, unknown codes and missing values", () => {
    const zh = rowErrorTexts(zhCN);
    expect(rowErrorText({ field: "vin", code: "OTHER", params: {}, message: "Old message." }, zh)).toBe("Old message.");
    expect(rowErrorText({ field: "vin", code: "SOMETHING_NEW", params: {}, message: "New message." }, zh)).toBe("New message.");
    expect(rowErrorText({ field: "vin", code: "toString", params: {}, message: "Not a code." }, zh)).toBe("Not a code.");
    expect(rowErrorText({ ...CHECK_DIGIT, params: { expected: "5" } }, zh)).toBe(CHECK_DIGIT.message);
    expect(rowErrorText({ ...CHECK_DIGIT, params: null }, zh)).toBe(CHECK_DIGIT.message);
    expect(rowErrorText({ ...CHECK_DIGIT, params: { expected: { x: 1 }, actual: "0" } }, zh)).toBe(CHECK_DIGIT.message);
  });

  it("has the same codes and placeholders in English and Chinese", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const enTexts = en.vehicles.import.rowErrors as Record<string, string>;
    const zhTexts = zhCN.vehicles.import.rowErrors as Record<string, string>;
    expect(Object.keys(zhTexts).sort()).toEqual(Object.keys(enTexts).sort());
    for (const [code, text] of Object.entries(enTexts)) expect([code, names(zhTexts[code] ?? "")]).toEqual([code, names(text)]);
  });
});

describe("helpers", () => {
  it("computes the ISO 3779 check digit", () => {
    // 1M8GDM9AXKP042788 is the textbook example of 49 CFR 565
    expect(withVinCheckDigit("1M8GDM9A0KP042788")).toBe("1M8GDM9AXKP042788");
  });

  it("shortens hashes but keeps short text whole", () => {
    expect(shortHash("a".repeat(64))).toBe(`${"a".repeat(8)}…${"a".repeat(8)}`);
    expect(shortHash("abc")).toBe("abc");
  });

  it("reads VIN lists typed one per line or with commas, without repeats", () => {
    expect(parseVinList(" lydE8S2A5R0000017,\nLYDE8S2A5R0000017; LYDE8S2A5R0000018 ")).toEqual(["LYDE8S2A5R0000017", "LYDE8S2A5R0000018"]);
  });
});

describe("multipart upload body", () => {
  it("follows the GraphQL multipart request spec", async () => {
    const file = new Blob(["vin\n"], { type: "text/csv" });
    const body = multipartBody("mutation M($input: ImportVehiclesInput!) { x }", { input: { fileName: "a.csv", file: "ignored" } }, [{ path: "input.file", file, name: "a.csv" }]);
    expect(JSON.parse(String(body.get("operations")))).toEqual({
      query: "mutation M($input: ImportVehiclesInput!) { x }",
      variables: { input: { fileName: "a.csv", file: null } },
    });
    expect(JSON.parse(String(body.get("map")))).toEqual({ "0": ["variables.input.file"] });
    const part = body.get("0") as File;
    expect(part.name).toBe("a.csv");
    expect(await part.text()).toBe("vin\n");
    expect([...body.keys()]).toEqual(["operations", "map", "0"]);
  });
});
