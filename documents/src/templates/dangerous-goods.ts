import { formatDateIn, formatNumber, sumKg } from "../format.js";
import { Composer, type RenderOptions, type RenderResult } from "../layout/composer.js";
import { drawFieldGrid, drawParties, PARTY_LABELS } from "../layout/fields.js";
import { drawDocumentHeader } from "../layout/header.js";
import { drawSignatureBoxes } from "../layout/signature.js";
import { type Column, drawTable, type TableRow } from "../layout/table.js";
import { COLORS } from "../layout/theme.js";
import { checkMeta, checkParty, checkSignatory, type DocumentMeta, type Party, type Signatory } from "../model.js";
import { at, Validator } from "../validate.js";
import { checkTransport, signatureLines, type Transport, transportCells } from "./shared.js";

export const DANGEROUS_GOODS_DECLARATION = "dangerous-goods-declaration";

/**
 * Lithium entries this declaration covers. UN3171 is what DOMAIN.md names for battery vehicles;
 * recent UN Model Regulations editions list lithium-ion vehicles as UN3556, accepted here too.
 */
export const LITHIUM_UN_NUMBERS = ["UN3171", "UN3480", "UN3481", "UN3556"] as const;
export type LithiumUnNumber = (typeof LITHIUM_UN_NUMBERS)[number];

export const PROPER_SHIPPING_NAMES: Record<LithiumUnNumber, string> = {
  UN3171: "BATTERY-POWERED VEHICLE",
  UN3480: "LITHIUM ION BATTERIES",
  UN3481: "LITHIUM ION BATTERIES CONTAINED IN EQUIPMENT",
  UN3556: "VEHICLE, LITHIUM ION BATTERY POWERED",
};

export interface Un383Reference {
  /** Test summary document number. */
  reportNumber: string;
  /** Laboratory or manufacturer that issued it. */
  issuedBy: string;
  /** Issue date YYYY-MM-DD. */
  date?: string;
}

export interface DangerousGoodsLine {
  unNumber: LithiumUnNumber;
  /** Defaults to the standard name of the UN number; give the exact one (e.g. "PACKED WITH EQUIPMENT") when it differs. */
  properShippingName?: string;
  /** Model or technical name, e.g. "YD-E8 Pro e-motorcycle, 72 V 32 Ah Li-ion". */
  technicalName: string;
  /** Class 9 for every lithium entry. */
  hazardClass: "9";
  packages: number;
  packageType: string;
  /** Number of batteries (or vehicles) on the line. */
  batteryCount: number;
  /** Energy rating of one battery, Wh. */
  wattHoursPerBattery: number;
  /** Lithium battery mass of the line, kg. */
  netBatteryKg: number;
  grossKg: number;
  /** State of charge at loading, per cent. */
  stateOfChargePct: number;
  un383: Un383Reference;
  packingInstruction?: string;
}

export interface DangerousGoodsDeclarationData {
  meta: DocumentMeta;
  shipper: Party;
  consignee: Party;
  carrier?: Party;
  transport: Transport;
  /** Regulations applied, e.g. "RID 2025 · SMGS Annex 2 · IMDG Amendment 42-24". */
  regulations: string;
  /** Charge cap of the route (e.g. 65 for EVs on Chinese domestic rail); lines above it are rejected. */
  stateOfChargeCapPct?: number;
  containerNumbers?: string[];
  emergencyContact: { name: string; phone: string };
  lines: DangerousGoodsLine[];
  additionalInformation?: string;
  signatory: Signatory;
}

export function validateDangerousGoods(data: unknown): asserts data is DangerousGoodsDeclarationData {
  const v = new Validator(DANGEROUS_GOODS_DECLARATION);
  const d = v.obj("", data) ?? {};
  checkMeta(v, "meta", d.meta);
  checkParty(v, "shipper", d.shipper, true);
  checkParty(v, "consignee", d.consignee, true);
  checkParty(v, "carrier", d.carrier, false);
  checkTransport(v, "transport", d.transport);
  v.str("regulations", d.regulations, { max: 200 });
  const cap = v.num("stateOfChargeCapPct", d.stateOfChargeCapPct, { required: false, min: 0, max: 100 });
  const ks = v.arr("containerNumbers", d.containerNumbers, { required: false, max: 200 });
  v.each("containerNumbers", ks, (p, x) => v.str(p, x, { max: 11 }));
  const ec = v.obj("emergencyContact", d.emergencyContact);
  if (ec) {
    v.str("emergencyContact.name", ec.name, { max: 120 });
    v.str("emergencyContact.phone", ec.phone, { max: 40, pattern: /^\+?[\d\s()-]{6,}$/, format: "a phone number" });
  }
  const lines = v.arr("lines", d.lines, { min: 1, max: 200, emptyMessage: "a dangerous goods declaration needs at least one line" });
  v.each("lines", lines, (lp, lv) => {
    const l = v.obj(lp, lv);
    if (!l) return;
    v.oneOf(at(lp, "unNumber"), l.unNumber, LITHIUM_UN_NUMBERS);
    v.str(at(lp, "properShippingName"), l.properShippingName, { required: false, max: 120 });
    v.str(at(lp, "technicalName"), l.technicalName, { max: 200 });
    v.oneOf(at(lp, "hazardClass"), l.hazardClass, ["9"] as const);
    v.num(at(lp, "packages"), l.packages, { integer: true, positive: true });
    v.str(at(lp, "packageType"), l.packageType, { max: 30 });
    v.num(at(lp, "batteryCount"), l.batteryCount, { integer: true, positive: true });
    v.num(at(lp, "wattHoursPerBattery"), l.wattHoursPerBattery, { positive: true, max: 100_000 });
    const net = v.num(at(lp, "netBatteryKg"), l.netBatteryKg, { positive: true });
    const gross = v.num(at(lp, "grossKg"), l.grossKg, { positive: true });
    if (net !== undefined && gross !== undefined && gross < net) v.add(at(lp, "grossKg"), "consistency", "gross mass must not be less than the battery mass");
    const soc = v.num(at(lp, "stateOfChargePct"), l.stateOfChargePct, { min: 0, max: 100 });
    if (soc !== undefined && cap !== undefined && soc > cap) {
      v.add(at(lp, "stateOfChargePct"), "consistency", `state of charge ${soc}% exceeds the route's cap of ${cap}%`);
    }
    const t = v.obj(at(lp, "un383"), l.un383);
    if (t) {
      v.str(at(lp, "un383.reportNumber"), t.reportNumber, { max: 80 });
      v.str(at(lp, "un383.issuedBy"), t.issuedBy, { max: 160 });
      v.date(at(lp, "un383.date"), t.date, false);
    }
    v.str(at(lp, "packingInstruction"), l.packingInstruction, { required: false, max: 20 });
  });
  v.str("additionalInformation", d.additionalInformation, { required: false, max: 2000 });
  const s = v.obj("signatory", d.signatory);
  if (s) {
    v.str("signatory.name", s.name, { max: 120 });
    checkSignatory(v, "signatory", s);
  }
  v.done();
}

const DECLARATION_ZH =
  "兹声明：本批货物的内容已按正确的运输专用名称完整、准确地描述如上，并已按照适用的国际和国家政府规定进行分类、包装、标记和张贴标签，各方面均处于适合运输的状态。";
const DECLARATION_EN =
  "I hereby declare that the contents of this consignment are fully and accurately described above by the proper shipping name, and are classified, packaged, marked and labelled/placarded, and are in all respects in proper condition for transport according to applicable international and national governmental regulations.";

export async function renderDangerousGoodsDeclarationResult(data: DangerousGoodsDeclarationData, options: RenderOptions = {}): Promise<RenderResult> {
  validateDangerousGoods(data);
  const c = new Composer({
    template: DANGEROUS_GOODS_DECLARATION,
    title: { zh: "危险货物申报单（锂电池）", en: "Dangerous Goods Declaration — Lithium Batteries" },
    meta: data.meta,
    data,
    ...(options.fonts ? { fonts: options.fonts } : {}),
  });
  drawDocumentHeader(c, {
    references: [{ label: { zh: "适用规则", en: "Regulations" }, value: data.regulations, span: 1.6 }],
  });
  drawParties(c, [
    { label: PARTY_LABELS.shipper, party: data.shipper },
    { label: PARTY_LABELS.consignee, party: data.consignee },
    ...(data.carrier ? [{ label: PARTY_LABELS.carrier, party: data.carrier }] : []),
  ]);
  drawFieldGrid(c, [
    transportCells(data.transport, data.meta.timeZone),
    [
      { label: { zh: "集装箱号", en: "Container No(s)." }, value: data.containerNumbers?.join(", ") || "—", span: 2 },
      {
        label: { zh: "24小时应急联系", en: "24 h emergency contact" },
        value: `${data.emergencyContact.name}\n${data.emergencyContact.phone}`,
        weight: "bold",
      },
      {
        label: { zh: "荷电状态上限", en: "State-of-charge cap" },
        value: data.stateOfChargeCapPct !== undefined ? `≤ ${data.stateOfChargeCapPct}%` : "—",
      },
    ],
  ]);
  c.gap(8);
  c.heading({ zh: "危险货物明细", en: "Dangerous goods" });
  const columns: Column[] = [
    { header: { zh: "UN 编号", en: "UN No." }, width: 4.6, weight: "bold" },
    { header: { zh: "运输专用名称 / 技术名称", en: "Proper shipping name / technical name" }, width: 17 },
    { header: { zh: "类别", en: "Class" }, width: 3.2, align: "center" },
    { header: { zh: "件数包装", en: "Packages" }, width: 6 },
    { header: { zh: "电池数", en: "Batteries" }, width: 4.4, align: "right" },
    { header: { zh: "单块能量", en: "Wh / battery" }, width: 5, align: "right" },
    { header: { zh: "荷电状态", en: "SoC" }, width: 4, align: "right" },
    { header: { zh: "电池净重 kg", en: "Li-ion net" }, width: 5.4, align: "right" },
    { header: { zh: "毛重 kg", en: "Gross" }, width: 5.4, align: "right" },
    { header: { zh: "UN 38.3 测试摘要", en: "UN 38.3 test summary" }, width: 10 },
  ];
  const rows: TableRow[] = data.lines.map((l) => ({
    cells: [
      l.unNumber,
      `${l.properShippingName ?? PROPER_SHIPPING_NAMES[l.unNumber]}\n(${l.technicalName})${l.packingInstruction ? `\nP.I. ${l.packingInstruction}` : ""}`,
      l.hazardClass,
      `${formatNumber(l.packages)} ${l.packageType}`,
      formatNumber(l.batteryCount),
      formatNumber(l.wattHoursPerBattery, l.wattHoursPerBattery % 1 === 0 ? 0 : 1),
      `${formatNumber(l.stateOfChargePct, 0)}%`,
      formatNumber(l.netBatteryKg, 2),
      formatNumber(l.grossKg, 2),
      [l.un383.reportNumber, l.un383.issuedBy, l.un383.date].filter(Boolean).join("\n"),
    ],
  }));
  rows.push({
    kind: "total",
    cells: [
      "",
      "合计 Total",
      "",
      formatNumber(data.lines.reduce((s, l) => s + l.packages, 0)),
      formatNumber(data.lines.reduce((s, l) => s + l.batteryCount, 0)),
      "",
      "",
      formatNumber(sumKg(data.lines.map((l) => l.netBatteryKg)), 2),
      formatNumber(sumKg(data.lines.map((l) => l.grossKg)), 2),
      "",
    ],
  });
  drawTable(c, columns, rows);
  c.gap(6);
  const totalWh = data.lines.reduce((s, l) => s + l.batteryCount * l.wattHoursPerBattery, 0);
  drawFieldGrid(c, [
    [
      { label: { zh: "总能量", en: "Total energy" }, value: `${formatNumber(totalWh / 1000, 2)} kWh` },
      { label: { zh: "标记与标签", en: "Marks and labels" }, value: "Class 9 lithium battery label (9A) · lithium battery mark", span: 2 },
      {
        label: { zh: "UN 38.3 测试摘要", en: "UN 38.3 test summary" },
        value: "每批随附，可按需提供 Available for every shipment on request",
        span: 1.6,
      },
    ],
  ]);
  if (data.additionalInformation) {
    c.gap(6);
    c.heading({ zh: "附加信息", en: "Additional handling information" });
    c.flow(data.additionalInformation, { size: 7.6 });
  }
  c.gap(8);
  c.ensure(150);
  const boxTop = c.y;
  c.y += 4;
  c.flow(DECLARATION_ZH, { size: 7.4 }, c.left + 6, c.width - 12);
  c.gap(2);
  c.flow(DECLARATION_EN, { size: 7.4 }, c.left + 6, c.width - 12);
  c.y += 4;
  c.doc
    .rect(c.left, boxTop, c.width, c.y - boxTop)
    .lineWidth(1.2)
    .strokeColor(COLORS.accent)
    .stroke();
  c.gap(8);
  drawSignatureBoxes(c, [
    {
      label: { zh: "申报人签字", en: "Signature of declarant" },
      kind: "signature",
      lines: signatureLines(data.signatory, data.meta.placeOfIssue, formatDateIn(data.meta.issuedAt, data.meta.timeZone)),
    },
    { label: { zh: "公司盖章", en: "Company stamp" }, kind: "stamp" },
  ]);
  return c.finish();
}

/** Dangerous goods declaration for lithium batteries and battery vehicles (class 9). */
export async function renderDangerousGoodsDeclaration(data: DangerousGoodsDeclarationData, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderDangerousGoodsDeclarationResult(data, options)).pdf;
}
