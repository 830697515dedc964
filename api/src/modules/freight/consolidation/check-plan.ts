import { cargoClass, crateKwh, maxOnTop } from "./crate.js";
import { NO_LITHIUM_RULES, segregated } from "./lithium.js";
import type { CargoClass, CargoLine, ConsolidationInput, ConsolidationPlan, LithiumUn, Placement } from "./types.js";

export type PlanViolationKind =
  | "UNKNOWN_LINE"
  | "DIMENSIONS"
  | "ORIENTATION"
  | "OUT_OF_BOUNDS"
  | "DOOR"
  | "OVERLAP"
  | "UNSUPPORTED"
  | "STACK_LIMIT"
  | "PAYLOAD"
  | "SEGREGATION"
  | "ENERGY"
  | "UNLOAD_ORDER"
  | "CRATE_MISSING"
  | "CRATE_TWICE"
  | "TRAIN";

export interface PlanViolation {
  kind: PlanViolationKind;
  container: number | null;
  detail: string;
}

const EPS = 1e-6;

function overlap1(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * Checks a plan against its input: geometry (inside, through the door, no overlaps, supported,
 * stack limits), payload, lithium segregation and energy caps, unload order, train limits, and
 * that every crate is placed or reported exactly once. Used by the tests on every generated plan;
 * also meant for plans edited by hand before they are issued.
 */
export function checkPlan(plan: ConsolidationPlan, input: ConsolidationInput): PlanViolation[] {
  const out: PlanViolation[] = [];
  const minSupport = input.options?.minSupportRatio ?? 0.75;
  const rules = input.lithiumRules ?? NO_LITHIUM_RULES;
  const lines = new Map<string, CargoLine>(input.lines.map((l) => [l.id, l]));
  const seen = new Map<string, number>();
  const mark = (lineId: string, crateIndex: number, container: number | null) => {
    const key = `${lineId}#${crateIndex}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 2) out.push({ kind: "CRATE_TWICE", container, detail: `crate ${key} is placed or reported more than once` });
  };

  let teu = 0;
  let gross = 0;
  for (const c of plan.containers) {
    const { inner, door } = c.type;
    const at = c.index;
    teu += c.type.teu;
    let kg = 0;
    let kwh = 0;
    const kwhByUn = new Map<LithiumUn, number>();
    const classes = new Set<CargoClass>();
    for (const p of c.placements) {
      mark(p.lineId, p.crateIndex, at);
      const line = lines.get(p.lineId);
      if (!line) {
        out.push({ kind: "UNKNOWN_LINE", container: at, detail: `placement of unknown line ${p.lineId}` });
        continue;
      }
      const crate = line.crate;
      const name = `${p.lineId}#${p.crateIndex}`;
      if (p.crateIndex < 0 || p.crateIndex >= line.quantity || !Number.isInteger(p.crateIndex))
        out.push({ kind: "UNKNOWN_LINE", container: at, detail: `${name} is beyond the line's quantity` });
      const along = p.rotated ? crate.width : crate.length;
      const across = p.rotated ? crate.length : crate.width;
      if (p.dims.length !== along || p.dims.width !== across || p.dims.height !== crate.height)
        out.push({ kind: "DIMENSIONS", container: at, detail: `${name} dims do not match its crate` });
      if (p.rotated && !crate.mayTurn) out.push({ kind: "ORIENTATION", container: at, detail: `${name} is turned but may not be` });
      if (
        p.x < -EPS ||
        p.y < -EPS ||
        p.z < -EPS ||
        p.x + p.dims.length > inner.length + EPS ||
        p.y + p.dims.width > inner.width + EPS ||
        p.z + p.dims.height > inner.height + EPS
      ) {
        out.push({ kind: "OUT_OF_BOUNDS", container: at, detail: `${name} at (${p.x}, ${p.y}, ${p.z}) sticks out of the container` });
      }
      if (p.dims.width > door.width || p.dims.height > door.height) out.push({ kind: "DOOR", container: at, detail: `${name} does not pass the door as stowed` });
      if (p.stopCode !== line.destination.stopCode)
        out.push({ kind: "UNLOAD_ORDER", container: at, detail: `${name} carries stop ${p.stopCode}, its line goes to ${line.destination.stopCode}` });
      kg += crate.grossKg;
      classes.add(cargoClass(crate));
      const e = crateKwh(crate);
      kwh += e;
      if (crate.lithium.un !== "none") kwhByUn.set(crate.lithium.un, (kwhByUn.get(crate.lithium.un) ?? 0) + e);
    }
    gross += kg + c.type.tareKg;
    if (kg > c.type.payloadKg + EPS) out.push({ kind: "PAYLOAD", container: at, detail: `${kg} kg cargo exceeds the ${c.type.payloadKg} kg payload` });
    const cls = [...classes];
    for (let i = 0; i < cls.length; i++) {
      for (let j = i + 1; j < cls.length; j++) {
        if (segregated(cls[i]!, cls[j]!, rules)) out.push({ kind: "SEGREGATION", container: at, detail: `${cls[i]} and ${cls[j]} share a container` });
      }
    }
    if (rules.maxKwhPerContainer !== undefined && kwh > rules.maxKwhPerContainer + EPS)
      out.push({ kind: "ENERGY", container: at, detail: `${kwh} kWh over the ${rules.maxKwhPerContainer} kWh cap` });
    for (const [un, e] of kwhByUn) {
      const cap = rules.maxKwhPerContainerByUn?.[un];
      if (cap !== undefined && e > cap + EPS) out.push({ kind: "ENERGY", container: at, detail: `${e} kWh of ${un} over the ${cap} kWh cap` });
    }
    checkGeometry(c.placements, lines, minSupport, at, out);
    checkUnloadOrder(c.placements, lines, at, out);
  }

  const train = input.train;
  if (train.maxContainers !== undefined && plan.containers.length > train.maxContainers)
    out.push({ kind: "TRAIN", container: null, detail: `${plan.containers.length} containers over ${train.maxContainers}` });
  if (train.maxTeu !== undefined && teu > train.maxTeu) out.push({ kind: "TRAIN", container: null, detail: `${teu} TEU over ${train.maxTeu}` });
  if (train.maxGrossKg !== undefined && gross > train.maxGrossKg + EPS) out.push({ kind: "TRAIN", container: null, detail: `${gross} kg over ${train.maxGrossKg}` });

  for (const u of plan.unplaced) for (const i of u.crateIndices) mark(u.lineId, i, null);
  for (const line of input.lines) {
    const q = Number.isInteger(line.quantity) && line.quantity > 0 ? line.quantity : 0;
    for (let i = 0; i < q; i++) {
      if (!seen.has(`${line.id}#${i}`)) out.push({ kind: "CRATE_MISSING", container: null, detail: `crate ${line.id}#${i} is neither placed nor reported` });
    }
  }
  return out;
}

function checkGeometry(placements: readonly Placement[], lines: ReadonlyMap<string, CargoLine>, minSupport: number, at: number, out: PlanViolation[]): void {
  const ps = [...placements].sort((a, b) => a.x - b.x);
  // Longest crate bounds how far back a crate overlapping p along x can start.
  const longest = ps.reduce((m, p) => Math.max(m, p.dims.length), 0);
  const startsBefore = (x: number) => {
    let lo = 0;
    let hi = ps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ps[mid]!.x < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    const name = `${p.lineId}#${p.crateIndex}`;
    const base = p.dims.length * p.dims.width;
    let support = 0;
    let above = 0;
    const from = startsBefore(p.x - longest + EPS);
    const to = startsBefore(p.x + p.dims.length - EPS);
    for (let j = from; j < to; j++) {
      if (j === i) continue;
      const q = ps[j]!;
      const ox = overlap1(p.x, p.x + p.dims.length, q.x, q.x + q.dims.length);
      const oy = overlap1(p.y, p.y + p.dims.width, q.y, q.y + q.dims.width);
      if (ox <= EPS || oy <= EPS) continue;
      const oz = overlap1(p.z, p.z + p.dims.height, q.z, q.z + q.dims.height);
      if (oz > EPS && j > i) out.push({ kind: "OVERLAP", container: at, detail: `${name} overlaps ${q.lineId}#${q.crateIndex}` });
      if (Math.abs(q.z + q.dims.height - p.z) <= EPS) support += ox * oy;
      if (q.z >= p.z + p.dims.height - EPS) above++;
    }
    if (p.z > EPS && support < minSupport * base - EPS) {
      out.push({ kind: "UNSUPPORTED", container: at, detail: `${name} rests on ${Math.round((support / base) * 100)} % of its base` });
    }
    const line = lines.get(p.lineId);
    if (line && above > maxOnTop(line.crate))
      out.push({ kind: "STACK_LIMIT", container: at, detail: `${name} has ${above} crates above it, at most ${maxOnTop(line.crate)} allowed` });
  }
}

/** Every crate of a later stop must lie deeper (nearer the front wall) than every crate of an earlier one. */
function checkUnloadOrder(placements: readonly Placement[], lines: ReadonlyMap<string, CargoLine>, at: number, out: PlanViolation[]): void {
  const spans = new Map<number, { min: number; max: number }>();
  for (const p of placements) {
    const order = lines.get(p.lineId)?.destination.unloadOrder;
    if (order === undefined) continue;
    const s = spans.get(order) ?? { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
    s.min = Math.min(s.min, p.x);
    s.max = Math.max(s.max, p.x + p.dims.length);
    spans.set(order, s);
  }
  const orders = [...spans.keys()].sort((a, b) => a - b);
  for (let i = 0; i + 1 < orders.length; i++) {
    const earlier = spans.get(orders[i]!)!;
    const later = spans.get(orders[i + 1]!)!;
    if (later.max > earlier.min + EPS)
      out.push({ kind: "UNLOAD_ORDER", container: at, detail: `stop ${orders[i + 1]} cargo reaches x = ${later.max}, past stop ${orders[i]} cargo from x = ${earlier.min}` });
  }
}
