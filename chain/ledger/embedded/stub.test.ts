// The simulation stub and world state against Fabric's semantics, partly checked against
// fabric-shim's own ChaincodeStub code.
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SimulationStub } from "./stub.js";
import { compareKeys, type Version, WorldState, type Write } from "./world-state.js";

const require = createRequire(import.meta.url);
const FabricStub = require("fabric-shim/lib/stub.js") as {
  prototype: {
    createCompositeKey(objectType: string, attributes: string[]): string;
    splitCompositeKey(key: string): { objectType: string | null; attributes: string[] };
  };
};

function stubOn(state: WorldState): SimulationStub {
  return new SimulationStub({
    state,
    history: async () => {
      throw new Error("no history here");
    },
    channel: "corridor",
    txId: "tx",
    timestamp: new Date("2025-01-01T00:00:00Z"),
    creator: { mspid: "Org1MSP", idBytes: new Uint8Array() },
    peerMspId: "PlatformMSP",
    args: [Buffer.from("corridor:fn")],
  });
}

const bytes = (s: string) => Buffer.from(s, "utf8");
// Well-formed strings without U+0000 (Fabric rejects it inside composite key attributes).
const attr = fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }).filter((s) => !s.includes("\u0000"));

describe("composite keys", () => {
  it("are built and split exactly as fabric-shim does", () => {
    const stub = stubOn(new WorldState());
    fc.assert(
      fc.property(attr, fc.array(attr, { maxLength: 4 }), (type, attrs) => {
        const key = stub.createCompositeKey(type, attrs);
        expect(key).toBe(FabricStub.prototype.createCompositeKey.call(null, type, attrs));
        expect(stub.splitCompositeKey(key)).toEqual(FabricStub.prototype.splitCompositeKey.call(null, key));
      }),
    );
  });
});

describe("compareKeys", () => {
  it("orders keys as their UTF-8 bytes (LevelDB's order)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        expect(Math.sign(compareKeys(a, b))).toBe(Math.sign(Buffer.compare(bytes(a), bytes(b))));
      }),
    );
    // U+10FFFF, Fabric's range end, sorts after U+FFFD although its UTF-16 form starts lower.
    expect(compareKeys("k\u{10ffff}", "k\ufffd")).toBeGreaterThan(0);
  });
});

describe("WorldState", () => {
  const writes = fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), fc.option(fc.string({ minLength: 1 }), { nil: null })), { maxLength: 30 });

  it("undo restores exactly what apply changed", () => {
    fc.assert(
      fc.property(writes, writes, (first, second) => {
        const state = new WorldState();
        state.apply(dedupe(first), [1, 0]);
        const before = snapshot(state);
        const undo = state.apply(dedupe(second), [2, 0]);
        undo();
        expect(snapshot(state)).toEqual(before);
      }),
    );
  });

  it("bulk loading gives the same state as applying one by one", () => {
    fc.assert(
      fc.property(fc.array(writes, { maxLength: 8 }), (txs) => {
        const one = new WorldState();
        const bulk = new WorldState();
        bulk.beginBulkLoad();
        txs.forEach((w, i) => {
          one.apply(dedupe(w), [i, 0]);
          bulk.apply(dedupe(w), [i, 0]);
        });
        bulk.endBulkLoad();
        expect(snapshot(bulk)).toEqual(snapshot(one));
      }),
    );
  });

  it("merges many new keys at once in order", () => {
    const state = new WorldState();
    state.apply([["m", bytes("1")]], [1, 0]);
    const many: Write[] = Array.from({ length: 500 }, (_, i) => [`k${(i * 7919) % 500}`, bytes(String(i))]);
    state.apply(many, [2, 0]);
    const keys = state.range("", "").map(([k]) => k);
    expect(keys).toHaveLength(501);
    expect(keys).toEqual([...keys].sort(compareKeys));
  });

  function dedupe(ws: readonly (readonly [string, string | null])[]): Write[] {
    return [...new Map(ws.map(([k, v]) => [k, v === null ? null : bytes(v)])).entries()];
  }

  function snapshot(state: WorldState): [string, string, Version, readonly Version[]][] {
    return state.range("", "").map(([k, e]) => [k, Buffer.from(e.value).toString(), e.version, [...state.history(k)]]);
  }
});

describe("SimulationStub", () => {
  it("reads committed state only and records the first version read", async () => {
    const state = new WorldState();
    state.apply([["asset", bytes("v1")]], [3, 1]);
    const stub = stubOn(state);
    await stub.putState("asset", bytes("v2"));
    await stub.putState("fresh", bytes("new"));
    expect(Buffer.from(await stub.getState("asset")).toString()).toBe("v1");
    expect((await stub.getState("fresh")).length).toBe(0);
    expect([...stub.reads]).toEqual([
      ["asset", [3, 1]],
      ["fresh", null],
    ]);
    await stub.putState("asset", new Uint8Array()); // empty deletes, as in Fabric
    expect([...stub.writes]).toEqual([
      ["asset", null],
      ["fresh", bytes("new")],
    ]);
  });

  it("records range reads up to where iteration stopped", async () => {
    const state = new WorldState();
    const stub = stubOn(state);
    const keys = ["a", "b", "c"].map((k) => stub.createCompositeKey("idx", [k]));
    state.apply(
      keys.map((k) => [k, bytes("x")]),
      [1, 0],
    );
    for await (const kv of stub.getStateByPartialCompositeKey("idx", [])) {
      if (kv.key === keys[1]) break;
    }
    const all: string[] = [];
    for await (const kv of stub.getStateByPartialCompositeKey("idx", [])) all.push(kv.key);
    expect(all).toEqual(keys);
    expect(stub.ranges.map((r) => [r.reads.map(([k]) => k), r.exhausted])).toEqual([
      [keys.slice(0, 2), false],
      [keys, true],
    ]);
    // Simple range queries skip composite keys, as fabric-shim's do.
    state.apply([["plain", bytes("p")]], [2, 0]);
    const plain: string[] = [];
    for await (const kv of stub.getStateByRange("", "")) plain.push(kv.key);
    expect(plain).toEqual(["plain"]);
  });

  it("keeps the last event and refuses what the embedded ledger does not support", async () => {
    const stub = stubOn(new WorldState());
    stub.setEvent("First", bytes("1"));
    stub.setEvent("Second", bytes("2"));
    expect(stub.event?.name).toBe("Second");
    expect(() => stub.getQueryResult()).toThrow(/not supported by the embedded ledger/);
    await expect(stub.getPrivateData()).rejects.toThrow(/private data/);
  });
});
