import { formatDateIn, formatInstant, formatNumber } from "../format.js";
import { Composer, type RenderOptions, type RenderResult } from "../layout/composer.js";
import { drawFieldGrid } from "../layout/fields.js";
import { drawDocumentHeader } from "../layout/header.js";
import { drawQr } from "../layout/qr.js";
import { type Column, drawTable } from "../layout/table.js";
import { COLORS } from "../layout/theme.js";
import { checkMeta, type DocumentMeta } from "../model.js";
import { at, Validator } from "../validate.js";
import { VIN } from "./certificate-of-conformity.js";

export const VEHICLE_VERIFICATION = "vehicle-verification-certificate";

const HEX64 = /^(0x)?[0-9a-f]{64}$/;

export interface VehicleVerificationData {
  /** meta.verifyUrl is the public verify page of this vehicle; it is encoded in both QR codes. */
  meta: DocumentMeta;
  vehicle: {
    vin: string;
    make: string;
    model: string;
    variant?: string;
    manufacturer: string;
    /** YYYY-MM-DD */
    manufacturedOn?: string;
    batteryId?: string;
    colour?: string;
  };
  proof: {
    /** SHA-256 of the vehicle's canonical record (the Merkle leaf), 64 hex digits. */
    leafDigest: string;
    merkleRoot: string;
    batchId: string;
    leafIndex: number;
    batchSize: number;
    /** Sibling digests from leaf to root. */
    path: string[];
  };
  anchor: {
    /** e.g. "Corridor consortium ledger (Hyperledger Fabric)". */
    network: string;
    channel?: string;
    chaincode?: string;
    txId: string;
    blockNumber: number;
    anchoredAt: string;
  };
  certifications?: Array<{ name: string; number: string; validUntil?: string }>;
}

export function validateVehicleVerification(data: unknown): asserts data is VehicleVerificationData {
  const v = new Validator(VEHICLE_VERIFICATION);
  const d = v.obj("", data) ?? {};
  checkMeta(v, "meta", d.meta);
  const veh = v.obj("vehicle", d.vehicle);
  if (veh) {
    v.str("vehicle.vin", veh.vin, { max: 17, pattern: VIN, format: "a 17-character VIN without I, O or Q" });
    for (const k of ["make", "model", "manufacturer"] as const) v.str(`vehicle.${k}`, veh[k], { max: 160 });
    v.str("vehicle.variant", veh.variant, { required: false, max: 80 });
    v.date("vehicle.manufacturedOn", veh.manufacturedOn, false);
    v.str("vehicle.batteryId", veh.batteryId, { required: false, max: 80 });
    v.str("vehicle.colour", veh.colour, { required: false, max: 40 });
  }
  const p = v.obj("proof", d.proof);
  if (p) {
    const hex = { max: 66, pattern: HEX64, format: "64 lower-case hex digits (SHA-256)" };
    v.str("proof.leafDigest", p.leafDigest, hex);
    v.str("proof.merkleRoot", p.merkleRoot, hex);
    v.str("proof.batchId", p.batchId, { max: 80 });
    const size = v.num("proof.batchSize", p.batchSize, { integer: true, positive: true });
    const index = v.num("proof.leafIndex", p.leafIndex, { integer: true, min: 0 });
    if (size !== undefined && index !== undefined && index >= size) v.add("proof.leafIndex", "range", "must be less than the batch size");
    const path = v.arr("proof.path", p.path, { max: 64 });
    v.each("proof.path", path, (pp, x) => v.str(pp, x, hex));
    if (size !== undefined && path && size > 1 && path.length !== Math.ceil(Math.log2(size))) {
      v.add("proof.path", "consistency", `a batch of ${size} needs ${Math.ceil(Math.log2(size))} path digests`);
    }
  }
  const a = v.obj("anchor", d.anchor);
  if (a) {
    v.str("anchor.network", a.network, { max: 120 });
    v.str("anchor.channel", a.channel, { required: false, max: 60 });
    v.str("anchor.chaincode", a.chaincode, { required: false, max: 60 });
    v.str("anchor.txId", a.txId, { max: 128, pattern: /^[0-9a-fA-Fx]{16,128}$/, format: "a hex transaction id" });
    v.num("anchor.blockNumber", a.blockNumber, { integer: true, min: 0 });
    v.instant("anchor.anchoredAt", a.anchoredAt);
  }
  const certs = v.arr("certifications", d.certifications, { required: false, max: 20 });
  v.each("certifications", certs, (cp, x) => {
    const o = v.obj(cp, x);
    if (!o) return;
    v.str(at(cp, "name"), o.name, { max: 120 });
    v.str(at(cp, "number"), o.number, { max: 80 });
    v.date(at(cp, "validUntil"), o.validUntil, false);
  });
  v.done();
}

/** 64 hex digits as 4 groups of 16 for reading aloud and comparing by eye. */
function groupHex(h: string): string {
  const s = h.replace(/^0x/, "");
  return s.match(/.{1,16}/g)?.join(" ") ?? s;
}

export async function renderVehicleVerificationResult(data: VehicleVerificationData, options: RenderOptions = {}): Promise<RenderResult> {
  validateVehicleVerification(data);
  const { vehicle: veh, proof, anchor } = data;
  const tz = data.meta.timeZone;
  const c = new Composer({
    template: VEHICLE_VERIFICATION,
    title: { zh: "车辆身份验证证书", en: "Vehicle Verification Certificate" },
    meta: data.meta,
    data,
    frame: true,
    ...(options.fonts ? { fonts: options.fonts } : {}),
    subject: `Vehicle ${veh.vin}`,
  });
  // The body carries the (bigger) QR code; a second one in the header would only repeat it.
  drawDocumentHeader(c, { qrSize: 0 });
  // Large QR beside the vehicle identity.
  const qr = 132;
  const top = c.y;
  drawQr(c.doc, data.meta.verifyUrl, c.right - qr, top, qr);
  const urlH = c.text(data.meta.verifyUrl, c.right - qr - 8, top + qr + 1, qr + 8, { size: 6, weight: "mono", color: COLORS.muted, align: "center" });
  c.text("扫描二维码，在公开页面核验本车  Scan to verify this vehicle on the public page", c.right - qr - 8, top + qr + urlH + 2, qr + 8, {
    size: 6.4,
    color: COLORS.accent,
    align: "center",
  });
  const leftW = c.width - qr - 16;
  c.text("车辆识别代号  Vehicle identification number (VIN)", c.left, c.y, leftW, { size: 6.8, color: COLORS.muted });
  c.y += 10;
  c.y += c.text(veh.vin, c.left, c.y, leftW, { size: 19, weight: "mono" });
  c.y += 4;
  drawFieldGrid(
    c,
    [
      [
        { label: { zh: "品牌", en: "Make" }, value: veh.make, weight: "bold" },
        { label: { zh: "车型", en: "Model" }, value: [veh.model, veh.variant].filter(Boolean).join(" · ") },
      ],
      [{ label: { zh: "制造商", en: "Manufacturer" }, value: veh.manufacturer, span: 2 }],
      [
        { label: { zh: "生产日期", en: "Manufactured" }, value: veh.manufacturedOn ?? "—" },
        { label: { zh: "颜色", en: "Colour" }, value: veh.colour ?? "—" },
      ],
      [{ label: { zh: "电池编号", en: "Battery ID" }, value: veh.batteryId ?? "—", weight: "mono", span: 2 }],
    ],
    { width: leftW },
  );
  c.y = Math.max(c.y, top + qr + 30) + 10;
  c.heading({ zh: "账本锚定", en: "Ledger anchor" });
  drawFieldGrid(c, [
    [
      { label: { zh: "账本网络", en: "Network" }, value: anchor.network, span: 2 },
      { label: { zh: "通道/链码", en: "Channel / chaincode" }, value: [anchor.channel, anchor.chaincode].filter(Boolean).join(" / ") || "—" },
      { label: { zh: "区块高度", en: "Block number" }, value: formatNumber(anchor.blockNumber), weight: "bold" },
    ],
    [
      { label: { zh: "交易ID", en: "Transaction id" }, value: anchor.txId, weight: "mono", span: 3 },
      { label: { zh: "锚定时间", en: "Anchored at" }, value: formatInstant(anchor.anchoredAt, tz) },
    ],
  ]);
  c.gap(8);
  c.heading({ zh: "证明", en: "Proof of inclusion" }, "SHA-256 Merkle");
  drawFieldGrid(c, [
    [{ label: { zh: "车辆记录摘要（叶子）", en: "Vehicle record digest (leaf)" }, value: groupHex(proof.leafDigest), weight: "mono", size: 8.6 }],
    [{ label: { zh: "默克尔根", en: "Merkle root" }, value: groupHex(proof.merkleRoot), weight: "mono", size: 8.6 }],
    [
      { label: { zh: "批次", en: "Batch" }, value: proof.batchId, weight: "mono", span: 2 },
      { label: { zh: "叶子序号", en: "Leaf index" }, value: `${formatNumber(proof.leafIndex)} / ${formatNumber(proof.batchSize)}` },
      { label: { zh: "路径长度", en: "Path length" }, value: `${proof.path.length} × 32 B = ${proof.path.length * 32} B` },
    ],
  ]);
  if (proof.path.length > 0) {
    c.gap(6);
    // Two columns of (level, sibling digest) keep a 24-level path on one page.
    const cols: Column[] = [
      { header: { zh: "层", en: "Level" }, width: 1.6, align: "right" },
      { header: { zh: "兄弟节点摘要", en: "Sibling digest" }, width: 17, weight: "mono" },
      { header: { zh: "层", en: "Level" }, width: 1.6, align: "right" },
      { header: { zh: "兄弟节点摘要", en: "Sibling digest" }, width: 17, weight: "mono" },
    ];
    const half = Math.ceil(proof.path.length / 2);
    const strip = (h: string | undefined) => (h ?? "").replace(/^0x/, "");
    drawTable(
      c,
      cols,
      Array.from({ length: half }, (_, i) => ({
        cells: [String(i), strip(proof.path[i]), i + half < proof.path.length ? String(i + half) : "", strip(proof.path[i + half])],
      })),
      { fontSize: 5.9 },
    );
  }
  if (data.certifications && data.certifications.length > 0) {
    c.gap(8);
    c.heading({ zh: "认证", en: "Certifications" });
    drawTable(
      c,
      [
        { header: { zh: "认证", en: "Certification" }, width: 6 },
        { header: { zh: "编号", en: "Number" }, width: 6, weight: "mono" },
        { header: { zh: "有效期至", en: "Valid until" }, width: 3 },
      ],
      data.certifications.map((x) => ({ cells: [x.name, x.number, x.validUntil ?? "—"] })),
      { zebra: false },
    );
  }
  c.gap(8);
  c.heading({ zh: "如何核验", en: "How to verify" });
  const steps = [
    "1. 扫描二维码打开公开核验页面，核对车辆识别代号与车架上的一致。 Scan the QR code, open the public page and check that the VIN matches the one stamped on the frame.",
    `2. 离线核验：对车辆记录计算 SHA-256 得到叶子摘要，按路径逐层合并至根，与第 ${formatNumber(anchor.blockNumber)} 号区块交易中记录的默克尔根比对。 Offline: hash the vehicle record (SHA-256) to get the leaf, fold the path up to the root, and compare it with the Merkle root recorded by the transaction in block ${formatNumber(anchor.blockNumber)}.`,
    `3. 本证书签发于 ${formatDateIn(data.meta.issuedAt, tz)}；验证结果以账本为准。 Issued ${formatDateIn(data.meta.issuedAt, tz)}; the ledger, not this paper, is authoritative.`,
  ];
  for (const s of steps) {
    c.flow(s, { size: 7.2 });
    c.gap(2);
  }
  return c.finish();
}

/** Vehicle verification certificate: QR to the public verify URL, proof digest and ledger anchor. */
export async function renderVehicleVerification(data: VehicleVerificationData, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderVehicleVerificationResult(data, options)).pdf;
}
