import { at, type Validator } from "./validate.js";

/** Fields every document carries in its header and footer. */
export interface DocumentMeta {
  /** Platform id of the issued document, printed in every footer. */
  documentId: string;
  /** Human document number, e.g. "PL-2025-000123". */
  documentNumber: string;
  /** ISO 8601 instant with offset; also the PDF's CreationDate/ModDate. */
  issuedAt: string;
  /** IANA zone the issue date is shown in, e.g. "Asia/Shanghai". */
  timeZone: string;
  /** Public URL encoded in the header QR code. */
  verifyUrl: string;
  /** Who issues the document; printed above the title. */
  issuer: Party;
  /** Place of issue, e.g. "Chongqing, CN". */
  placeOfIssue?: string;
}

export interface Party {
  name: string;
  /** Address lines; long lines wrap. */
  address: string[];
  /** Tax or registration id: USCC (统一社会信用代码), EORI, VAT, BIN … */
  taxId?: string;
  contact?: string;
  phone?: string;
  email?: string;
}

/** A money amount in integer minor units of `currency` (ISO 4217), e.g. 123450 USD = 1,234.50. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export interface Signatory {
  name?: string;
  title?: string;
  place?: string;
}

export function checkMeta(v: Validator, path: string, value: unknown): void {
  const m = v.obj(path, value);
  if (!m) return;
  v.str(at(path, "documentId"), m.documentId, { max: 80 });
  v.str(at(path, "documentNumber"), m.documentNumber, { max: 60 });
  v.instant(at(path, "issuedAt"), m.issuedAt);
  v.timeZone(at(path, "timeZone"), m.timeZone);
  v.url(at(path, "verifyUrl"), m.verifyUrl);
  checkParty(v, at(path, "issuer"), m.issuer, true);
  v.str(at(path, "placeOfIssue"), m.placeOfIssue, { required: false, max: 120 });
}

export function checkParty(v: Validator, path: string, value: unknown, required: boolean): void {
  const p = v.obj(path, value, required);
  if (!p) return;
  v.str(at(path, "name"), p.name, { max: 200 });
  const lines = v.arr(at(path, "address"), p.address, { min: 1, max: 6, emptyMessage: "needs at least one address line" });
  v.each(at(path, "address"), lines, (lp, line) => v.str(lp, line, { max: 200 }));
  v.str(at(path, "taxId"), p.taxId, { required: false, max: 60 });
  v.str(at(path, "contact"), p.contact, { required: false, max: 120 });
  v.str(at(path, "phone"), p.phone, { required: false, max: 60 });
  v.str(at(path, "email"), p.email, { required: false, max: 120 });
}

export function checkSignatory(v: Validator, path: string, value: unknown): void {
  const s = v.obj(path, value, false);
  if (!s) return;
  v.str(at(path, "name"), s.name, { required: false, max: 120 });
  v.str(at(path, "title"), s.title, { required: false, max: 120 });
  v.str(at(path, "place"), s.place, { required: false, max: 120 });
}

/** HS code: 6 to 10 digits, dots and spaces allowed for readability (8711.60.90). */
export const HS_CODE = /^\d{4}(\.?\s?\d{2}){1,3}$/;

export function checkHsCode(v: Validator, path: string, value: unknown, required = true): void {
  v.str(path, value, { required, max: 14, pattern: HS_CODE, format: "an HS code of 6 to 10 digits, e.g. 8711.60" });
}

export function checkCurrency(v: Validator, path: string, value: unknown): string | undefined {
  const s = v.str(path, value, { max: 3, pattern: /^[A-Z]{3}$/, format: "an ISO 4217 code such as USD" });
  if (s === undefined) return undefined;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: s });
  } catch {
    v.add(path, "format", "is not a known ISO 4217 currency");
  }
  return s;
}

/** Upper-case hex colour #RRGGBB. */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
