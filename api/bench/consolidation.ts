/**
 * Consolidation benchmark: realistic LCL instances (seeded), the planner timed against its targets
 * and against a naive first-fit grid packer run on the same instance in the same process, so the
 * figures compare across noisy machines. Run with `npm run bench:consolidation` at the root.
 *
 *   BENCH_SIZES=100,1000 npm run bench:consolidation     # fewer sizes
 *   BENCH_CHECK=1 npm run bench:consolidation            # also verify every plan with checkPlan
 *   BENCH_MEASURED=0 npm run bench:consolidation         # skip the individually measured crates
 */
import { availableParallelism, cpus } from "node:os";
import { type CargoLine, CONTAINER_40HQ, type ConsolidationPlan, checkPlan, planConsolidation } from "../src/modules/freight/consolidation/index.js";
import { CATALOG, crateOf, generateInstance, naiveFirstFit, prng, STOPS } from "./consolidation-instances.js";

/**
 * A fixed CPU workload (sorting 2 M seeded doubles), timed in the same run: planner time in these
 * units compares across machines and across noisy CI runs better than milliseconds do.
 */
function calibrate(): number {
  const rng = prng(1);
  const data = new Float64Array(2_000_000);
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (let i = 0; i < data.length; i++) data[i] = rng.next();
    runs.push(time(() => data.sort()).ms);
  }
  return median(runs);
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const f1 = (v: number) => v.toFixed(1);
const f3 = (v: number) => v.toFixed(3);

function bench(lineCount: number, seed: number, check: boolean, measured = false) {
  const input = generateInstance(lineCount, seed, measured);
  const crates = input.lines.reduce((s, l) => s + l.quantity, 0);
  const cold = time(() => planConsolidation(input));
  const runs = lineCount <= 1000 ? 5 : 2;
  const warm: number[] = [];
  let plan: ConsolidationPlan = cold.value;
  for (let i = 0; i < runs; i++) {
    const t = time(() => planConsolidation(input));
    warm.push(t.ms);
    plan = t.value;
  }
  const same = JSON.stringify(plan) === JSON.stringify(cold.value);
  const naive = time(() => naiveFirstFit(input, CONTAINER_40HQ));
  const naiveRuns = [naive.ms, ...Array.from({ length: 4 }, () => time(() => naiveFirstFit(input, CONTAINER_40HQ)).ms)];
  const unit = calibrate();
  const targetMs = lineCount; // 1 s per 1,000 lines
  const s = plan.summary;
  const b = plan.bounds;
  const ms = median(warm);
  console.log(
    `\n## ${lineCount.toLocaleString("en-US")} lines · ${crates.toLocaleString("en-US")} crates · seed ${seed}${measured ? " · crates measured one by one (+0–30 mm)" : ""}`,
  );
  console.log(
    `planner            ${f1(ms)} ms median of ${runs} (first run ${f1(cold.ms)} ms) · target ${targetMs} ms · time/target ${f3(ms / targetMs)} (first run ${f3(cold.ms / targetMs)})`,
  );
  console.log(`naive first-fit    ${f1(median(naiveRuns))} ms · ${naive.value} containers · planner/naive time ${f1(ms / median(naiveRuns))}×`);
  console.log(`calibration        sorting 2 M doubles took ${f1(unit)} ms in this run · planner = ${f1(ms / unit)} sort units`);
  console.log(
    `containers         ${s.containersUsed} used (${s.teu} TEU) · naive ${naive.value} · saved ${naive.value - s.containersUsed} (${f1(((naive.value - s.containersUsed) / naive.value) * 100)} %)`,
  );
  console.log(
    `lower bound        ${s.lowerBound} = max(volume ${b.volume}, weight ${b.weight}, energy ${b.energy}, dual-feasible with stacking ${b.dualFeasible}, segregated classes ${b.segregation}, per-type ${Math.max(0, ...b.byType.map((t) => t.provenBound))})`,
  );
  console.log(`used/bound         ${f3(s.ratio)} · used − bound ${s.excess}`);
  console.log(`pattern estimate   ${b.patternEstimate} (each type at its best pattern, not a bound) · used/estimate ${f3(s.containersUsed / Math.max(1, b.patternEstimate))}`);
  console.log(
    `utilisation        ${f1(s.volumeUtilizationPct)} % volume mean · ${s.cratesUnplaced} crates unplaced (${[...new Set(plan.unplaced.map((u) => u.reason))].join(", ") || "none"}) · ${s.splitBookings.length} split bookings`,
  );
  console.log(`deterministic      ${same ? "yes (identical JSON across runs)" : "NO"}`);
  const yes = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(
    `targets            time ≤ target: ${yes(ms <= targetMs)} · used ≤ bound + 1: ${yes(s.excess <= 1)} · used ≤ 1.03 × bound: ${yes(s.ratio <= 1.03)} · used ≤ pattern estimate + 1: ${yes(s.containersUsed <= b.patternEstimate + 1)}`,
  );
  if (check) {
    const v = time(() => checkPlan(plan, input));
    console.log(`checkPlan          ${v.value.length} violations (${f1(v.ms)} ms)${v.value.length ? ` e.g. ${JSON.stringify(v.value.slice(0, 3))}` : ""}`);
  }
}

/** Each catalogue crate alone, 3 containers' worth at its best pattern: how close each container comes. */
function patternAttainment() {
  console.log("\n## Pattern attainment (homogeneous: 3 × best pattern of one crate type, bookings of 5–40)");
  console.log("crate type                 | best/layer | UB/layer | tiers | best/40HQ | containers | min crates/container | attainment");
  const rng = prng(7);
  for (const model of CATALOG) {
    const crate = { ...crateOf(model, rng), lithium: { un: "none" as const } };
    const probe = planConsolidation({ containerTypes: [CONTAINER_40HQ], train: {}, lines: [{ id: "p", bookingId: "p", destination: STOPS[0]!, crate, quantity: 1 }] });
    const pattern = probe.bounds.byType[0]!.pattern;
    const total = 3 * pattern.perContainer;
    const lines: CargoLine[] = [];
    for (let left = total, i = 0; left > 0; i++) {
      const q = Math.min(left, rng.int(5, 40));
      lines.push({ id: `h${i}`, bookingId: `hb${i}`, destination: STOPS[0]!, crate, quantity: q });
      left -= q;
    }
    const plan = planConsolidation({ containerTypes: [CONTAINER_40HQ], train: {}, lines });
    const minCrates = Math.min(...plan.containers.map((c) => c.placements.length));
    const full = plan.containers.slice(0, 3).map((c) => c.placements.length);
    const attain = Math.min(...full) / pattern.perContainer;
    console.log(
      `${model.name.padEnd(26)} | ${String(pattern.perLayer).padStart(10)} | ${String(pattern.perLayerUpperBound).padStart(8)} | ${String(pattern.tiers).padStart(5)} | ${String(pattern.perContainer).padStart(9)} | ${String(plan.containers.length).padStart(10)} | ${String(minCrates).padStart(20)} | ${f1(attain * 100)} %`,
    );
  }
}

const sizes = (process.env.BENCH_SIZES ?? "100,1000,10000").split(",").map(Number);
const check = process.env.BENCH_CHECK === "1";
console.log(`# Consolidation benchmark · node ${process.version} · ${availableParallelism()} cores · ${cpus()[0]?.model ?? "?"}`);
patternAttainment();
for (const n of sizes) bench(n, 20_251_125 + n, check);
if (process.env.BENCH_MEASURED !== "0") bench(1000, 20_251_125 + 1000, check, true);
