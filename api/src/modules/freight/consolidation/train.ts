import type { ContainerDraft } from "./draft.js";
import type { TrainCapacity, UnplacedCrates, UnplacedReason } from "./types.js";

/**
 * Drops containers until the departure's limits hold, least-filled first, so the train carries
 * as much cargo as it can. Their crates come back unplaced with the limit that bit.
 */
export function applyTrainLimits(drafts: readonly ContainerDraft[], train: TrainCapacity): { kept: ContainerDraft[]; unplaced: UnplacedCrates[] } {
  const order = drafts.map((d, i) => ({ d, i })).sort((a, b) => a.d.fill - b.d.fill || b.i - a.i);
  const alive = new Set(drafts.map((_, i) => i));
  let teu = drafts.reduce((s, d) => s + d.type.teu, 0);
  let gross = drafts.reduce((s, d) => s + d.kg + d.type.tareKg, 0);
  const limits: Array<[number | undefined, () => number, UnplacedReason, string]> = [
    [train.maxContainers, () => alive.size, "TRAIN_CONTAINER_LIMIT", "containers"],
    [train.maxTeu, () => teu, "TRAIN_TEU_LIMIT", "TEU"],
    [train.maxGrossKg, () => gross, "TRAIN_WEIGHT_LIMIT", "kg gross"],
  ];
  // Crate indices left off per line and reason, lines in input order.
  const off = new Map<string, { order: number; row: UnplacedCrates }>();
  let next = 0;
  for (const [limit, measure, reason, unit] of limits) {
    if (limit === undefined) continue;
    while (measure() > limit + 1e-9 && next < order.length) {
      const { d, i } = order[next++]!;
      alive.delete(i);
      teu -= d.type.teu;
      gross -= d.kg + d.type.tareKg;
      for (const chunk of d.chunks.values()) {
        const line = chunk.info.line;
        const key = `${line.id}\u0000${reason}`;
        const entry = off.get(key) ?? {
          order: chunk.info.order,
          row: {
            lineId: line.id,
            bookingId: line.bookingId,
            crateIndices: [],
            quantity: 0,
            reason,
            detail: `the departure takes at most ${limit} ${unit}; the container with these crates was left off`,
          },
        };
        for (const [start, count] of chunk.runs) for (let k = 0; k < count; k++) entry.row.crateIndices.push(start + k);
        entry.row.quantity += chunk.quantity;
        off.set(key, entry);
      }
    }
  }
  const unplaced = [...off.values()].sort((a, b) => a.order - b.order).map(({ row }) => ({ ...row, crateIndices: row.crateIndices.sort((a, b) => a - b) }));
  return { kept: drafts.filter((_, i) => alive.has(i)), unplaced };
}
