import { CONTAINER_TYPE_CODES, type ContainerType } from "../containers.js";
import { formatDateIn, formatInstant, formatMinor, formatNumber, sumKg } from "../format.js";
import { Composer, type RenderOptions, type RenderResult } from "../layout/composer.js";
import { drawFieldGrid, drawParties, PARTY_LABELS } from "../layout/fields.js";
import { drawDocumentHeader } from "../layout/header.js";
import { drawSignatureBoxes } from "../layout/signature.js";
import { type Column, drawTable, type TableRow } from "../layout/table.js";
import { SIZES } from "../layout/theme.js";
import { drawTotals, type TotalLine } from "../layout/totals.js";
import { checkCurrency, checkHsCode, checkMeta, checkParty, type DocumentMeta, type Party } from "../model.js";
import { at, Validator } from "../validate.js";
import { type Charge, checkCharges, checkTransport, modeLabel, signatureLines, type Transport } from "./shared.js";

export const BOOKING_CONFIRMATION = "booking-confirmation";

export interface BookingCargoLine {
  description: string;
  hsCode?: string;
  packages: number;
  packageType: string;
  grossKg: number;
  cbm: number;
  /** Set for dangerous goods, e.g. { unNumber: "UN3171", class: "9" }. */
  dangerous?: { unNumber: string; class: string };
}

export interface BookingConfirmationData {
  meta: DocumentMeta;
  /** The booking party (usually the shipper / manufacturer). */
  shipper: Party;
  consignee: Party;
  /** Rail operator or forwarder confirming the booking. */
  carrier: Party;
  bookingReference: string;
  /** Corridor name, e.g. "渝新欧 China–Europe (Chongqing–Duisburg)". */
  corridor: string;
  service: "FCL" | "LCL";
  transport: Transport;
  /** Estimated arrival (ISO instant). */
  arrivalAt?: string;
  /** Cut-offs (截单/截港): cargo delivery, documents, customs … */
  cutOffs: Array<{ label: { zh: string; en: string }; at: string }>;
  /** Containers booked (FCL) or used for consolidation (LCL). */
  equipment: Array<{ type: ContainerType; quantity: number }>;
  cargo: BookingCargoLine[];
  /** Quoted charges in `currency` minor units. */
  currency?: string;
  charges?: Charge[];
  terms?: string[];
  remarks?: string;
}

export function validateBookingConfirmation(data: unknown): asserts data is BookingConfirmationData {
  const v = new Validator(BOOKING_CONFIRMATION);
  const d = v.obj("", data) ?? {};
  checkMeta(v, "meta", d.meta);
  checkParty(v, "shipper", d.shipper, true);
  checkParty(v, "consignee", d.consignee, true);
  checkParty(v, "carrier", d.carrier, true);
  v.str("bookingReference", d.bookingReference, { max: 60 });
  v.str("corridor", d.corridor, { max: 160 });
  v.oneOf("service", d.service, ["FCL", "LCL"] as const);
  checkTransport(v, "transport", d.transport);
  v.instant("arrivalAt", d.arrivalAt, false);
  const cut = v.arr("cutOffs", d.cutOffs, { max: 10 });
  v.each("cutOffs", cut, (p, x) => {
    const o = v.obj(p, x);
    if (!o) return;
    const label = v.obj(at(p, "label"), o.label);
    if (label) {
      v.str(at(p, "label.zh"), label.zh, { max: 40 });
      v.str(at(p, "label.en"), label.en, { max: 60 });
    }
    v.instant(at(p, "at"), o.at);
  });
  const eq = v.arr("equipment", d.equipment, { min: 1, max: 20, emptyMessage: "a booking needs at least one container" });
  v.each("equipment", eq, (p, x) => {
    const o = v.obj(p, x);
    if (!o) return;
    v.oneOf(at(p, "type"), o.type, CONTAINER_TYPE_CODES);
    v.num(at(p, "quantity"), o.quantity, { integer: true, positive: true, max: 100 });
  });
  const cargo = v.arr("cargo", d.cargo, { min: 1, max: 500, emptyMessage: "a booking with no cargo cannot be confirmed" });
  v.each("cargo", cargo, (p, x) => {
    const o = v.obj(p, x);
    if (!o) return;
    v.str(at(p, "description"), o.description, { max: 300 });
    checkHsCode(v, at(p, "hsCode"), o.hsCode, false);
    v.num(at(p, "packages"), o.packages, { integer: true, positive: true });
    v.str(at(p, "packageType"), o.packageType, { max: 30 });
    v.num(at(p, "grossKg"), o.grossKg, { positive: true });
    v.num(at(p, "cbm"), o.cbm, { positive: true });
    const dg = v.obj(at(p, "dangerous"), o.dangerous, false);
    if (dg) {
      v.str(at(p, "dangerous.unNumber"), dg.unNumber, { pattern: /^UN\d{4}$/, format: "UN followed by 4 digits" });
      v.str(at(p, "dangerous.class"), dg.class, { max: 4 });
    }
  });
  if (d.charges !== undefined) checkCurrency(v, "currency", d.currency);
  checkCharges(v, "charges", d.charges);
  const terms = v.arr("terms", d.terms, { required: false, max: 20 });
  v.each("terms", terms, (p, x) => v.str(p, x, { max: 600 }));
  v.str("remarks", d.remarks, { required: false, max: 2000 });
  v.done();
}

export async function renderBookingConfirmationResult(data: BookingConfirmationData, options: RenderOptions = {}): Promise<RenderResult> {
  validateBookingConfirmation(data);
  const tz = data.meta.timeZone;
  const c = new Composer({
    template: BOOKING_CONFIRMATION,
    title: { zh: "订舱确认书", en: "Booking Confirmation" },
    meta: data.meta,
    data,
    ...(options.fonts ? { fonts: options.fonts } : {}),
  });
  drawDocumentHeader(c, {
    references: [{ label: { zh: "订舱号", en: "Booking ref." }, value: data.bookingReference, weight: "bold" }],
  });
  drawParties(c, [
    { label: { zh: "订舱人/发货人", en: "Booking party / Shipper" }, party: data.shipper },
    { label: PARTY_LABELS.consignee, party: data.consignee },
    { label: PARTY_LABELS.carrier, party: data.carrier },
  ]);
  const t = data.transport;
  drawFieldGrid(c, [
    [
      { label: { zh: "通道", en: "Corridor" }, value: data.corridor, span: 1.6, weight: "bold" },
      { label: { zh: "服务", en: "Service" }, value: data.service === "FCL" ? "整箱 FCL" : "拼箱 LCL", span: 0.6 },
      { label: { zh: "运输方式", en: "Mode" }, value: modeLabel(t.mode), span: 0.7 },
      { label: { zh: "班列号", en: "Train / vessel" }, value: t.trainOrVessel ?? "—", span: 0.7, weight: "bold" },
    ],
    [
      { label: { zh: "起运站", en: "Place of loading" }, value: t.from },
      { label: { zh: "经由口岸", en: "Border crossing(s)" }, value: t.via ?? "—", span: 1.3 },
      { label: { zh: "目的站", en: "Destination" }, value: t.to },
    ],
    [
      { label: { zh: "预计开行", en: "ETD" }, value: t.departureAt ? formatInstant(t.departureAt, tz) : "—" },
      { label: { zh: "预计到达", en: "ETA" }, value: data.arrivalAt ? formatInstant(data.arrivalAt, tz) : "—" },
    ],
  ]);
  c.gap(8);
  c.heading({ zh: "截止时间", en: "Cut-offs" }, tz);
  drawTable(
    c,
    [
      { header: { zh: "项目", en: "Cut-off" }, width: 3 },
      { header: { zh: "截止时间", en: "Closing date and time" }, width: 4 },
    ],
    data.cutOffs.map((co) => ({ cells: [`${co.label.zh}  ${co.label.en}`, formatInstant(co.at, tz)] })),
    { zebra: false },
  );
  c.gap(8);
  c.heading({ zh: "箱型箱量", en: "Equipment" });
  const teu = data.equipment.reduce((s, e) => s + e.quantity * (e.type.startsWith("20") ? 1 : 2), 0);
  drawTable(
    c,
    [
      { header: { zh: "箱型", en: "Type" }, width: 3 },
      { header: { zh: "箱量", en: "Quantity" }, width: 2, align: "right" },
      { header: { zh: "标准箱", en: "TEU" }, width: 2, align: "right" },
    ],
    [
      ...data.equipment.map((e) => ({
        cells: [e.type, formatNumber(e.quantity), formatNumber(e.quantity * (e.type.startsWith("20") ? 1 : 2))],
      })),
      { kind: "total" as const, cells: ["合计 Total", formatNumber(data.equipment.reduce((s, e) => s + e.quantity, 0)), formatNumber(teu)] },
    ],
    { zebra: false, width: c.width * 0.6 },
  );
  c.gap(8);
  c.heading({ zh: "货物", en: "Cargo" });
  const columns: Column[] = [
    { header: { zh: "序号", en: "No." }, width: 3.4, align: "right" },
    { header: { zh: "品名", en: "Description" }, width: 24 },
    { header: { zh: "HS 编码", en: "HS code" }, width: 8 },
    { header: { zh: "件数", en: "Packages" }, width: 8, align: "right" },
    { header: { zh: "毛重 kg", en: "Gross wt" }, width: 8, align: "right" },
    { header: { zh: "体积 m³", en: "CBM" }, width: 6.5, align: "right" },
    { header: { zh: "危险品", en: "Dangerous goods" }, width: 9 },
  ];
  const rows: TableRow[] = data.cargo.map((l, i) => ({
    cells: [
      String(i + 1),
      l.description,
      l.hsCode ?? "",
      `${formatNumber(l.packages)} ${l.packageType}`,
      formatNumber(l.grossKg, 2),
      formatNumber(l.cbm, 3),
      l.dangerous ? `${l.dangerous.unNumber} · Class ${l.dangerous.class}` : "—",
    ],
  }));
  rows.push({
    kind: "total",
    cells: [
      "",
      "合计 Total",
      "",
      formatNumber(data.cargo.reduce((s, l) => s + l.packages, 0)),
      formatNumber(sumKg(data.cargo.map((l) => l.grossKg)), 2),
      formatNumber(
        data.cargo.reduce((s, l) => s + l.cbm, 0),
        3,
      ),
      "",
    ],
  });
  drawTable(c, columns, rows);
  if (data.charges && data.charges.length > 0 && data.currency) {
    const cur = data.currency;
    c.gap(8);
    c.heading({ zh: "运费报价", en: "Quoted charges" });
    const total = data.charges.reduce((s, ch) => s + ch.amountMinor, 0);
    const lines: TotalLine[] = data.charges.map((ch) => ({ label: ch.label, value: `${cur} ${formatMinor(ch.amountMinor, cur)}` }));
    lines.push({ label: { zh: "合计", en: "Total" }, value: `${cur} ${formatMinor(total, cur)}`, emphasis: true });
    drawTotals(c, lines);
  }
  if (data.terms && data.terms.length > 0) {
    c.gap(8);
    c.heading({ zh: "条款", en: "Terms" });
    data.terms.forEach((term, i) => {
      c.flow(`${i + 1}. ${term}`, { size: 7.2 });
    });
  }
  if (data.remarks) {
    c.gap(6);
    c.heading({ zh: "备注", en: "Remarks" });
    c.flow(data.remarks, { size: SIZES.value });
  }
  c.gap(10);
  drawSignatureBoxes(c, [
    {
      label: { zh: "承运人确认", en: "Confirmed for the carrier" },
      kind: "signature",
      lines: signatureLines(undefined, data.meta.placeOfIssue, formatDateIn(data.meta.issuedAt, tz)),
    },
    { label: { zh: "承运人盖章", en: "Carrier stamp" }, kind: "stamp" },
  ]);
  return c.finish();
}

/** Booking confirmation: train, corridor, cut-offs, equipment, cargo and quoted charges. */
export async function renderBookingConfirmation(data: BookingConfirmationData, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderBookingConfirmationResult(data, options)).pdf;
}
