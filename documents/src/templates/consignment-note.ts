import { CONTAINER_TYPE_CODES, type ContainerType, isContainerNumber } from "../containers.js";
import { formatDateIn, formatNumber, sumKg } from "../format.js";
import { Composer, type RenderOptions, type RenderResult } from "../layout/composer.js";
import { drawFieldGrid, drawParties } from "../layout/fields.js";
import { drawDocumentHeader } from "../layout/header.js";
import { drawSignatureBoxes } from "../layout/signature.js";
import { type Column, drawTable, type TableRow } from "../layout/table.js";
import { COLORS, SIZES } from "../layout/theme.js";
import { checkHsCode, checkMeta, checkParty, type DocumentMeta, type Party } from "../model.js";
import { at, Validator } from "../validate.js";
import { signatureLines } from "./shared.js";

export const CONSIGNMENT_NOTE = "cim-smgs-consignment-note";

export interface Station {
  name: string;
  /** Station code (ESR/ЕСР for 1520 mm railways, UIC/CIM code in Europe). */
  code?: string;
  /** Railway administration or country, e.g. "CR 中国铁路", "KZH", "PKP". */
  railway: string;
}

export interface ConsignmentGoods {
  description: string;
  /** Russian description where the route needs it (via Erenhot/Manzhouli, or for SMGS sections). */
  descriptionRu?: string;
  hsCode: string;
  /** Harmonised nomenclature codes: NHM (CIM) and GNG/ГНГ (SMGS), usually 8 digits. */
  nhmCode?: string;
  gngCode?: string;
  marks: string;
  packages: number;
  packageType: string;
  grossKg: number;
  /** Dangerous goods: UN number and class (RID / SMGS Annex 2). */
  dangerous?: { unNumber: string; class: string };
}

export interface ConsignmentContainer {
  containerNumber: string;
  type: ContainerType;
  sealNumbers: string[];
  tareKg: number;
  wagonNumber?: string;
}

export interface ConsignmentNoteData {
  meta: DocumentMeta;
  consignor: Party;
  consignee: Party;
  /** Consignor's own reference for the shipment. */
  consignorReference?: string;
  /** Consignment note number (накладная № / CIM/SMGS no.), when already assigned. */
  noteNumber?: string;
  departure: Station;
  destination: Station;
  /** Border and gauge-change stations in route order (Alashankou/Dostyk, Brest/Małaszewicze). */
  borderCrossings: Station[];
  /** Carriers per section, in route order. */
  carriers: Array<{ section: string; carrier: string; code?: string }>;
  containers: ConsignmentContainer[];
  goods: ConsignmentGoods[];
  /** Documents handed over with the note (invoice, packing list, certificates …). */
  attachedDocuments: string[];
  /** Who pays carriage charges on each section (and their payer code). */
  paymentOfCharges: Array<{ section: string; payer: string; payerCode?: string }>;
  /** Customs procedure, e.g. "T1 transit declaration (EU)" — the CIM/SMGS note doubles as it. */
  customsProcedure?: string;
  consignorDeclarations?: string;
}

function checkStation(v: Validator, path: string, value: unknown): void {
  const s = v.obj(path, value);
  if (!s) return;
  v.str(at(path, "name"), s.name, { max: 120 });
  v.str(at(path, "code"), s.code, { required: false, max: 20 });
  v.str(at(path, "railway"), s.railway, { max: 60 });
}

export function validateConsignmentNote(data: unknown): asserts data is ConsignmentNoteData {
  const v = new Validator(CONSIGNMENT_NOTE);
  const d = v.obj("", data) ?? {};
  checkMeta(v, "meta", d.meta);
  checkParty(v, "consignor", d.consignor, true);
  checkParty(v, "consignee", d.consignee, true);
  v.str("consignorReference", d.consignorReference, { required: false, max: 60 });
  v.str("noteNumber", d.noteNumber, { required: false, max: 60 });
  checkStation(v, "departure", d.departure);
  checkStation(v, "destination", d.destination);
  const borders = v.arr("borderCrossings", d.borderCrossings, { max: 10 });
  v.each("borderCrossings", borders, (p, x) => checkStation(v, p, x));
  const carriers = v.arr("carriers", d.carriers, { min: 1, max: 10, emptyMessage: "name at least one carrier" });
  v.each("carriers", carriers, (p, x) => {
    const o = v.obj(p, x);
    if (!o) return;
    v.str(at(p, "section"), o.section, { max: 160 });
    v.str(at(p, "carrier"), o.carrier, { max: 160 });
    v.str(at(p, "code"), o.code, { required: false, max: 20 });
  });
  const containers = v.arr("containers", d.containers, { min: 1, max: 200, emptyMessage: "a consignment needs at least one container" });
  v.each("containers", containers, (p, x) => {
    const o = v.obj(p, x);
    if (!o) return;
    const no = v.str(at(p, "containerNumber"), o.containerNumber, { max: 11 });
    if (no !== undefined && !isContainerNumber(no)) v.add(at(p, "containerNumber"), "format", "must be an ISO 6346 container number with a valid check digit");
    v.oneOf(at(p, "type"), o.type, CONTAINER_TYPE_CODES);
    const seals = v.arr(at(p, "sealNumbers"), o.sealNumbers, { min: 1, max: 6, emptyMessage: "a loaded container needs a seal" });
    v.each(at(p, "sealNumbers"), seals, (sp, sx) => v.str(sp, sx, { max: 30 }));
    v.num(at(p, "tareKg"), o.tareKg, { positive: true, max: 10_000 });
    v.str(at(p, "wagonNumber"), o.wagonNumber, { required: false, max: 20 });
  });
  const goods = v.arr("goods", d.goods, { min: 1, max: 500, emptyMessage: "a consignment note needs at least one goods line" });
  v.each("goods", goods, (p, x) => {
    const o = v.obj(p, x);
    if (!o) return;
    v.str(at(p, "description"), o.description, { max: 300 });
    v.str(at(p, "descriptionRu"), o.descriptionRu, { required: false, max: 300 });
    checkHsCode(v, at(p, "hsCode"), o.hsCode);
    v.str(at(p, "nhmCode"), o.nhmCode, { required: false, pattern: /^\d{6,8}$/, format: "6–8 digits" });
    v.str(at(p, "gngCode"), o.gngCode, { required: false, pattern: /^\d{6,8}$/, format: "6–8 digits" });
    v.str(at(p, "marks"), o.marks, { max: 120 });
    v.num(at(p, "packages"), o.packages, { integer: true, positive: true });
    v.str(at(p, "packageType"), o.packageType, { max: 30 });
    v.num(at(p, "grossKg"), o.grossKg, { positive: true });
    const dg = v.obj(at(p, "dangerous"), o.dangerous, false);
    if (dg) {
      v.str(at(p, "dangerous.unNumber"), dg.unNumber, { pattern: /^UN\d{4}$/, format: "UN followed by 4 digits" });
      v.str(at(p, "dangerous.class"), dg.class, { max: 4 });
    }
  });
  const docs = v.arr("attachedDocuments", d.attachedDocuments, { max: 20 });
  v.each("attachedDocuments", docs, (p, x) => v.str(p, x, { max: 200 }));
  const pay = v.arr("paymentOfCharges", d.paymentOfCharges, { min: 1, max: 10, emptyMessage: "say who pays carriage charges" });
  v.each("paymentOfCharges", pay, (p, x) => {
    const o = v.obj(p, x);
    if (!o) return;
    v.str(at(p, "section"), o.section, { max: 160 });
    v.str(at(p, "payer"), o.payer, { max: 160 });
    v.str(at(p, "payerCode"), o.payerCode, { required: false, max: 30 });
  });
  v.str("customsProcedure", d.customsProcedure, { required: false, max: 200 });
  v.str("consignorDeclarations", d.consignorDeclarations, { required: false, max: 2000 });
  v.done();
}

const station = (s: Station) => [s.name, [s.code && `code ${s.code}`, s.railway].filter(Boolean).join(" · ")].join("\n");

export async function renderConsignmentNoteResult(data: ConsignmentNoteData, options: RenderOptions = {}): Promise<RenderResult> {
  validateConsignmentNote(data);
  const c = new Composer({
    template: CONSIGNMENT_NOTE,
    title: { zh: "CIM/SMGS 国际铁路联运运单数据页", en: "CIM/SMGS Consignment Note — Data Sheet" },
    meta: data.meta,
    data,
    ...(options.fonts ? { fonts: options.fonts } : {}),
  });
  drawDocumentHeader(c, {
    references: [
      ...(data.noteNumber ? [{ label: { zh: "运单号", en: "Note No.", ru: "Накладная №" }, value: data.noteNumber, weight: "bold" as const }] : []),
      ...(data.consignorReference ? [{ label: { zh: "发货人编号", en: "Consignor ref." }, value: data.consignorReference }] : []),
    ],
  });
  c.flow(
    "本数据页汇总 CIM/SMGS 统一运单所需数据，供填制正式运单及过境申报使用，不替代运单本身。 This sheet collects the data for the CIM/SMGS common consignment note and the transit declaration it serves as; it does not replace the note itself.",
    { size: 6.6, color: COLORS.muted },
  );
  c.gap(6);
  drawParties(c, [
    { label: { zh: "发货人", en: "Consignor", ru: "Отправитель" }, party: data.consignor },
    { label: { zh: "收货人", en: "Consignee", ru: "Получатель" }, party: data.consignee },
  ]);
  drawFieldGrid(c, [
    [
      { label: { zh: "发站", en: "Station of departure", ru: "Станция отправления" }, value: station(data.departure), weight: "bold" },
      { label: { zh: "到站", en: "Station of destination", ru: "Станция назначения" }, value: station(data.destination), weight: "bold" },
    ],
    [
      {
        label: { zh: "国境站/换装站", en: "Border & gauge-change stations", ru: "Пограничные станции" },
        value: data.borderCrossings.length ? data.borderCrossings.map((b) => `${b.name}${b.code ? ` (${b.code})` : ""} · ${b.railway}`).join("\n") : "—",
      },
      {
        label: { zh: "海关程序", en: "Customs procedure", ru: "Таможенная процедура" },
        value: data.customsProcedure ?? "—",
      },
    ],
  ]);
  c.gap(8);
  c.heading({ zh: "承运人及运费支付", en: "Carriers and payment of charges", ru: "Перевозчики и оплата" });
  drawTable(
    c,
    [
      { header: { zh: "区段", en: "Section", ru: "Участок" }, width: 4 },
      { header: { zh: "承运人", en: "Carrier", ru: "Перевозчик" }, width: 4 },
      { header: { zh: "付费人", en: "Charges paid by", ru: "Плательщик" }, width: 4 },
      { header: { zh: "付费人代码", en: "Payer code", ru: "Код плательщика" }, width: 2.2 },
    ],
    data.carriers.map((k, i) => {
      const pay = data.paymentOfCharges.find((p) => p.section === k.section) ?? data.paymentOfCharges[i];
      return { cells: [k.section, `${k.carrier}${k.code ? ` (${k.code})` : ""}`, pay?.payer ?? "—", pay?.payerCode ?? ""] };
    }),
    { zebra: false },
  );
  c.gap(8);
  c.heading({ zh: "集装箱/车辆", en: "Containers / wagons", ru: "Контейнеры / вагоны" });
  drawTable(
    c,
    [
      { header: { zh: "箱号", en: "Container No.", ru: "№ контейнера" }, width: 4, weight: "bold" },
      { header: { zh: "箱型", en: "Type", ru: "Тип" }, width: 2 },
      { header: { zh: "封号", en: "Seals", ru: "Пломбы" }, width: 4 },
      { header: { zh: "皮重 kg", en: "Tare", ru: "Тара" }, width: 2.4, align: "right" },
      { header: { zh: "车号", en: "Wagon No.", ru: "№ вагона" }, width: 3 },
    ],
    data.containers.map((k) => ({
      cells: [k.containerNumber, k.type, k.sealNumbers.join(", "), formatNumber(k.tareKg), k.wagonNumber ?? ""],
    })),
    { zebra: false },
  );
  c.gap(8);
  c.heading({ zh: "货物", en: "Goods", ru: "Груз" });
  const columns: Column[] = [
    { header: { zh: "唛头", en: "Marks", ru: "Знаки" }, width: 6 },
    { header: { zh: "品名", en: "Description", ru: "Наименование" }, width: 14 },
    { header: { zh: "HS/NHM/ГНГ", en: "Codes", ru: "Коды" }, width: 6.4 },
    { header: { zh: "件数", en: "Packages", ru: "Мест" }, width: 5.4, align: "right" },
    { header: { zh: "毛重 kg", en: "Gross mass", ru: "Масса брутто" }, width: 5.6, align: "right" },
    { header: { zh: "危险品", en: "Dangerous", ru: "Опасный груз" }, width: 5.4 },
  ];
  const rows: TableRow[] = data.goods.map((g) => ({
    cells: [
      g.marks,
      g.descriptionRu ? `${g.description}\n${g.descriptionRu}` : g.description,
      [`HS ${g.hsCode}`, g.nhmCode && `NHM ${g.nhmCode}`, g.gngCode && `ГНГ ${g.gngCode}`].filter(Boolean).join("\n"),
      `${formatNumber(g.packages)} ${g.packageType}`,
      formatNumber(g.grossKg, 2),
      g.dangerous ? `${g.dangerous.unNumber}\nClass ${g.dangerous.class}` : "—",
    ],
  }));
  rows.push({
    kind: "total",
    cells: ["", "合计 Total  Итого", "", formatNumber(data.goods.reduce((s, g) => s + g.packages, 0)), formatNumber(sumKg(data.goods.map((g) => g.grossKg)), 2), ""],
  });
  drawTable(c, columns, rows);
  c.gap(8);
  drawFieldGrid(c, [
    [
      {
        label: { zh: "随附单据", en: "Documents attached", ru: "Прилагаемые документы" },
        value: data.attachedDocuments.length ? data.attachedDocuments.map((x, i) => `${i + 1}. ${x}`).join("\n") : "—",
      },
      {
        label: { zh: "发货人声明", en: "Consignor's declarations", ru: "Заявления отправителя" },
        value: data.consignorDeclarations ?? "—",
        size: SIZES.value - 0.6,
      },
    ],
  ]);
  c.gap(10);
  drawSignatureBoxes(c, [
    {
      label: { zh: "发货人签字", en: "Consignor's signature", ru: "Подпись отправителя" },
      kind: "signature",
      lines: signatureLines(undefined, data.meta.placeOfIssue, formatDateIn(data.meta.issuedAt, data.meta.timeZone)),
    },
    { label: { zh: "发站日期戳", en: "Departure station stamp", ru: "Штемпель станции" }, kind: "stamp" },
  ]);
  return c.finish();
}

/** CIM/SMGS consignment note data sheet, labelled in Chinese, English and Russian. */
export async function renderConsignmentNote(data: ConsignmentNoteData, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderConsignmentNoteResult(data, options)).pdf;
}
