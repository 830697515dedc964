/**
 * Maps a vehicle, its model and its maker (and, for the verification certificate, its proof of
 * inclusion and ledger anchor) into the data of the per-vehicle templates. Pure: no clock, no
 * database; the same facts give the same data, so the same bytes.
 */
import type { CertificateOfConformityData, DocumentMeta, VehicleVerificationData } from "@corridor/documents";
import { type FieldError, ValidationError } from "../../errors.js";
import type { Organization, Vehicle, VehicleModel } from "../../generated/prisma/client.js";
import type { ConformityDetails } from "./conformity.js";
import { partyOf } from "./data.js";

const bilingual = (zh: string | null | undefined, en: string) => (zh && zh !== en ? `${zh} ${en}` : en);
const day = (d: Date) => d.toISOString().slice(0, 10);

export type VehicleForDocuments = Vehicle & { model: VehicleModel; maker: Organization };

const opt = <K extends string, V>(key: K, value: V | null | undefined): { [k in K]?: V } => (value === null || value === undefined ? {} : ({ [key]: value } as { [k in K]: V }));

export function certificateOfConformityData(v: VehicleForDocuments, meta: DocumentMeta, c: ConformityDetails, signatoryName: string): CertificateOfConformityData {
  const m = v.model;
  const errors: FieldError[] = [];
  if (!m.batteryChemistry) errors.push({ path: ["vehicleModel", "batteryChemistry"], message: `Model ${m.code} has no battery chemistry in the catalog.` });
  if (errors.length) throw new ValidationError(errors.map((e) => e.message).join(" "), errors);
  const t = c.technical;
  const sound = { ...opt("stationaryDb", t.soundStationaryDb), ...opt("driveByDb", t.soundDriveByDb) };
  return {
    meta,
    manufacturer: partyOf(v.maker),
    vehicle: {
      make: v.maker.name.slice(0, 80),
      type: m.code.slice(0, 80),
      variant: c.variant,
      version: c.version,
      commercialNames: (c.commercialName ?? bilingual(m.nameZh, m.name)).slice(0, 160),
      category: c.category,
      vin: v.vin,
      typeApprovalNumber: c.typeApprovalNumber,
      typeApprovalDate: c.typeApprovalDate,
      statutoryPlateLocation: c.statutoryPlateLocation,
      vinLocation: c.vinLocation,
      ...opt("colour", c.colour),
      manufacturedOn: day(v.productionDate),
    },
    technical: {
      axles: t.axles,
      wheels: t.wheels,
      wheelbaseMm: t.wheelbaseMm,
      lengthMm: t.lengthMm,
      widthMm: t.widthMm,
      heightMm: t.heightMm,
      massInRunningOrderKg: t.massInRunningOrderKg,
      technicallyPermissibleMaxMassKg: t.technicallyPermissibleMaxMassKg,
      motor: { ...opt("manufacturer", t.motorManufacturer), type: t.motorType, maxContinuousRatedPowerKw: t.maxContinuousRatedPowerKw, ...opt("maxNetPowerKw", t.maxNetPowerKw) },
      maxSpeedKmh: t.maxSpeedKmh,
      battery: {
        chemistry: m.batteryChemistry ?? "",
        nominalVoltageV: t.batteryNominalVoltageV,
        ...opt("capacityAh", t.batteryCapacityAh),
        ...(m.batteryWh ? { energyKwh: m.batteryWh / 1000 } : {}),
      },
      tyres: { front: t.tyresFront, rear: t.tyresRear },
      seatingPositions: t.seatingPositions,
      ...opt("energyConsumptionWhPerKm", t.energyConsumptionWhPerKm),
      ...opt("electricRangeKm", t.electricRangeKm),
      ...(Object.keys(sound).length ? { soundLevel: sound } : {}),
    },
    ...opt("remarks", c.remarks),
    signatory: { name: signatoryName.slice(0, 120), title: (c.signatoryTitle ?? "授权签字人 Authorized signatory").slice(0, 120) },
  };
}

/** The parts of a vehicle's proof file (chain/proof) that a certificate prints. */
export interface ProofFacts {
  /** SHA-256 Merkle leaf of the vehicle's canonical record, hex. */
  leafDigest: string;
  root: string;
  leafIndex: number;
  treeSize: number;
  auditPath: string[];
  anchor: { channel: string; chaincode: string; txId: string; blockNumber: number; timestamp: string; batchId: string };
}

export interface CertificationFact {
  market: string;
  standard: string;
  number: string;
  validTo: Date;
}

export function vehicleVerificationData(
  v: VehicleForDocuments,
  meta: DocumentMeta,
  proof: ProofFacts,
  network: string,
  certifications: CertificationFact[],
): VehicleVerificationData {
  const m = v.model;
  return {
    meta,
    vehicle: {
      vin: v.vin,
      make: bilingual(v.maker.nameZh, v.maker.name).slice(0, 160),
      model: bilingual(m.nameZh, m.name).slice(0, 160),
      variant: m.code.slice(0, 80),
      manufacturer: partyOf(v.maker).name.slice(0, 160),
      manufacturedOn: day(v.productionDate),
      ...(v.batterySerial ? { batteryId: v.batterySerial.slice(0, 80) } : {}),
    },
    proof: {
      leafDigest: proof.leafDigest,
      merkleRoot: proof.root,
      batchId: proof.anchor.batchId,
      leafIndex: proof.leafIndex,
      batchSize: proof.treeSize,
      path: proof.auditPath,
    },
    anchor: {
      network,
      channel: proof.anchor.channel,
      chaincode: proof.anchor.chaincode,
      txId: proof.anchor.txId,
      blockNumber: proof.anchor.blockNumber,
      anchoredAt: proof.anchor.timestamp,
    },
    ...(certifications.length
      ? {
          certifications: certifications.slice(0, 20).map((c) => ({
            name: `${c.standard} · ${c.market}`.slice(0, 120),
            number: c.number.slice(0, 80),
            validUntil: day(c.validTo),
          })),
        }
      : {}),
  };
}
