import { afterAll, beforeAll, expect, it } from "vitest";
import { as, hex, openTestLedger, tempDir } from "../test/ledger-fixture.js";
import { CorridorClient } from "./corridor-client.js";
import type { EmbeddedLedger } from "./embedded/embedded-ledger.js";

let ledger: EmbeddedLedger;
let cleanup: () => Promise<void>;
let client: CorridorClient;

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  ledger = await openTestLedger(tmp.dir);
  client = new CorridorClient(ledger, { queryIdentity: as.dealer });
});

afterAll(async () => {
  await ledger.close();
  await cleanup();
});

it("submits typed records and reads them back", async () => {
  const { record, receipt } = await client.registerBatch(
    { batchId: "B-CLIENT", merkleRoot: hex("r"), count: 1000, makerMspId: "YadeaMSP", modelCode: "YD-DM6", metadataHash: hex("m") },
    as.yadea,
  );
  expect(record.registered.txId).toBe(receipt.txId);
  expect(await client.getBatch("B-CLIENT")).toEqual(record);

  await client.issueCertification(
    {
      certId: "C-CLIENT",
      scope: { kind: "MODEL", modelCode: "YD-DM6" },
      market: "ID",
      standard: "SNI",
      number: "SNI-8826-2025",
      validFrom: "2025-01-01",
      validTo: "2028-01-01",
      documentHash: hex("d"),
    },
    as.cqc,
  );
  expect((await client.certificationsForModel("YD-DM6")).map((c) => c.certId)).toEqual(["C-CLIENT"]);
  expect(await client.certificationsForModel("YD-DM6", "EU")).toEqual([]);
});

it("retries a transaction that lost a read conflict", async () => {
  // Two concurrent registrations of the same batch: one commits, the other conflicts, is simulated
  // again on the new state and then returns the stored record (registration is idempotent).
  const input = { batchId: "B-RETRY", merkleRoot: hex("r"), count: 10, makerMspId: "YadeaMSP", modelCode: "YD-DM6", metadataHash: hex("m") };
  const [a, b] = await Promise.all([client.registerBatch(input, as.yadea), client.registerBatch(input, as.yadea)]);
  expect(a.record).toEqual(b.record);
  expect(a.receipt.txId).not.toBe(b.receipt.txId);
});
