import { describe, expect, it } from "vitest";
import { staticFxRates, UnknownCurrencyPairError } from "./fx.js";

describe("static FX rates", () => {
  const fx = staticFxRates({ USD: 1, CNY: 7, LAK: 21_000 });

  it("gives direct, inverse and cross rates through USD", async () => {
    expect((await fx.rate("USD", "CNY")).rate).toBe(7);
    expect((await fx.rate("CNY", "USD")).rate).toBeCloseTo(1 / 7, 12);
    expect((await fx.rate("CNY", "LAK")).rate).toBe(3000);
    expect((await fx.rate("LAK", "LAK")).rate).toBe(1);
  });

  it("names the pair it cannot price", async () => {
    await expect(fx.rate("USD", "XYZ")).rejects.toThrowError(UnknownCurrencyPairError);
    await expect(fx.rate("USD", "XYZ")).rejects.toThrow("No exchange rate from USD to XYZ.");
  });
});
