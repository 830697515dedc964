import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountInWords, containerCheckDigit, currencyDigits, formatInstant, formatMinor, isContainerNumber } from "../src/index.js";

describe("money in minor units", () => {
  it("formats exactly per ISO 4217 digits", () => {
    expect(formatMinor(123450, "USD")).toBe("1,234.50");
    expect(formatMinor(5, "EUR")).toBe("0.05");
    expect(formatMinor(-123450, "USD")).toBe("-1,234.50");
    expect(formatMinor(1500000, "VND")).toBe("1,500,000");
    expect(formatMinor(1234, "JPY")).toBe("1,234");
    expect(currencyDigits("BHD")).toBe(3);
    expect(formatMinor(1234567, "BHD")).toBe("1,234.567");
  });

  it("round-trips integers without floating-point error (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(BigInt(formatMinor(n, "USD").replace(/[,.]/g, ""))).toBe(BigInt(n));
      }),
    );
  });

  it("spells amounts for the invoice", () => {
    expect(amountInWords({ amountMinor: 5234850, currency: "USD" })).toBe("SAY US DOLLARS FIFTY-TWO THOUSAND THREE HUNDRED AND FORTY-EIGHT AND CENTS FIFTY ONLY");
    expect(amountInWords({ amountMinor: 100, currency: "EUR" })).toBe("SAY EUROS ONE ONLY");
  });
});

describe("dates and containers", () => {
  it("shows the instant in the document's zone with its offset", () => {
    expect(formatInstant("2025-03-14T02:30:00Z", "Asia/Shanghai")).toBe("2025-03-14 10:30 UTC+08:00 (Asia/Shanghai)");
    expect(formatInstant("2025-03-30T01:30:00Z", "Europe/Berlin")).toBe("2025-03-30 03:30 UTC+02:00 (Europe/Berlin)");
    expect(formatInstant("2025-03-14T02:30:00Z", "UTC")).toBe("2025-03-14 02:30 UTC+00:00 (UTC)");
  });

  it("checks ISO 6346 container numbers", () => {
    expect(isContainerNumber("CSQU3054383")).toBe(true);
    expect(isContainerNumber("CSQU3054384")).toBe(false);
    expect(containerCheckDigit("MSKU123400")).toBeGreaterThanOrEqual(0);
    expect(isContainerNumber("msku1234565")).toBe(false);
  });
});
