import { containerCheckDigit } from "../src/containers.js";
import type { DocumentMeta, Party } from "../src/model.js";
import type { PackingLine, PackingListData } from "../src/templates/packing-list.js";
import type { Transport } from "../src/templates/shared.js";

/** Sample data factories: `sampleX(overrides)` gives valid data for each template. */

export function containerNumber(owner: string, serial: number): string {
  const first10 = `${owner}U${String(serial).padStart(6, "0")}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

export function sampleMeta(overrides: Partial<DocumentMeta> = {}): DocumentMeta {
  return {
    documentId: "doc_01JQ7X9K2M4N6P8R0T2V4X6Z8B",
    documentNumber: "PL-2025-000123",
    issuedAt: "2025-03-14T02:30:00Z",
    timeZone: "Asia/Shanghai",
    verifyUrl: "https://verify.corridor.example/d/doc_01JQ7X9K2M4N6P8R0T2V4X6Z8B",
    issuer: {
      name: "重庆渝车出海供应链管理有限公司 Chongqing Yuche Chuhai Supply Chain Management Co., Ltd.",
      address: ["重庆市沙坪坝区土主镇团结村中心站 1 号", "No. 1 Tuanjiecun Central Station, Shapingba District, Chongqing 401334, China"],
      taxId: "USCC 91500106MA5U8XYZ2K",
    },
    placeOfIssue: "重庆 Chongqing, CN",
    ...overrides,
  };
}

export const SHIPPER: Party = {
  name: "重庆雅迪机车有限公司 Chongqing Yadea Motorcycle Co., Ltd.",
  address: ["重庆市九龙坡区西彭镇工业园区 88 号", "No. 88 Xipeng Industrial Park, Jiulongpo District, Chongqing 401326, China"],
  taxId: "USCC 91500107MA60ABCD1X",
  contact: "王丽 Wang Li",
  phone: "+86 23 6868 1234",
};

export const CONSIGNEE: Party = {
  name: "E-Mobility Europe GmbH",
  address: ["Hafenstraße 12", "47119 Duisburg, Germany"],
  taxId: "EORI DE123456789012345",
  contact: "Jörg Müller",
  email: "import@emobility.example",
};

export const NOTIFY: Party = {
  name: "Rail Logistics Małaszewicze Sp. z o.o.",
  address: ["ul. Kolejowa 5, 21-540 Małaszewicze, Polska"],
  phone: "+48 83 375 0000",
};

export const TRANSPORT: Transport = {
  mode: "rail",
  from: "重庆团结村 Chongqing Tuanjiecun",
  to: "Duisburg DE",
  via: "阿拉山口/多斯特克 Alashankou/Dostyk; Brest/Małaszewicze",
  trainOrVessel: "X8013",
  departureAt: "2025-03-18T12:00:00+08:00",
};

export function samplePackingLine(i: number): PackingLine {
  const models = [
    ["电动摩托车 Electric motorcycle", "YD-E8 Pro"],
    ["电动自行车 Electric bicycle (EPAC)", "YD-B25"],
    ["电动踏板车 Electric scooter L1e-B", "YD-S3"],
    ["备用电池组 Spare battery pack 72V 32Ah", "BP-7232"],
  ] as const;
  const [description, model] = models[i % models.length] ?? models[0];
  const packages = 1 + (i % 5);
  return {
    marks: `YD-CQ-${String(i * 10 + 1).padStart(4, "0")}~${String(i * 10 + packages).padStart(4, "0")}`,
    description,
    model,
    packages,
    packageType: i % 4 === 3 ? "CARTON" : "CRATE",
    unitsPerPackage: 1,
    netKg: Math.round(packages * (i % 4 === 3 ? 18.5 : 63.2) * 100) / 100,
    grossKg: Math.round(packages * (i % 4 === 3 ? 21 : 78.4) * 100) / 100,
    dimensionsMm: i % 4 === 3 ? { length: 600, width: 400, height: 350 } : { length: 1900, width: 650, height: 1100 },
  };
}

export function samplePackingList(overrides: Partial<PackingListData> = {}, opts: { lines?: number; containers?: number } = {}): PackingListData {
  const lines = opts.lines ?? 12;
  const containers = opts.containers ?? 2;
  const per = Math.ceil(lines / containers);
  return {
    meta: sampleMeta(),
    shipper: SHIPPER,
    consignee: CONSIGNEE,
    notify: NOTIFY,
    invoiceNumber: "CI-2025-000088",
    contractNumber: "YD-EU-2025-017",
    transport: TRANSPORT,
    containers: Array.from({ length: containers }, (_, k) => ({
      containerNumber: containerNumber(["MSK", "CSN", "TGH", "OOL"][k % 4] ?? "MSK", 123400 + k),
      sealNumber: `CN${String(880000 + k)}`,
      type: "40HQ" as const,
      lines: Array.from({ length: Math.max(0, Math.min(per, lines - k * per)) }, (_, i) => samplePackingLine(k * per + i)),
    })).filter((k) => k.lines.length > 0),
    remarks: "木箱已熏蒸处理，附 IPPC 标识。 Wooden crates fumigated, IPPC marked. 锂电池按 UN 38.3 测试。",
    signatory: { name: "王丽 Wang Li", title: "出口经理 Export Manager" },
    ...overrides,
  };
}

import type { BookingConfirmationData } from "../src/templates/booking-confirmation.js";
import type { CertificateOfConformityData } from "../src/templates/certificate-of-conformity.js";
import type { CommercialInvoiceData, InvoiceLine } from "../src/templates/commercial-invoice.js";
import type { ConsignmentNoteData } from "../src/templates/consignment-note.js";
import type { ContainerLoadPlanData, PictureRect } from "../src/templates/container-load-plan.js";
import type { DangerousGoodsDeclarationData } from "../src/templates/dangerous-goods.js";
import type { VehicleVerificationData } from "../src/templates/vehicle-verification.js";

export function sampleInvoiceLine(i: number): InvoiceLine {
  const lines: InvoiceLine[] = [
    {
      description: "电动摩托车 Electric motorcycle, 72 V 32 Ah Li-ion",
      model: "YD-E8 Pro",
      hsCode: "8711.60.90",
      origin: "CN",
      quantity: 24,
      unit: "UNIT",
      unitPriceMinor: 89_500,
    },
    { description: "电动自行车 Electric bicycle (EPAC, 250 W, 25 km/h)", model: "YD-B25", hsCode: "8711.60.10", origin: "CN", quantity: 30, unit: "UNIT", unitPriceMinor: 41_990 },
    { description: "电动踏板车 Electric scooter L1e-B", model: "YD-S3", hsCode: "8711.60.90", origin: "CN", quantity: 16, unit: "UNIT", unitPriceMinor: 62_000 },
    {
      description: "备用锂离子电池组 Spare Li-ion battery pack 72 V 32 Ah",
      model: "BP-7232",
      hsCode: "8507.60.00",
      origin: "CN",
      quantity: 10,
      unit: "PCS",
      unitPriceMinor: 23_850,
    },
    { description: "充电器 Charger 84 V 5 A", model: "CH-845", hsCode: "8504.40.30", origin: "CN", quantity: 80, unit: "PCS", unitPriceMinor: 1_975 },
  ];
  return lines[i % lines.length] ?? lines[0]!;
}

export function sampleCommercialInvoice(overrides: Partial<CommercialInvoiceData> = {}, lines = 5): CommercialInvoiceData {
  return {
    meta: sampleMeta({ documentNumber: "CI-2025-000088", documentId: "doc_01JQ7XA0CI000000000000088" }),
    seller: SHIPPER,
    buyer: CONSIGNEE,
    notify: NOTIFY,
    contractNumber: "YD-EU-2025-017",
    orderNumber: "PO 4500123456",
    currency: "USD",
    incoterms: { rule: "FCA", place: "Chongqing Tuanjiecun", version: "2020" },
    paymentTerms: "30% T/T in advance, 70% against copy of CIM/SMGS note",
    countryOfOrigin: "CN 中国",
    transport: TRANSPORT,
    lines: Array.from({ length: lines }, (_, i) => sampleInvoiceLine(i)),
    charges: [
      { label: { zh: "铁路运费", en: "Rail freight to Duisburg" }, amountMinor: 420_000 },
      { label: { zh: "保险费", en: "Insurance" }, amountMinor: 18_650 },
    ],
    bank: { beneficiary: "Chongqing Yadea Motorcycle Co., Ltd.", bankName: "Bank of China Chongqing Branch", swift: "BKCHCNBJ59A", account: "1234 5678 9012 3456 789" },
    signatory: { name: "王丽 Wang Li", title: "出口经理 Export Manager" },
    ...overrides,
  };
}

export function sampleBooking(overrides: Partial<BookingConfirmationData> = {}): BookingConfirmationData {
  return {
    meta: sampleMeta({ documentNumber: "BC-2025-004512", documentId: "doc_01JQ7XA0BC000000000004512" }),
    shipper: SHIPPER,
    consignee: CONSIGNEE,
    carrier: {
      name: "重庆中欧班列有限公司 Chongqing China-Europe Railway Express Co., Ltd.",
      address: ["重庆市沙坪坝区团结村", "Tuanjiecun, Shapingba District, Chongqing, China"],
      phone: "+86 23 6500 0000",
    },
    bookingReference: "CQ-X8013-2025-0318-042",
    corridor: "渝新欧 China–Europe (Chongqing–Duisburg)",
    service: "FCL",
    transport: TRANSPORT,
    arrivalAt: "2025-04-01T08:00:00+02:00",
    cutOffs: [
      { label: { zh: "进站截止", en: "Cargo gate-in" }, at: "2025-03-16T18:00:00+08:00" },
      { label: { zh: "截单", en: "Documents (SI / VGM)" }, at: "2025-03-15T12:00:00+08:00" },
      { label: { zh: "报关截止", en: "Customs clearance" }, at: "2025-03-17T12:00:00+08:00" },
    ],
    equipment: [{ type: "40HQ", quantity: 2 }],
    cargo: [
      {
        description: "电动摩托车 Electric motorcycles (crated)",
        hsCode: "8711.60",
        packages: 90,
        packageType: "CRATES",
        grossKg: 7056,
        cbm: 122.3,
        dangerous: { unNumber: "UN3171", class: "9" },
      },
      {
        description: "备用锂离子电池组 Spare Li-ion battery packs",
        hsCode: "8507.60",
        packages: 12,
        packageType: "CARTONS",
        grossKg: 252,
        cbm: 1.01,
        dangerous: { unNumber: "UN3480", class: "9" },
      },
    ],
    currency: "USD",
    charges: [
      { label: { zh: "铁路运费 2×40HQ", en: "Rail freight 2 × 40HQ" }, amountMinor: 840_000 },
      { label: { zh: "危险品附加费", en: "DG surcharge" }, amountMinor: 30_000 },
      { label: { zh: "站场操作费", en: "Terminal handling (Tuanjiecun)" }, amountMinor: 26_000 },
    ],
    terms: [
      "取消费按每标准箱收取，截单后取消另收全额运费。 Cancellation fees are charged per TEU; cancelling after the document cut-off incurs the full freight.",
      "含锂电池的车辆须在装车时荷电状态不超过 65%，并随附 UN 38.3 测试摘要。 Vehicles with lithium batteries must be at ≤ 65% state of charge at loading and travel with a UN 38.3 test summary.",
    ],
    ...overrides,
  };
}

export function sampleConsignmentNote(overrides: Partial<ConsignmentNoteData> = {}): ConsignmentNoteData {
  return {
    meta: sampleMeta({ documentNumber: "SMGS-2025-031801", documentId: "doc_01JQ7XA0SM000000000031801" }),
    consignor: SHIPPER,
    consignee: CONSIGNEE,
    consignorReference: "YD-EU-2025-017",
    noteNumber: "CN 31801542",
    departure: { name: "重庆团结村 Chongqing Tuanjiecun", code: "CN 86660", railway: "CR 中国铁路" },
    destination: { name: "Duisburg Intermodal Terminal (DIT)", code: "DE 80-38760", railway: "DB Cargo" },
    borderCrossings: [
      { name: "阿拉山口 Alashankou / Достык Dostyk", code: "ЕСР 697306", railway: "CR / КТЖ KTZ" },
      { name: "Брест Brest / Małaszewicze", code: "ЕСР 130007", railway: "БЧ BCh / PKP" },
    ],
    carriers: [
      { section: "重庆团结村 — 阿拉山口", carrier: "China Railway 中国铁路", code: "CR" },
      { section: "Достык — Алтынколь", carrier: "Қазақстан темір жолы KTZ", code: "KZH" },
      { section: "Российские железные дороги", carrier: "РЖД RZD", code: "RZD" },
      { section: "Брест — Małaszewicze — Duisburg", carrier: "PKP Cargo / DB Cargo", code: "PKP" },
    ],
    containers: [
      { containerNumber: containerNumber("MSK", 123400), type: "40HQ", sealNumbers: ["CN880000"], tareKg: 3940, wagonNumber: "95 123456" },
      { containerNumber: containerNumber("CSN", 123401), type: "40HQ", sealNumbers: ["CN880001", "RU55301"], tareKg: 3940, wagonNumber: "95 123457" },
    ],
    goods: [
      {
        description: "电动摩托车 Electric motorcycles",
        descriptionRu: "Мотоциклы электрические",
        hsCode: "8711.60",
        nhmCode: "87116090",
        gngCode: "87116090",
        marks: "YD-CQ-0001~0090",
        packages: 90,
        packageType: "CRATES",
        grossKg: 7056,
        dangerous: { unNumber: "UN3171", class: "9" },
      },
      {
        description: "锂离子电池组 Li-ion battery packs",
        descriptionRu: "Батареи литий-ионные",
        hsCode: "8507.60",
        nhmCode: "85076000",
        marks: "BP-0001~0012",
        packages: 12,
        packageType: "CARTONS",
        grossKg: 252,
        dangerous: { unNumber: "UN3480", class: "9" },
      },
    ],
    attachedDocuments: [
      "商业发票 Commercial invoice CI-2025-000088",
      "装箱单 Packing list PL-2025-000123",
      "危险货物申报单 DG declaration DG-2025-000031",
      "UN 38.3 test summary TS-YD-7232-2024",
    ],
    paymentOfCharges: [
      { section: "重庆团结村 — 阿拉山口", payer: "Consignor 发货人", payerCode: "CQ-00417" },
      { section: "Достык — Алтынколь", payer: "ТОО Casiopea Rail", payerCode: "KZ-22019" },
      { section: "Российские железные дороги", payer: "ООО Транзит Сервис", payerCode: "RU-77124" },
      { section: "Брест — Małaszewicze — Duisburg", payer: "Consignee 收货人", payerCode: "DE-55031" },
    ],
    customsProcedure: "T1 external transit (EU) from Małaszewicze",
    consignorDeclarations: "车辆荷电状态 ≤ 65%。 Vehicles at ≤ 65% state of charge. Заряд батарей не более 65 %.",
    ...overrides,
  };
}

export function sampleDangerousGoods(overrides: Partial<DangerousGoodsDeclarationData> = {}): DangerousGoodsDeclarationData {
  const un383 = { reportNumber: "TS-YD-7232-2024", issuedBy: "CQC Chongqing Test Lab", date: "2024-11-05" };
  return {
    meta: sampleMeta({ documentNumber: "DG-2025-000031", documentId: "doc_01JQ7XA0DG000000000000031" }),
    shipper: SHIPPER,
    consignee: CONSIGNEE,
    transport: TRANSPORT,
    regulations: "RID 2025 · SMGS Annex 2 · TDG",
    stateOfChargeCapPct: 65,
    containerNumbers: [containerNumber("MSK", 123400), containerNumber("CSN", 123401)],
    emergencyContact: { name: "Yadea 24h DG hotline 应急电话", phone: "+86 23 6868 9999" },
    lines: [
      {
        unNumber: "UN3171",
        technicalName: "Electric motorcycle YD-E8 Pro, 72 V 32 Ah Li-ion",
        hazardClass: "9",
        packages: 90,
        packageType: "CRATES",
        batteryCount: 90,
        wattHoursPerBattery: 2304,
        netBatteryKg: 1170,
        grossKg: 7056,
        stateOfChargePct: 30,
        un383,
      },
      {
        unNumber: "UN3480",
        technicalName: "Spare battery pack BP-7232",
        hazardClass: "9",
        packages: 12,
        packageType: "CARTONS",
        batteryCount: 12,
        wattHoursPerBattery: 2304,
        netBatteryKg: 156,
        grossKg: 252,
        stateOfChargePct: 30,
        un383,
        packingInstruction: "P903",
      },
      {
        unNumber: "UN3481",
        properShippingName: "LITHIUM ION BATTERIES PACKED WITH EQUIPMENT",
        technicalName: "Charger kit with 36 V 10 Ah pack",
        hazardClass: "9",
        packages: 20,
        packageType: "CARTONS",
        batteryCount: 20,
        wattHoursPerBattery: 360,
        netBatteryKg: 48,
        grossKg: 96,
        stateOfChargePct: 28.5,
        un383,
      },
    ],
    additionalInformation: "车辆电池已断开主保险，端子已绝缘防短路。 Vehicle battery main fuses removed and terminals insulated against short circuit.",
    signatory: { name: "王丽 Wang Li", title: "危险品申报员 DG declarant" },
    ...overrides,
  };
}

/** Crates 1900 × 650 × 1100 standing upright, 3 across, 6 rows, stacked 2 high, plus battery cartons. */
export function sampleLoadPlan(overrides: Partial<ContainerLoadPlanData> = {}): ContainerLoadPlanData {
  const top: PictureRect[] = [];
  const side: PictureRect[] = [];
  const colours = ["#3E6FB0", "#3E6FB0"];
  for (let row = 0; row < 6; row++) {
    for (let col = 0; col < 3; col++) {
      const label = `${row * 3 + col + 1}`;
      top.push([row * 1900 + 30, col * 700 + 70, 1900, 650, colours[row % 2] ?? "#3E6FB0", label]);
    }
    side.push([row * 1900 + 30, 0, 1900, 1100, colours[row % 2] ?? "#3E6FB0", `T1 R${row + 1}`]);
    side.push([row * 1900 + 30, 1110, 1900, 1100, "#9DBCE4", `T2 R${row + 1}`]);
  }
  for (let i = 0; i < 3; i++) top.push([11430, i * 700 + 150, 600, 400, "#E0A030", `BP${i + 1}`]);
  side.push([11430, 0, 600, 350, "#E0A030", "BP"]);
  side.push([11430, 360, 600, 350, "#E0A030", ""]);
  return {
    meta: sampleMeta({ documentNumber: "CLP-2025-000045", documentId: "doc_01JQ7XA0CL000000000000045" }),
    shipper: SHIPPER,
    container: { containerNumber: containerNumber("MSK", 123400), type: "40HQ", sealNumber: "CN880000", maxPayloadKg: 26_500 },
    loading: { place: "重庆团结村中心站 Chongqing Tuanjiecun CFS", at: "2025-03-16T09:40:00+08:00", supervisor: "李强 Li Qiang" },
    bookingReference: "CQ-X8013-2025-0318-042",
    cargo: [
      {
        marks: "YD-CQ-0001~0018",
        description: "电动摩托车 Electric motorcycle YD-E8 Pro (tier 1)",
        packages: 18,
        dimensionsMm: { length: 1900, width: 650, height: 1100 },
        grossKg: 1411.2,
        position: "Rows 1–6, tier 1",
      },
      {
        marks: "YD-CQ-0019~0036",
        description: "电动摩托车 Electric motorcycle YD-E8 Pro (tier 2)",
        packages: 18,
        dimensionsMm: { length: 1900, width: 650, height: 1100 },
        grossKg: 1411.2,
        position: "Rows 1–6, tier 2",
      },
      {
        marks: "BP-0001~0006",
        description: "备用电池组 Spare battery packs",
        packages: 6,
        dimensionsMm: { length: 600, width: 400, height: 350 },
        grossKg: 126,
        position: "Door end, 2 high",
      },
    ],
    picture: { topView: top, sideView: side },
    legend: [
      { color: "#3E6FB0", label: "电动摩托车木箱 E-motorcycle crate, tier 1" },
      { color: "#9DBCE4", label: "第二层 Tier 2 (stacked)" },
      { color: "#E0A030", label: "锂电池纸箱 Li-ion battery cartons (UN3480)" },
    ],
    remarks: "木箱直立，不可倒置；第二层以木方隔垫。 Crates upright, do not invert; tier 2 on timber dunnage.",
    ...overrides,
  };
}

export function sampleCoc(overrides: Partial<CertificateOfConformityData> = {}): CertificateOfConformityData {
  return {
    meta: sampleMeta({ documentNumber: "COC-2025-LFYD8E2P0S1000123", documentId: "doc_01JQ7XA0COC00000000000123" }),
    manufacturer: SHIPPER,
    representative: { name: "E-Mobility Europe GmbH", address: ["Hafenstraße 12, 47119 Duisburg, Germany"] },
    vehicle: {
      make: "YADEA",
      type: "YD8E",
      variant: "A",
      version: "E8-72V32",
      commercialNames: "YD-E8 Pro",
      category: "L3e-A1",
      vin: "LFYD8E2P0S1000123",
      typeApprovalNumber: "e4*168/2013*00123*00",
      typeApprovalDate: "2024-06-12",
      statutoryPlateLocation: "车架右侧立管，铆接 Right side of the steering head tube, riveted",
      vinLocation: "车架右侧立管，冲压 Right side of the steering head tube, stamped",
      colour: "Matte grey 哑光灰",
      manufacturedOn: "2025-02-20",
    },
    technical: {
      axles: 2,
      wheels: 2,
      wheelbaseMm: 1320,
      lengthMm: 1890,
      widthMm: 720,
      heightMm: 1120,
      massInRunningOrderKg: 98.5,
      technicallyPermissibleMaxMassKg: 270,
      motor: { manufacturer: "Jiangsu Yadea Motor Co.", type: "Hub motor YD-HM3000", maxContinuousRatedPowerKw: 3, maxNetPowerKw: 5.2 },
      maxSpeedKmh: 75,
      battery: { chemistry: "Li-ion NMC", nominalVoltageV: 72, capacityAh: 32, energyKwh: 2.3 },
      tyres: { front: "90/90-12 44J", rear: "110/70-12 47J" },
      seatingPositions: 2,
      energyConsumptionWhPerKm: 38,
      electricRangeKm: 95,
      soundLevel: { stationaryDb: 62, driveByDb: 68 },
    },
    signatory: { name: "张伟 Zhang Wei", title: "质量总监 Quality Director", place: "重庆 Chongqing" },
    ...overrides,
  };
}

const hex = (seed: number) => Array.from({ length: 64 }, (_, i) => "0123456789abcdef"[(seed * 7 + i * 13 + ((seed * i) % 11)) % 16]).join("");

export function sampleVerification(overrides: Partial<VehicleVerificationData> = {}): VehicleVerificationData {
  return {
    meta: sampleMeta({
      documentNumber: "VVC-2025-LFYD8E2P0S1000123",
      documentId: "doc_01JQ7XA0VVC0000000000123",
      verifyUrl: "https://verify.corridor.example/v/LFYD8E2P0S1000123",
    }),
    vehicle: {
      vin: "LFYD8E2P0S1000123",
      make: "YADEA",
      model: "YD-E8 Pro",
      variant: "E8-72V32",
      manufacturer: "重庆雅迪机车有限公司 Chongqing Yadea Motorcycle Co., Ltd.",
      manufacturedOn: "2025-02-20",
      batteryId: "BAT-CN-YD7232-2502-004411",
      colour: "Matte grey 哑光灰",
    },
    proof: {
      leafDigest: hex(1),
      merkleRoot: hex(2),
      batchId: "batch_2025-02-21_0007",
      leafIndex: 4411,
      batchSize: 50_000,
      path: Array.from({ length: 16 }, (_, i) => hex(i + 3)),
    },
    anchor: {
      network: "Corridor consortium ledger (Hyperledger Fabric)",
      channel: "corridor",
      chaincode: "vehicles",
      txId: "9f2c4a7be01d33c8a5f6e7d8c9b0a1f2e3d4c5b6a7980f1e2d3c4b5a69788796",
      blockNumber: 184_223,
      anchoredAt: "2025-02-21T03:15:27Z",
    },
    certifications: [
      { name: "EU type-approval 欧盟型式批准", number: "e4*168/2013*00123*00" },
      { name: "UN R136 electric safety", number: "E4-136R-01 0456" },
      { name: "CCC 中国强制性认证", number: "2025011101234567", validUntil: "2030-01-09" },
    ],
    ...overrides,
  };
}
