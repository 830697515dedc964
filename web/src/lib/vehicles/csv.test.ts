import { describe, expect, it } from "vitest";
import { parseVinList } from "./certifications";
import { columnOf, csvField, importErrorsCsv, importFileKind, shortHash, VEHICLE_CSV_COLUMNS, vehicleCsvTemplate, withVinCheckDigit } from "./csv";
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

  it("lists each refused row under translated headers, readable by Excel", () => {
    const text = importErrorsCsv(
      [
        { line: 3, field: "vin", message: "The check digit (9th character) should be 5, not 0: the VIN is mistyped." },
        { line: 7, field: "productionDate", message: "Use a calendar date YYYY-MM-DD." },
      ],
      { line: "行号", column: "列", message: "问题" },
    );
    expect(text.startsWith("\uFEFF行号,列,问题\r\n")).toBe(true);
    expect(text).toContain('3,vin,"The check digit (9th character) should be 5, not 0: the VIN is mistyped."');
    expect(text).toContain("7,production_date,Use a calendar date YYYY-MM-DD.");
    expect(text.trimEnd().split("\r\n")).toHaveLength(3);
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
