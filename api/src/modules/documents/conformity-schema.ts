// GraphQL of a model's conformity data (./conformity.ts): the input given with a catalog model or
// when issuing a certificate of conformity, and `VehicleModel.conformity`. Imported by the
// documents and freight schemas.

import { L_CATEGORIES } from "@corridor/documents";
import { builder } from "../../schema/builder.js";
import { type ConformityDetails, conformityFields as c, conformitySchema, conformityTechnicalFields as f } from "./conformity.js";

const CocTechnicalInput = builder.inputType("CocTechnicalInput", {
  description: "Technical characteristics of the approved type, as the certificate of conformity states them (Regulation (EU) No 168/2013).",
  fields: (t) => ({
    axles: t.int({ validate: f.axles }),
    wheels: t.int({ validate: f.wheels }),
    wheelbaseMm: t.float({ validate: f.wheelbaseMm }),
    lengthMm: t.float({ validate: f.lengthMm }),
    widthMm: t.float({ validate: f.widthMm }),
    heightMm: t.float({ validate: f.heightMm }),
    massInRunningOrderKg: t.float({ validate: f.massInRunningOrderKg }),
    technicallyPermissibleMaxMassKg: t.float({ validate: f.technicallyPermissibleMaxMassKg }),
    motorManufacturer: t.string({ required: false, validate: f.motorManufacturer }),
    motorType: t.string({ validate: f.motorType }),
    maxContinuousRatedPowerKw: t.float({ validate: f.maxContinuousRatedPowerKw }),
    maxNetPowerKw: t.float({ required: false, validate: f.maxNetPowerKw }),
    maxSpeedKmh: t.float({ validate: f.maxSpeedKmh }),
    batteryNominalVoltageV: t.float({ validate: f.batteryNominalVoltageV }),
    batteryCapacityAh: t.float({ required: false, validate: f.batteryCapacityAh }),
    tyresFront: t.string({ validate: f.tyresFront }),
    tyresRear: t.string({ validate: f.tyresRear }),
    seatingPositions: t.int({ validate: f.seatingPositions }),
    energyConsumptionWhPerKm: t.float({ required: false, validate: f.energyConsumptionWhPerKm }),
    electricRangeKm: t.float({ required: false, validate: f.electricRangeKm }),
    soundStationaryDb: t.float({ required: false, validate: f.soundStationaryDb }),
    soundDriveByDb: t.float({ required: false, validate: f.soundDriveByDb }),
  }),
});

/**
 * Field by field here; the consistency rules across fields (category limits, masses) are checked
 * by the services with the whole conformitySchema, so their paths name the input's own fields.
 */
export const VehicleConformityInput = builder.inputType("VehicleConformityInput", {
  description: "The EU type-approval of a vehicle type and what its certificate of conformity states about it: kept with the model in the catalog, or given when issuing.",
  fields: (t) => ({
    typeApprovalNumber: t.string({ description: "EU type-approval number, e.g. e4*168/2013*00123*00.", validate: c.typeApprovalNumber }),
    typeApprovalDate: t.string({ description: "YYYY-MM-DD", validate: c.typeApprovalDate }),
    category: t.string({ description: `Vehicle category: ${L_CATEGORIES.join(", ")}.`, validate: c.category }),
    variant: t.string({ validate: c.variant }),
    version: t.string({ validate: c.version }),
    commercialName: t.string({ required: false, description: "Default: the model's name.", validate: c.commercialName }),
    statutoryPlateLocation: t.string({ description: "Location and method of attachment of the statutory plate.", validate: c.statutoryPlateLocation }),
    vinLocation: t.string({ description: "Location of the VIN on the frame.", validate: c.vinLocation }),
    colour: t.string({ required: false, validate: c.colour }),
    signatoryTitle: t.string({
      required: false,
      description: "Default: 授权签字人 Authorized signatory. The signatory is the person issuing.",
      validate: c.signatoryTitle,
    }),
    remarks: t.string({ required: false, validate: c.remarks }),
    technical: t.field({ type: CocTechnicalInput }),
  }),
});

type Technical = ConformityDetails["technical"];

const CocTechnical = builder.objectRef<Technical>("CocTechnical").implement({
  description: "Technical characteristics of the approved type (Regulation (EU) No 168/2013), as its certificate of conformity states them.",
  // Reached only through a VehicleModel, whose own rule says who sees it.
  authScopes: { public: true },
  fields: (t) => ({
    axles: t.exposeInt("axles"),
    wheels: t.exposeInt("wheels"),
    wheelbaseMm: t.exposeFloat("wheelbaseMm"),
    lengthMm: t.exposeFloat("lengthMm"),
    widthMm: t.exposeFloat("widthMm"),
    heightMm: t.exposeFloat("heightMm"),
    massInRunningOrderKg: t.exposeFloat("massInRunningOrderKg"),
    technicallyPermissibleMaxMassKg: t.exposeFloat("technicallyPermissibleMaxMassKg"),
    motorManufacturer: t.exposeString("motorManufacturer", { nullable: true }),
    motorType: t.exposeString("motorType"),
    maxContinuousRatedPowerKw: t.exposeFloat("maxContinuousRatedPowerKw"),
    maxNetPowerKw: t.exposeFloat("maxNetPowerKw", { nullable: true }),
    maxSpeedKmh: t.exposeFloat("maxSpeedKmh"),
    batteryNominalVoltageV: t.exposeFloat("batteryNominalVoltageV"),
    batteryCapacityAh: t.exposeFloat("batteryCapacityAh", { nullable: true }),
    tyresFront: t.exposeString("tyresFront"),
    tyresRear: t.exposeString("tyresRear"),
    seatingPositions: t.exposeInt("seatingPositions"),
    energyConsumptionWhPerKm: t.exposeFloat("energyConsumptionWhPerKm", { nullable: true }),
    electricRangeKm: t.exposeFloat("electricRangeKm", { nullable: true }),
    soundStationaryDb: t.exposeFloat("soundStationaryDb", { nullable: true }),
    soundDriveByDb: t.exposeFloat("soundDriveByDb", { nullable: true }),
  }),
});

const VehicleConformity = builder.objectRef<ConformityDetails>("VehicleConformity").implement({
  description: "The EU type-approval of a model and what its certificates of conformity state about it (the fields of VehicleConformityInput).",
  authScopes: { public: true },
  fields: (t) => ({
    typeApprovalNumber: t.exposeString("typeApprovalNumber"),
    typeApprovalDate: t.exposeString("typeApprovalDate", { description: "YYYY-MM-DD" }),
    category: t.exposeString("category", { description: `Vehicle category: ${L_CATEGORIES.join(", ")}.` }),
    variant: t.exposeString("variant"),
    version: t.exposeString("version"),
    commercialName: t.exposeString("commercialName", { nullable: true }),
    statutoryPlateLocation: t.exposeString("statutoryPlateLocation"),
    vinLocation: t.exposeString("vinLocation"),
    colour: t.exposeString("colour", { nullable: true }),
    signatoryTitle: t.exposeString("signatoryTitle", { nullable: true }),
    remarks: t.exposeString("remarks", { nullable: true }),
    technical: t.field({ type: CocTechnical, resolve: (v) => v.technical }),
  }),
});

builder.prismaObjectFields("VehicleModel", (t) => ({
  conformity: t.field({
    type: VehicleConformity,
    nullable: true,
    description:
      "The EU type-approval and technical data its certificates of conformity state; null when the catalog has none (then give them when issuing). Seen by whoever sees the model.",
    // Written only through conformitySchema; data that no longer passes it shows as none, and
    // issuing a certificate from it says what to fix.
    resolve: (m) => {
      const r = conformitySchema.safeParse(m.conformity);
      return r.success ? r.data : null;
    },
  }),
}));
