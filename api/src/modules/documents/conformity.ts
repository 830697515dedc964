/**
 * What an EU certificate of conformity states beyond the rest of the catalog: the type-approval
 * and the technical characteristics of the approved type (Regulation (EU) No 168/2013, Annex VI).
 * A maker keeps it with each model in the catalog (`VehicleModel.conformity`) or gives it when
 * issuing. One zod schema checks it wherever it is written or read: the GraphQL input fields
 * (`VehicleConformityInput`), the catalog's create/update, and issuing a certificate. Pure.
 */
import { CATEGORY_LIMITS, L_CATEGORIES } from "@corridor/documents";
import { z } from "zod";
import { type FieldError, ValidationError } from "../../errors.js";

const text = (max: number) => z.string().trim().min(1).max(max);
const positive = (max: number) => z.number().positive().max(max);

/** Field by field, as the GraphQL input validates them (nullable fields: see the object schemas). */
export const conformityTechnicalFields = {
  axles: z.number().int().min(1).max(3),
  wheels: z.number().int().min(2).max(4),
  wheelbaseMm: positive(5000),
  lengthMm: positive(5000),
  widthMm: positive(5000),
  heightMm: positive(5000),
  massInRunningOrderKg: positive(2000),
  technicallyPermissibleMaxMassKg: positive(3000),
  motorManufacturer: text(120),
  motorType: text(80),
  maxContinuousRatedPowerKw: positive(200),
  maxNetPowerKw: positive(400),
  maxSpeedKmh: positive(300),
  batteryNominalVoltageV: positive(1000),
  batteryCapacityAh: positive(10000),
  tyresFront: text(40),
  tyresRear: text(40),
  seatingPositions: z.number().int().min(1).max(3),
  energyConsumptionWhPerKm: positive(10000),
  electricRangeKm: positive(10000),
  soundStationaryDb: positive(150),
  soundDriveByDb: positive(150),
};

/** EU type-approval number, e.g. e4*168/2013*00123*00 (amending acts may follow the base act). */
const TYPE_APPROVAL_NUMBER = /^e\d{1,2}\*\d{2,4}\/\d{2,4}(\*\d{2,4}\/\d{2,4})*\*\d{4,5}\*\d{2}$/;

export const conformityFields = {
  typeApprovalNumber: z.string().trim().max(60).regex(TYPE_APPROVAL_NUMBER, "Use an EU type-approval number such as e4*168/2013*00123*00."),
  typeApprovalDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD.")
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "Not a calendar date."),
  category: z.enum(L_CATEGORIES, { message: `Use one of ${L_CATEGORIES.join(", ")}.` }),
  variant: text(80),
  version: text(80),
  commercialName: text(160),
  statutoryPlateLocation: text(200),
  vinLocation: text(200),
  colour: text(40),
  signatoryTitle: text(120),
  remarks: text(1000),
};

const f = conformityTechnicalFields;
const technicalSchema = z.object({
  ...f,
  motorManufacturer: f.motorManufacturer.nullish(),
  maxNetPowerKw: f.maxNetPowerKw.nullish(),
  batteryCapacityAh: f.batteryCapacityAh.nullish(),
  energyConsumptionWhPerKm: f.energyConsumptionWhPerKm.nullish(),
  electricRangeKm: f.electricRangeKm.nullish(),
  soundStationaryDb: f.soundStationaryDb.nullish(),
  soundDriveByDb: f.soundDriveByDb.nullish(),
});

const c = conformityFields;
/** The whole object, with the consistency rules of the certificate's template. */
export const conformitySchema = z
  .object({
    ...c,
    commercialName: c.commercialName.nullish(),
    colour: c.colour.nullish(),
    signatoryTitle: c.signatoryTitle.nullish(),
    remarks: c.remarks.nullish(),
    technical: technicalSchema,
  })
  .superRefine((v, ctx) => {
    const t = v.technical;
    if (t.technicallyPermissibleMaxMassKg < t.massInRunningOrderKg) {
      ctx.addIssue({ code: "custom", path: ["technical", "technicallyPermissibleMaxMassKg"], message: "Must not be less than the mass in running order." });
    }
    const lim = CATEGORY_LIMITS[v.category];
    if (lim.maxSpeedKmh !== undefined && t.maxSpeedKmh > lim.maxSpeedKmh) {
      ctx.addIssue({ code: "custom", path: ["technical", "maxSpeedKmh"], message: `${v.category} allows at most ${lim.maxSpeedKmh} km/h.` });
    }
    if (lim.maxPowerKw !== undefined && t.maxContinuousRatedPowerKw > lim.maxPowerKw) {
      ctx.addIssue({ code: "custom", path: ["technical", "maxContinuousRatedPowerKw"], message: `${v.category} allows at most ${lim.maxPowerKw} kW.` });
    }
  });

/** The type-approval and technical data a certificate of conformity states. */
export type ConformityDetails = z.output<typeof conformitySchema>;

/**
 * Checks conformity data (input or stored JSON) and returns it normalized (trimmed), or throws a
 * ValidationError whose field paths start with `path`.
 */
export function parseConformity(value: unknown, path: string[], problem: string): ConformityDetails {
  const r = conformitySchema.safeParse(value);
  if (r.success) return r.data;
  const errors: FieldError[] = r.error.issues.map((i) => ({ path: [...path, ...i.path.map(String)], message: i.message }));
  throw new ValidationError(`${problem}: ${errors.map((e) => `${e.path.slice(path.length).join(".") || "conformity"}: ${e.message}`).join("; ")}`, errors);
}
