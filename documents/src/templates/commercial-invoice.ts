import { amountInWords, formatDateIn, formatMinor, formatNumber } from "../format.js";
import { Composer, type RenderOptions, type RenderResult } from "../layout/composer.js";
import { drawFieldGrid, drawParties, PARTY_LABELS } from "../layout/fields.js";
import { drawDocumentHeader } from "../layout/header.js";
import { drawSignatureBoxes } from "../layout/signature.js";
import { type Column, drawTable, type TableRow } from "../layout/table.js";
import { COLORS } from "../layout/theme.js";
import { drawTotals, type TotalLine } from "../layout/totals.js";
import { checkCurrency, checkHsCode, checkMeta, checkParty, checkSignatory, type DocumentMeta, type Party, type Signatory } from "../model.js";
import { at, Validator } from "../validate.js";
import { type Charge, checkCharges, checkTransport, signatureLines, type Transport, transportCells } from "./shared.js";

export const COMMERCIAL_INVOICE = "commercial-invoice";

export const INCOTERMS = ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"] as const;
export type Incoterm = (typeof INCOTERMS)[number];

export interface InvoiceLine {
  description: string;
  model?: string;
  /** HS code, 6–10 digits (8711.60 for electric motorcycles). */
  hsCode: string;
  /** ISO 3166 alpha-2 country of origin of this line; defaults to the invoice's. */
  origin?: string;
  quantity: number;
  /** Unit of quantity: UNIT, SET, PCS … */
  unit: string;
  /** Price per unit in integer minor units of the invoice currency. */
  unitPriceMinor: number;
}

export interface CommercialInvoiceData {
  meta: DocumentMeta;
  seller: Party;
  buyer: Party;
  notify?: Party;
  contractNumber?: string;
  orderNumber?: string;
  /** ISO 4217 code; every amount is in its minor units. */
  currency: string;
  incoterms: { rule: Incoterm; place: string; version?: "2010" | "2020" };
  paymentTerms: string;
  /** Country of origin of the goods, e.g. "CN 中国". */
  countryOfOrigin: string;
  transport: Transport;
  lines: InvoiceLine[];
  /** Freight, insurance, discounts … added after the goods total. */
  charges?: Charge[];
  bank?: { beneficiary: string; bankName: string; swift: string; account: string };
  declaration?: string;
  signatory?: Signatory;
}

export function validateCommercialInvoice(data: unknown): asserts data is CommercialInvoiceData {
  const v = new Validator(COMMERCIAL_INVOICE);
  const d = v.obj("", data) ?? {};
  checkMeta(v, "meta", d.meta);
  checkParty(v, "seller", d.seller, true);
  checkParty(v, "buyer", d.buyer, true);
  checkParty(v, "notify", d.notify, false);
  v.str("contractNumber", d.contractNumber, { required: false, max: 60 });
  v.str("orderNumber", d.orderNumber, { required: false, max: 60 });
  const currency = checkCurrency(v, "currency", d.currency);
  const inc = v.obj("incoterms", d.incoterms);
  if (inc) {
    v.oneOf("incoterms.rule", inc.rule, INCOTERMS);
    v.str("incoterms.place", inc.place, { max: 120 });
    v.oneOf("incoterms.version", inc.version, ["2010", "2020"] as const, false);
  }
  v.str("paymentTerms", d.paymentTerms, { max: 300 });
  v.str("countryOfOrigin", d.countryOfOrigin, { max: 60 });
  checkTransport(v, "transport", d.transport);
  const lines = v.arr("lines", d.lines, { min: 1, max: 5000, emptyMessage: "an invoice needs at least one line" });
  let total = 0;
  v.each("lines", lines, (lp, lv) => {
    const l = v.obj(lp, lv);
    if (!l) return;
    v.str(at(lp, "description"), l.description, { max: 300 });
    v.str(at(lp, "model"), l.model, { required: false, max: 80 });
    checkHsCode(v, at(lp, "hsCode"), l.hsCode);
    v.str(at(lp, "origin"), l.origin, { required: false, max: 2, pattern: /^[A-Z]{2}$/, format: "an ISO 3166 alpha-2 code" });
    const q = v.num(at(lp, "quantity"), l.quantity, { integer: true, positive: true });
    v.str(at(lp, "unit"), l.unit, { max: 12 });
    const p = v.num(at(lp, "unitPriceMinor"), l.unitPriceMinor, { integer: true, min: 0 });
    if (q !== undefined && p !== undefined) {
      if (!Number.isSafeInteger(q * p)) v.add(at(lp, "unitPriceMinor"), "range", "line amount is too large");
      total += q * p;
    }
  });
  checkCharges(v, "charges", d.charges);
  if (!Number.isSafeInteger(total)) v.add("lines", "range", "invoice total is too large");
  if (currency === undefined) v.add("lines", "consistency", "amounts need a valid currency");
  const bank = v.obj("bank", d.bank, false);
  if (bank) {
    for (const k of ["beneficiary", "bankName", "account"] as const) v.str(at("bank", k), bank[k], { max: 160 });
    v.str("bank.swift", bank.swift, { max: 11, pattern: /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, format: "a SWIFT/BIC code" });
  }
  v.str("declaration", d.declaration, { required: false, max: 2000 });
  checkSignatory(v, "signatory", d.signatory);
  v.done();
}

const DEFAULT_DECLARATION =
  "我们保证本发票所列货物的价格及原产地真实无误。 We hereby certify that this invoice shows the actual price of the goods described, that all particulars are true and correct, and that the goods are of the origin stated.";

export async function renderCommercialInvoiceResult(data: CommercialInvoiceData, options: RenderOptions = {}): Promise<RenderResult> {
  validateCommercialInvoice(data);
  const cur = data.currency;
  const c = new Composer({
    template: COMMERCIAL_INVOICE,
    title: { zh: "商业发票", en: "Commercial Invoice" },
    meta: data.meta,
    data,
    ...(options.fonts ? { fonts: options.fonts } : {}),
  });
  drawDocumentHeader(c, {
    references: [
      ...(data.contractNumber ? [{ label: { zh: "合同号", en: "Contract No." }, value: data.contractNumber }] : []),
      ...(data.orderNumber ? [{ label: { zh: "订单号", en: "Order No." }, value: data.orderNumber }] : []),
    ],
  });
  drawParties(c, [
    { label: PARTY_LABELS.seller, party: data.seller },
    { label: PARTY_LABELS.buyer, party: data.buyer },
    ...(data.notify ? [{ label: PARTY_LABELS.notify, party: data.notify }] : []),
  ]);
  drawFieldGrid(c, [
    transportCells(data.transport, data.meta.timeZone),
    [
      {
        label: { zh: "贸易术语", en: "Incoterms®" },
        value: `${data.incoterms.rule} ${data.incoterms.place} (Incoterms® ${data.incoterms.version ?? "2020"})`,
        weight: "bold",
        span: 1.6,
      },
      { label: { zh: "付款条件", en: "Payment terms" }, value: data.paymentTerms, span: 1.6 },
      { label: { zh: "原产国", en: "Country of origin" }, value: data.countryOfOrigin },
      { label: { zh: "币种", en: "Currency" }, value: cur },
    ],
  ]);
  c.gap(8);
  c.heading({ zh: "货物明细", en: "Description of goods" }, `${formatNumber(data.lines.length)} lines`);
  const columns: Column[] = [
    { header: { zh: "序号", en: "No." }, width: 3.4, align: "right" },
    { header: { zh: "品名及型号", en: "Description · Model" }, width: 24 },
    { header: { zh: "HS 编码", en: "HS code" }, width: 8.2 },
    { header: { zh: "原产地", en: "Origin" }, width: 4.8, align: "center" },
    { header: { zh: "数量", en: "Quantity" }, width: 6, align: "right" },
    { header: { zh: "单位", en: "Unit" }, width: 4.6 },
    { header: { zh: `单价 ${cur}`, en: "Unit price" }, width: 9, align: "right" },
    { header: { zh: `金额 ${cur}`, en: "Amount" }, width: 10.5, align: "right" },
  ];
  let goods = 0;
  let qty = 0;
  const rows: TableRow[] = data.lines.map((l, i) => {
    const amount = l.quantity * l.unitPriceMinor;
    goods += amount;
    qty += l.quantity;
    return {
      cells: [
        String(i + 1),
        l.model ? `${l.description} · ${l.model}` : l.description,
        l.hsCode,
        l.origin ?? "",
        formatNumber(l.quantity),
        l.unit,
        formatMinor(l.unitPriceMinor, cur),
        formatMinor(amount, cur),
      ],
    };
  });
  rows.push({ kind: "total", cells: ["", "合计 Total goods value", "", "", formatNumber(qty), "", "", formatMinor(goods, cur)] });
  drawTable(c, columns, rows);
  c.gap(6);
  const totals: TotalLine[] = [{ label: { zh: "货值", en: "Goods value" }, value: `${cur} ${formatMinor(goods, cur)}` }];
  let grand = goods;
  for (const ch of data.charges ?? []) {
    grand += ch.amountMinor;
    totals.push({ label: ch.label, value: `${cur} ${formatMinor(ch.amountMinor, cur)}` });
  }
  totals.push({
    label: { zh: "发票总额", en: `Invoice total (${data.incoterms.rule} ${data.incoterms.place})` },
    value: `${cur} ${formatMinor(grand, cur)}`,
    emphasis: true,
  });
  drawTotals(c, totals);
  c.gap(4);
  c.flow(amountInWords({ amountMinor: grand, currency: cur }), { size: 7.6, weight: "bold" });
  c.gap(8);
  if (data.bank) {
    drawFieldGrid(c, [
      [
        { label: { zh: "收款人", en: "Beneficiary" }, value: data.bank.beneficiary, span: 1.4 },
        { label: { zh: "开户行", en: "Bank" }, value: data.bank.bankName, span: 1.4 },
        { label: { zh: "SWIFT", en: "BIC" }, value: data.bank.swift, weight: "mono" },
        { label: { zh: "账号", en: "Account / IBAN" }, value: data.bank.account, weight: "mono", span: 1.3 },
      ],
    ]);
    c.gap(8);
  }
  c.ensure(110);
  c.flow(data.declaration ?? DEFAULT_DECLARATION, { size: 7, color: COLORS.muted });
  c.gap(8);
  drawSignatureBoxes(c, [
    {
      label: { zh: "卖方授权签字", en: "Authorised signature for the seller" },
      kind: "signature",
      lines: signatureLines(data.signatory, data.meta.placeOfIssue, formatDateIn(data.meta.issuedAt, data.meta.timeZone)),
    },
    { label: { zh: "公司盖章", en: "Company stamp" }, kind: "stamp" },
  ]);
  return c.finish();
}

/** Commercial invoice with HS codes, exact minor-unit amounts, Incoterms and amount in words. */
export async function renderCommercialInvoice(data: CommercialInvoiceData, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderCommercialInvoiceResult(data, options)).pdf;
}
