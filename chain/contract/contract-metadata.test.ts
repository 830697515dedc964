// The contract must behave the same whether or not the compiler emits decorator metadata:
// Vitest (oxc) and tsc do, tsx/esbuild (how the API runs) do not.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { as, designParamTypes, json, openTestLedger, tempDir } from "../test/ledger-fixture.js";
import { CorridorContract } from "./corridor-contract.js";

const chainDir = fileURLToPath(new URL("..", import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

interface Metadata {
  contracts: Record<string, { transactions: { name: string; tag: string[]; parameters?: { name: string; schema: unknown }[]; returns?: unknown }[] }>;
}

it("derives the same transaction metadata with and without emitted decorator metadata", async () => {
  // Here (Vitest) the metadata is emitted …
  expect(designParamTypes(CorridorContract.prototype, "registerBatch")).toHaveLength(7);
  const here = await tempDir();
  cleanups.push(here.cleanup);
  const ledger = await openTestLedger(here.dir);
  const metadata = json<Metadata>(await ledger.evaluate({ fn: "org.hyperledger.fabric:GetMetadata", identity: as.dealer }));
  await ledger.close();

  // … under tsx it is not.
  const there = await tempDir();
  cleanups.push(there.cleanup);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(chainDir, "test", "metadata-probe.ts"), there.dir], {
    cwd: chainDir,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const probe = JSON.parse(run.stdout) as { metadata: Metadata; designTypes: unknown; batch: { batchId: string; count: number } };
  expect(probe.designTypes).toBeNull();
  expect(probe.batch).toMatchObject({ batchId: "B-TSX", count: 1000 });

  const corridor = metadata.contracts.corridor;
  expect(probe.metadata.contracts.corridor).toEqual(corridor);
  const register = corridor?.transactions.find((t) => t.name === "registerBatch");
  expect(register).toEqual({
    name: "registerBatch",
    tag: ["SUBMIT", "submitTx"],
    parameters: [
      { name: "batchId", description: "", schema: { type: "string" } },
      { name: "merkleRoot", description: "", schema: { type: "string" } },
      { name: "count", description: "", schema: { type: "number" } },
      { name: "makerMspId", description: "", schema: { type: "string" } },
      { name: "modelCode", description: "", schema: { type: "string" } },
      { name: "metadataHash", description: "", schema: { type: "string" } },
    ],
    returns: { type: "string" },
  });
  expect(corridor?.transactions.find((t) => t.name === "getBatch")?.tag).toEqual(["EVALUATE"]);
});
