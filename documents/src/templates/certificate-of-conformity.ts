import { formatDateIn, formatNumber, partyLines } from "../format.js";
import { Composer, type RenderOptions, type RenderResult } from "../layout/composer.js";
import { drawFieldGrid, type FieldCell } from "../layout/fields.js";
import { drawDocumentHeader } from "../layout/header.js";
import { drawSignatureBoxes } from "../layout/signature.js";
import { type Column, drawTable } from "../layout/table.js";
import { COLORS } from "../layout/theme.js";
import { checkMeta, checkParty, checkSignatory, type DocumentMeta, type Party, type Signatory } from "../model.js";
import { Validator } from "../validate.js";

export const CERTIFICATE_OF_CONFORMITY = "certificate-of-conformity";

/** L-category (sub)categories of Regulation (EU) No 168/2013 that the consortium's makers build. */
export const L_CATEGORIES = ["L1e-A", "L1e-B", "L3e-A1", "L3e-A2", "L3e-A3"] as const;
export type LCategory = (typeof L_CATEGORIES)[number];

/**
 * Category limits used as a consistency check (Regulation (EU) No 168/2013 Annex I): design speed
 * and maximum continuous rated / net power. Kept as data: configurable, not buried in code.
 */
export const CATEGORY_LIMITS: Record<LCategory, { maxSpeedKmh?: number; maxPowerKw?: number }> = {
  "L1e-A": { maxSpeedKmh: 25, maxPowerKw: 1 },
  "L1e-B": { maxSpeedKmh: 45, maxPowerKw: 4 },
  "L3e-A1": { maxPowerKw: 11 },
  "L3e-A2": { maxPowerKw: 35 },
  "L3e-A3": {},
};

/** EU type-approval number, e.g. e4*168/2013*00123*00 (amending acts may follow the base act). */
export const TYPE_APPROVAL_NUMBER = /^e\d{1,2}\*\d{2,4}\/\d{2,4}(\*\d{2,4}\/\d{2,4})*\*\d{4,5}\*\d{2}$/;
/** ISO 3779 VIN: 17 characters, no I, O or Q. */
export const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

export interface CocVehicle {
  /** 0.1 Make (trade name of the manufacturer). */
  make: string;
  /** 0.2 Type, 0.2.1 variant, 0.2.2 version. */
  type: string;
  variant: string;
  version: string;
  commercialNames?: string;
  /** 0.4 Vehicle category. */
  category: LCategory;
  vin: string;
  typeApprovalNumber: string;
  /** Date of the type-approval (YYYY-MM-DD). */
  typeApprovalDate: string;
  /** 0.6 Location and method of attachment of the statutory plate, and location of the VIN. */
  statutoryPlateLocation: string;
  vinLocation: string;
  colour?: string;
  /** Date of manufacture (YYYY-MM-DD). */
  manufacturedOn?: string;
}

export interface CocTechnical {
  axles: number;
  wheels: number;
  wheelbaseMm: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  massInRunningOrderKg: number;
  technicallyPermissibleMaxMassKg: number;
  motor: { manufacturer?: string; type: string; maxContinuousRatedPowerKw: number; maxNetPowerKw?: number };
  maxSpeedKmh: number;
  battery: { chemistry: string; nominalVoltageV: number; capacityAh?: number; energyKwh?: number };
  tyres: { front: string; rear: string };
  seatingPositions: number;
  energyConsumptionWhPerKm?: number;
  electricRangeKm?: number;
  soundLevel?: { stationaryDb?: number; driveByDb?: number };
}

export interface CertificateOfConformityData {
  meta: DocumentMeta;
  /** 0.5 Name and address of the manufacturer. */
  manufacturer: Party;
  /** 0.9 Manufacturer's representative in the EU, if any. */
  representative?: Party;
  vehicle: CocVehicle;
  technical: CocTechnical;
  remarks?: string;
  signatory: Signatory;
}

export function validateCertificateOfConformity(data: unknown): asserts data is CertificateOfConformityData {
  const v = new Validator(CERTIFICATE_OF_CONFORMITY);
  const d = v.obj("", data) ?? {};
  checkMeta(v, "meta", d.meta);
  checkParty(v, "manufacturer", d.manufacturer, true);
  checkParty(v, "representative", d.representative, false);
  const veh = v.obj("vehicle", d.vehicle);
  let category: LCategory | undefined;
  if (veh) {
    for (const k of ["make", "type", "variant", "version"] as const) v.str(`vehicle.${k}`, veh[k], { max: 80 });
    v.str("vehicle.commercialNames", veh.commercialNames, { required: false, max: 160 });
    category = v.oneOf("vehicle.category", veh.category, L_CATEGORIES);
    v.str("vehicle.vin", veh.vin, { max: 17, pattern: VIN, format: "a 17-character VIN without I, O or Q" });
    v.str("vehicle.typeApprovalNumber", veh.typeApprovalNumber, {
      max: 60,
      pattern: TYPE_APPROVAL_NUMBER,
      format: "an EU type-approval number such as e4*168/2013*00123*00",
    });
    v.date("vehicle.typeApprovalDate", veh.typeApprovalDate);
    v.str("vehicle.statutoryPlateLocation", veh.statutoryPlateLocation, { max: 200 });
    v.str("vehicle.vinLocation", veh.vinLocation, { max: 200 });
    v.str("vehicle.colour", veh.colour, { required: false, max: 40 });
    v.date("vehicle.manufacturedOn", veh.manufacturedOn, false);
  }
  const t = v.obj("technical", d.technical);
  if (t) {
    v.num("technical.axles", t.axles, { integer: true, min: 1, max: 3 });
    v.num("technical.wheels", t.wheels, { integer: true, min: 2, max: 4 });
    for (const k of ["wheelbaseMm", "lengthMm", "widthMm", "heightMm"] as const) v.num(`technical.${k}`, t[k], { positive: true, max: 5000 });
    const mro = v.num("technical.massInRunningOrderKg", t.massInRunningOrderKg, { positive: true, max: 2000 });
    const tpm = v.num("technical.technicallyPermissibleMaxMassKg", t.technicallyPermissibleMaxMassKg, { positive: true, max: 3000 });
    if (mro !== undefined && tpm !== undefined && tpm < mro) {
      v.add("technical.technicallyPermissibleMaxMassKg", "consistency", "must not be less than the mass in running order");
    }
    const motor = v.obj("technical.motor", t.motor);
    let power: number | undefined;
    if (motor) {
      v.str("technical.motor.manufacturer", motor.manufacturer, { required: false, max: 120 });
      v.str("technical.motor.type", motor.type, { max: 80 });
      power = v.num("technical.motor.maxContinuousRatedPowerKw", motor.maxContinuousRatedPowerKw, { positive: true, max: 200 });
      v.num("technical.motor.maxNetPowerKw", motor.maxNetPowerKw, { required: false, positive: true, max: 400 });
    }
    const speed = v.num("technical.maxSpeedKmh", t.maxSpeedKmh, { positive: true, max: 300 });
    if (category) {
      const lim = CATEGORY_LIMITS[category];
      if (lim.maxSpeedKmh !== undefined && speed !== undefined && speed > lim.maxSpeedKmh) {
        v.add("technical.maxSpeedKmh", "consistency", `${category} allows at most ${lim.maxSpeedKmh} km/h`);
      }
      if (lim.maxPowerKw !== undefined && power !== undefined && power > lim.maxPowerKw) {
        v.add("technical.motor.maxContinuousRatedPowerKw", "consistency", `${category} allows at most ${lim.maxPowerKw} kW`);
      }
    }
    const b = v.obj("technical.battery", t.battery);
    if (b) {
      v.str("technical.battery.chemistry", b.chemistry, { max: 60 });
      v.num("technical.battery.nominalVoltageV", b.nominalVoltageV, { positive: true, max: 1000 });
      v.num("technical.battery.capacityAh", b.capacityAh, { required: false, positive: true });
      v.num("technical.battery.energyKwh", b.energyKwh, { required: false, positive: true });
    }
    const ty = v.obj("technical.tyres", t.tyres);
    if (ty) {
      v.str("technical.tyres.front", ty.front, { max: 40 });
      v.str("technical.tyres.rear", ty.rear, { max: 40 });
    }
    v.num("technical.seatingPositions", t.seatingPositions, { integer: true, min: 1, max: 3 });
    v.num("technical.energyConsumptionWhPerKm", t.energyConsumptionWhPerKm, { required: false, positive: true });
    v.num("technical.electricRangeKm", t.electricRangeKm, { required: false, positive: true });
    const snd = v.obj("technical.soundLevel", t.soundLevel, false);
    if (snd) {
      v.num("technical.soundLevel.stationaryDb", snd.stationaryDb, { required: false, positive: true, max: 150 });
      v.num("technical.soundLevel.driveByDb", snd.driveByDb, { required: false, positive: true, max: 150 });
    }
  }
  const s = v.obj("signatory", d.signatory);
  if (s) {
    v.str("signatory.name", s.name, { max: 120 });
    v.str("signatory.title", s.title, { max: 120 });
    checkSignatory(v, "signatory", s);
  }
  v.str("remarks", d.remarks, { required: false, max: 1000 });
  v.done();
}

const dash = "—";
const n = (x: number | undefined, unit: string, d = 0) => (x === undefined ? dash : `${formatNumber(x, d)} ${unit}`);

export async function renderCertificateOfConformityResult(data: CertificateOfConformityData, options: RenderOptions = {}): Promise<RenderResult> {
  validateCertificateOfConformity(data);
  const veh = data.vehicle;
  const t = data.technical;
  const c = new Composer({
    template: CERTIFICATE_OF_CONFORMITY,
    title: { zh: "欧盟车辆合格证（整车）", en: "EU Certificate of Conformity — L-category vehicle" },
    meta: data.meta,
    data,
    frame: true,
    ...(options.fonts ? { fonts: options.fonts } : {}),
    subject: `EU CoC ${veh.vin}`,
  });
  drawDocumentHeader(c, {
    references: [{ label: { zh: "车辆识别代号", en: "VIN" }, value: veh.vin, weight: "mono", span: 1.6 }],
  });
  c.heading({ zh: "第一部分 总则", en: "Part I — General" });
  const general: FieldCell[][] = [
    [
      { label: { zh: "0.1 品牌", en: "Make" }, value: veh.make, weight: "bold" },
      { label: { zh: "0.2 型式", en: "Type" }, value: veh.type },
      { label: { zh: "0.2.1 变型", en: "Variant" }, value: veh.variant },
      { label: { zh: "0.2.2 版本", en: "Version" }, value: veh.version },
    ],
    [
      { label: { zh: "0.2.3 商业名称", en: "Commercial name(s)" }, value: veh.commercialNames ?? dash, span: 2 },
      { label: { zh: "0.4 车辆类别", en: "Vehicle category" }, value: veh.category, weight: "bold" },
      { label: { zh: "颜色", en: "Colour" }, value: veh.colour ?? dash },
    ],
    [
      {
        label: { zh: "0.5 制造商名称及地址", en: "Name and address of the manufacturer" },
        value: data.manufacturer.name,
        sub: partyLines(data.manufacturer).join("\n"),
        weight: "bold",
        span: 2,
      },
      {
        label: { zh: "0.9 制造商在欧盟的代表", en: "Manufacturer's representative" },
        value: data.representative?.name ?? dash,
        ...(data.representative ? { sub: partyLines(data.representative).join("\n") } : {}),
        span: 2,
      },
    ],
    [
      { label: { zh: "0.6 法定铭牌位置及固定方式", en: "Location and attachment of the statutory plate" }, value: veh.statutoryPlateLocation, span: 2 },
      { label: { zh: "车辆识别代号位置", en: "Location of the VIN" }, value: veh.vinLocation, span: 2 },
    ],
  ];
  drawFieldGrid(c, general);
  c.gap(6);
  // The statement that makes it a CoC.
  const statement =
    `本人代表上述制造商证明：车辆识别代号为 ${veh.vin} 的车辆在所有方面均符合 ${veh.typeApprovalDate} 签发的欧盟型式批准证书 ${veh.typeApprovalNumber} 所述车型，可在要求欧盟型式批准的成员国永久注册。\n` +
    `The undersigned hereby certifies that the vehicle with identification number ${veh.vin} conforms in all respects to the type described in EU type-approval ${veh.typeApprovalNumber} issued on ${veh.typeApprovalDate}, and can be permanently registered in Member States having right-hand/left-hand traffic and using metric/imperial units for the speedometer.`;
  const top = c.y;
  c.y += 4;
  c.flow(statement, { size: 7.8 }, c.left + 6, c.width - 12);
  c.y += 4;
  c.doc
    .rect(c.left, top, c.width, c.y - top)
    .lineWidth(1)
    .strokeColor(COLORS.accent)
    .stroke();
  c.gap(8);
  c.heading({ zh: "第二部分 技术参数", en: "Part II — Technical characteristics" });
  const cols: Column[] = [
    { header: { zh: "项目", en: "Item" }, width: 7 },
    { header: { zh: "数值", en: "Value" }, width: 5, weight: "bold" },
    { header: { zh: "项目", en: "Item" }, width: 7 },
    { header: { zh: "数值", en: "Value" }, width: 5, weight: "bold" },
  ];
  const items: Array<[string, string]> = [
    ["车轴数 / 车轮数  Axles / wheels", `${t.axles} / ${t.wheels}`],
    ["轴距  Wheelbase", n(t.wheelbaseMm, "mm")],
    ["长 × 宽 × 高  Length × width × height", `${t.lengthMm} × ${t.widthMm} × ${t.heightMm} mm`],
    ["整备质量  Mass in running order", n(t.massInRunningOrderKg, "kg", 1)],
    ["技术允许最大质量  Technically permissible max. laden mass", n(t.technicallyPermissibleMaxMassKg, "kg", 1)],
    ["座位数  Seating positions", String(t.seatingPositions)],
    ["电机制造商  Motor manufacturer", t.motor.manufacturer ?? dash],
    ["电机型号  Motor type", t.motor.type],
    ["最大连续额定功率  Max. continuous rated power", n(t.motor.maxContinuousRatedPowerKw, "kW", 2)],
    ["最大净功率  Max. net power", n(t.motor.maxNetPowerKw, "kW", 2)],
    ["最高设计车速  Maximum design speed", n(t.maxSpeedKmh, "km/h")],
    [
      "动力电池  Traction battery",
      `${t.battery.chemistry}, ${t.battery.nominalVoltageV} V${t.battery.capacityAh ? `, ${t.battery.capacityAh} Ah` : ""}${t.battery.energyKwh ? `, ${t.battery.energyKwh} kWh` : ""}`,
    ],
    ["轮胎（前/后）  Tyres front / rear", `${t.tyres.front} / ${t.tyres.rear}`],
    ["电能消耗  Electric energy consumption", n(t.energyConsumptionWhPerKm, "Wh/km")],
    ["续驶里程  Electric range", n(t.electricRangeKm, "km")],
    ["声级（定置/行驶）  Sound level stationary / drive-by", t.soundLevel ? `${t.soundLevel.stationaryDb ?? dash} / ${t.soundLevel.driveByDb ?? dash} dB(A)` : dash],
  ];
  const half = Math.ceil(items.length / 2);
  drawTable(
    c,
    cols,
    Array.from({ length: half }, (_, i) => {
      const a = items[i];
      const b = items[i + half];
      return { cells: [a?.[0] ?? "", a?.[1] ?? "", b?.[0] ?? "", b?.[1] ?? ""] };
    }),
  );
  if (data.remarks) {
    c.gap(6);
    c.heading({ zh: "备注", en: "Remarks" });
    c.flow(data.remarks, { size: 7.6 });
  }
  c.gap(10);
  drawSignatureBoxes(c, [
    {
      label: { zh: "制造商授权签字", en: "Signed for the manufacturer" },
      kind: "signature",
      lines: [
        data.signatory.name ?? "",
        data.signatory.title ?? "",
        `${data.signatory.place ?? data.meta.placeOfIssue ?? ""}  ${formatDateIn(data.meta.issuedAt, data.meta.timeZone)}`,
      ],
    },
    { label: { zh: "制造商盖章", en: "Manufacturer's stamp" }, kind: "stamp" },
  ]);
  return c.finish();
}

/** EU certificate of conformity for one L1e/L3e vehicle. */
export async function renderCertificateOfConformity(data: CertificateOfConformityData, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderCertificateOfConformityResult(data, options)).pdf;
}
