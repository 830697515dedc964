import { CONTAINER_TYPE_CODES, type ContainerType, isContainerNumber } from "../containers.js";
import { formatDateIn, formatNumber, sumKg } from "../format.js";
import { Composer, type RenderOptions, type RenderResult } from "../layout/composer.js";
import { drawFieldGrid, drawParties, PARTY_LABELS } from "../layout/fields.js";
import { drawDocumentHeader } from "../layout/header.js";
import { drawSignatureBoxes } from "../layout/signature.js";
import { type Column, drawTable, type TableRow } from "../layout/table.js";
import { COLORS, SIZES } from "../layout/theme.js";
import { checkMeta, checkParty, checkSignatory, type DocumentMeta, type Party, type Signatory } from "../model.js";
import { at, Validator } from "../validate.js";
import { checkTransport, signatureLines, type Transport, transportCells } from "./shared.js";

export const PACKING_LIST = "packing-list";

export interface PackingLine {
  /** Crate marks / case numbers, e.g. "YD-CQ-0001~0010". */
  marks: string;
  description: string;
  /** Model or article number. */
  model?: string;
  /** Number of packages (crates, cartons, pallets) on this line. */
  packages: number;
  packageType: string;
  /** Units (vehicles, sets) inside each package. */
  unitsPerPackage?: number;
  /** Net and gross mass of the whole line, kg. */
  netKg: number;
  grossKg: number;
  /** Outer dimensions of one package, mm. */
  dimensionsMm: { length: number; width: number; height: number };
  /** Volume of the whole line in m³; computed from the dimensions when absent. */
  cbm?: number;
}

export interface PackingContainer {
  /** ISO 6346 number with a valid check digit, e.g. MSKU1234565. */
  containerNumber: string;
  sealNumber?: string;
  type: ContainerType;
  lines: PackingLine[];
}

export interface PackingListData {
  meta: DocumentMeta;
  shipper: Party;
  consignee: Party;
  notify?: Party;
  invoiceNumber?: string;
  contractNumber?: string;
  transport: Transport;
  containers: PackingContainer[];
  remarks?: string;
  signatory?: Signatory;
}

export function validatePackingList(data: unknown): asserts data is PackingListData {
  const v = new Validator(PACKING_LIST);
  const d = v.obj("", data) ?? {};
  checkMeta(v, "meta", d.meta);
  checkParty(v, "shipper", d.shipper, true);
  checkParty(v, "consignee", d.consignee, true);
  checkParty(v, "notify", d.notify, false);
  v.str("invoiceNumber", d.invoiceNumber, { required: false, max: 60 });
  v.str("contractNumber", d.contractNumber, { required: false, max: 60 });
  checkTransport(v, "transport", d.transport);
  const containers = v.arr("containers", d.containers, { min: 1, max: 200, emptyMessage: "a packing list needs at least one container" });
  v.each("containers", containers, (cp, cv) => {
    const c = v.obj(cp, cv);
    if (!c) return;
    const no = v.str(at(cp, "containerNumber"), c.containerNumber, { max: 11 });
    if (no !== undefined && !isContainerNumber(no)) v.add(at(cp, "containerNumber"), "format", "must be an ISO 6346 container number with a valid check digit");
    v.str(at(cp, "sealNumber"), c.sealNumber, { required: false, max: 40 });
    v.oneOf(at(cp, "type"), c.type, CONTAINER_TYPE_CODES);
    const lines = v.arr(at(cp, "lines"), c.lines, { min: 1, max: 20_000, emptyMessage: "a container needs at least one packing line" });
    v.each(at(cp, "lines"), lines, (lp, lv) => checkPackingLine(v, lp, lv));
  });
  checkSignatory(v, "signatory", d.signatory);
  v.str("remarks", d.remarks, { required: false, max: 2000 });
  v.done();
}

function checkPackingLine(v: Validator, lp: string, lv: unknown): void {
  const l = v.obj(lp, lv);
  if (!l) return;
  v.str(at(lp, "marks"), l.marks, { max: 120 });
  v.str(at(lp, "description"), l.description, { max: 300 });
  v.str(at(lp, "model"), l.model, { required: false, max: 80 });
  v.num(at(lp, "packages"), l.packages, { integer: true, positive: true });
  v.str(at(lp, "packageType"), l.packageType, { max: 30 });
  v.num(at(lp, "unitsPerPackage"), l.unitsPerPackage, { required: false, integer: true, positive: true });
  const net = v.num(at(lp, "netKg"), l.netKg, { positive: true });
  const gross = v.num(at(lp, "grossKg"), l.grossKg, { positive: true });
  if (net !== undefined && gross !== undefined && gross < net) v.add(at(lp, "grossKg"), "consistency", "gross mass must not be less than net mass");
  const dims = v.obj(at(lp, "dimensionsMm"), l.dimensionsMm);
  if (dims) {
    for (const k of ["length", "width", "height"] as const) v.num(at(at(lp, "dimensionsMm"), k), dims[k], { positive: true, max: 20_000 });
  }
  v.num(at(lp, "cbm"), l.cbm, { required: false, positive: true });
}

export function lineCbm(l: PackingLine): number {
  if (l.cbm !== undefined) return l.cbm;
  const { length, width, height } = l.dimensionsMm;
  return (length * width * height * l.packages) / 1e9;
}

interface Totals {
  packages: number;
  units: number;
  netKg: number;
  grossKg: number;
  cbm: number;
}

function totalsOf(lines: readonly PackingLine[]): Totals {
  return {
    packages: lines.reduce((s, l) => s + l.packages, 0),
    units: lines.reduce((s, l) => s + l.packages * (l.unitsPerPackage ?? 0), 0),
    netKg: sumKg(lines.map((l) => l.netKg)),
    grossKg: sumKg(lines.map((l) => l.grossKg)),
    cbm: Math.round(lines.reduce((s, l) => s + lineCbm(l), 0) * 1000) / 1000,
  };
}

const COLUMNS: Column[] = [
  { header: { zh: "序号", en: "No." }, width: 3.4, align: "right" },
  { header: { zh: "唛头/箱号", en: "Marks & Nos." }, width: 10.5 },
  { header: { zh: "品名及型号", en: "Description · Model" }, width: 19.2 },
  { header: { zh: "件数", en: "Pkgs" }, width: 4.6, align: "right" },
  { header: { zh: "包装", en: "Type" }, width: 5.6 },
  { header: { zh: "数量", en: "Units" }, width: 4.6, align: "right" },
  { header: { zh: "净重 kg", en: "Net wt" }, width: 6.6, align: "right" },
  { header: { zh: "毛重 kg", en: "Gross wt" }, width: 6.6, align: "right" },
  { header: { zh: "尺寸 mm", en: "L×W×H per pkg" }, width: 11.4, align: "center" },
  { header: { zh: "体积 m³", en: "CBM" }, width: 5.4, align: "right" },
];

function totalCells(label: string, t: Totals): string[] {
  return ["", label, "", formatNumber(t.packages), "", t.units ? formatNumber(t.units) : "", formatNumber(t.netKg, 2), formatNumber(t.grossKg, 2), "", formatNumber(t.cbm, 3)];
}

export async function renderPackingListResult(data: PackingListData, options: RenderOptions = {}): Promise<RenderResult> {
  validatePackingList(data);
  const c = new Composer({
    template: PACKING_LIST,
    title: { zh: "装箱单", en: "Packing List" },
    meta: data.meta,
    data,
    ...(options.fonts ? { fonts: options.fonts } : {}),
  });
  const all = data.containers.flatMap((k) => k.lines);
  const grand = totalsOf(all);
  drawDocumentHeader(c, {
    references: [
      ...(data.invoiceNumber ? [{ label: { zh: "发票号", en: "Invoice No." }, value: data.invoiceNumber }] : []),
      ...(data.contractNumber ? [{ label: { zh: "合同号", en: "Contract No." }, value: data.contractNumber }] : []),
    ],
  });
  drawParties(c, [
    { label: PARTY_LABELS.shipper, party: data.shipper },
    { label: PARTY_LABELS.consignee, party: data.consignee },
    { label: PARTY_LABELS.notify, party: data.notify ?? { name: "Same as consignee 同收货人", address: [] } },
  ]);
  drawFieldGrid(c, [transportCells(data.transport, data.meta.timeZone)]);
  drawFieldGrid(c, [
    [
      { label: { zh: "集装箱数", en: "Containers" }, value: formatNumber(data.containers.length) },
      { label: { zh: "总件数", en: "Total packages" }, value: formatNumber(grand.packages), weight: "bold" },
      { label: { zh: "总数量", en: "Total units" }, value: grand.units ? formatNumber(grand.units) : "—" },
      { label: { zh: "总净重", en: "Total net weight" }, value: `${formatNumber(grand.netKg, 2)} kg` },
      { label: { zh: "总毛重", en: "Total gross weight" }, value: `${formatNumber(grand.grossKg, 2)} kg`, weight: "bold" },
      { label: { zh: "总体积", en: "Total volume" }, value: `${formatNumber(grand.cbm, 3)} m³` },
    ],
  ]);
  c.gap(8);
  c.heading({ zh: "装箱明细", en: "Packing details" }, `${formatNumber(all.length)} lines`);
  const rows: TableRow[] = [];
  let n = 0;
  for (const k of data.containers) {
    const head = `集装箱 Container ${k.containerNumber}  ·  ${k.type}${k.sealNumber ? `  ·  封号 Seal ${k.sealNumber}` : ""}`;
    rows.push({ kind: "section", text: head, repeatText: `${head}  （续 continued）` });
    for (const l of k.lines) {
      n++;
      const { length, width, height } = l.dimensionsMm;
      rows.push({
        cells: [
          String(n),
          l.marks,
          l.model ? `${l.description} · ${l.model}` : l.description,
          formatNumber(l.packages),
          l.packageType,
          l.unitsPerPackage ? formatNumber(l.packages * l.unitsPerPackage) : "",
          formatNumber(l.netKg, 2),
          formatNumber(l.grossKg, 2),
          `${length}×${width}×${height}`,
          formatNumber(lineCbm(l), 3),
        ],
      });
    }
    if (data.containers.length > 1) rows.push({ kind: "total", cells: totalCells(`小计 Subtotal ${k.containerNumber}`, totalsOf(k.lines)) });
  }
  rows.push({ kind: "total", cells: totalCells("合计 Total", grand) });
  drawTable(c, COLUMNS, rows);
  c.gap(8);
  if (data.remarks) {
    c.heading({ zh: "备注", en: "Remarks" });
    c.flow(data.remarks, { size: SIZES.value });
    c.gap(6);
  }
  c.ensure(100);
  c.flow("兹证明以上内容真实无误。 We certify that the particulars given above are true and correct.", { size: 7, color: COLORS.muted });
  c.gap(6);
  drawSignatureBoxes(c, [
    {
      label: { zh: "发货人签字", en: "Signed for the shipper" },
      kind: "signature",
      lines: signatureLines(data.signatory, data.meta.placeOfIssue, formatDateIn(data.meta.issuedAt, data.meta.timeZone)),
    },
    { label: { zh: "公司盖章", en: "Company stamp" }, kind: "stamp" },
  ]);
  return c.finish();
}

/** Packing list, grouped per container with subtotals; splits across pages with repeated headers. */
export async function renderPackingList(data: PackingListData, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderPackingListResult(data, options)).pdf;
}
