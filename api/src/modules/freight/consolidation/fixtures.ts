/** Factories for tests and examples: realistic defaults, override what a case is about. */
import type { CargoLine, CrateSpec } from "./types.js";

/** A crated e-motorcycle: 1.9 × 0.65 × 1.1 m, 90 kg, two tiers, battery fitted (UN3171). */
export function crate(overrides: Partial<CrateSpec> = {}): CrateSpec {
  return {
    length: 1900,
    width: 650,
    height: 1100,
    grossKg: 90,
    stackLimit: { maxTiers: 2 },
    mayTurn: true,
    packaging: "CBU",
    lithium: { un: "UN3171", whPerCrate: 2000, stateOfCharge: 0.5 },
    ...overrides,
  };
}

export const EBIKE: Partial<CrateSpec> = {
  length: 1500,
  width: 300,
  height: 800,
  grossKg: 28,
  stackLimit: { maxTiers: 3 },
  lithium: { un: "UN3171", whPerCrate: 500, stateOfCharge: 0.5 },
};
export const CARTON: Partial<CrateSpec> = { length: 600, width: 400, height: 400, grossKg: 25, stackLimit: { maxTiers: 6 }, packaging: "CKD", lithium: { un: "none" } };
export const BATTERIES: Partial<CrateSpec> = {
  length: 600,
  width: 400,
  height: 300,
  grossKg: 28,
  stackLimit: { maxTiers: 5 },
  packaging: "SKD",
  lithium: { un: "UN3480", whPerCrate: 1500, stateOfCharge: 0.3 },
};

let seq = 0;
export function line(overrides: Partial<CargoLine> & { crate?: CrateSpec } = {}): CargoLine {
  seq++;
  return {
    id: `line-${seq}`,
    bookingId: `booking-${seq}`,
    destination: { stopCode: "DEDUI", unloadOrder: 1 },
    crate: crate(),
    quantity: 10,
    ...overrides,
  };
}
