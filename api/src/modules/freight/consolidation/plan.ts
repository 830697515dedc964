import { acceptLines } from "./accept.js";
import { assignContainers, downsize } from "./assign.js";
import { computeLowerBounds } from "./bounds.js";
import type { LineInfo } from "./draft.js";
import { ConsolidationInputError } from "./errors.js";
import { layoutContainer } from "./layout.js";
import { NO_LITHIUM_RULES } from "./lithium.js";
import { applyTrainLimits } from "./train.js";
import type { ConsolidationInput, ConsolidationPlan, ContainerType, PlannedContainer } from "./types.js";

const volumeOf = (t: ContainerType) => t.inner.length * t.inner.width * t.inner.height;

function checkInput(input: ConsolidationInput): ContainerType {
  const types = input.containerTypes;
  if (types.length === 0) throw new ConsolidationInputError("NO_CONTAINER_TYPES", "at least one container type is required");
  const codes = new Set<string>();
  for (const t of types) {
    if (codes.has(t.code)) throw new ConsolidationInputError("DUPLICATE_CONTAINER_TYPE", `container type ${t.code} is listed twice`);
    codes.add(t.code);
    const sizes = [t.inner.length, t.inner.width, t.inner.height, t.door.width, t.door.height, t.payloadKg];
    if (!sizes.every((v) => Number.isInteger(v) && v > 0) || !(t.tareKg >= 0) || !(t.teu > 0)) {
      throw new ConsolidationInputError("INVALID_CONTAINER_TYPE", `container type ${t.code} needs positive whole-mm sizes and kg, tare ≥ 0 and TEU > 0`);
    }
  }
  const ids = new Set<string>();
  for (const line of input.lines) {
    if (ids.has(line.id)) throw new ConsolidationInputError("DUPLICATE_LINE_ID", `cargo line ${line.id} appears twice`);
    ids.add(line.id);
  }
  const maxStops = input.options?.maxStopsPerContainer;
  if (maxStops !== undefined && !(Number.isInteger(maxStops) && maxStops >= 1)) {
    throw new ConsolidationInputError("INVALID_OPTION", `maxStopsPerContainer must be a whole number ≥ 1, got ${maxStops}`);
  }
  const support = input.options?.minSupportRatio;
  if (support !== undefined && !(support > 0 && support <= 1)) throw new ConsolidationInputError("INVALID_OPTION", `minSupportRatio must be in (0, 1], got ${support}`);
  const refCode = input.options?.referenceContainerType;
  if (refCode !== undefined) {
    const ref = types.find((t) => t.code === refCode);
    if (!ref) throw new ConsolidationInputError("UNKNOWN_REFERENCE_TYPE", `reference container type ${refCode} is not among the container types`);
    return ref;
  }
  return types.reduce((best, t) => (volumeOf(t) > volumeOf(best) ? t : best));
}

/**
 * Plans how LCL cargo lines are packed into containers for one departure: 3D crate positions,
 * weight and centre of gravity, destinations in unload order, lithium summary per container,
 * crates that cannot go with the reason, and the lower bounds the plan is measured against.
 * Pure and deterministic: the same input gives the same plan.
 */
export function planConsolidation(input: ConsolidationInput): ConsolidationPlan {
  const reference = checkInput(input);
  const options = input.options ?? {};
  const rules = input.lithiumRules ?? NO_LITHIUM_RULES;
  const ctx = { rules, maxStops: options.maxStopsPerContainer ?? 3, minSupport: options.minSupportRatio ?? 0.75 };

  const { accepted, rejected, resolution } = acceptLines({ lines: input.lines, containerTypes: input.containerTypes, reference, rules });
  let drafts = assignContainers(accepted, { ctx, multiDrop: options.multiDrop !== "never" });
  if (options.downsize !== false && input.containerTypes.length > 1) drafts = downsize(drafts, input.containerTypes);
  const containersBeforeTrainLimits = drafts.length;
  const { kept, unplaced: leftOff } = applyTrainLimits(drafts, input.train);
  const unplaced = [...rejected, ...leftOff];
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  unplaced.sort((a, b) => cmp(a.lineId, b.lineId) || cmp(a.reason, b.reason));

  const containers: PlannedContainer[] = kept.map((d, i) => layoutContainer(d, i));

  const placedByLine = new Map<LineInfo, number>();
  for (const d of kept) for (const c of d.chunks.values()) placedByLine.set(c.info, (placedByLine.get(c.info) ?? 0) + c.quantity);
  const bounds = computeLowerBounds({
    items: [...placedByLine].map(([info, quantity]) => ({ lineId: info.line.id, crate: info.crate, quantity, footprint: info.footprint })),
    container: reference,
    lithiumRules: input.lithiumRules,
    resolution,
  });

  const bookingContainers = new Map<string, Set<number>>();
  let cratesPlaced = 0;
  let cargoKg = 0;
  let util = 0;
  for (const c of containers) {
    cratesPlaced += c.placements.length;
    cargoKg += c.cargoKg;
    util += c.volumeUtilizationPct;
    for (const p of c.placements) {
      const set = bookingContainers.get(p.bookingId) ?? new Set<number>();
      set.add(c.index);
      bookingContainers.set(p.bookingId, set);
    }
  }
  const used = containers.length;
  const lowerBound = bounds.containers;
  return {
    containers,
    unplaced,
    bounds,
    summary: {
      containersUsed: used,
      teu: containers.reduce((s, c) => s + c.type.teu, 0),
      lowerBound,
      ratio: lowerBound > 0 ? Math.round((used / lowerBound) * 10_000) / 10_000 : used === 0 ? 1 : Number.POSITIVE_INFINITY,
      excess: used - lowerBound,
      cratesPlaced,
      cratesUnplaced: unplaced.reduce((s, u) => s + u.quantity, 0),
      cargoKg: Math.round(cargoKg * 10) / 10,
      trainGrossKg: Math.round(containers.reduce((s, c) => s + c.grossKg, 0) * 10) / 10,
      volumeUtilizationPct: used > 0 ? Math.round((util / used) * 10) / 10 : 0,
      splitBookings: [...bookingContainers].filter(([, set]) => set.size > 1).map(([id]) => id),
      containersBeforeTrainLimits,
    },
  };
}
