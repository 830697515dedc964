import type { ServiceContext } from "../../context.js";
import { mapPrismaError, NotFoundError, RuleViolationError } from "../../errors.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { PackagingKind, UnNumber, VehicleCategory } from "../../generated/prisma/enums.js";
import { say } from "../../messages.js";
import { parseConformity } from "../documents/conformity.js";
import { writeAudit } from "../identity/audit.js";
import { writerOrgOf } from "./access.js";

export interface VehicleModelInput {
  code: string;
  name: string;
  nameZh?: string | null;
  category: VehicleCategory;
  packaging: PackagingKind;
  unitsPerCrate: number;
  crateLengthMm: number;
  crateWidthMm: number;
  crateHeightMm: number;
  crateGrossKg: number;
  stackLimit: number;
  mayTurn: boolean;
  batteryChemistry?: string | null;
  batteryWh?: number | null;
  unNumber: UnNumber;
  stateOfChargePct?: number | null;
  hsCode?: string | null;
  /**
   * The EU type-approval and technical data its certificates of conformity state, checked with
   * conformitySchema. Omitted: unchanged (none on create); null: removed.
   */
  conformity?: unknown;
}

/** The input as Prisma data: conformity checked and normalized, or Prisma's database NULL. */
function modelData(input: VehicleModelInput) {
  const { conformity, ...rest } = input;
  if (conformity === undefined) return rest;
  if (conformity === null) return { ...rest, conformity: Prisma.DbNull };
  return { ...rest, conformity: parseConformity(conformity, ["conformity"], `The conformity data of model ${input.code} is not valid`) };
}

/** The largest door and box of the container types, so an impossible crate is refused at once. */
async function assertCrateFits(ctx: ServiceContext, input: VehicleModelInput) {
  const types = await ctx.db.containerType.findMany();
  const { crateLengthMm: l, crateWidthMm: w, crateHeightMm: h } = input;
  const fits = types.some(
    (t) => Math.min(l, w) <= t.doorWidthMm && h <= t.doorHeightMm && h <= t.insideHeightMm && Math.max(l, w) <= t.insideLengthMm && Math.min(l, w) <= t.insideWidthMm,
  );
  if (types.length && !fits) {
    throw new RuleViolationError(
      "CRATE_TOO_LARGE",
      say(
        ctx,
        `A ${l} × ${w} × ${h} mm crate does not pass any container door (largest: ${Math.max(...types.map((t) => t.doorWidthMm))} × ${Math.max(...types.map((t) => t.doorHeightMm))} mm).`,
        `${l} × ${w} × ${h} 毫米的包装箱无法通过任何集装箱箱门（最大 ${Math.max(...types.map((t) => t.doorWidthMm))} × ${Math.max(...types.map((t) => t.doorHeightMm))} 毫米）。`,
      ),
    );
  }
  const maxPayload = Math.max(...types.map((t) => t.payloadKg));
  if (types.length && input.crateGrossKg > maxPayload)
    throw new RuleViolationError(
      "OVERWEIGHT",
      say(
        ctx,
        `A ${input.crateGrossKg} kg crate exceeds every container's payload (${maxPayload} kg).`,
        `${input.crateGrossKg} 千克的包装箱超过所有集装箱的载重（${maxPayload} 千克）。`,
      ),
    );
  if (input.unNumber !== "NONE" && !input.batteryWh)
    throw new RuleViolationError("LITHIUM_DATA_MISSING", say(ctx, "Give the battery's energy (Wh) for lithium cargo.", "锂电池货物须填写电池能量（瓦时）。"));
}

export async function createVehicleModel(ctx: ServiceContext, input: VehicleModelInput) {
  const makerOrgId = writerOrgOf(ctx, "MANUFACTURER", "keep a vehicle catalog");
  const data = modelData(input);
  await assertCrateFits(ctx, input);
  return ctx.db
    .$transaction(async (tx) => {
      const model = await tx.vehicleModel.create({ data: { ...data, makerOrgId } });
      await writeAudit(tx, ctx, { action: "vehicleModel.create", targetType: "VehicleModel", targetId: model.id, orgId: makerOrgId, after: model });
      return model;
    })
    .catch((e) => mapPrismaError(e, { conflict: `Your catalog already has a model with code ${input.code}.` }));
}

export async function updateVehicleModel(ctx: ServiceContext, id: string, input: VehicleModelInput) {
  const makerOrgId = writerOrgOf(ctx, "MANUFACTURER", "keep a vehicle catalog");
  const before = await ctx.db.vehicleModel.findFirst({ where: { id, makerOrgId } });
  if (!before) throw new NotFoundError("Vehicle model");
  const data = modelData(input);
  await assertCrateFits(ctx, input);
  return ctx.db
    .$transaction(async (tx) => {
      const model = await tx.vehicleModel.update({ where: { id }, data });
      await writeAudit(tx, ctx, { action: "vehicleModel.update", targetType: "VehicleModel", targetId: id, orgId: makerOrgId, before, after: model });
      return model;
    })
    .catch((e) => mapPrismaError(e, { conflict: `Your catalog already has a model with code ${input.code}.` }));
}
