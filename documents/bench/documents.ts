/**
 * Packing-list render benchmark: `npm run bench:documents` (root) or `npm run bench` (here).
 *
 * Prints p50/p95 render time of a 1–3 page packing list, documents per second on one core, the
 * time and page count of a 2,000-line list, and the ratio to the same content drawn with the
 * Latin-only standard fonts (no CJK embedding) measured in the same run.
 *
 * Options: --n=200 renders per series, --lines=40 lines of the small list, --large-n=3 renders of
 * the 2,000-line list (`npm run bench -- --n=500`).
 */
import { cpus } from "node:os";
import { latinOnlyFontSet, type RenderOptions, renderPackingListResult, warmUp } from "../src/index.js";
import { samplePackingList } from "../test/fixtures.js";

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
}
const N = arg("n", 200);
const LINES = arg("lines", 40);

interface Series {
  wall: number[];
  cpu: number[];
  pages: number;
  bytes: number;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

async function series(data: Parameters<typeof renderPackingListResult>[0], n: number, options: RenderOptions = {}): Promise<Series> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await renderPackingListResult(data, options);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    pages = r.pageCount;
    bytes = r.pdf.length;
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { wall, cpu, pages, bytes };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const f1 = (x: number) => x.toFixed(1);

const small = samplePackingList({}, { lines: LINES, containers: 2 });
const large = samplePackingList({}, { lines: 2000, containers: 4 });
const latin: RenderOptions = { fonts: latinOnlyFontSet() };

console.log(
  `@corridor/documents benchmark — node ${process.version}, ${cpus()[0]?.model ?? "cpu"} ×${cpus().length}, load ${(await import("node:os"))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);

const tCold = performance.now();
await warmUp();
const cold = performance.now() - tCold;
await series(small, 15);
await series(small, 15, latin);

const cjk = await series(small, N);
const lat = await series(small, N, latin);
console.log(
  `\npacking list, ${LINES} lines, ${cjk.pages} pages, ${(cjk.bytes / 1024).toFixed(0)} KiB, ${N} renders (warmUp(), the first render in the process incl. font load: ${f1(cold)} ms)`,
);
console.log(`  wall ms     p50 ${f1(pct(cjk.wall, 0.5))}   p95 ${f1(pct(cjk.wall, 0.95))}   max ${f1(pct(cjk.wall, 1))}   (target p95 ≤ 50)`);
console.log(`  cpu  ms     p50 ${f1(pct(cjk.cpu, 0.5))}   p95 ${f1(pct(cjk.cpu, 0.95))}   mean ${f1(mean(cjk.cpu))}  (process CPU incl. GC threads)`);
const dps = 1000 / mean(cjk.wall);
console.log(`  documents/s on one core: ${f1(dps)} by wall time, ${f1(1000 / mean(cjk.cpu))} by CPU time   (target ≥ 20)`);
console.log(
  `  Latin-only (Helvetica, no CJK font): wall p50 ${f1(pct(lat.wall, 0.5))} p95 ${f1(pct(lat.wall, 0.95))}, cpu p50 ${f1(pct(lat.cpu, 0.5))}, ${(lat.bytes / 1024).toFixed(0)} KiB`,
);
console.log(`  ratio CJK / Latin-only: wall p50 ${(pct(cjk.wall, 0.5) / pct(lat.wall, 0.5)).toFixed(2)}×, cpu p50 ${(pct(cjk.cpu, 0.5) / pct(lat.cpu, 0.5)).toFixed(2)}×`);

const bigRuns = arg("large-n", 3);
const big = await series(large, bigRuns);
const bigLat = await series(large, bigRuns, latin);
console.log(`\npacking list, 2,000 lines: ${big.pages} pages, ${(big.bytes / 1024).toFixed(0)} KiB`);
console.log(`  wall ms     median ${f1(pct(big.wall, 0.5))} of ${bigRuns}   (${f1(pct(big.wall, 0.5) / big.pages)} ms/page)   cpu ${f1(pct(big.cpu, 0.5))}`);
console.log(`  Latin-only  median ${f1(pct(bigLat.wall, 0.5))}   ratio ${(pct(big.wall, 0.5) / pct(bigLat.wall, 0.5)).toFixed(2)}×`);

const verdict = (p95: number, perSecond: number) => (p95 <= 50 && perSecond >= 20 ? "met" : "NOT met");
console.log(`\ntargets (p95 ≤ 50 ms, ≥ 20 docs/s): by wall time ${verdict(pct(cjk.wall, 0.95), dps)}; by CPU time ${verdict(pct(cjk.cpu, 0.95), 1000 / mean(cjk.cpu))}`);
const load = (await import("node:os")).loadavg()[0] ?? 0;
if (load > cpus().length * 0.7)
  console.log(`note: load average ${load.toFixed(2)} on ${cpus().length} CPUs: wall times include waiting for a CPU; CPU times are the better measure here.`);
