import { checkPlan } from "./check-plan.js";
import { cargoClass, crateKwh, floorOrientations, maxOnTop } from "./crate.js";
import { type Chunk, ContainerDraft, makeLineInfo } from "./draft.js";
import { coveredFloorArea } from "./floor-area.js";
import { layoutContainer } from "./layout.js";
import { NO_LITHIUM_RULES, segregated, summarizeLithium } from "./lithium.js";
import type {
  CargoClass,
  CargoLine,
  CenterOfGravity,
  ConsolidationInput,
  ConsolidationPlan,
  ContainerType,
  CrateSpec,
  Destination,
  LithiumRules,
  LithiumUn,
  Placement,
  PlannedContainer,
} from "./types.js";

/** Why a booking cannot be moved into a container. Stable codes; `detail` has the figures. */
export type MoveRefusalReason =
  | "UNKNOWN_CONTAINER"
  | "NOT_IN_PLAN"
  | "ALREADY_THERE"
  | "EXCEEDS_DOOR"
  | "EXCEEDS_PAYLOAD"
  | "SEGREGATION"
  | "LITHIUM_ENERGY_LIMIT"
  | "TOO_MANY_STOPS"
  | "DOES_NOT_FIT"
  | "PLAN_CHECK";

export interface MoveRefusal {
  reason: MoveRefusalReason;
  detail: string;
  /** Crates that would have to move, and those that found no place (DOES_NOT_FIT). */
  cratesToMove: number;
  cratesLeftOver: number;
}

export interface MoveRequest {
  bookingId: string;
  /** 0-based index of the target container in the plan. */
  toContainer: number;
}

export type MoveResult =
  | {
      ok: true;
      plan: ConsolidationPlan;
      /** Crates that changed container. */
      moved: number;
      /** Indices (in the old plan) the crates came from. */
      from: number[];
      /** The target container's index in the new plan (empty source containers are dropped). */
      toContainer: number;
      /**
       * False when the crates went into the free space around the cargo already there; true when
       * that space was too broken up and the target container was stowed again as a whole.
       */
      restowed: boolean;
    }
  | { ok: false; refusal: MoveRefusal };

const EPS = 1e-6;
const BUCKET = 500;

interface Box {
  x: number;
  y: number;
  z: number;
  dx: number;
  dy: number;
  dz: number;
  /** Crates above this one (as the plan checker counts them) and how many its packaging allows. */
  above: number;
  maxAbove: number;
  tier: number;
  stamp: number;
}

/** The boxes of one container, bucketed along x so a position check looks at its neighbours only. */
class Space {
  private readonly buckets = new Map<number, Box[]>();
  readonly boxes: Box[] = [];
  private stamp = 0;

  add(box: Box): void {
    this.boxes.push(box);
    for (let b = Math.floor(box.x / BUCKET); b <= Math.floor((box.x + box.dx - EPS) / BUCKET); b++) {
      const list = this.buckets.get(b);
      if (list) list.push(box);
      else this.buckets.set(b, [box]);
    }
  }

  /** Boxes whose x extent overlaps (x0, x1). */
  near(x0: number, x1: number): Box[] {
    const out: Box[] = [];
    const stamp = ++this.stamp;
    for (let b = Math.floor(x0 / BUCKET); b <= Math.floor((x1 - EPS) / BUCKET); b++) {
      for (const box of this.buckets.get(b) ?? []) {
        if (box.stamp === stamp) continue;
        box.stamp = stamp;
        if (box.x < x1 - EPS && box.x + box.dx > x0 + EPS) out.push(box);
      }
    }
    return out;
  }
}

const overlap1 = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

interface Candidate {
  x: number;
  y: number;
  z: number;
  dx: number;
  dy: number;
  rotated: boolean;
}

type Verdict = "ok" | "blocked" | "unsupported";

/**
 * Whether a crate of size dx × dy × dz may stand at (x, y, z): inside the container and the x
 * window its stop allows, clear of every crate, resting on at least `minSupport` of its base, and
 * within the stack limits of the crates below and its own. "blocked" can never change as more
 * crates are added; "unsupported" can.
 */
function judge(space: Space, c: Candidate, dz: number, ownMaxAbove: number, limits: { L: number; W: number; H: number; lo: number; hi: number; minSupport: number }): Verdict {
  const { x, y, z, dx, dy } = c;
  if (x < limits.lo - EPS || x + dx > limits.hi + EPS || x < -EPS || y < -EPS || z < -EPS) return "blocked";
  if (x + dx > limits.L + EPS || y + dy > limits.W + EPS || z + dz > limits.H + EPS) return "blocked";
  let support = 0;
  let above = 0;
  for (const q of space.near(x, x + dx)) {
    const ox = overlap1(x, x + dx, q.x, q.x + q.dx);
    const oy = overlap1(y, y + dy, q.y, q.y + q.dy);
    if (ox <= EPS || oy <= EPS) continue;
    const oz = overlap1(z, z + dz, q.z, q.z + q.dz);
    if (oz > EPS) return "blocked";
    if (q.z + q.dz <= z + EPS) {
      if (q.above + 1 > q.maxAbove) return "blocked";
      if (Math.abs(q.z + q.dz - z) <= EPS) support += ox * oy;
    } else if (q.z >= z + dz - EPS) above++;
  }
  if (above > ownMaxAbove) return "blocked";
  if (z > EPS && support < limits.minSupport * dx * dy - EPS) return "unsupported";
  return "ok";
}

interface Mover {
  placement: Placement;
  line: CargoLine;
}

/**
 * Moves a booking's crates into one container of an existing plan by hand, as an operator would:
 * the crates already there stay where they are, the booking's crates from other containers are
 * placed into the target's free space (lowest, deepest, leftmost position first; each crate
 * upright, turned only when its packaging allows, clear of every crate, supported, within its own
 * and the crates' below stack limits, inside the window its stop's unloading order leaves), and
 * containers left empty are dropped. Payload, lithium segregation and energy caps and the stops
 * per container are checked first; the new plan is then checked with `checkPlan` against the same
 * input. All or nothing: a refusal with the reason and the figures, or the new plan.
 *
 * `input.lines` must hold every line the plan places or reports (the plan checker demands each
 * crate exactly once). Pure and deterministic.
 */
export function moveBookingToContainer(plan: ConsolidationPlan, input: ConsolidationInput, request: MoveRequest): MoveResult {
  const { bookingId, toContainer } = request;
  const refuse = (reason: MoveRefusalReason, detail: string, cratesToMove = 0, cratesLeftOver = 0): MoveResult => ({
    ok: false,
    refusal: { reason, detail, cratesToMove, cratesLeftOver },
  });
  const target = Number.isInteger(toContainer) ? plan.containers[toContainer] : undefined;
  if (!target) return refuse("UNKNOWN_CONTAINER", `the plan has containers 1 to ${plan.containers.length}; there is no container ${toContainer + 1}`);
  const lines = new Map(input.lines.map((l) => [l.id, l]));
  const movers: Mover[] = [];
  const from = new Set<number>();
  let alreadyThere = 0;
  for (const c of plan.containers) {
    for (const p of c.placements) {
      if (p.bookingId !== bookingId) continue;
      if (c.index === target.index) {
        alreadyThere++;
        continue;
      }
      const line = lines.get(p.lineId);
      if (!line) return refuse("PLAN_CHECK", `the plan places crates of line ${p.lineId}, which the input does not have`);
      movers.push({ placement: p, line });
      from.add(c.index);
    }
  }
  const n = movers.length;
  if (n === 0) {
    return alreadyThere > 0
      ? refuse("ALREADY_THERE", `all ${alreadyThere} crates of this booking are already in container ${toContainer + 1}`)
      : refuse("NOT_IN_PLAN", "the plan places no crates of this booking");
  }

  const type = target.type;
  const rules = input.lithiumRules ?? NO_LITHIUM_RULES;
  const maxStops = input.options?.maxStopsPerContainer ?? 3;
  const minSupport = input.options?.minSupportRatio ?? 0.75;
  const existing = target.placements.map((p) => ({ p, line: lines.get(p.lineId) }));
  for (const e of existing) if (!e.line) return refuse("PLAN_CHECK", `the plan places crates of line ${e.p.lineId}, which the input does not have`, n);

  // Counts first: they explain a refusal better than "no room".
  for (const m of movers) {
    if (floorOrientations(m.line.crate, type).length === 0) {
      const c = m.line.crate;
      return refuse(
        "EXCEEDS_DOOR",
        `a ${c.length}×${c.width}×${c.height} mm crate does not pass the ${type.code} door (${type.door.width}×${type.door.height} mm) or fit inside`,
        n,
        n,
      );
    }
  }
  const kgHere = existing.reduce((s, e) => s + e.line!.crate.grossKg, 0);
  const kgMoved = movers.reduce((s, m) => s + m.line.crate.grossKg, 0);
  if (kgHere + kgMoved > type.payloadKg + EPS) {
    return refuse(
      "EXCEEDS_PAYLOAD",
      `${fmt(kgMoved)} kg more on ${fmt(kgHere)} kg makes ${fmt(kgHere + kgMoved)} kg, over the ${type.code} payload of ${fmt(type.payloadKg)} kg`,
      n,
      n,
    );
  }
  const classesHere = new Set<CargoClass>(existing.map((e) => cargoClass(e.line!.crate)));
  const classesMoved = new Set<CargoClass>(movers.map((m) => cargoClass(m.line.crate)));
  for (const a of classesMoved) {
    for (const b of classesHere) {
      if (segregated(a, b, rules)) return refuse("SEGREGATION", `${a} may not share a container with ${b} (lithium segregation) and container ${toContainer + 1} holds ${b}`, n, n);
    }
  }
  const kwh = (items: Iterable<CrateSpec>) => {
    let total = 0;
    const byUn = new Map<LithiumUn, number>();
    for (const c of items) {
      const e = crateKwh(c);
      total += e;
      if (c.lithium.un !== "none") byUn.set(c.lithium.un, (byUn.get(c.lithium.un) ?? 0) + e);
    }
    return { total, byUn };
  };
  const energy = kwh([...existing.map((e) => e.line!.crate), ...movers.map((m) => m.line.crate)]);
  if (rules.maxKwhPerContainer !== undefined && energy.total > rules.maxKwhPerContainer + EPS)
    return refuse("LITHIUM_ENERGY_LIMIT", `${round1(energy.total)} kWh of lithium over the ${rules.maxKwhPerContainer} kWh per-container cap`, n, n);
  for (const [un, e] of energy.byUn) {
    const cap = rules.maxKwhPerContainerByUn?.[un];
    if (cap !== undefined && e > cap + EPS) return refuse("LITHIUM_ENERGY_LIMIT", `${round1(e)} kWh of ${un} over the ${cap} kWh per-container cap`, n, n);
  }
  const stops = new Set([...existing.map((e) => e.line!.destination.stopCode), ...movers.map((m) => m.line.destination.stopCode)]);
  if (stops.size > maxStops)
    return refuse("TOO_MANY_STOPS", `container ${toContainer + 1} would unload at ${stops.size} stops (${[...stops].join(", ")}); at most ${maxStops} are allowed`, n, n);

  // Geometry: place crate by crate into the free space.
  const { inner } = type;
  const space = new Space();
  for (const { p, line } of existing)
    space.add({ x: p.x, y: p.y, z: p.z, dx: p.dims.length, dy: p.dims.width, dz: p.dims.height, above: 0, maxAbove: maxOnTop(line!.crate), tier: p.tier, stamp: 0 });
  for (const b of space.boxes) {
    for (const q of space.near(b.x, b.x + b.dx)) {
      if (q === b) continue;
      if (overlap1(b.y, b.y + b.dy, q.y, q.y + q.dy) > EPS && q.z >= b.z + b.dz - EPS) b.above++;
    }
  }
  // Each unload order keeps to its own stretch of the floor: later stops deeper (nearer the front).
  const orderOf = (line: CargoLine) => line.destination.unloadOrder;
  const spans = existing.map(({ p, line }) => ({ order: orderOf(line!), x0: p.x, x1: p.x + p.dims.length }));
  const windowFor = (order: number) => ({
    lo: spans.filter((s) => s.order > order).reduce((m, s) => Math.max(m, s.x1), 0),
    hi: spans.filter((s) => s.order < order).reduce((m, s) => Math.min(m, s.x0), inner.length),
  });

  const sorted = [...movers].sort((a, b) => {
    const ca = a.line.crate;
    const cb = b.line.crate;
    return (
      cb.length * cb.width - ca.length * ca.width ||
      cb.height - ca.height ||
      cb.grossKg - ca.grossKg ||
      cmp(a.line.id, b.line.id) ||
      a.placement.crateIndex - b.placement.crateIndex
    );
  });
  const blocked = new Set<string>();
  const placed: Placement[] = [];
  let leftOver = 0;
  for (const m of sorted) {
    const crate = m.line.crate;
    const { lo, hi } = windowFor(orderOf(m.line));
    const limits = { L: inner.length, W: inner.width, H: inner.height, lo, hi, minSupport };
    const orientations = floorOrientations(crate, type);
    const candidates: Candidate[] = [];
    const seen = new Set<string>();
    const push = (x: number, y: number, z: number) => {
      for (const o of orientations) {
        const key = `${x},${y},${z},${o.rotated ? 1 : 0}`;
        if (seen.has(key)) continue;
        seen.add(key);
        candidates.push({ x, y, z, dx: o.dx, dy: o.dy, rotated: o.rotated });
      }
    };
    for (const o of orientations) {
      push(lo, 0, 0);
      push(lo, inner.width - o.dy, 0);
      push(hi - o.dx, 0, 0);
      push(hi - o.dx, inner.width - o.dy, 0);
    }
    for (const b of space.boxes) {
      push(b.x + b.dx, b.y, b.z);
      push(b.x, b.y + b.dy, b.z);
      push(b.x, b.y, b.z + b.dz);
      push(b.x + b.dx, 0, b.z);
      for (const o of orientations) {
        push(b.x - o.dx, b.y, b.z);
        push(b.x, b.y - o.dy, b.z);
        push(b.x, inner.width - o.dy, b.z);
        push(b.x + b.dx, inner.width - o.dy, b.z);
      }
    }
    candidates.sort((a, b) => a.z - b.z || a.x - b.x || a.y - b.y || Number(a.rotated) - Number(b.rotated));
    const size = `${crate.length}x${crate.width}x${crate.height}/${maxOnTop(crate)}`;
    let chosen: Candidate | null = null;
    for (const c of candidates) {
      const key = `${size}@${c.x},${c.y},${c.z},${c.rotated ? 1 : 0}`;
      if (blocked.has(key)) continue;
      const verdict = judge(space, c, crate.height, maxOnTop(crate), limits);
      if (verdict === "ok") {
        chosen = c;
        break;
      }
      if (verdict === "blocked") blocked.add(key);
    }
    if (!chosen) {
      leftOver++;
      continue;
    }
    let tier = 1;
    for (const q of space.near(chosen.x, chosen.x + chosen.dx)) {
      if (overlap1(chosen.y, chosen.y + chosen.dy, q.y, q.y + q.dy) <= EPS) continue;
      if (q.z + q.dz <= chosen.z + EPS) {
        q.above++;
        if (Math.abs(q.z + q.dz - chosen.z) <= EPS) tier = Math.max(tier, q.tier + 1);
      }
    }
    space.add({ x: chosen.x, y: chosen.y, z: chosen.z, dx: chosen.dx, dy: chosen.dy, dz: crate.height, above: 0, maxAbove: maxOnTop(crate), tier, stamp: 0 });
    placed.push({
      ...m.placement,
      stopCode: m.line.destination.stopCode,
      x: chosen.x,
      y: chosen.y,
      z: chosen.z,
      rotated: chosen.rotated,
      dims: { length: chosen.dx, width: chosen.dy, height: crate.height },
      tier,
    });
  }
  let restowed = false;
  let targetPlacements = [...target.placements, ...placed];
  if (leftOver > 0) {
    const again = restow(type, target.index, [...target.placements, ...movers.map((m) => m.placement)], input, { rules, maxStops, minSupport });
    if (again) {
      restowed = true;
      targetPlacements = again;
      leftOver = 0;
    }
  }
  if (leftOver > 0) {
    return refuse(
      "DOES_NOT_FIT",
      `does not fit: ${leftOver} of ${n} crates left over (container ${toContainer + 1}, ${type.code}, has no free space for them within its size, stack limits and unloading order)`,
      n,
      leftOver,
    );
  }

  const moving = new Set(movers.map((m) => m.placement));
  const containers: PlannedContainer[] = [];
  let newTarget = -1;
  for (const c of plan.containers) {
    if (c.index === target.index) {
      newTarget = containers.length;
      containers.push(describePlacements(c.type, containers.length, targetPlacements, lines));
    } else if (from.has(c.index)) {
      let rest = c.placements.filter((p) => !moving.has(p));
      if (rest.length === 0) continue;
      // Crates that stood on the booking's crates would hang in the air: stow what is left again.
      if (!supported(rest, minSupport)) {
        const again = restow(c.type, containers.length, rest, input, { rules, maxStops, minSupport });
        if (!again) return refuse("PLAN_CHECK", `container ${c.index + 1} cannot be stowed again without this booking's crates`, n, n);
        rest = again;
      }
      containers.push(describePlacements(c.type, containers.length, rest, lines));
    } else containers.push(c.index === containers.length ? c : { ...c, index: containers.length });
  }
  const next: ConsolidationPlan = { ...plan, containers, summary: summarize(plan, containers) };
  const violations = checkPlan(next, input);
  if (violations.length > 0) {
    return refuse(
      "PLAN_CHECK",
      `the moved plan breaks its rules: ${violations
        .slice(0, 3)
        .map((v) => `${v.kind} ${v.detail}`)
        .join("; ")}`,
      n,
      n,
    );
  }
  return { ok: true, plan: next, moved: n, from: [...from].sort((a, b) => a - b), toContainer: newTarget, restowed };
}

/** Whether every crate above the floor rests on enough of the crates directly below it. */
function supported(placements: readonly Placement[], minSupport: number): boolean {
  const space = new Space();
  for (const p of placements) space.add({ x: p.x, y: p.y, z: p.z, dx: p.dims.length, dy: p.dims.width, dz: p.dims.height, above: 0, maxAbove: 0, tier: p.tier, stamp: 0 });
  return space.boxes.every((b) => {
    if (b.z <= EPS) return true;
    let support = 0;
    for (const q of space.near(b.x, b.x + b.dx)) {
      if (q !== b && Math.abs(q.z + q.dz - b.z) <= EPS) support += overlap1(b.x, b.x + b.dx, q.x, q.x + q.dx) * overlap1(b.y, b.y + b.dy, q.y, q.y + q.dy);
    }
    return support >= minSupport * b.dx * b.dy - EPS;
  });
}

/**
 * Stows a container's crates again from scratch with the planner's own floor patterns and layout:
 * what the free space around fixed cargo cannot take, a fresh layout often can (a load centred
 * for its centre of gravity leaves short gaps at both ends). Null when the crates do not fit.
 */
function restow(
  type: ContainerType,
  index: number,
  placements: readonly Placement[],
  input: ConsolidationInput,
  ctx: { rules: LithiumRules; maxStops: number; minSupport: number },
): Placement[] | null {
  const order = new Map(input.lines.map((l, i) => [l.id, i]));
  const byLine = new Map<string, number[]>();
  for (const p of placements) {
    const list = byLine.get(p.lineId);
    if (list) list.push(p.crateIndex);
    else byLine.set(p.lineId, [p.crateIndex]);
  }
  const bookings = new Map<string, number>();
  const draft = new ContainerDraft(type, ctx);
  const chunks: Chunk[] = [];
  const lineIds = [...byLine.keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  for (const id of lineIds) {
    const line = input.lines[order.get(id)!]!;
    if (!bookings.has(line.bookingId)) bookings.set(line.bookingId, bookings.size);
    const info = makeLineInfo(line, order.get(id)!, bookings.get(line.bookingId)!, type, 0);
    const indices = byLine.get(id)!.sort((a, b) => a - b);
    const runs: Array<[number, number]> = [];
    for (const i of indices) {
      const last = runs[runs.length - 1];
      if (last && last[0] + last[1] === i) last[1]++;
      else runs.push([i, 1]);
    }
    chunks.push({ info, runs, quantity: indices.length });
  }
  if (!draft.fitsAll(chunks)) return null;
  for (const c of chunks) draft.add(c);
  return layoutContainer(draft, index).placements;
}

/** The figures of a container from its placements: what `layoutContainer` reports for a draft. */
export function describePlacements(type: ContainerType, index: number, placements: Placement[], lines: ReadonlyMap<string, CargoLine>): PlannedContainer {
  const { inner } = type;
  let kg = 0;
  let mx = 0;
  let my = 0;
  let mz = 0;
  let volume = 0;
  const floor = coveredFloorArea(placements);
  const stops = new Map<string, Destination>();
  const bookings: string[] = [];
  const seenBookings = new Set<string>();
  const crates: CrateSpec[] = [];
  for (const p of placements) {
    kg += p.grossKg;
    mx += p.grossKg * (p.x + p.dims.length / 2);
    my += p.grossKg * (p.y + p.dims.width / 2);
    mz += p.grossKg * (p.z + p.dims.height / 2);
    volume += p.dims.length * p.dims.width * p.dims.height;
    const line = lines.get(p.lineId);
    if (line) {
      const d = line.destination;
      stops.set(`${d.unloadOrder}\u0000${d.stopCode}`, { stopCode: d.stopCode, unloadOrder: d.unloadOrder });
      crates.push(line.crate);
    }
    if (!seenBookings.has(p.bookingId)) {
      seenBookings.add(p.bookingId);
      bookings.push(p.bookingId);
    }
  }
  const cx = kg > 0 ? mx / kg : inner.length / 2;
  const cy = kg > 0 ? my / kg : inner.width / 2;
  const cog: CenterOfGravity = {
    x: round1(cx),
    y: round1(cy),
    z: round1(kg > 0 ? mz / kg : 0),
    lengthwiseOffsetMm: round1(cx - inner.length / 2),
    lengthwiseOffsetRatio: Math.round(((cx - inner.length / 2) / inner.length) * 10_000) / 10_000,
    lateralOffsetMm: round1(cy - inner.width / 2),
  };
  return {
    index,
    type,
    placements,
    cargoKg: round1(kg),
    grossKg: round1(kg + type.tareKg),
    volumeUtilizationPct: round1((volume / (inner.length * inner.width * inner.height)) * 100),
    floorUtilizationPct: round1((floor / (inner.length * inner.width)) * 100),
    centerOfGravity: cog,
    destinations: [...stops.values()].sort((a, b) => a.unloadOrder - b.unloadOrder || cmp(a.stopCode, b.stopCode)),
    bookingIds: bookings,
    lithium: summarizeLithium(crates),
  };
}

/** The plan's summary again for new containers; bounds and unplaced crates do not change. */
function summarize(plan: ConsolidationPlan, containers: PlannedContainer[]): ConsolidationPlan["summary"] {
  const bookingContainers = new Map<string, Set<number>>();
  let cargoKg = 0;
  let util = 0;
  let cratesPlaced = 0;
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
  const lowerBound = plan.summary.lowerBound;
  return {
    ...plan.summary,
    containersUsed: used,
    teu: containers.reduce((s, c) => s + c.type.teu, 0),
    ratio: lowerBound > 0 ? Math.round((used / lowerBound) * 10_000) / 10_000 : used === 0 ? 1 : Number.POSITIVE_INFINITY,
    excess: used - lowerBound,
    cratesPlaced,
    cargoKg: Math.round(cargoKg * 10) / 10,
    trainGrossKg: Math.round(containers.reduce((s, c) => s + c.grossKg, 0) * 10) / 10,
    volumeUtilizationPct: used > 0 ? Math.round((util / used) * 10) / 10 : 0,
    splitBookings: [...bookingContainers].filter(([, set]) => set.size > 1).map(([id]) => id),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round1 = (v: number) => Math.round(v * 10) / 10;
const fmt = (v: number) => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
