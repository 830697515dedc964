import { describe, expect, it } from "vitest";
import { parseVinList } from "../vehicles/certifications";
import { CUSTODY_TYPES, DEPARTURE_REF, stopsTheRun, summarize } from "./lines";

describe("custody lines", () => {
  it("reads pasted VINs and frame numbers with the certification desk's parser: one per line, upper-cased, without repeats or blanks", () => {
    expect(parseVinList(" lydee8s00ta000001\n\nLYDEE8S00TA000001\r\nYD-FRAME-7 \n")).toEqual(["LYDEE8S00TA000001", "YD-FRAME-7"]);
    expect(parseVinList("  \n ")).toEqual([]);
  });

  it("lets dealers record deliveries only", () => {
    expect(CUSTODY_TYPES.DEALER).toEqual(["DELIVERED"]);
    expect(CUSTODY_TYPES.OPERATOR).toEqual(["SHIPPED", "BORDER_CROSSED", "DELIVERED"]);
  });

  it("checks departure references like the API", () => {
    expect(DEPARTURE_REF.test("CQ-VTE-20261125")).toBe(true);
    expect(DEPARTURE_REF.test("-bad")).toBe(false);
    expect(DEPARTURE_REF.test("has space")).toBe(false);
    expect(DEPARTURE_REF.test("x".repeat(129))).toBe(false);
  });

  it("stops the run on errors of the form, not of one vehicle", () => {
    expect(stopsTheRun({ code: "NOT_FOUND" })).toBe(false);
    expect(stopsTheRun({ code: "VALIDATION", fieldErrors: [{ path: ["vin"] }] })).toBe(false);
    expect(stopsTheRun({ code: "VALIDATION", fieldErrors: [{ path: ["input", "place"] }] })).toBe(true);
    expect(stopsTheRun({ code: "FORBIDDEN" })).toBe(true);
  });

  it("counts what is done", () => {
    expect(
      summarize([
        { key: "A", kind: "VIN", status: "RECORDED" },
        { key: "B", kind: "VIN", status: "FAILED" },
        { key: "C", kind: "VIN", status: "RECORDING" },
      ]),
    ).toEqual({ done: 2, recorded: 1, failed: 1, total: 3 });
  });
});
