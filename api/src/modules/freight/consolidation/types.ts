/**
 * Public data types of the consolidation engine. All lengths are millimetres, all masses kilograms,
 * energies watt-hours unless a name says kWh. Plain data in, plain data out.
 *
 * Container axes: x runs along the length from the front wall (the closed end, loaded first) to the
 * door at x = inner.length; y runs across the width from the left wall; z is up from the floor.
 */

export interface Dimensions {
  length: number;
  width: number;
  height: number;
}

export interface ContainerType {
  /** Stable code shown to users, e.g. "40HQ". */
  code: string;
  name: string;
  inner: Dimensions;
  /** Door opening; a crate must pass it in the orientation it is stowed. */
  door: { width: number; height: number };
  payloadKg: number;
  tareKg: number;
  /** Twenty-foot equivalent units, for train limits counted in TEU. */
  teu: number;
}

export interface TrainCapacity {
  maxContainers?: number;
  maxTeu?: number;
  /** Cargo plus container tare over the whole departure. */
  maxGrossKg?: number;
}

export type Packaging = "CBU" | "SKD" | "CKD";

export type LithiumUn = "UN3171" | "UN3480" | "UN3481";
/** A line's dangerous-goods class for segregation: its UN number, or "non-DG" without lithium. */
export type CargoClass = LithiumUn | "non-DG";

export type LithiumInfo =
  | { un: "none" }
  | {
      un: LithiumUn;
      /** Energy of all cells in one crate. */
      whPerCrate: number;
      /** 0–1. */
      stateOfCharge: number;
    };

/** "max tiers" counts the crate itself (2 = one more on top); "max on top" counts crates above it. */
export type StackLimit = { maxTiers: number } | { maxOnTop: number };

export interface CrateSpec {
  /** Outer dimensions of the crate standing upright. */
  length: number;
  width: number;
  height: number;
  grossKg: number;
  stackLimit: StackLimit;
  /** May be turned 90° about the vertical axis (length across the container). Crates never tip. */
  mayTurn: boolean;
  packaging: Packaging;
  lithium: LithiumInfo;
}

export interface Destination {
  stopCode: string;
  /** 1 = first stop unloaded. The last stop's cargo is loaded first, deepest in the container. */
  unloadOrder: number;
}

export interface CargoLine {
  id: string;
  bookingId: string;
  destination: Destination;
  crate: CrateSpec;
  quantity: number;
}

/**
 * Lithium acceptance and segregation for one corridor. Data, not code: corridors and transit
 * countries differ (see DOMAIN.md "Containers and crates").
 */
export interface LithiumRules {
  /** UN numbers accepted at all; lines with any other lithium UN number are rejected. */
  accepted: readonly LithiumUn[];
  /** Highest state of charge accepted per UN number (0–1). */
  maxStateOfCharge?: Partial<Record<LithiumUn, number>>;
  /** Pairs of classes that may not share a container, e.g. ["UN3480", "non-DG"]. */
  segregate: ReadonlyArray<readonly [CargoClass, CargoClass]>;
  /** Most lithium energy in one container, all UN numbers together. */
  maxKwhPerContainer?: number;
  maxKwhPerContainerByUn?: Partial<Record<LithiumUn, number>>;
}

export interface PlanOptions {
  /**
   * "whenSaves" (default) keeps one destination per container unless sharing saves containers;
   * "never" always separates destinations.
   */
  multiDrop?: "whenSaves" | "never";
  /** Most destinations in one multi-drop container (default 3). */
  maxStopsPerContainer?: number;
  /** Move each container's content to the smallest listed type that holds it (default true). */
  downsize?: boolean;
  /** Container type to pack into and measure bounds against; default the largest by volume. */
  referenceContainerType?: string;
  /** Smallest share of a crate's base that must rest on crates directly below (default 0.75). */
  minSupportRatio?: number;
}

export interface ConsolidationInput {
  containerTypes: readonly ContainerType[];
  train: TrainCapacity;
  lines: readonly CargoLine[];
  lithiumRules?: LithiumRules;
  options?: PlanOptions;
}

export interface Placement {
  lineId: string;
  bookingId: string;
  /** 0-based index of the crate within its line. */
  crateIndex: number;
  stopCode: string;
  /** Corner nearest the front wall, left wall and floor. */
  x: number;
  y: number;
  z: number;
  /** Turned 90°: the crate's length lies across the container. */
  rotated: boolean;
  /** Extents along the container axes: length = along x, width = along y. */
  dims: Dimensions;
  grossKg: number;
  /** 1 = standing on the floor. */
  tier: number;
}

export interface CenterOfGravity {
  x: number;
  y: number;
  z: number;
  /** x minus half the inner length; positive is toward the door. */
  lengthwiseOffsetMm: number;
  /** Offset as a share of the inner length (−0.5 … 0.5). */
  lengthwiseOffsetRatio: number;
  /** y minus half the inner width. */
  lateralOffsetMm: number;
}

export interface LithiumSummary {
  classes: CargoClass[];
  totalKwh: number;
  byUn: Array<{ un: LithiumUn; crates: number; kwh: number; maxStateOfCharge: number }>;
  /** A UN 38.3 test summary must travel with any shipment with lithium cells. */
  un383Required: boolean;
}

export interface PlannedContainer {
  /** 0-based position in the plan (and on the train). */
  index: number;
  type: ContainerType;
  placements: Placement[];
  cargoKg: number;
  /** Cargo plus tare. */
  grossKg: number;
  /** Crate volume over inner volume, 0–100. */
  volumeUtilizationPct: number;
  /** Floor area under some crate, seen from above (a column on a base layer counts whole), 0–100. */
  floorUtilizationPct: number;
  centerOfGravity: CenterOfGravity;
  /** Stops in unload order (first unloaded first); the first stop's cargo is nearest the door. */
  destinations: Destination[];
  bookingIds: string[];
  lithium: LithiumSummary;
}

export type UnplacedReason =
  | "INVALID_LINE"
  | "EXCEEDS_DOOR"
  | "EXCEEDS_CONTAINER"
  | "EXCEEDS_PAYLOAD"
  | "LITHIUM_NOT_ACCEPTED"
  | "LITHIUM_CHARGE_TOO_HIGH"
  | "LITHIUM_ENERGY_LIMIT"
  | "TRAIN_CONTAINER_LIMIT"
  | "TRAIN_TEU_LIMIT"
  | "TRAIN_WEIGHT_LIMIT";

export interface UnplacedCrates {
  lineId: string;
  bookingId: string;
  /** Crate indices within the line that were not placed. */
  crateIndices: number[];
  quantity: number;
  reason: UnplacedReason;
  /** Human-readable explanation with the figures that decided it. */
  detail: string;
}

/** Best floor pattern of one crate footprint in one container type, times the tiers it can stack. */
export interface LayerPattern {
  containerType: string;
  /** Crates on the floor in the best pattern found. */
  perLayer: number;
  /** Proven upper bound on crates per layer; equal to perLayer when the pattern is optimal. */
  perLayerUpperBound: number;
  tiers: number;
  /** perLayer × tiers. */
  perContainer: number;
  /** Crates standing lengthwise / turned in the pattern. */
  lengthwise: number;
  turned: number;
  /** perLayer positions: corner x, y and whether turned. */
  positions: Array<{ x: number; y: number; rotated: boolean }>;
}

export interface CrateTypeBound {
  /** Crates of one footprint (pooled as the planner pools them), turning and tier count. */
  key: string;
  lineIds: string[];
  quantity: number;
  pattern: LayerPattern;
  /** ceil(quantity / pattern.perContainer). */
  containersAtBestPattern: number;
  /** ceil(quantity / (perLayerUpperBound × tiers)): a proven bound for the whole plan. */
  provenBound: number;
}

export interface LowerBounds {
  /** The container type the bounds are measured in. */
  containerType: string;
  /** ceil(Σ crate volume / inner volume). */
  volume: number;
  /** ceil(Σ crate mass / payload). */
  weight: number;
  /** ceil(Σ lithium kWh / per-container cap), 0 without a cap. */
  energy: number;
  /**
   * Volume bound after dual-feasible rounding of crate sizes (Fekete–Schepers), with stacking
   * weights (column-bound.ts) among the vertical functions; ≥ volume.
   */
  dualFeasible: number;
  /** For a homogeneous load: ceil(quantity / best pattern per container); null for mixed loads. */
  pattern: number | null;
  /** Whether `pattern` rests on a pattern proven optimal (then it is a true bound). */
  patternProven: boolean;
  /**
   * Cargo classes the lithium rules keep apart never share a container: the bounds of each class
   * of a pairwise-segregated set, added (0 without segregation).
   */
  segregation: number;
  /** Largest of the above and the proven per-type bounds. */
  containers: number;
  /**
   * Not a bound: fractional containers summed over crate types, each at its best pattern, rounded
   * up. What packing every type on its own would need; mixing can beat it, section waste exceeds it.
   */
  patternEstimate: number;
  byType: CrateTypeBound[];
}

export interface PlanSummary {
  containersUsed: number;
  teu: number;
  lowerBound: number;
  /** containersUsed ÷ lowerBound (1 when both are 0). */
  ratio: number;
  /** containersUsed − lowerBound. */
  excess: number;
  cratesPlaced: number;
  cratesUnplaced: number;
  cargoKg: number;
  trainGrossKg: number;
  /** Mean crate volume ÷ inner volume over used containers, 0–100. */
  volumeUtilizationPct: number;
  /** Bookings whose crates ended up in more than one container. */
  splitBookings: string[];
  /** Containers the accepted crates needed before train limits dropped any. */
  containersBeforeTrainLimits: number;
}

export interface ConsolidationPlan {
  containers: PlannedContainer[];
  unplaced: UnplacedCrates[];
  /** Bounds over the crates placed in this plan. */
  bounds: LowerBounds;
  summary: PlanSummary;
}
