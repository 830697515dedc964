/** Money is an integer amount of the currency's minor unit (fen, cent, kip) with its currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amount must be a whole number of minor units, got ${amountMinor}`);
  return { amountMinor, currency };
}

export function sum(currency: string, items: Money[]): Money {
  let total = 0;
  for (const m of items) {
    if (m.currency !== currency) throw new RangeError(`cannot add ${m.currency} to ${currency}`);
    total += m.amountMinor;
  }
  return money(total, currency);
}

/** Multiplies by a rational factor and rounds half up, so a fraction of a cent never disappears silently. */
export function scale(m: Money, numerator: number, denominator = 1): Money {
  return money(Math.round((m.amountMinor * numerator) / denominator), m.currency);
}
