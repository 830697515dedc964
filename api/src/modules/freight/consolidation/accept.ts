import { floorOrientations, geometryRejection, validateCrate } from "./crate.js";
import { type LineInfo, makeLineInfo } from "./draft.js";
import type { Footprint } from "./layer-pattern.js";
import { lithiumRejection, segregationGroups } from "./lithium.js";
import type { CargoLine, ContainerType, CrateSpec, LithiumRules, UnplacedCrates } from "./types.js";

/** Distinct footprints worth a pattern table each (1–5 ms apiece). */
const MAX_FOOTPRINTS = 96;

/**
 * Groups sorted sizes into runs no wider than `tolerance` mm (each run starts at its smallest
 * size) and maps every size to the largest of its run.
 */
function clusterSizes(values: Iterable<number>, tolerance: number): Map<number, number> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let run: number[] = [];
  const close = () => {
    for (const v of run) out.set(v, run[run.length - 1]!);
    run = [];
  };
  for (const v of sorted) {
    if (run.length > 0 && v - run[0]! > tolerance) close();
    run.push(v);
  }
  close();
  return out;
}

/**
 * Crates measured one by one differ by millimetres; a table per footprint would cost seconds and
 * leave every line in its own block. Lengths and widths are clustered with the smallest tolerance
 * (0, 5, 10, 20, 30, 50, 100 mm) that leaves at most 96 footprints, and each crate is planned at
 * the largest footprint of its cluster, which every crate in it fits. Returns the footprint to
 * plan each crate with and the tolerance used.
 */
export function planningFootprints(crates: readonly CrateSpec[]): { footprintOf: (c: CrateSpec) => Footprint; tolerance: number } {
  const tolerances = [0, 5, 10, 20, 30, 50, 100];
  for (const [k, tolerance] of tolerances.entries()) {
    const lengths = clusterSizes(
      crates.map((c) => c.length),
      tolerance,
    );
    const widths = clusterSizes(
      crates.map((c) => c.width),
      tolerance,
    );
    const footprintOf = (c: CrateSpec): Footprint => ({ length: lengths.get(c.length)!, width: widths.get(c.width)! });
    const distinct = new Set(crates.map((c) => `${lengths.get(c.length)}x${widths.get(c.width)}x${c.mayTurn}`));
    if (distinct.size <= MAX_FOOTPRINTS || k === tolerances.length - 1) return { footprintOf, tolerance };
  }
  throw new Error("unreachable");
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
  const { footprintOf, tolerance } = planningFootprints(pending.map((p) => p.line.crate));
  const stackGrain = Math.max(1, Math.min(tolerance, 10));
  const accepted = pending.map(({ line, i, home }) =>
    makeLineInfo(
      line,
      i,
      bookingOrder.get(line.bookingId)!,
      home,
      groups.get(line.crate.lithium.un === "none" ? "non-DG" : line.crate.lithium.un)!,
      footprintOf(line.crate),
      stackGrain,
    ),
  );
  return { accepted, rejected, resolution: Math.max(1, tolerance) };
}
