import { builder } from "./builder.js";

export interface MoneyShape {
  amountMinor: number;
  currency: string;
}

export const MoneyRef = builder.objectRef<MoneyShape>("Money").implement({
  description: "An amount of money: an integer number of the currency's minor units (fen, cent; kip and đồng have none).",
  authScopes: { public: true },
  fields: (t) => ({
    amountMinor: t.float({ description: "Whole minor units (exact up to 2^53).", resolve: (m) => m.amountMinor }),
    currency: t.string({ resolve: (m) => m.currency }),
  }),
});
