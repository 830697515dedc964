/**
 * Foreign-exchange rates behind a small interface. The local default serves a fixed table so
 * Corridor runs offline; a production adapter (a bank's or the PBoC's feed) implements the same
 * interface. Rates are major units of `to` per major unit of `from`.
 */
export interface FxRate {
  from: string;
  to: string;
  rate: number;
  asOf: string;
  source: string;
}

export interface FxRates {
  rate(from: string, to: string, on?: Date): Promise<FxRate>;
}

export class UnknownCurrencyPairError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`No exchange rate from ${from} to ${to}.`);
  }
}

/** Indicative USD rates for the corridor's currencies (late 2026; for quotes shown in a second currency only). */
export const defaultUsdRates: Record<string, number> = {
  USD: 1,
  CNY: 7.12,
  EUR: 0.93,
  PLN: 4.02,
  KZT: 505,
  RUB: 92,
  LAK: 21_500,
  VND: 25_400,
  THB: 35.6,
  IDR: 16_100,
  MYR: 4.45,
  PHP: 57.8,
};

/** Cross rates through USD from a fixed table. */
export function staticFxRates(usdRates: Record<string, number> = defaultUsdRates, asOf = "2026-11-01"): FxRates {
  return {
    async rate(from, to) {
      const f = usdRates[from];
      const t = usdRates[to];
      if (f === undefined || t === undefined) throw new UnknownCurrencyPairError(from, to);
      return { from, to, rate: from === to ? 1 : t / f, asOf, source: "corridor-static-table" };
    },
  };
}
