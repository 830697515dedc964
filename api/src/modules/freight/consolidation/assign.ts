import { type Chunk, ContainerDraft, type DraftContext, type LineInfo, takeFront, wholeLine } from "./draft.js";
import type { ContainerType } from "./types.js";

/** Later bookings tried whole before the one in turn is split across two containers. */
const LOOKAHEAD = 24;
/** Share of containers `dissolveWeakest` tries to empty, and the containers each may pour into. */
const DISSOLVE_SHARE = 0.1;
const DISSOLVE_TARGETS = 400;

const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

/** Chunks grouped by booking, bookings in input order, lines in input order within a booking. */
function byBooking(chunks: readonly Chunk[]): Chunk[][] {
  const sorted = [...chunks].sort((a, b) => a.info.bookingOrder - b.info.bookingOrder || a.info.order - b.info.order);
  const out: Chunk[][] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last[0]!.info.bookingOrder === c.info.bookingOrder) last.push(c);
    else out.push([c]);
  }
  return out;
}

/**
 * Fills containers one after another with whole bookings; when the next booking no longer fits,
 * later bookings that fit whole go first, then the booking is split so the container leaves the
 * yard full. Every container but the last is full on floor length, payload or energy.
 */
export function fillSequence(bookings: Chunk[][], type: ContainerType, ctx: DraftContext): ContainerDraft[] {
  const drafts: ContainerDraft[] = [];
  const queue = bookings.map((b) => b.filter((c) => c.quantity > 0)).filter((b) => b.length > 0);
  const done = new Uint8Array(queue.length);
  let cur = new ContainerDraft(type, ctx);
  let head = 0;
  while (head < queue.length) {
    if (done[head] === 1) {
      head++;
      continue;
    }
    const booking = queue[head]!;
    if (cur.fitsAll(booking)) {
      for (const c of booking) cur.add(c);
      done[head] = 1;
      continue;
    }
    for (let k = head + 1, seen = 0; k < queue.length && seen < LOOKAHEAD; k++) {
      if (done[k] === 1) continue;
      seen++;
      if (cur.fitsAll(queue[k]!)) {
        for (const c of queue[k]!) cur.add(c);
        done[k] = 1;
      }
    }
    const rest: Chunk[] = [];
    for (const chunk of booking) {
      const n = cur.maxFit(chunk.info, chunk.quantity);
      if (n === 0) {
        rest.push(chunk);
        continue;
      }
      const [front, back] = takeFront(chunk, n);
      cur.add(front);
      if (back.quantity > 0) rest.push(back);
    }
    if (cur.isEmpty) {
      // Validation guarantees one crate fits an empty container; refuse to loop if it does not.
      throw new Error(`line ${booking[0]!.info.line.id} fits no empty ${type.code}`);
    }
    queue[head] = rest;
    if (rest.length === 0) done[head] = 1;
    drafts.push(cur);
    cur = new ContainerDraft(type, ctx);
  }
  if (!cur.isEmpty) drafts.push(cur);
  return drafts;
}

interface Group {
  key: string;
  type: ContainerType;
  unloadOrder: number;
  stop: string;
  segregation: number;
  lines: LineInfo[];
}

/**
 * Assigns every crate to a container: one destination and segregation group at a time (so most
 * containers are single-drop), then the part-filled last containers of all groups are combined
 * into multi-drop containers when that saves containers.
 */
export function assignContainers(lines: readonly LineInfo[], options: { ctx: DraftContext; multiDrop: boolean }): ContainerDraft[] {
  const groups = new Map<string, Group>();
  for (const info of lines) {
    if (info.line.quantity === 0) continue;
    const d = info.line.destination;
    const key = `${info.home.code}\u0000${d.unloadOrder}\u0000${d.stopCode}\u0000${info.segregationGroup}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, type: info.home, unloadOrder: d.unloadOrder, stop: d.stopCode, segregation: info.segregationGroup, lines: [] };
      groups.set(key, g);
    }
    g.lines.push(info);
  }
  const ordered = [...groups.values()].sort((a, b) => cmp(a.type.code, b.type.code) || a.unloadOrder - b.unloadOrder || cmp(a.stop, b.stop) || a.segregation - b.segregation);

  const full: ContainerDraft[] = [];
  const tails: ContainerDraft[] = [];
  for (const g of ordered) {
    const drafts = fillSequence(byBooking(g.lines.map(wholeLine)), g.type, options.ctx);
    const last = drafts.pop();
    full.push(...drafts);
    if (last) tails.push(last);
  }
  const mergeCtx = options.multiDrop ? options.ctx : { ...options.ctx, maxStops: 1 };
  const merged = [...full, ...mergeTails(tails, mergeCtx)];
  return dissolveWeakest(merged, options.multiDrop);
}

/**
 * Empties the least-filled containers into the others where their crates fit: the free floor
 * left at the ends of full containers, side strips, base layers under tall columns. A container
 * goes only when all its crates find room; the others change only then. Bookings split more, a
 * container fewer is worth it.
 */
export function dissolveWeakest(drafts: readonly ContainerDraft[], multiDrop: boolean): ContainerDraft[] {
  const live = [...drafts];
  const stops = new Map<ContainerDraft, Set<string>>();
  const stopsOf = (d: ContainerDraft) => {
    let set = stops.get(d);
    if (!set) {
      set = new Set([...d.chunks.values()].map((c) => c.info.stop));
      stops.set(d, set);
    }
    return set;
  };
  const candidates = live
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.fill - b.d.fill || a.i - b.i)
    .slice(0, Math.max(4, Math.ceil(live.length * DISSOLVE_SHARE)))
    .map((c) => c.d);
  for (const weak of candidates) {
    if (!live.includes(weak)) continue;
    const own = stopsOf(weak);
    const shares = (t: ContainerDraft) => [...own].some((s) => stopsOf(t).has(s));
    // Containers unloading at the same stop first, fullest first: what fits in the gaps of a
    // nearly full container costs it nothing.
    const targets = live
      .filter((t) => t !== weak && t.type === weak.type && (multiDrop || shares(t)))
      .map((t) => ({ t, same: shares(t) }))
      .sort((a, b) => Number(b.same) - Number(a.same) || b.t.fill - a.t.fill)
      .slice(0, DISSOLVE_TARGETS)
      .map((x) => x.t);
    const trials = new Map<ContainerDraft, ContainerDraft>();
    let ok = true;
    const chunks = [...weak.chunks.values()].sort((a, b) => b.quantity * b.info.kg - a.quantity * a.info.kg || a.info.order - b.info.order);
    for (const chunk of chunks) {
      let rest = chunk;
      for (const t of targets) {
        if (!multiDrop && !stopsOf(t).has(chunk.info.stop)) continue;
        const trial = trials.get(t) ?? t;
        const n = trial.maxFit(rest.info, rest.quantity);
        if (n === 0) continue;
        const [front, back] = takeFront(rest, n);
        const next = trial === t ? t.clone() : trial;
        next.add(front);
        trials.set(t, next);
        rest = back;
        if (rest.quantity === 0) break;
      }
      if (rest.quantity > 0) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    for (const [t, next] of trials) live[live.indexOf(t)] = next;
    live.splice(live.indexOf(weak), 1);
  }
  return live;
}

/**
 * Combines part-filled containers. Two candidates: whole containers first-fit by fill decreasing
 * (no booking split further), and a sequential refill of all their crates, deepest stop first
 * (fewest containers). The refill wins only when it saves a container.
 */
export function mergeTails(tails: readonly ContainerDraft[], ctx: DraftContext): ContainerDraft[] {
  if (tails.length <= 1) return [...tails];
  const byFill = tails.map((t, i) => ({ t, i })).sort((a, b) => b.t.fill - a.t.fill || a.i - b.i);
  const whole: ContainerDraft[] = [];
  for (const { t } of byFill) {
    const chunks = [...t.chunks.values()];
    const target = whole.find((m) => m.type === t.type && m.fitsAll(chunks));
    if (target) for (const c of chunks) target.add(c);
    else {
      const fresh = new ContainerDraft(t.type, ctx);
      for (const c of chunks) fresh.add(c);
      whole.push(fresh);
    }
  }
  if (whole.length <= 1) return whole;

  const refill: ContainerDraft[] = [];
  const byType = new Map<ContainerType, Chunk[]>();
  for (const t of tails) {
    const list = byType.get(t.type) ?? [];
    list.push(...t.chunks.values());
    byType.set(t.type, list);
  }
  for (const [type, chunks] of byType) {
    const sorted = [...chunks].sort(
      (a, b) =>
        a.info.segregationGroup - b.info.segregationGroup ||
        b.info.line.destination.unloadOrder - a.info.line.destination.unloadOrder ||
        cmp(a.info.line.destination.stopCode, b.info.line.destination.stopCode) ||
        a.info.bookingOrder - b.info.bookingOrder ||
        a.info.order - b.info.order,
    );
    const bookings: Chunk[][] = [];
    for (const c of sorted) {
      const last = bookings[bookings.length - 1];
      if (last && last[0]!.info.bookingOrder === c.info.bookingOrder && last[0]!.info.segregationGroup === c.info.segregationGroup) last.push(c);
      else bookings.push([c]);
    }
    refill.push(...fillSequence(bookings, type, ctx));
  }
  return refill.length < whole.length ? refill : whole;
}

/** Moves each container to the smallest type (by inner volume) that holds its content. */
export function downsize(drafts: readonly ContainerDraft[], types: readonly ContainerType[]): ContainerDraft[] {
  const volume = (t: ContainerType) => t.inner.length * t.inner.width * t.inner.height;
  const smallestFirst = [...types].sort((a, b) => volume(a) - volume(b) || cmp(a.code, b.code));
  return drafts.map((d) => {
    for (const t of smallestFirst) {
      if (volume(t) >= volume(d.type)) break;
      const moved = d.movedTo(t);
      if (moved) return moved;
    }
    return d;
  });
}
