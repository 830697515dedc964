/**
 * The demo catalog holds the type-approval data of its road vehicles, so a demo maker issues a
 * vehicle's certificate of conformity with one click (no conformity in the request).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PASSWORD, demoModelConformity, seedDemo } from "@corridor/seeds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/modules/identity/passwords.js";
import { vinCheckDigit } from "../src/modules/vehicles/vin.js";
import { createTestContext, gql, loginToken, type TestContext } from "./harness.js";

let t: TestContext;
let dataDir: string;

function vin(n: number): string {
  const draft = `LYDTS2A0RBZ${String(n).padStart(6, "0")}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "corridor-demo-coc-"));
  t = await createTestContext({ CORRIDOR_DATA_DIR: dataDir, PUBLIC_WEB_URL: "https://corridor.example" });
  await seedDemo(t.db, { hashPassword: (pw) => hashPassword(pw, { N: 2 ** 10, r: 8, p: 1 }) });
});

afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const ISSUE = `mutation($input: IssueVehicleDocumentInput!) { issueVehicleDocument(input: $input) {
  __typename
  ... on IssueVehicleDocumentSuccess { document { number kind downloadUrl } }
  ... on DomainError { code message }
  ... on ValidationError { fieldErrors { path } }
} }`;
type Issued = { issueVehicleDocument: { __typename: string; message?: string; fieldErrors?: { path: string[] }[]; document?: { number: string; downloadUrl: string } } };

describe("demo catalog conformity", () => {
  it("the demo maker's models show their type-approval; a CoC is issued without typing it in; the pedelec has none", async () => {
    const token = await loginToken(t.app, "maker@yadea.demo", DEMO_PASSWORD);
    const models = await gql<{ vehicleModels: { edges: { node: { code: string; conformity: { typeApprovalNumber: string; category: string } | null } }[] } }>(
      t.app,
      `{ vehicleModels(first: 20) { edges { node { code conformity { typeApprovalNumber category } } } } }`,
      {},
      { token },
    );
    const byCode = Object.fromEntries((models.data?.vehicleModels.edges ?? []).map((e) => [e.node.code, e.node.conformity]));
    expect(byCode["YD-E8S"]).toEqual({ typeApprovalNumber: demoModelConformity["YD-E8S"]?.typeApprovalNumber, category: "L3e-A1" });
    expect(byCode["YD-G5"]).toMatchObject({ category: "L1e-B" });
    expect(byCode["YD-SKD8"]).toBeNull();

    const VIN = vin(9001);
    const reg = await gql<{ registerVehicles: { __typename: string } }>(
      t.app,
      `mutation($i: RegisterVehiclesInput!) { registerVehicles(input: $i) { __typename } }`,
      { i: { rows: [{ vin: VIN, modelCode: "YD-E8S", productionDate: "2026-05-04", batterySerial: "BAT-9001", motorNumber: "MOT-9001" }] } },
      { token },
    );
    expect(reg.data?.registerVehicles.__typename).toBe("RegisterVehiclesSuccess");
    const found = await gql<{ vehicles: { edges: { node: { id: string } }[] } }>(
      t.app,
      `query($s: String) { vehicles(search: $s, first: 1) { edges { node { id } } } }`,
      { s: VIN },
      { token },
    );
    const vehicleId = found.data?.vehicles.edges[0]?.node.id;

    const r = await gql<Issued>(t.app, ISSUE, { input: { vehicleId, kind: "CERTIFICATE_OF_CONFORMITY" } }, { token });
    expect(r.data?.issueVehicleDocument.__typename, JSON.stringify(r.data ?? r.errors)).toBe("IssueVehicleDocumentSuccess");
    const res = await t.app.fetch(`http://corridor.test${r.data?.issueVehicleDocument.document?.downloadUrl}`, { headers: { authorization: `Bearer ${token}` } });
    const dir = mkdtempSync(join(tmpdir(), "corridor-pdf-"));
    try {
      writeFileSync(join(dir, "d.pdf"), Buffer.from(await res.arrayBuffer()));
      const text = execFileSync("pdftotext", ["-layout", join(dir, "d.pdf"), "-"], { encoding: "utf8" });
      for (const s of [VIN, "e4*168/2013*01243*00", "L3e-A1", "Yadea E8S Pro"]) expect(text, s).toContain(s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Aima's pedelec is outside type-approval: no data in the catalog
    const aima = await loginToken(t.app, "maker@aima.demo", DEMO_PASSWORD);
    const eb = await gql<{ vehicleModels: { edges: { node: { code: string; conformity: unknown } }[] } }>(
      t.app,
      `{ vehicleModels(first: 20) { edges { node { code conformity { variant } } } } }`,
      {},
      { token: aima },
    );
    const aimaModels = Object.fromEntries((eb.data?.vehicleModels.edges ?? []).map((e) => [e.node.code, e.node.conformity]));
    expect(aimaModels).toEqual({ "AM-EB20": null, "AM-M3": { variant: "M3-L1B" } });
  });
});
