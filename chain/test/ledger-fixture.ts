// Test support: an embedded ledger in a fresh temporary folder with a small consortium that has
// every role, plus identities made to probe the access rules.
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROLE_ATTRIBUTE } from "../contract/constants.js";
import { type EmbeddedLedger, type EmbeddedLedgerOptions, type OrganizationSpec, openEmbeddedLedger } from "../ledger/index.js";
import type { IdentityRef } from "../ledger/ledger.js";

export const TEST_ORGANIZATIONS: readonly OrganizationSpec[] = [
  { mspId: "PlatformMSP", name: "Corridor platform", roles: ["platform"] },
  {
    mspId: "YadeaMSP",
    name: "Yadea",
    roles: ["maker"],
    // A maker's user whose certificate claims the certifier role: the MSP check must still refuse.
    users: [{ name: "forged-certifier", attributes: { [ROLE_ATTRIBUTE]: "certifier" } }],
  },
  { mspId: "AimaMSP", name: "Aima", roles: ["maker"] },
  {
    mspId: "CQCMSP",
    name: "China Quality Certification Centre",
    roles: ["certifier"],
    // A certification body's clerk without the certifier attribute.
    users: [{ name: "clerk" }],
  },
  { mspId: "TUVMSP", name: "TÜV Rheinland", roles: ["certifier"] },
  { mspId: "MinshengMSP", name: "Changan Minsheng Logistics", roles: ["logistics"] },
  { mspId: "DealerMSP", name: "Hanoi Moto dealer", roles: ["dealer"] },
];

export const as = {
  platform: { mspId: "PlatformMSP" },
  yadea: { mspId: "YadeaMSP" },
  yadeaForgedCertifier: { mspId: "YadeaMSP", user: "forged-certifier" },
  aima: { mspId: "AimaMSP" },
  cqc: { mspId: "CQCMSP" },
  cqcClerk: { mspId: "CQCMSP", user: "clerk" },
  tuv: { mspId: "TUVMSP" },
  logistics: { mspId: "MinshengMSP" },
  dealer: { mspId: "DealerMSP" },
} satisfies Record<string, IdentityRef>;

export async function tempDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "corridor-ledger-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function openTestLedger(dir: string, options: Partial<EmbeddedLedgerOptions> = {}): Promise<EmbeddedLedger> {
  return openEmbeddedLedger({ dataDir: dir, organizations: TEST_ORGANIZATIONS, ...options });
}

export function hex(seed: string): string {
  return createHash("sha256").update(seed).digest("hex");
}

export function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("utf8");
}

export function json<T = Record<string, unknown>>(bytes: Uint8Array): T {
  return JSON.parse(text(bytes)) as T;
}

/** Arguments of registerBatch. */
export function batchArgs(batchId: string, root = hex(`root:${batchId}`), count = 1000, maker = "YadeaMSP", model = "YD-DM6"): string[] {
  return [batchId, root, String(count), maker, model, hex(`meta:${batchId}`)];
}

/** Arguments of registerVehicle. */
export function vehicleArgs(vin: string, maker = "YadeaMSP", model = "YD-DM6"): string[] {
  return [vin, maker, model, "2025-03-01", `BAT-${vin}`, `MOT-${vin}`, hex(`vehicle:${vin}`)];
}

/** Arguments of issueCertification for a whole model. */
export function modelCertArgs(certId: string, model = "YD-DM6", market = "EU", standard = "EU 168/2013"): string[] {
  return [certId, JSON.stringify({ kind: "MODEL", modelCode: model }), market, standard, `e4*168/2013*${certId}`, "2025-01-01", "2029-12-31", hex(`doc:${certId}`)];
}

/** `design:paramtypes` of a method as the compiler emitted it (undefined when it did not). */
export function designParamTypes(target: object, method: string): unknown {
  return (Reflect as unknown as { getMetadata(key: string, target: object, property: string): unknown }).getMetadata("design:paramtypes", target, method);
}
