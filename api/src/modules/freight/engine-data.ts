// Database rows as the consolidation engine's plain data: one place, so plans, quotes and the
// catalog's container fit read a crate the same way.
import type { ContainerType as ContainerTypeRow, VehicleModel } from "../../generated/prisma/client.js";
import { bestLayerPattern, type ContainerType, type CrateSpec } from "./consolidation/index.js";

type CrateFields = Pick<
  VehicleModel,
  "crateLengthMm" | "crateWidthMm" | "crateHeightMm" | "crateGrossKg" | "stackLimit" | "mayTurn" | "packaging" | "unNumber" | "batteryWh" | "unitsPerCrate" | "stateOfChargePct"
>;

/** A model's crate as the engine sees it (an unknown state of charge counts as full). */
export function crateSpecOf(m: CrateFields): CrateSpec {
  return {
    length: m.crateLengthMm,
    width: m.crateWidthMm,
    height: m.crateHeightMm,
    grossKg: m.crateGrossKg,
    stackLimit: { maxTiers: m.stackLimit },
    mayTurn: m.mayTurn,
    packaging: m.packaging,
    lithium: m.unNumber === "NONE" ? { un: "none" } : { un: m.unNumber, whPerCrate: (m.batteryWh ?? 0) * m.unitsPerCrate, stateOfCharge: (m.stateOfChargePct ?? 100) / 100 },
  };
}

export function engineContainerType(t: ContainerTypeRow): ContainerType {
  return {
    code: t.code,
    name: t.name,
    inner: { length: t.insideLengthMm, width: t.insideWidthMm, height: t.insideHeightMm },
    door: { width: t.doorWidthMm, height: t.doorHeightMm },
    payloadKg: t.payloadKg,
    tareKg: t.tareKg,
    teu: t.teu,
  };
}

export interface ContainerFit {
  containerType: string;
  cratesPerLayer: number;
  tiers: number;
  /** Crates of this model alone in one container: the best layer pattern, or the payload if less. */
  crates: number;
  units: number;
  limitedBy: "PATTERN" | "PAYLOAD";
}

/** How many crates of one model a container of each type holds when loaded with nothing else. */
export function containerFit(m: CrateFields, types: readonly ContainerTypeRow[]): ContainerFit[] {
  const crate = crateSpecOf(m);
  return types.flatMap((row) => {
    const pattern = bestLayerPattern(crate, engineContainerType(row));
    if (!pattern || pattern.perContainer === 0) return [];
    const byPayload = Math.floor(row.payloadKg / m.crateGrossKg);
    const crates = Math.min(pattern.perContainer, byPayload);
    return [
      {
        containerType: row.code,
        cratesPerLayer: pattern.perLayer,
        tiers: pattern.tiers,
        crates,
        units: crates * m.unitsPerCrate,
        limitedBy: byPayload < pattern.perContainer ? ("PAYLOAD" as const) : ("PATTERN" as const),
      },
    ];
  });
}
