/**
 * Maps a booking and what it refers to (departure, corridor, cargo lines, vehicle models,
 * organizations) into the data of the trade document templates. Pure: no clock, no database;
 * the same booking gives the same data, so the same bytes.
 */
import type {
  BookingConfirmationData,
  CommercialInvoiceData,
  ConsignmentNoteData,
  ContainerType,
  DangerousGoodsDeclarationData,
  Station as DocStation,
  DocumentMeta,
  LithiumUnNumber,
  PackingListData,
  Party,
  Transport,
} from "@corridor/documents";
import { CONTAINER_TYPES, isContainerNumber } from "@corridor/documents";
import { type FieldError, RuleViolationError, ValidationError } from "../../errors.js";
import type { Booking, CargoLine, Corridor, CorridorLeg, Departure, Organization, Station, VehicleModel } from "../../generated/prisma/client.js";

export type BookingForDocuments = Booking & {
  maker: Organization;
  consignee: Organization | null;
  departure: Departure & { operator: Organization; corridor: Corridor & { legs: (CorridorLeg & { from: Station; to: Station })[] } };
  lines: (CargoLine & { vehicleModel: VehicleModel })[];
};

/** Extra facts the database does not hold, given with the request. */
export interface DocumentDetails {
  /** COMMERCIAL_INVOICE: price of one unit per vehicle model, in minor units of `currencyCode` */
  unitPrices?: { vehicleModelId: string; unitPriceMinor: number }[] | null;
  /** COMMERCIAL_INVOICE: invoice currency, default the booking's */
  currencyCode?: string | null;
  /** PACKING_LIST, CONSIGNMENT_NOTE (and optionally DG_DECLARATION): the container the cargo is stuffed in */
  containers?: { containerNumber: string; type: string; sealNumber?: string | null }[] | null;
  /** DG_DECLARATION: who answers the phone around the clock */
  emergencyContact?: { name: string; phone: string } | null;
  /** DG_DECLARATION: the UN 38.3 test summary of each lithium model */
  un383Reports?: { vehicleModelId: string; reportNumber: string; issuedBy: string; date?: string | null }[] | null;
}

/** Lithium UN numbers a DG declaration covers. */
export const LITHIUM: readonly string[] = ["UN3171", "UN3480", "UN3481"];

const RAILWAYS: Record<string, string> = {
  CN: "CR 中国铁路",
  KZ: "KTZ Қазақстан темір жолы",
  RU: "RZD РЖД",
  BY: "BCh БЧ",
  PL: "PKP",
  DE: "DB Cargo",
  LA: "LCR 老中铁路",
  VN: "VNR Đường sắt Việt Nam",
  TH: "SRT",
};

const bilingual = (zh: string | null | undefined, en: string) => (zh && zh !== en ? `${zh} ${en}` : en);

export function partyOf(org: Organization): Party {
  return {
    name: bilingual(org.nameZh, org.name).slice(0, 200),
    address: [[org.city, org.countryCode].filter(Boolean).join(", ")],
    ...(org.website ? { contact: org.website.slice(0, 120) } : {}),
  };
}

/** A consignee the booking does not name: the goods go to order, delivered at the destination. */
function consigneeOf(b: BookingForDocuments): Party {
  if (b.consignee) return partyOf(b.consignee);
  const dest = routeOf(b).destination;
  return { name: "凭指示 To order", address: [`${stationName(dest)}, ${dest.countryCode}`] };
}

const stationName = (s: Station) => bilingual(s.nameZh, s.name);

/** The legs from the origin to the booking's destination. */
function routeOf(b: BookingForDocuments) {
  const legs = [...b.departure.corridor.legs].sort((x, y) => x.seq - y.seq);
  const end = legs.findIndex((l) => l.toCode === b.destinationCode);
  const used = end >= 0 ? legs.slice(0, end + 1) : legs;
  const first = used[0];
  const last = used.at(-1);
  if (!first || !last) throw new RuleViolationError("NO_ROUTE", `The corridor ${b.departure.corridorCode} has no legs.`);
  const borders = used.map((l) => l.to).filter((s) => s.code !== last.to.code && (s.kind === "BORDER" || s.kind === "GAUGE_CHANGE"));
  return { origin: first.from, destination: last.to, borders };
}

function transportOf(b: BookingForDocuments): Transport {
  const r = routeOf(b);
  return {
    mode: b.departure.corridor.mode === "RAIL_SEA" ? "rail-sea" : "rail",
    from: stationName(r.origin),
    to: `${stationName(r.destination)} ${r.destination.countryCode}`,
    ...(r.borders.length ? { via: r.borders.map(stationName).join(" / ").slice(0, 300) } : {}),
    trainOrVessel: b.departure.code.slice(0, 80),
    departureAt: b.departure.departsAt.toISOString(),
  };
}

const describe = (m: VehicleModel) => bilingual(m.nameZh, m.name).slice(0, 300);
const dangerousOf = (m: VehicleModel) => (LITHIUM.includes(m.unNumber) ? { unNumber: m.unNumber, class: "9" } : undefined);
const marksOf = (b: BookingForDocuments, m: VehicleModel) => `${b.reference} / ${m.code}`.slice(0, 120);

function hsCodeOf(m: VehicleModel, i: number, errors: FieldError[]): string {
  if (!m.hsCode) errors.push({ path: ["lines", String(i), "vehicleModel", "hsCode"], message: `Model ${m.code} has no HS code; add one in the catalog.` });
  return m.hsCode ?? "";
}

function refuse(errors: FieldError[]) {
  if (errors.length) throw new ValidationError(errors.map((e) => e.message).join(" "), errors);
}

export function bookingConfirmationData(b: BookingForDocuments, meta: DocumentMeta): BookingConfirmationData {
  const equipment: BookingConfirmationData["equipment"] =
    b.mode === "FCL"
      ? [
          { type: "40HQ" as ContainerType, quantity: b.fcl40Count },
          { type: "20GP" as ContainerType, quantity: b.fcl20Count },
        ].filter((e) => e.quantity > 0)
      : [{ type: "40HQ", quantity: 1 }];
  return {
    meta,
    shipper: partyOf(b.maker),
    consignee: consigneeOf(b),
    carrier: partyOf(b.departure.operator),
    bookingReference: b.reference,
    corridor: bilingual(b.departure.corridor.nameZh, b.departure.corridor.name).slice(0, 160),
    service: b.mode,
    transport: transportOf(b),
    arrivalAt: b.departure.etaAt.toISOString(),
    cutOffs: [{ label: { zh: "截止时间", en: "Cargo and documents cut-off" }, at: b.departure.cutoffAt.toISOString() }],
    equipment,
    cargo: b.lines.map((l) => {
      const dg = dangerousOf(l.vehicleModel);
      return {
        description: `${describe(l.vehicleModel)} (${l.vehicleModel.code} × ${l.quantity})`.slice(0, 300),
        ...(l.vehicleModel.hsCode ? { hsCode: l.vehicleModel.hsCode } : {}),
        packages: l.crates,
        packageType: "CRATES",
        grossKg: l.grossKg,
        cbm: l.volumeCbmMilli / 1000,
        ...(dg ? { dangerous: dg } : {}),
      };
    }),
    currency: b.currencyCode,
    charges: [{ label: { zh: "运费（报价）", en: b.mode === "LCL" ? "Freight, LCL (as quoted)" : "Freight, FCL (as quoted)" }, amountMinor: b.quotedMinor }],
    ...(b.mode === "LCL" ? { remarks: "拼箱货物与其他货主共用集装箱。 LCL cargo shares containers with other shippers; container numbers follow the load plan." } : {}),
  };
}

export function commercialInvoiceData(b: BookingForDocuments, meta: DocumentMeta, d: DocumentDetails): CommercialInvoiceData {
  const errors: FieldError[] = [];
  if (!b.consignee) errors.push({ path: ["consigneeId"], message: "A commercial invoice needs a buyer: book with a consignee (dealer)." });
  const prices = new Map((d.unitPrices ?? []).map((p) => [p.vehicleModelId, p.unitPriceMinor]));
  const lines = b.lines.map((l, i) => {
    const m = l.vehicleModel;
    const price = prices.get(m.id);
    if (price === undefined) errors.push({ path: ["unitPrices"], message: `Give a unit price for model ${m.code}: the catalog holds no prices.` });
    return {
      description: describe(m),
      model: m.code.slice(0, 80),
      hsCode: hsCodeOf(m, i, errors),
      origin: b.maker.countryCode,
      quantity: l.quantity,
      unit: m.category === "KIT" ? "SET" : "UNIT",
      unitPriceMinor: price ?? 0,
    };
  });
  refuse(errors);
  const r = routeOf(b);
  return {
    meta,
    seller: partyOf(b.maker),
    buyer: consigneeOf(b),
    orderNumber: b.reference,
    currency: d.currencyCode ?? b.currencyCode,
    incoterms: { rule: "FCA", place: stationName(r.origin).slice(0, 120), version: "2020" },
    paymentTerms: "按销售合同约定 As agreed in the sales contract",
    countryOfOrigin: b.maker.countryCode,
    transport: transportOf(b),
    lines,
  };
}

function containersOf(d: DocumentDetails, needSeal: boolean, errors: FieldError[]) {
  const list = d.containers ?? [];
  if (!list.length) errors.push({ path: ["containers"], message: "Give the container the cargo is stuffed in (number, type and seal)." });
  if (list.length > 1) errors.push({ path: ["containers"], message: "Documents for cargo in several containers are not supported yet: give one container." });
  list.forEach((c, i) => {
    if (!isContainerNumber(c.containerNumber))
      errors.push({ path: ["containers", String(i), "containerNumber"], message: `${c.containerNumber} is not an ISO 6346 container number.` });
    if (!(c.type in CONTAINER_TYPES)) errors.push({ path: ["containers", String(i), "type"], message: `Use one of ${Object.keys(CONTAINER_TYPES).join(", ")}.` });
    if (needSeal && !c.sealNumber) errors.push({ path: ["containers", String(i), "sealNumber"], message: "A loaded container needs a seal number." });
  });
  return list.map((c) => ({ ...c, type: c.type as ContainerType }));
}

export function packingListData(b: BookingForDocuments, meta: DocumentMeta, d: DocumentDetails, invoiceNumber?: string): PackingListData {
  const errors: FieldError[] = [];
  const [box] = containersOf(d, false, errors);
  refuse(errors);
  if (!box) throw new ValidationError("Give the container.", [{ path: ["containers"], message: "required" }]);
  return {
    meta,
    shipper: partyOf(b.maker),
    consignee: consigneeOf(b),
    ...(invoiceNumber ? { invoiceNumber } : {}),
    transport: transportOf(b),
    containers: [
      {
        containerNumber: box.containerNumber,
        ...(box.sealNumber ? { sealNumber: box.sealNumber } : {}),
        type: box.type,
        lines: b.lines.map((l) => ({
          marks: marksOf(b, l.vehicleModel),
          description: describe(l.vehicleModel),
          model: l.vehicleModel.code.slice(0, 80),
          packages: l.crates,
          packageType: "CRATE",
          unitsPerPackage: l.vehicleModel.unitsPerCrate,
          netKg: l.grossKg,
          grossKg: l.grossKg,
          dimensionsMm: { length: l.vehicleModel.crateLengthMm, width: l.vehicleModel.crateWidthMm, height: l.vehicleModel.crateHeightMm },
          cbm: l.volumeCbmMilli / 1000,
        })),
      },
    ],
    remarks: `订舱号 Booking ${b.reference}。净重未单独登记，按毛重列示。 Net mass is not recorded separately and is shown as gross.`,
  };
}

const docStation = (s: Station): DocStation => ({ name: stationName(s).slice(0, 120), code: s.code, railway: RAILWAYS[s.countryCode] ?? s.countryCode });

export function consignmentNoteData(b: BookingForDocuments, meta: DocumentMeta, d: DocumentDetails, tareKg: Record<string, number>, attached: string[]): ConsignmentNoteData {
  const errors: FieldError[] = [];
  const boxes = containersOf(d, true, errors);
  const goods = b.lines.map((l, i) => {
    const dg = dangerousOf(l.vehicleModel);
    return {
      description: describe(l.vehicleModel),
      hsCode: hsCodeOf(l.vehicleModel, i, errors),
      marks: marksOf(b, l.vehicleModel),
      packages: l.crates,
      packageType: "CRATES",
      grossKg: l.grossKg,
      ...(dg ? { dangerous: dg } : {}),
    };
  });
  refuse(errors);
  const r = routeOf(b);
  const section = `${stationName(r.origin)} — ${stationName(r.destination)}`.slice(0, 160);
  return {
    meta,
    consignor: partyOf(b.maker),
    consignee: consigneeOf(b),
    consignorReference: b.reference,
    departure: docStation(r.origin),
    destination: docStation(r.destination),
    borderCrossings: r.borders.map(docStation),
    carriers: [{ section, carrier: bilingual(b.departure.operator.nameZh, b.departure.operator.name).slice(0, 160) }],
    containers: boxes.map((c) => ({ containerNumber: c.containerNumber, type: c.type, sealNumbers: [c.sealNumber ?? ""], tareKg: tareKg[c.type] ?? 3900 })),
    goods,
    attachedDocuments: attached,
    paymentOfCharges: [{ section, payer: bilingual(b.maker.nameZh, b.maker.name).slice(0, 160) }],
  };
}

/** Typical mass of lithium-ion cells per watt-hour, used when the catalog gives no battery mass. */
export const WH_PER_KG = 150;

export function dangerousGoodsData(b: BookingForDocuments, meta: DocumentMeta, d: DocumentDetails, signatory: string, socCapPct: number | null): DangerousGoodsDeclarationData {
  const lithium = b.lines.filter((l) => LITHIUM.includes(l.vehicleModel.unNumber));
  if (!lithium.length) {
    throw new RuleViolationError("NO_LITHIUM_CARGO", `Booking ${b.reference} carries no lithium cargo (UN3171, UN3480 or UN3481): it needs no dangerous goods declaration.`);
  }
  const errors: FieldError[] = [];
  if (!d.emergencyContact) errors.push({ path: ["emergencyContact"], message: "Give a 24-hour emergency contact for the dangerous goods declaration." });
  const reports = new Map((d.un383Reports ?? []).map((r) => [r.vehicleModelId, r]));
  const boxes = d.containers?.length ? containersOf(d, false, errors) : [];
  const lines = lithium.map((l, i) => {
    const m = l.vehicleModel;
    const report = reports.get(m.id);
    if (!report) errors.push({ path: ["un383Reports"], message: `Give the UN 38.3 test summary of model ${m.code}.` });
    if (!m.batteryWh) errors.push({ path: ["lines", String(i), "vehicleModel", "batteryWh"], message: `Model ${m.code} has no battery energy (Wh) in the catalog.` });
    if (m.stateOfChargePct === null)
      errors.push({ path: ["lines", String(i), "vehicleModel", "stateOfChargePct"], message: `Model ${m.code} has no state of charge in the catalog.` });
    const wh = m.batteryWh ?? 1;
    const netBatteryKg = Math.min(l.grossKg, Math.max(0.1, Math.round(((wh * l.quantity) / WH_PER_KG) * 10) / 10));
    return {
      unNumber: m.unNumber as LithiumUnNumber,
      technicalName: [describe(m), m.code, m.batteryChemistry].filter(Boolean).join(", ").slice(0, 200),
      hazardClass: "9" as const,
      packages: l.crates,
      packageType: "CRATES",
      batteryCount: l.quantity,
      wattHoursPerBattery: wh,
      netBatteryKg,
      grossKg: l.grossKg,
      stateOfChargePct: m.stateOfChargePct ?? 0,
      un383: { reportNumber: report?.reportNumber ?? "", issuedBy: report?.issuedBy ?? "", ...(report?.date ? { date: report.date } : {}) },
    };
  });
  refuse(errors);
  return {
    meta,
    shipper: partyOf(b.maker),
    consignee: consigneeOf(b),
    carrier: partyOf(b.departure.operator),
    transport: transportOf(b),
    regulations: "RID · SMGS Annex 2 · UN Model Regulations",
    ...(socCapPct !== null ? { stateOfChargeCapPct: socCapPct } : {}),
    ...(boxes.length ? { containerNumbers: boxes.map((c) => c.containerNumber) } : {}),
    emergencyContact: d.emergencyContact ?? { name: "", phone: "" },
    lines,
    additionalInformation: `电池净重按 ${WH_PER_KG} Wh/kg 估算。 Net battery mass estimated at ${WH_PER_KG} Wh/kg.`,
    signatory: { name: signatory.slice(0, 120) },
  };
}
