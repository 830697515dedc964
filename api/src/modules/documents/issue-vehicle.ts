// Per-vehicle documents: the EU certificate of conformity and the vehicle verification
// certificate, issued by the vehicle's maker and anchored on the ledger (./anchor.ts).
import { recordLeafHash } from "@corridor/chain/proof";
import { renderCertificateOfConformityResult, renderVehicleVerificationResult } from "@corridor/documents";
import type { ServiceContext } from "../../context.js";
import { NotFoundError, RuleViolationError, ValidationError } from "../../errors.js";
import type { DocumentKind, VehicleModel } from "../../generated/prisma/client.js";
import { currentLedgerHub, type LedgerHub } from "../../ledger.js";
import { say } from "../../messages.js";
import { writerOrgOf } from "../freight/access.js";
import { actorOf } from "../identity/guards.js";
import { vehicleProof, verifyVehicle } from "../vehicles/verify.js";
import { type ConformityDetails, parseConformity } from "./conformity.js";
import { dataErrorAsValidation, type IssueResult, issueRendered, type Renderer, verifyUrlOf } from "./issue.js";
import { certificateOfConformityData, type VehicleForDocuments, vehicleVerificationData } from "./vehicle-data.js";

/** Document kinds issued for a vehicle, with the prefix of their numbers. */
export const VEHICLE_DOCUMENT_PREFIX: Partial<Record<DocumentKind, string>> = {
  CERTIFICATE_OF_CONFORMITY: "COC",
  VEHICLE_VERIFICATION: "VVC",
};

export interface IssueVehicleDocumentInput {
  vehicleId: string;
  kind: DocumentKind;
  /**
   * CERTIFICATE_OF_CONFORMITY: the type-approval and technical data it states (checked with
   * conformitySchema). Default: the model's conformity in the catalog; given here, it wins.
   */
  conformity?: unknown;
}

/** The public page of a vehicle, which its verification certificate's QR code opens. */
export function vehicleVerifyUrlOf(publicWebUrl: string, vin: string): string {
  return `${publicWebUrl.replace(/\/+$/, "")}/verify/${encodeURIComponent(vin)}`;
}

/** The ledger's name as printed on certificates. */
function networkName(hub: LedgerHub): string {
  return hub.backend === "embedded" ? "Corridor consortium ledger (embedded Fabric contract)" : "Corridor consortium ledger (Hyperledger Fabric)";
}

const asValidation = dataErrorAsValidation("The vehicle's data cannot make this document");

/**
 * Issues a certificate for one of the caller's vehicles: CERTIFICATE_OF_CONFORMITY (needs the
 * conformity details: given with the request, else the model's in the catalog) or
 * VEHICLE_VERIFICATION (needs the vehicle anchored on the ledger). Issuing again with unchanged
 * data returns the earlier document. Either is anchored through the outbox.
 */
export async function issueVehicleDocument(ctx: ServiceContext, input: IssueVehicleDocumentInput, now = new Date()): Promise<IssueResult> {
  const makerOrgId = writerOrgOf(ctx, "MANUFACTURER", "issue vehicle documents");
  const prefix = VEHICLE_DOCUMENT_PREFIX[input.kind];
  if (!prefix) {
    throw new ValidationError(`${input.kind} is not issued for a vehicle: use CERTIFICATE_OF_CONFORMITY or VEHICLE_VERIFICATION.`, [
      { path: ["kind"], message: "not a vehicle document" },
    ]);
  }
  if (input.kind !== "CERTIFICATE_OF_CONFORMITY" && input.conformity) {
    throw new ValidationError("Conformity details are only for a certificate of conformity.", [{ path: ["conformity"], message: "only for CERTIFICATE_OF_CONFORMITY" }]);
  }
  const found = await ctx.db.vehicle.findFirst({ where: { id: input.vehicleId, makerOrgId } });
  if (!found) throw new NotFoundError("Vehicle");
  const [model, maker] = await Promise.all([
    ctx.db.vehicleModel.findUniqueOrThrow({ where: { id: found.vehicleModelId } }),
    ctx.db.organization.findUniqueOrThrow({ where: { id: makerOrgId } }),
  ]);
  const vehicle: VehicleForDocuments = { ...found, model, maker };
  if (vehicle.frameNumber === vehicle.vin) {
    throw new RuleViolationError(
      "NO_VIN",
      say(
        ctx,
        `Vehicle ${vehicle.vin} is registered by its frame number only: certificates name a 17-character VIN.`,
        `车辆 ${vehicle.vin} 仅以车架号登记：证书须载明 17 位 VIN。`,
      ),
    );
  }
  let render: Renderer;
  let verifyUrl: (id: string) => string;
  if (input.kind === "CERTIFICATE_OF_CONFORMITY") {
    const conformity = conformityOf(model, input.conformity);
    const actor = actorOf(ctx);
    const person = actor.kind === "user" ? await ctx.db.user.findUnique({ where: { id: actor.userId }, select: { name: true } }) : null;
    const signatory = person?.name ?? maker.name;
    render = (meta) => renderCertificateOfConformityResult(certificateOfConformityData(vehicle, meta, conformity, signatory));
    verifyUrl = (id) => verifyUrlOf(ctx.config.PUBLIC_WEB_URL, id);
  } else {
    render = await verificationRenderer(ctx, vehicle);
    const url = vehicleVerifyUrlOf(ctx.config.PUBLIC_WEB_URL, vehicle.vin);
    verifyUrl = () => url;
  }
  return issueRendered(
    ctx,
    { kind: input.kind, prefix, issuer: maker, subject: { vehicleId: vehicle.id }, render, verifyUrl, audit: { vin: vehicle.vin }, onDataError: asValidation },
    now,
  );
}

/** The conformity given with the request, else the model's in the catalog; checked either way. */
function conformityOf(model: VehicleModel, given: unknown): ConformityDetails {
  if (given !== null && given !== undefined) return parseConformity(given, ["conformity"], "The conformity data is not valid");
  if (model.conformity === null) {
    throw new ValidationError(
      `A certificate of conformity states the EU type-approval of model ${model.code} and its technical characteristics: add them to the model in the catalog (conformity), or give them with this request.`,
      [{ path: ["conformity"], message: "required for CERTIFICATE_OF_CONFORMITY: none in the catalog for this model" }],
    );
  }
  return parseConformity(model.conformity, ["vehicleModel", "conformity"], `The conformity of model ${model.code} in the catalog is not valid any more: update it in the catalog`);
}

async function verificationRenderer(ctx: ServiceContext, vehicle: VehicleForDocuments): Promise<Renderer> {
  const notAnchored = () =>
    new RuleViolationError(
      "VEHICLE_NOT_ANCHORED",
      say(
        ctx,
        `Vehicle ${vehicle.vin} is not anchored yet: its batch is still waiting for the ledger. Issue the verification certificate once it is anchored.`,
        `车辆 ${vehicle.vin} 尚未上链：其批次仍在等待账本确认。上链后再签发核验证书。`,
      ),
    );
  if (!vehicle.batchId) throw notAnchored();
  const batch = await ctx.db.vehicleBatch.findUnique({ where: { id: vehicle.batchId }, select: { status: true } });
  if (batch?.status !== "ANCHORED") throw notAnchored();
  const hub = currentLedgerHub();
  if (!hub)
    throw new RuleViolationError(
      "NO_LEDGER",
      say(ctx, "This server has no ledger connected, so it cannot prove the vehicle's anchoring.", "本服务器未连接账本，无法证明车辆已上链。"),
    );
  const [proof, verification] = await Promise.all([vehicleProof(ctx.db, hub, vehicle.vin), verifyVehicle(ctx.db, { vin: vehicle.vin })]);
  if (!proof) throw notAnchored();
  // The proof's endorsements are fresh signatures each time it is built; the certificate prints
  // the deterministic parts: the record's leaf digest, the audit path, the root and the anchor.
  const facts = {
    leafDigest: recordLeafHash(proof.record).toString("hex"),
    root: proof.root,
    leafIndex: proof.leafIndex,
    treeSize: proof.treeSize,
    auditPath: proof.auditPath,
    anchor: proof.anchor,
  };
  const certifications = (verification?.certifications ?? []).filter((c) => c.status === "ACTIVE");
  const network = networkName(hub);
  return (meta) => renderVehicleVerificationResult(vehicleVerificationData(vehicle, meta, facts, network, certifications));
}
