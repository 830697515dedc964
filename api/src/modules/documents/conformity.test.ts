import { demoModelConformity, demoModels } from "@corridor/seeds";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors.js";
import { conformitySchema, parseConformity } from "./conformity.js";

const E8S = demoModelConformity["YD-E8S"];
if (!E8S) throw new Error("the demo catalog has no YD-E8S conformity");
const base = () => structuredClone(E8S);

function fieldErrorsOf(value: unknown): string[] {
  try {
    parseConformity(value, ["conformity"], "bad");
  } catch (e) {
    if (e instanceof ValidationError) return e.fieldErrors.map((f) => f.path.join("."));
    throw e;
  }
  return [];
}

describe("conformity data", () => {
  it("every demo model's conformity passes the schema and fits the model (category, battery)", () => {
    const models = Object.values(demoModels).flat();
    const codes = Object.keys(demoModelConformity);
    expect(codes.length).toBeGreaterThanOrEqual(4);
    for (const code of codes) {
      const c = demoModelConformity[code];
      const model = models.find((m) => m.code === code);
      expect(model, code).toBeDefined();
      expect(conformitySchema.safeParse(c).error?.issues ?? [], code).toEqual([]);
      // mopeds are L1e-B, motorcycles L3e
      expect(c?.category.startsWith(model?.category === "E_MOPED" ? "L1e" : "L3e"), code).toBe(true);
      // the pack's energy in the catalog is its voltage times its capacity
      expect((c?.technical.batteryNominalVoltageV ?? 0) * (c?.technical.batteryCapacityAh ?? 0), code).toBe(model?.batteryWh);
    }
    // kits, battery packs and the pedelec have none
    expect(codes).not.toContain("YD-SKD8");
    expect(codes).not.toContain("AM-EB20");
  });

  it("normalizes text and keeps nothing it does not know", () => {
    const parsed = parseConformity({ ...base(), variant: "  E8S-A  ", extra: 1 }, ["conformity"], "bad");
    expect(parsed.variant).toBe("E8S-A");
    expect(parsed).not.toHaveProperty("extra");
  });

  it("names each bad field under the given path", () => {
    expect(fieldErrorsOf({ ...base(), typeApprovalNumber: "E4-168-2013" })).toEqual(["conformity.typeApprovalNumber"]);
    expect(fieldErrorsOf({ ...base(), typeApprovalDate: "2024-02-30" })).toEqual(["conformity.typeApprovalDate"]);
    expect(fieldErrorsOf({ ...base(), category: "L9" })).toEqual(["conformity.category"]);
    expect(fieldErrorsOf({ ...base(), technical: { ...base().technical, axles: 0 } })).toEqual(["conformity.technical.axles"]);
    expect(fieldErrorsOf({ ...base(), technical: undefined })).toEqual(["conformity.technical"]);
    expect(fieldErrorsOf("e4*168/2013*00123*00")).toEqual(["conformity"]);
  });

  it("applies the certificate's consistency rules: category limits and masses", () => {
    expect(fieldErrorsOf({ ...base(), category: "L1e-B" }).sort()).toEqual(["conformity.technical.maxSpeedKmh"]);
    expect(fieldErrorsOf({ ...base(), category: "L1e-A" }).sort()).toEqual(["conformity.technical.maxContinuousRatedPowerKw", "conformity.technical.maxSpeedKmh"]);
    expect(fieldErrorsOf({ ...base(), technical: { ...base().technical, technicallyPermissibleMaxMassKg: 90 } })).toEqual(["conformity.technical.technicallyPermissibleMaxMassKg"]);
  });
});
