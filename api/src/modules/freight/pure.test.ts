import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Leg } from "../network/reference.js";
import { assertTransition, bookingTransitions, canTransition } from "./booking-state.js";
import { convert, fclQuote, lclQuote, type Tariff } from "./quote.js";
import { countriesOnRoute, estimateEta, lithiumRefusal, scheduledEta } from "./route.js";

const tariff: Tariff = { currency: "USD", lclPerWmMinor: 9500, wmKgPerCbm: 1000, fcl40Minor: 420000, fcl20Minor: 260000 };
const line = (crates: number, kgEach: number, cbmMilliEach: number) => ({ label: "x", quantity: crates, crates, grossKg: crates * kgEach, volumeCbmMilli: crates * cbmMilliEach });

describe("quotes", () => {
  it("charges LCL by volume when crates are light for their size", () => {
    // 10 e-motorcycles, 1.9 × 0.65 × 1.1 m = 1.3585 m³, 95 kg each
    const q = lclQuote(tariff, [line(10, 95, 1359)]);
    expect(q.chargeableWmMilli).toBe(13590);
    expect(q.total).toEqual({ amountMinor: 129105, currency: "USD" });
    expect(q.milliFeu).toBe(Math.ceil(13590 / 64.8));
  });

  it("charges by weight when the cargo is dense, and at least one W/M", () => {
    expect(lclQuote(tariff, [line(10, 200, 100)]).chargeableWmMilli).toBe(2000);
    const tiny = lclQuote(tariff, [line(1, 20, 50)]);
    expect(tiny.chargeableWmMilli).toBe(1000);
    expect(tiny.items[0]?.code).toBe("MINIMUM_CHARGE");
  });

  it("never charges less when cargo grows (monotone) and always whole minor units", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 50 }), (n, kg, cbm, more) => {
        const a = lclQuote(tariff, [line(n, kg, cbm)]);
        const b = lclQuote(tariff, [line(n + more, kg, cbm)]);
        expect(Number.isInteger(a.total.amountMinor)).toBe(true);
        expect(b.total.amountMinor).toBeGreaterThanOrEqual(a.total.amountMinor);
      }),
    );
  });

  it("prices FCL per container", () => {
    const q = fclQuote(tariff, { fcl40: 2, fcl20: 1 }, []);
    expect(q.total.amountMinor).toBe(2 * 420000 + 260000);
    expect(q.milliFeu).toBe(2500);
  });

  it("converts between currencies with different minor units", () => {
    expect(convert({ amountMinor: 10000, currency: "USD" }, { currency: "LAK", minorUnits: 0 }, { minorUnits: 2 }, 21500)).toEqual({ amountMinor: 2150000, currency: "LAK" });
    expect(convert({ amountMinor: 700, currency: "CNY" }, { currency: "CNY", minorUnits: 2 }, { minorUnits: 2 }, 1)).toEqual({ amountMinor: 700, currency: "CNY" });
  });
});

describe("booking state machine", () => {
  it("only allows the listed transitions", () => {
    expect(canTransition("WAITLISTED", "CONFIRMED")).toBe(true);
    expect(canTransition("DELIVERED", "CANCELLED")).toBe(false);
    expect(() => assertTransition("CANCELLED", "CONFIRMED")).toThrow(/cancelled booking cannot become confirmed/);
    for (const terminal of ["DELIVERED", "CANCELLED", "ROLLED"] as const) expect(bookingTransitions[terminal]).toEqual([]);
    // a cancelled or rolled booking is reached from every status that is still open
    for (const open of ["WAITLISTED", "CONFIRMED", "PLANNED", "ROLL_OFFERED"] as const) expect(canTransition(open, "CANCELLED")).toBe(true);
    expect(canTransition("IN_TRANSIT", "CANCELLED")).toBe(false);
  });
});

const legs: Leg[] = [
  { seq: 1, fromCode: "CQ", toCode: "KMG", transitHours: 16, dwellHours: 24, fromCountry: "CN", toCountry: "CN", maxFeu: null },
  { seq: 2, fromCode: "KMG", toCode: "BOTEN", transitHours: 9, dwellHours: 8, fromCountry: "CN", toCountry: "LA", maxFeu: null },
  { seq: 3, fromCode: "BOTEN", toCode: "VTE", transitHours: 8, dwellHours: 0, fromCountry: "LA", toCountry: "LA", maxFeu: null },
];

describe("route", () => {
  const departs = new Date("2026-12-01T02:00:00Z");
  it("computes the scheduled ETA and re-estimates it from milestones", () => {
    expect(scheduledEta(departs, legs).toISOString()).toBe("2026-12-03T19:00:00.000Z");
    // arrived at the border 5 hours late: border dwell and the last leg remain
    const late = new Date(departs.getTime() + (16 + 24 + 9 + 5) * 3_600_000);
    expect(estimateEta(departs, legs, { stationCode: "BOTEN", occurredAt: late, type: "BORDER_CROSSING" }).getTime()).toBe(late.getTime() + 16 * 3_600_000);
    expect(estimateEta(departs, legs, null)).toEqual(scheduledEta(departs, legs));
  });

  it("lists countries crossed and refuses lithium where a country does", () => {
    expect(countriesOnRoute(legs)).toEqual(["CN", "LA"]);
    const rules = [
      { countryCode: "CN", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: true, maxStateOfChargePct: 65 },
      { countryCode: "LA", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: false, maxStateOfChargePct: null },
    ];
    expect(lithiumRefusal([{ label: "E-moto X", unNumber: "UN3171", stateOfChargePct: 50 }], ["CN", "LA"], rules)).toBeNull();
    expect(lithiumRefusal([{ label: "E-moto X", unNumber: "UN3171", stateOfChargePct: 80 }], ["CN", "LA"], rules)).toMatch(/80% charge exceed the 65% cap in CN/);
    expect(lithiumRefusal([{ label: "Spare packs", unNumber: "UN3480", stateOfChargePct: 30 }], ["CN", "LA"], rules)).toMatch(/UN3480 .* not accepted in CN/);
  });
});
