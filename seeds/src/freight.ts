// Freight reference and demo data: container types, corridor rules, crate specs of a range of
// e-motorcycles, e-bikes and kits, and weekly services. Figures follow shared/DOMAIN.md.

export const containerTypes = [
  {
    code: "40HQ",
    name: "40ft high cube",
    nameZh: "40英尺高柜",
    teu: 2,
    insideLengthMm: 12032,
    insideWidthMm: 2350,
    insideHeightMm: 2697,
    doorWidthMm: 2340,
    doorHeightMm: 2585,
    payloadKg: 26500,
    tareKg: 3940,
  },
  {
    code: "20GP",
    name: "20ft general purpose",
    nameZh: "20英尺普柜",
    teu: 1,
    insideLengthMm: 5898,
    insideWidthMm: 2352,
    insideHeightMm: 2393,
    doorWidthMm: 2340,
    doorHeightMm: 2280,
    payloadKg: 28000,
    tareKg: 2300,
  },
];

type Lithium = { countryCode: string; acceptsUN3171: boolean; acceptsUN3480: boolean; acceptsUN3481: boolean; maxStateOfChargePct: number | null };
const cn: Lithium = { countryCode: "CN", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: true, maxStateOfChargePct: 65 };

/** Lithium acceptance is uncertain and changes: it is data the operator edits, per country. */
export const corridorRules: {
  corridorCode: string;
  maxFeuPerTrain: number;
  maxGrossKgPerTrain: number;
  cutoffLeadHours: number;
  lithium: Lithium[];
  cancellationFees: { fromHoursBeforeDeparture: number; feePerFeuMinor: number }[];
  currencyCode: string;
}[] = [
  {
    corridorCode: "CE-ALA",
    maxFeuPerTrain: 50,
    maxGrossKgPerTrain: 1_300_000,
    cutoffLeadHours: 72,
    lithium: [
      cn,
      { countryCode: "KZ", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: false, maxStateOfChargePct: 30 },
      { countryCode: "BY", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: false, maxStateOfChargePct: 30 },
      { countryCode: "PL", acceptsUN3171: true, acceptsUN3480: true, acceptsUN3481: true, maxStateOfChargePct: null },
    ],
    cancellationFees: [
      { fromHoursBeforeDeparture: 72, feePerFeuMinor: 30000 },
      { fromHoursBeforeDeparture: 24, feePerFeuMinor: 80000 },
    ],
    currencyCode: "USD",
  },
  {
    corridorCode: "CE-KHG",
    maxFeuPerTrain: 50,
    maxGrossKgPerTrain: 1_300_000,
    cutoffLeadHours: 72,
    lithium: [
      cn,
      { countryCode: "KZ", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: false, maxStateOfChargePct: 30 },
      { countryCode: "BY", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: false, maxStateOfChargePct: 30 },
    ],
    cancellationFees: [{ fromHoursBeforeDeparture: 72, feePerFeuMinor: 30000 }],
    currencyCode: "USD",
  },
  {
    corridorCode: "CN-LA",
    maxFeuPerTrain: 45,
    maxGrossKgPerTrain: 1_100_000,
    cutoffLeadHours: 36,
    lithium: [cn, { countryCode: "LA", acceptsUN3171: true, acceptsUN3480: true, acceptsUN3481: true, maxStateOfChargePct: null }],
    cancellationFees: [{ fromHoursBeforeDeparture: 36, feePerFeuMinor: 15000 }],
    currencyCode: "USD",
  },
  {
    corridorCode: "CN-VN",
    maxFeuPerTrain: 40,
    maxGrossKgPerTrain: 1_000_000,
    cutoffLeadHours: 36,
    lithium: [cn, { countryCode: "VN", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: true, maxStateOfChargePct: null }],
    cancellationFees: [{ fromHoursBeforeDeparture: 36, feePerFeuMinor: 15000 }],
    currencyCode: "USD",
  },
  {
    corridorCode: "LS-LCH",
    maxFeuPerTrain: 55,
    maxGrossKgPerTrain: 1_400_000,
    cutoffLeadHours: 48,
    lithium: [cn, { countryCode: "TH", acceptsUN3171: true, acceptsUN3480: true, acceptsUN3481: true, maxStateOfChargePct: null }],
    cancellationFees: [],
    currencyCode: "USD",
  },
  {
    corridorCode: "LS-JKT",
    maxFeuPerTrain: 55,
    maxGrossKgPerTrain: 1_400_000,
    cutoffLeadHours: 48,
    lithium: [cn, { countryCode: "ID", acceptsUN3171: true, acceptsUN3480: true, acceptsUN3481: true, maxStateOfChargePct: null }],
    cancellationFees: [],
    currencyCode: "USD",
  },
];

type Category = "E_MOTORCYCLE" | "E_MOPED" | "E_BIKE" | "E_SCOOTER" | "KIT";
export interface DemoModel {
  code: string;
  name: string;
  nameZh: string;
  category: Category;
  packaging: "CBU" | "SKD" | "CKD";
  unitsPerCrate: number;
  crateLengthMm: number;
  crateWidthMm: number;
  crateHeightMm: number;
  crateGrossKg: number;
  stackLimit: number;
  mayTurn: boolean;
  batteryChemistry: string | null;
  batteryWh: number | null;
  unNumber: "NONE" | "UN3171" | "UN3480" | "UN3481";
  stateOfChargePct: number | null;
  hsCode: string;
}

/** Crate specs of a realistic range, per maker slug. */
export const demoModels: Record<string, DemoModel[]> = {
  "yadea-cq": [
    {
      code: "YD-E8S",
      name: "E8S Pro e-motorcycle",
      nameZh: "E8S Pro 电动摩托车",
      category: "E_MOTORCYCLE",
      packaging: "CBU",
      unitsPerCrate: 1,
      crateLengthMm: 1900,
      crateWidthMm: 650,
      crateHeightMm: 1100,
      crateGrossKg: 96,
      stackLimit: 2,
      mayTurn: true,
      batteryChemistry: "Li-ion NMC",
      batteryWh: 2880,
      unNumber: "UN3171",
      stateOfChargePct: 30,
      hsCode: "8711600090",
    },
    {
      code: "YD-G5",
      name: "G5 urban scooter",
      nameZh: "G5 城市踏板车",
      category: "E_MOPED",
      packaging: "CBU",
      unitsPerCrate: 1,
      crateLengthMm: 1750,
      crateWidthMm: 600,
      crateHeightMm: 1050,
      crateGrossKg: 82,
      stackLimit: 2,
      mayTurn: true,
      batteryChemistry: "Li-ion NMC",
      batteryWh: 1728,
      unNumber: "UN3171",
      stateOfChargePct: 30,
      hsCode: "8711600090",
    },
    {
      code: "YD-SKD8",
      name: "E8S SKD kit (4 sets)",
      nameZh: "E8S 半散件（4套）",
      category: "KIT",
      packaging: "SKD",
      unitsPerCrate: 4,
      crateLengthMm: 1600,
      crateWidthMm: 1100,
      crateHeightMm: 1000,
      crateGrossKg: 290,
      stackLimit: 3,
      mayTurn: true,
      batteryChemistry: null,
      batteryWh: null,
      unNumber: "NONE",
      stateOfChargePct: null,
      hsCode: "8714109000",
    },
  ],
  "aima-cq": [
    {
      code: "AM-EB20",
      name: 'City e-bike 20"',
      nameZh: "20寸城市电助力自行车",
      category: "E_BIKE",
      packaging: "CBU",
      unitsPerCrate: 1,
      crateLengthMm: 1500,
      crateWidthMm: 300,
      crateHeightMm: 800,
      crateGrossKg: 28,
      stackLimit: 4,
      mayTurn: true,
      batteryChemistry: "Li-ion",
      batteryWh: 504,
      unNumber: "UN3171",
      stateOfChargePct: 30,
      hsCode: "8711601000",
    },
    {
      code: "AM-M3",
      name: "M3 e-moped",
      nameZh: "M3 电动轻便摩托车",
      category: "E_MOPED",
      packaging: "CBU",
      unitsPerCrate: 1,
      crateLengthMm: 1800,
      crateWidthMm: 620,
      crateHeightMm: 1080,
      crateGrossKg: 88,
      stackLimit: 2,
      mayTurn: true,
      batteryChemistry: "Li-ion LFP",
      batteryWh: 2160,
      unNumber: "UN3171",
      stateOfChargePct: 30,
      hsCode: "8711600090",
    },
  ],
  "tailg-cq": [
    {
      code: "TG-CKD5",
      name: "Lead-acid moped CKD kit (6 sets)",
      nameZh: "铅酸电动车全散件（6套）",
      category: "KIT",
      packaging: "CKD",
      unitsPerCrate: 6,
      crateLengthMm: 1200,
      crateWidthMm: 1000,
      crateHeightMm: 900,
      crateGrossKg: 330,
      stackLimit: 3,
      mayTurn: true,
      batteryChemistry: null,
      batteryWh: null,
      unNumber: "NONE",
      stateOfChargePct: null,
      hsCode: "8714109000",
    },
    {
      code: "TG-BAT72",
      name: "72 V 40 Ah spare battery packs (10)",
      nameZh: "72V 40Ah 备用电池包（10个）",
      category: "KIT",
      packaging: "CKD",
      unitsPerCrate: 10,
      crateLengthMm: 1200,
      crateWidthMm: 800,
      crateHeightMm: 700,
      crateGrossKg: 210,
      stackLimit: 2,
      mayTurn: true,
      batteryChemistry: "Li-ion LFP",
      batteryWh: 2880,
      unNumber: "UN3480",
      stateOfChargePct: 30,
      hsCode: "8507600090",
    },
    {
      code: "TG-X9",
      name: "X9 e-motorcycle",
      nameZh: "X9 电动摩托车",
      category: "E_MOTORCYCLE",
      packaging: "CBU",
      unitsPerCrate: 1,
      crateLengthMm: 1950,
      crateWidthMm: 700,
      crateHeightMm: 1150,
      crateGrossKg: 118,
      stackLimit: 2,
      mayTurn: true,
      batteryChemistry: "Li-ion NMC",
      batteryWh: 4320,
      unNumber: "UN3171",
      stateOfChargePct: 30,
      hsCode: "8711600090",
    },
  ],
};

/**
 * EU type-approval data of the demo's road vehicles (Regulation (EU) No 168/2013), kept with each
 * model in the catalog so its certificates of conformity are issued in one click: the shape of the
 * API's VehicleConformityInput. Approval numbers and figures are fictional but well-formed. The
 * pedelec (AM-EB20, 250 W, 25 km/h) is outside type-approval and the kits and battery packs are
 * not vehicles, so they have none.
 */
export type DemoConformity = {
  typeApprovalNumber: string;
  typeApprovalDate: string;
  category: "L1e-A" | "L1e-B" | "L3e-A1" | "L3e-A2" | "L3e-A3";
  variant: string;
  version: string;
  commercialName?: string;
  statutoryPlateLocation: string;
  vinLocation: string;
  remarks?: string;
  technical: {
    axles: number;
    wheels: number;
    wheelbaseMm: number;
    lengthMm: number;
    widthMm: number;
    heightMm: number;
    massInRunningOrderKg: number;
    technicallyPermissibleMaxMassKg: number;
    motorManufacturer?: string;
    motorType: string;
    maxContinuousRatedPowerKw: number;
    maxNetPowerKw?: number;
    maxSpeedKmh: number;
    batteryNominalVoltageV: number;
    batteryCapacityAh?: number;
    tyresFront: string;
    tyresRear: string;
    seatingPositions: number;
    energyConsumptionWhPerKm?: number;
    electricRangeKm?: number;
    soundStationaryDb?: number;
    soundDriveByDb?: number;
  };
};

const steeringHead = {
  statutoryPlateLocation: "Right side of the steering head tube, riveted",
  vinLocation: "Right side of the steering head tube, stamped into the frame",
};

/** By model code. */
export const demoModelConformity: Record<string, DemoConformity> = {
  "YD-E8S": {
    typeApprovalNumber: "e4*168/2013*01243*00",
    typeApprovalDate: "2024-03-18",
    category: "L3e-A1",
    variant: "E8S-A",
    version: "E8S-A-72V40",
    commercialName: "Yadea E8S Pro",
    ...steeringHead,
    technical: {
      axles: 2,
      wheels: 2,
      wheelbaseMm: 1310,
      lengthMm: 1890,
      widthMm: 700,
      heightMm: 1120,
      massInRunningOrderKg: 98,
      technicallyPermissibleMaxMassKg: 260,
      motorType: "Permanent-magnet brushless hub motor YD-HM72-3000",
      maxContinuousRatedPowerKw: 3,
      maxNetPowerKw: 5.2,
      maxSpeedKmh: 75,
      batteryNominalVoltageV: 72,
      batteryCapacityAh: 40,
      tyresFront: "90/90-12 44J",
      tyresRear: "110/70-12 47J",
      seatingPositions: 2,
      energyConsumptionWhPerKm: 42,
      electricRangeKm: 68,
      soundDriveByDb: 64,
    },
  },
  "YD-G5": {
    typeApprovalNumber: "e4*168/2013*01187*01",
    typeApprovalDate: "2023-11-07",
    category: "L1e-B",
    variant: "G5-B",
    version: "G5-B-48V36",
    commercialName: "Yadea G5",
    ...steeringHead,
    technical: {
      axles: 2,
      wheels: 2,
      wheelbaseMm: 1250,
      lengthMm: 1760,
      widthMm: 680,
      heightMm: 1080,
      massInRunningOrderKg: 72,
      technicallyPermissibleMaxMassKg: 230,
      motorType: "Permanent-magnet brushless hub motor YD-HM48-1200",
      maxContinuousRatedPowerKw: 1.2,
      maxNetPowerKw: 2.4,
      maxSpeedKmh: 45,
      batteryNominalVoltageV: 48,
      batteryCapacityAh: 36,
      tyresFront: "90/90-10 50J",
      tyresRear: "90/90-10 50J",
      seatingPositions: 2,
      energyConsumptionWhPerKm: 31,
      electricRangeKm: 55,
    },
  },
  "AM-M3": {
    typeApprovalNumber: "e13*168/2013*00562*00",
    typeApprovalDate: "2024-05-22",
    category: "L1e-B",
    variant: "M3-L1B",
    version: "M3-L1B-60V36",
    commercialName: "Aima M3",
    statutoryPlateLocation: "Left side of the frame under the seat, riveted",
    vinLocation: "Left side of the frame under the seat, stamped",
    technical: {
      axles: 2,
      wheels: 2,
      wheelbaseMm: 1290,
      lengthMm: 1810,
      widthMm: 690,
      heightMm: 1100,
      massInRunningOrderKg: 85,
      technicallyPermissibleMaxMassKg: 245,
      motorType: "Permanent-magnet brushless hub motor AM-60-1500",
      maxContinuousRatedPowerKw: 1.5,
      maxNetPowerKw: 3,
      maxSpeedKmh: 45,
      batteryNominalVoltageV: 60,
      batteryCapacityAh: 36,
      tyresFront: "90/90-12 44J",
      tyresRear: "90/90-12 44J",
      seatingPositions: 2,
      energyConsumptionWhPerKm: 33,
      electricRangeKm: 62,
    },
  },
  "TG-X9": {
    typeApprovalNumber: "e24*168/2013*2016/1824*00311*00",
    typeApprovalDate: "2025-02-10",
    category: "L3e-A1",
    variant: "X9-A1",
    version: "X9-A1-72V60",
    commercialName: "Tailg X9",
    ...steeringHead,
    technical: {
      axles: 2,
      wheels: 2,
      wheelbaseMm: 1380,
      lengthMm: 1980,
      widthMm: 720,
      heightMm: 1160,
      massInRunningOrderKg: 125,
      technicallyPermissibleMaxMassKg: 290,
      motorType: "Mid-drive permanent-magnet synchronous motor TG-MD72-4000",
      maxContinuousRatedPowerKw: 4,
      maxNetPowerKw: 8,
      maxSpeedKmh: 85,
      batteryNominalVoltageV: 72,
      batteryCapacityAh: 60,
      tyresFront: "110/70-13 48P",
      tyresRear: "130/70-13 57P",
      seatingPositions: 2,
      energyConsumptionWhPerKm: 48,
      electricRangeKm: 90,
      soundStationaryDb: 58,
      soundDriveByDb: 68,
    },
  },
};

/** Weekly services the demo operator runs (prices in US cents). */
export const demoServices = [
  {
    corridorCode: "CN-LA",
    name: "Chongqing–Vientiane Tuesday express",
    weekday: 2,
    departureTime: "10:00",
    capacityFeu: 45,
    maxGrossKg: 1_100_000,
    currencyCode: "USD",
    lclPerWmMinor: 6500,
    wmKgPerCbm: 1000,
    fcl40Minor: 280000,
    fcl20Minor: 180000,
  },
  {
    corridorCode: "CN-LA",
    name: "Chongqing–Vientiane Friday",
    weekday: 5,
    departureTime: "16:30",
    capacityFeu: 45,
    maxGrossKg: 1_100_000,
    currencyCode: "USD",
    lclPerWmMinor: 6200,
    wmKgPerCbm: 1000,
    fcl40Minor: 270000,
    fcl20Minor: 175000,
  },
  {
    corridorCode: "CN-VN",
    name: "Chongqing–Hanoi Wednesday",
    weekday: 3,
    departureTime: "09:00",
    capacityFeu: 40,
    maxGrossKg: 1_000_000,
    currencyCode: "USD",
    lclPerWmMinor: 5800,
    wmKgPerCbm: 1000,
    fcl40Minor: 250000,
    fcl20Minor: 160000,
  },
  {
    corridorCode: "CE-ALA",
    name: "Yuxinou Duisburg Thursday block train",
    weekday: 4,
    departureTime: "20:00",
    capacityFeu: 50,
    maxGrossKg: 1_300_000,
    currencyCode: "USD",
    lclPerWmMinor: 14500,
    wmKgPerCbm: 1000,
    fcl40Minor: 720000,
    fcl20Minor: 460000,
  },
  {
    corridorCode: "CE-KHG",
    name: "Chongqing–Warsaw via Khorgos Saturday",
    weekday: 6,
    departureTime: "12:00",
    capacityFeu: 50,
    maxGrossKg: 1_300_000,
    currencyCode: "USD",
    lclPerWmMinor: 13800,
    wmKgPerCbm: 1000,
    fcl40Minor: 690000,
    fcl20Minor: 440000,
  },
  {
    corridorCode: "LS-LCH",
    name: "Land–Sea to Laem Chabang Monday",
    weekday: 1,
    departureTime: "08:00",
    capacityFeu: 55,
    maxGrossKg: 1_400_000,
    currencyCode: "USD",
    lclPerWmMinor: 5200,
    wmKgPerCbm: 1000,
    fcl40Minor: 230000,
    fcl20Minor: 150000,
  },
];

/** Demo bookings: maker slug, corridor, model code × quantity, consignee slug. */
export const demoBookings = [
  {
    maker: "yadea-cq",
    corridorCode: "CN-LA",
    mode: "LCL" as const,
    lines: [
      { model: "YD-E8S", quantity: 24 },
      { model: "YD-G5", quantity: 16 },
    ],
    consignee: "lao-moto-vientiane",
  },
  { maker: "aima-cq", corridorCode: "CN-LA", mode: "LCL" as const, lines: [{ model: "AM-EB20", quantity: 120 }], consignee: "lao-moto-vientiane" },
  {
    maker: "tailg-cq",
    corridorCode: "CN-LA",
    mode: "LCL" as const,
    lines: [
      { model: "TG-CKD5", quantity: 60 },
      { model: "TG-X9", quantity: 12 },
    ],
    consignee: "lao-moto-vientiane",
  },
  { maker: "yadea-cq", corridorCode: "CN-VN", mode: "LCL" as const, lines: [{ model: "YD-SKD8", quantity: 80 }], consignee: "hanoi-emobility" },
  { maker: "aima-cq", corridorCode: "CN-VN", mode: "FCL" as const, fcl40Count: 2, lines: [{ model: "AM-M3", quantity: 100 }], consignee: "hanoi-emobility" },
  { maker: "yadea-cq", corridorCode: "CE-ALA", mode: "LCL" as const, lines: [{ model: "YD-E8S", quantity: 36 }], consignee: "rhein-eroller" },
  { maker: "tailg-cq", corridorCode: "CE-KHG", mode: "LCL" as const, lines: [{ model: "TG-X9", quantity: 30 }], consignee: "warszawa-emoto" },
];

/**
 * A China–Laos train that left about two days before the demo starts, so the demo shows a
 * shipment on its way: booked, planned, locked, departed, past the border at Mohan. Times are
 * hours from the train's departure (negative: before it).
 */
export const demoTrainOnItsWay = {
  corridorCode: "CN-LA",
  departedHoursAgo: 52,
  tariff: { currencyCode: "USD", lclPerWmMinor: 6500, wmKgPerCbm: 1000, fcl40Minor: 280000, fcl20Minor: 180000 },
  booking: {
    maker: "yadea-cq",
    mode: "LCL" as const,
    lines: [
      { model: "YD-E8S", quantity: 30 },
      { model: "YD-G5", quantity: 12 },
    ],
    consignee: "lao-moto-vientiane",
  },
  milestones: [
    { type: "GATE_IN" as const, stationCode: "CNCKG-TJC", atHours: -30 },
    { type: "LOADED" as const, stationCode: "CNCKG-TJC", atHours: -6 },
    { type: "DEPARTED" as const, stationCode: "CNCKG-TJC", atHours: 0 },
    { type: "BORDER_CROSSING" as const, stationCode: "CNMHN", atHours: 49 },
  ],
};
