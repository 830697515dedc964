import { floorOrientations, geometryRejection, validateCrate } from "./crate.js";
import { type LineInfo, makeLineInfo } from "./draft.js";
import { lithiumRejection, segregationGroups } from "./lithium.js";
import type { CargoLine, ContainerType, CrateSpec, LithiumRules, UnplacedCrates } from "./types.js";

/** Distinct footprints worth a pattern table each (1–5 ms apiece). */
const EXACT_FOOTPRINTS = 96;

/**
 * Crates measured one by one differ by millimetres; an exact table per footprint would cost
 * seconds and leave every line in its own block. Footprints and heights are pooled to the finest
 * of 1, 5, 10, 20, 25, 50 mm that leaves at most 96 classes (rounding up: patterns stay valid).
 */
export function planningResolution(crates: readonly CrateSpec[]): number {
  for (const r of [1, 5, 10, 20, 25, 50]) {
    const classes = new Set<string>();
    for (const c of crates) {
      classes.add(`${Math.ceil(c.length / r)}x${Math.ceil(c.width / r)}x${c.mayTurn}`);
      if (classes.size > EXACT_FOOTPRINTS) break;
    }
    if (classes.size <= EXACT_FOOTPRINTS) return r;
  }
  return 100;
}

const volumeOf = (t: ContainerType) => t.inner.length * t.inner.width * t.inner.height;

/**
 * Sorts the input lines into those the planner loads (with what it derives from them) and those
 * it cannot, with the reason: malformed, refused by the lithium rules, or fitting no container
 * type through the door, inside or under the payload. Lines with quantity 0 are neither.
 */
export function acceptLines(options: { lines: readonly CargoLine[]; containerTypes: readonly ContainerType[]; reference: ContainerType; rules: LithiumRules }): {
  accepted: LineInfo[];
  rejected: UnplacedCrates[];
  resolution: number;
} {
  const { lines, containerTypes, reference, rules } = options;
  const groups = segregationGroups(rules);
  const byVolumeDesc = [...containerTypes].sort((a, b) => volumeOf(b) - volumeOf(a));
  const bookingOrder = new Map<string, number>();
  const rejected: UnplacedCrates[] = [];
  const pending: Array<{ line: CargoLine; i: number; home: ContainerType }> = [];
  for (const [i, line] of lines.entries()) {
    if (!bookingOrder.has(line.bookingId)) bookingOrder.set(line.bookingId, bookingOrder.size);
    const count = Number.isInteger(line.quantity) && line.quantity > 0 ? line.quantity : 0;
    const rejection = validateCrate(line.crate, line.quantity) ?? (count > 0 ? (lithiumRejection(line.crate, rules) ?? geometryRejection(line.crate, containerTypes)) : null);
    if (rejection) {
      const crateIndices = Array.from({ length: count }, (_, k) => k);
      rejected.push({ lineId: line.id, bookingId: line.bookingId, crateIndices, quantity: count, ...rejection });
      continue;
    }
    if (count === 0) continue;
    const fits = (t: ContainerType) => floorOrientations(line.crate, t).length > 0 && line.crate.grossKg <= t.payloadKg;
    pending.push({ line, i, home: fits(reference) ? reference : byVolumeDesc.find(fits)! });
  }
  const resolution = planningResolution(pending.map((p) => p.line.crate));
  const accepted = pending.map(({ line, i, home }) =>
    makeLineInfo(line, i, bookingOrder.get(line.bookingId)!, home, groups.get(line.crate.lithium.un === "none" ? "non-DG" : line.crate.lithium.un)!, resolution),
  );
  return { accepted, rejected, resolution };
}
