// The contract's main flows against a real Fabric network, shared by the fabric-gateway and
// fabric-network integration tests. They run when FABRIC_* settings are present and are skipped
// visibly otherwise. The configured identity (FABRIC_MSP_ID) must be a maker organization's
// client with corridor.role=maker, on a channel where the consortium configuration is written
// (chain/network/README.md).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchArgs, json, modelCertArgs } from "../../test/ledger-fixture.js";
import { ContractRejectedError } from "../errors.js";
import type { ChaincodeEvent, Ledger } from "../ledger.js";
import { FABRIC_ENV, type FabricSettings, fabricSettingsFromEnv } from "./settings.js";

const OPTIONAL_ENV: string[] = [FABRIC_ENV.peerHostAlias, FABRIC_ENV.channel, FABRIC_ENV.chaincode];
const REQUIRED_ENV = Object.values(FABRIC_ENV).filter((v) => !OPTIONAL_ENV.includes(v));

/** Settings from the environment, or undefined after one clear warning that the tests are skipped. */
export function integrationSettings(backend: string, env: Readonly<Record<string, string | undefined>>): FabricSettings | undefined {
  const settings = fabricSettingsFromEnv(env);
  if (!settings) {
    console.warn(
      `${backend} tests skipped: set ${REQUIRED_ENV.join(", ")} (optional: ${OPTIONAL_ENV.join(", ")}) to run them against a Fabric 2.5 network (chain/network/README.md)`,
    );
  }
  return settings;
}

async function firstEvent(ledger: Ledger, options: Parameters<Ledger["events"]>[0], match: (e: ChaincodeEvent) => boolean, timeoutMs = 30_000): Promise<ChaincodeEvent> {
  const stream = ledger.events(options);
  const timer = setTimeout(() => stream.close(), timeoutMs);
  try {
    for await (const e of stream) if (match(e)) return e;
    throw new Error("event stream ended without the expected event");
  } finally {
    clearTimeout(timer);
    stream.close();
  }
}

export function describeFabricFlows(backend: string, settings: FabricSettings | undefined, open: (s: FabricSettings) => Promise<Ledger>): void {
  describe.skipIf(!settings)(`${backend} against a Fabric network`, () => {
    let ledger: Ledger;
    const s = settings!;
    const me = () => ({ mspId: s.mspId });
    const run = randomUUID().slice(0, 8);
    const platformMsp = (config: { platformMspId: string }) => config.platformMspId;
    let platform = "";

    beforeAll(async () => {
      ledger = await open(s);
      const config = json<{ platformMspId: string; members: { mspId: string; roles: string[] }[] }>(await ledger.evaluate({ fn: "getConfig", identity: me() }));
      platform = platformMsp(config);
      const member = config.members.find((m) => m.mspId === s.mspId);
      expect(member?.roles, `${s.mspId} must be a maker in the consortium configuration`).toContain("maker");
    }, 60_000);
    afterAll(async () => {
      await ledger?.close();
    });

    it("registers a batch once: a replay returns the stored record and emits nothing", async () => {
      const args = batchArgs(`B-IT-${run}`, undefined, 1000, s.mspId, "IT-1");
      const endorsingOrganizations = [s.mspId, platform];
      const first = await ledger.submit({ fn: "registerBatch", args, identity: me(), endorsingOrganizations });
      expect(first.blockNumber).toBeGreaterThan(0);
      expect(first.blockHash).toMatch(/^[0-9a-f]{64}$/);
      expect(first.events.map((e) => e.eventName)).toEqual(["BatchRegistered"]);
      expect(first.endorsements.map((e) => e.mspId)).toEqual(expect.arrayContaining([s.mspId, platform]));
      expect(first.proposalResponse.length).toBeGreaterThan(0);

      const replay = await ledger.submit({ fn: "registerBatch", args, identity: me(), endorsingOrganizations });
      expect(json(replay.result)).toEqual(json(first.result));
      expect(replay.events).toEqual([]);

      const block = await ledger.block(first.blockNumber);
      expect(block.hash).toBe(first.blockHash);
      expect(block.transactions.find((t) => t.txId === first.txId)?.validationCode).toBe("VALID");
      expect(await ledger.height()).toBeGreaterThan(first.blockNumber);

      const conflict = batchArgs(`B-IT-${run}`, undefined, 999, s.mspId, "IT-1");
      await expect(ledger.submit({ fn: "registerBatch", args: conflict, identity: me(), endorsingOrganizations })).rejects.toMatchObject({ code: "CONFLICT" });
    });

    it("refuses a certifier-only transaction from a maker with NOT_AUTHORIZED", async () => {
      const error = await ledger
        .submit({ fn: "issueCertification", args: modelCertArgs(`C-IT-${run}`), identity: me(), endorsingOrganizations: [s.mspId, platform] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractRejectedError);
      expect(error).toMatchObject({ code: "NOT_AUTHORIZED", fn: "issueCertification" });
    });

    it("delivers chaincode events from a block, and resumes after a checkpoint", async () => {
      const a = await ledger.submit({
        fn: "registerBatch",
        args: batchArgs(`B-EV-A-${run}`, undefined, 10, s.mspId, "IT-1"),
        identity: me(),
        endorsingOrganizations: [s.mspId, platform],
      });
      const b = await ledger.submit({
        fn: "registerBatch",
        args: batchArgs(`B-EV-B-${run}`, undefined, 10, s.mspId, "IT-1"),
        identity: me(),
        endorsingOrganizations: [s.mspId, platform],
      });
      const fromA = await firstEvent(ledger, { startBlock: a.blockNumber }, () => true);
      expect(fromA).toMatchObject({ txId: a.txId, eventName: "BatchRegistered", blockNumber: a.blockNumber });
      expect(json(fromA.payload)).toMatchObject({ batchId: `B-EV-A-${run}` });
      const afterA = await firstEvent(ledger, { startBlock: a.blockNumber, afterTransactionId: a.txId }, () => true);
      expect(afterA.txId).toBe(b.txId);
    });
  });
}
