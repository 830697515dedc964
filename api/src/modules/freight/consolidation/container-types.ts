import type { ContainerType, LithiumRules } from "./types.js";

/**
 * Typical ISO container figures (DOMAIN.md "Containers and crates"). Lessors' boxes differ by a few
 * millimetres and rail corridors cap payload below ISO ratings, so callers pass their own data;
 * these are defaults for demos, tests and benchmarks.
 */
export const CONTAINER_40HQ: ContainerType = {
  code: "40HQ",
  name: "40 ft high cube",
  inner: { length: 12_032, width: 2_350, height: 2_697 },
  door: { width: 2_340, height: 2_580 },
  payloadKg: 26_500,
  tareKg: 3_940,
  teu: 2,
};

export const CONTAINER_20GP: ContainerType = {
  code: "20GP",
  name: "20 ft general purpose",
  inner: { length: 5_898, width: 2_352, height: 2_393 },
  // Door and tare are typical values, not from DOMAIN.md; payload "~28 t, check rail limits".
  door: { width: 2_340, height: 2_280 },
  payloadKg: 28_000,
  tareKg: 2_230,
  teu: 1,
};

export const DEFAULT_CONTAINER_TYPES: readonly ContainerType[] = [CONTAINER_40HQ, CONTAINER_20GP];

/**
 * A cautious default: every lithium class accepted, vehicles at most 65 % charged (Chinese domestic
 * rail), loose batteries (UN3480) never share a container with non-dangerous cargo.
 */
export const DEFAULT_LITHIUM_RULES: LithiumRules = {
  accepted: ["UN3171", "UN3480", "UN3481"],
  maxStateOfCharge: { UN3171: 0.65 },
  segregate: [["UN3480", "non-DG"]],
};
