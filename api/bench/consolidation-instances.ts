/**
 * Seeded LCL instances for the consolidation benchmark, and the naive reference packer it is
 * compared with. No Math.random: the same seed gives the same instance on every machine.
 */
import {
  type CargoLine,
  CONTAINER_20GP,
  CONTAINER_40HQ,
  type ConsolidationInput,
  type ContainerType,
  type CrateSpec,
  DEFAULT_LITHIUM_RULES,
  type LithiumUn,
  type Packaging,
} from "../src/modules/freight/consolidation/index.js";

/** sfc32: small, fast, seedable; Math.random is never used so runs repeat exactly. */
export function prng(seed: number) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    real: (lo: number, hi: number) => lo + next() * (hi - lo),
    pick: <T>(items: readonly T[], weights: readonly number[]) => {
      const total = weights.reduce((s, w) => s + w, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i]!;
        if (r < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
  };
}
export type Rng = ReturnType<typeof prng>;

export interface CrateModel {
  name: string;
  size: [number, number, number];
  kg: [number, number];
  maxTiers: number;
  mayTurn: boolean;
  packaging: Packaging;
  lithium: { un: LithiumUn; wh: [number, number] } | null;
  quantity: [number, number];
  share: number;
}

/** What Chongqing makers ship by LCL: crated e-motorcycles and e-bikes, SKD/CKD kits, batteries. */
export const CATALOG: readonly CrateModel[] = [
  {
    name: "e-motorcycle crate",
    size: [1900, 650, 1100],
    kg: [60, 120],
    maxTiers: 2,
    mayTurn: true,
    packaging: "CBU",
    lithium: { un: "UN3171", wh: [1400, 3000] },
    quantity: [2, 40],
    share: 30,
  },
  {
    name: "maxi-scooter crate",
    size: [2050, 760, 1200],
    kg: [110, 150],
    maxTiers: 2,
    mayTurn: true,
    packaging: "CBU",
    lithium: { un: "UN3171", wh: [2500, 4500] },
    quantity: [2, 24],
    share: 8,
  },
  {
    name: "e-bike crate",
    size: [1500, 300, 800],
    kg: [22, 35],
    maxTiers: 3,
    mayTurn: true,
    packaging: "CBU",
    lithium: { un: "UN3171", wh: [360, 720] },
    quantity: [5, 80],
    share: 22,
  },
  {
    name: "folding e-bike carton",
    size: [1000, 450, 760],
    kg: [18, 26],
    maxTiers: 3,
    mayTurn: true,
    packaging: "CBU",
    lithium: { un: "UN3171", wh: [250, 500] },
    quantity: [5, 60],
    share: 5,
  },
  { name: "SKD frame kit", size: [1200, 800, 900], kg: [250, 420], maxTiers: 2, mayTurn: true, packaging: "SKD", lithium: null, quantity: [2, 20], share: 10 },
  { name: "SKD parts carton", size: [800, 600, 600], kg: [80, 150], maxTiers: 4, mayTurn: true, packaging: "SKD", lithium: null, quantity: [5, 60], share: 10 },
  { name: "CKD parts carton", size: [600, 400, 400], kg: [18, 35], maxTiers: 6, mayTurn: true, packaging: "CKD", lithium: null, quantity: [10, 120], share: 10 },
  {
    name: "battery pack carton",
    size: [600, 400, 300],
    kg: [25, 32],
    maxTiers: 5,
    mayTurn: true,
    packaging: "SKD",
    lithium: { un: "UN3480", wh: [1000, 2000] },
    quantity: [5, 60],
    share: 5,
  },
];

export const STOPS = [
  { stopCode: "BYMSQ", unloadOrder: 1 },
  { stopCode: "PLMAL", unloadOrder: 2 },
  { stopCode: "DEDUI", unloadOrder: 3 },
];

export function crateOf(model: CrateModel, rng: Rng): CrateSpec {
  const [l, w, h] = model.size;
  // SoC above the 65 % rail cap in about 1 line in 100, to exercise rejection.
  const soc = rng.next() < 0.01 ? 0.8 : Math.round(rng.real(0.3, 0.6) * 100) / 100;
  return {
    length: l,
    width: w,
    height: h,
    grossKg: Math.round(rng.real(model.kg[0], model.kg[1])),
    stackLimit: { maxTiers: model.maxTiers },
    mayTurn: model.mayTurn,
    packaging: model.packaging,
    lithium: model.lithium ? { un: model.lithium.un, whPerCrate: Math.round(rng.real(model.lithium.wh[0], model.lithium.wh[1])), stateOfCharge: soc } : { un: "none" },
  };
}

/**
 * `lineCount` lines in bookings of 1–4 lines, each booking to one stop. `measured` adds 0–30 mm to
 * each line's crate (0–20 mm in height), as when crates are measured one by one at the warehouse.
 */
export function generateInstance(lineCount: number, seed: number, measured = false): ConsolidationInput {
  const rng = prng(seed);
  const lines: CargoLine[] = [];
  let booking = 0;
  while (lines.length < lineCount) {
    booking++;
    const stop = rng.pick(STOPS, [2, 3, 5]);
    const n = Math.min(lineCount - lines.length, rng.pick([1, 2, 3, 4], [45, 30, 15, 10]));
    for (let k = 0; k < n; k++) {
      const model = rng.pick(
        CATALOG,
        CATALOG.map((m) => m.share),
      );
      const crate = crateOf(model, rng);
      const quantity = rng.int(model.quantity[0], model.quantity[1]);
      if (measured) {
        crate.length += rng.int(0, 30);
        crate.width += rng.int(0, 30);
        crate.height += rng.int(0, 20);
      }
      lines.push({
        id: `L${String(lines.length + 1).padStart(6, "0")}`,
        bookingId: `BK${String(booking).padStart(5, "0")}`,
        destination: stop,
        crate,
        quantity,
      });
    }
  }
  return { containerTypes: [CONTAINER_40HQ, CONTAINER_20GP], train: {}, lines, lithiumRules: DEFAULT_LITHIUM_RULES };
}

/**
 * The reference: what a spreadsheet planner does. Each line in rows of fixed orientation (crate
 * length along the container), as many across as fit, stacked to its tiers; rows go first-fit into
 * the containers by remaining length and payload. No turning, no mixing within a row.
 */
export function naiveFirstFit(input: ConsolidationInput, type: ContainerType): number {
  const open: Array<{ length: number; kg: number }> = [];
  for (const line of input.lines) {
    const c = line.crate;
    const across = Math.floor(type.inner.width / c.width);
    const tiers = Math.min(Math.floor(type.inner.height / c.height), "maxTiers" in c.stackLimit ? c.stackLimit.maxTiers : c.stackLimit.maxOnTop + 1);
    if (across === 0 || tiers === 0 || c.length > type.inner.length) continue;
    let left = line.quantity;
    while (left > 0) {
      const row = Math.min(left, across * tiers);
      const kg = row * c.grossKg;
      let target = open.find((o) => o.length + c.length <= type.inner.length && o.kg + kg <= type.payloadKg);
      if (!target) {
        target = { length: 0, kg: 0 };
        open.push(target);
      }
      target.length += c.length;
      target.kg += kg;
      left -= row;
    }
  }
  return open.length;
}
