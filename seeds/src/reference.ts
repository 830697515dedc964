// Reference data of the Chongqing corridors (shared/DOMAIN.md). Figures that are uncertain
// are data here, not constants in code: operators correct them in the network console.

export const currencies = [
  { code: "CNY", name: "Chinese yuan", nameZh: "人民币", minorUnits: 2 },
  { code: "USD", name: "US dollar", nameZh: "美元", minorUnits: 2 },
  { code: "EUR", name: "Euro", nameZh: "欧元", minorUnits: 2 },
  { code: "PLN", name: "Polish złoty", nameZh: "波兰兹罗提", minorUnits: 2 },
  { code: "KZT", name: "Kazakhstani tenge", nameZh: "哈萨克斯坦坚戈", minorUnits: 2 },
  { code: "RUB", name: "Russian rouble", nameZh: "俄罗斯卢布", minorUnits: 2 },
  { code: "LAK", name: "Lao kip", nameZh: "老挝基普", minorUnits: 0 },
  { code: "VND", name: "Vietnamese đồng", nameZh: "越南盾", minorUnits: 0 },
  { code: "THB", name: "Thai baht", nameZh: "泰铢", minorUnits: 2 },
  { code: "IDR", name: "Indonesian rupiah", nameZh: "印尼盾", minorUnits: 0 },
  { code: "MYR", name: "Malaysian ringgit", nameZh: "马来西亚林吉特", minorUnits: 2 },
  { code: "PHP", name: "Philippine peso", nameZh: "菲律宾比索", minorUnits: 2 },
] as const;

export const markets = [
  { code: "EU", name: "European Union", nameZh: "欧盟", region: "EU", currencyCode: "EUR", countries: ["DE", "PL", "FR", "IT", "NL", "ES", "CZ", "AT", "BE", "HU"] },
  { code: "EAEU", name: "Eurasian Economic Union", nameZh: "欧亚经济联盟", region: "EAEU", currencyCode: "RUB", countries: ["KZ", "RU", "BY", "KG", "AM"] },
  { code: "CN", name: "China", nameZh: "中国", region: "CHINA", currencyCode: "CNY", countries: ["CN"] },
  { code: "LA", name: "Laos", nameZh: "老挝", region: "ASEAN", currencyCode: "LAK", countries: ["LA"] },
  { code: "VN", name: "Vietnam", nameZh: "越南", region: "ASEAN", currencyCode: "VND", countries: ["VN"] },
  { code: "TH", name: "Thailand", nameZh: "泰国", region: "ASEAN", currencyCode: "THB", countries: ["TH"] },
  { code: "ID", name: "Indonesia", nameZh: "印度尼西亚", region: "ASEAN", currencyCode: "IDR", countries: ["ID"] },
  { code: "MY", name: "Malaysia", nameZh: "马来西亚", region: "ASEAN", currencyCode: "MYR", countries: ["MY"] },
  { code: "PH", name: "Philippines", nameZh: "菲律宾", region: "ASEAN", currencyCode: "PHP", countries: ["PH"] },
] as const;

type StationKind = "TERMINAL" | "BORDER" | "GAUGE_CHANGE" | "PORT" | "HUB";

export const stations: {
  code: string;
  name: string;
  nameZh: string;
  countryCode: string;
  kind: StationKind;
  gaugeMm: number | null;
  timezone: string;
  latitude: number;
  longitude: number;
}[] = [
  {
    code: "CNCKG-TJC",
    name: "Chongqing Tuanjiecun",
    nameZh: "重庆团结村",
    countryCode: "CN",
    kind: "TERMINAL",
    gaugeMm: 1435,
    timezone: "Asia/Shanghai",
    latitude: 29.62,
    longitude: 106.38,
  },
  { code: "CNAKA", name: "Alashankou", nameZh: "阿拉山口", countryCode: "CN", kind: "BORDER", gaugeMm: 1435, timezone: "Asia/Shanghai", latitude: 45.17, longitude: 82.57 },
  { code: "KZDOS", name: "Dostyk", nameZh: "多斯特克", countryCode: "KZ", kind: "GAUGE_CHANGE", gaugeMm: 1520, timezone: "Asia/Almaty", latitude: 45.25, longitude: 82.48 },
  { code: "CNKHG", name: "Khorgos", nameZh: "霍尔果斯", countryCode: "CN", kind: "BORDER", gaugeMm: 1435, timezone: "Asia/Shanghai", latitude: 44.21, longitude: 80.41 },
  { code: "KZALT", name: "Altynkol", nameZh: "阿腾科里", countryCode: "KZ", kind: "GAUGE_CHANGE", gaugeMm: 1520, timezone: "Asia/Almaty", latitude: 44.2, longitude: 80.3 },
  { code: "BYBRE", name: "Brest", nameZh: "布列斯特", countryCode: "BY", kind: "BORDER", gaugeMm: 1520, timezone: "Europe/Minsk", latitude: 52.09, longitude: 23.69 },
  {
    code: "PLMAL",
    name: "Małaszewicze",
    nameZh: "马拉舍维奇",
    countryCode: "PL",
    kind: "GAUGE_CHANGE",
    gaugeMm: 1435,
    timezone: "Europe/Warsaw",
    latitude: 52.03,
    longitude: 23.53,
  },
  { code: "PLWAW", name: "Warsaw Praga", nameZh: "华沙", countryCode: "PL", kind: "TERMINAL", gaugeMm: 1435, timezone: "Europe/Warsaw", latitude: 52.25, longitude: 21.04 },
  {
    code: "DEDUI",
    name: "Duisburg (duisport)",
    nameZh: "杜伊斯堡",
    countryCode: "DE",
    kind: "TERMINAL",
    gaugeMm: 1435,
    timezone: "Europe/Berlin",
    latitude: 51.45,
    longitude: 6.74,
  },
  { code: "CNKMG", name: "Kunming South", nameZh: "昆明南", countryCode: "CN", kind: "HUB", gaugeMm: 1435, timezone: "Asia/Shanghai", latitude: 24.87, longitude: 102.86 },
  { code: "CNMHN", name: "Mohan", nameZh: "磨憨", countryCode: "CN", kind: "BORDER", gaugeMm: 1435, timezone: "Asia/Shanghai", latitude: 21.18, longitude: 101.68 },
  { code: "LABTN", name: "Boten", nameZh: "磨丁", countryCode: "LA", kind: "BORDER", gaugeMm: 1435, timezone: "Asia/Vientiane", latitude: 21.17, longitude: 101.67 },
  { code: "LAVTE", name: "Vientiane South", nameZh: "万象南", countryCode: "LA", kind: "TERMINAL", gaugeMm: 1435, timezone: "Asia/Vientiane", latitude: 17.87, longitude: 102.72 },
  { code: "CNPXG", name: "Pingxiang", nameZh: "凭祥", countryCode: "CN", kind: "BORDER", gaugeMm: 1435, timezone: "Asia/Shanghai", latitude: 22.1, longitude: 106.76 },
  { code: "VNDDG", name: "Dong Dang", nameZh: "同登", countryCode: "VN", kind: "GAUGE_CHANGE", gaugeMm: 1000, timezone: "Asia/Ho_Chi_Minh", latitude: 21.95, longitude: 106.7 },
  {
    code: "VNYVN",
    name: "Yen Vien (Hanoi)",
    nameZh: "安员（河内）",
    countryCode: "VN",
    kind: "TERMINAL",
    gaugeMm: 1000,
    timezone: "Asia/Ho_Chi_Minh",
    latitude: 21.08,
    longitude: 105.92,
  },
  { code: "CNQZH", name: "Qinzhou Port", nameZh: "钦州港", countryCode: "CN", kind: "PORT", gaugeMm: 1435, timezone: "Asia/Shanghai", latitude: 21.68, longitude: 108.62 },
  { code: "THLCH", name: "Laem Chabang", nameZh: "林查班港", countryCode: "TH", kind: "PORT", gaugeMm: null, timezone: "Asia/Bangkok", latitude: 13.08, longitude: 100.88 },
  {
    code: "IDTPP",
    name: "Jakarta Tanjung Priok",
    nameZh: "雅加达丹戎不碌港",
    countryCode: "ID",
    kind: "PORT",
    gaugeMm: null,
    timezone: "Asia/Jakarta",
    latitude: -6.1,
    longitude: 106.88,
  },
];

type Leg = [from: string, to: string, distanceKm: number, transitHours: number, dwellHours: number];

/** Legs in order; dwell is added at the leg's end (border formalities, gauge change, port stay). */
export const corridors: { code: string; name: string; nameZh: string; mode: "RAIL" | "RAIL_SEA"; description: string; legs: Leg[] }[] = [
  {
    code: "CE-ALA",
    name: "China–Europe via Alashankou",
    nameZh: "中欧班列（渝新欧）经阿拉山口",
    mode: "RAIL",
    description: "Chongqing → Alashankou/Dostyk (1435→1520 mm) → Kazakhstan → Russia → Belarus → Brest/Małaszewicze (1520→1435 mm) → Duisburg; 11,179 km, 10–16 days.",
    legs: [
      ["CNCKG-TJC", "CNAKA", 3862, 66, 12],
      ["CNAKA", "KZDOS", 12, 4, 30],
      ["KZDOS", "BYBRE", 6161, 140, 0],
      ["BYBRE", "PLMAL", 9, 3, 48],
      ["PLMAL", "DEDUI", 1135, 26, 0],
    ],
  },
  {
    code: "CE-KHG",
    name: "China–Europe via Khorgos",
    nameZh: "中欧班列经霍尔果斯",
    mode: "RAIL",
    description: "Chongqing → Khorgos/Altynkol (1435→1520 mm) → Kazakhstan → Russia → Belarus → Brest/Małaszewicze (1520→1435 mm) → Warsaw.",
    legs: [
      ["CNCKG-TJC", "CNKHG", 3720, 64, 12],
      ["CNKHG", "KZALT", 8, 3, 30],
      ["KZALT", "BYBRE", 6050, 138, 0],
      ["BYBRE", "PLMAL", 9, 3, 48],
      ["PLMAL", "PLWAW", 180, 5, 0],
    ],
  },
  {
    code: "CN-LA",
    name: "China–Laos",
    nameZh: "中老铁路",
    mode: "RAIL",
    description: "Chongqing → Kunming → Mohan/Boten → Vientiane; about 4 days, Kunming–Vientiane express 26 h.",
    legs: [
      ["CNCKG-TJC", "CNKMG", 1100, 16, 24],
      ["CNKMG", "CNMHN", 620, 8, 6],
      ["CNMHN", "LABTN", 3, 1, 8],
      ["LABTN", "LAVTE", 414, 8, 0],
    ],
  },
  {
    code: "CN-VN",
    name: "China–Vietnam",
    nameZh: "中越班列",
    mode: "RAIL",
    description: "Chongqing → Pingxiang → Dong Dang → Hanoi (Yen Vien); 4–5 days.",
    legs: [
      ["CNCKG-TJC", "CNPXG", 1320, 36, 24],
      ["CNPXG", "VNDDG", 16, 2, 20],
      ["VNDDG", "VNYVN", 162, 10, 0],
    ],
  },
  {
    code: "LS-LCH",
    name: "Land–Sea Corridor to Laem Chabang",
    nameZh: "西部陆海新通道（钦州港—林查班）",
    mode: "RAIL_SEA",
    description: "Chongqing → Qinzhou port by rail, then by sea to Laem Chabang.",
    legs: [
      ["CNCKG-TJC", "CNQZH", 1450, 38, 48],
      ["CNQZH", "THLCH", 2410, 120, 0],
    ],
  },
  {
    code: "LS-JKT",
    name: "Land–Sea Corridor to Jakarta",
    nameZh: "西部陆海新通道（钦州港—雅加达）",
    mode: "RAIL_SEA",
    description: "Chongqing → Qinzhou port by rail, then by sea to Tanjung Priok.",
    legs: [
      ["CNCKG-TJC", "CNQZH", 1450, 38, 48],
      ["CNQZH", "IDTPP", 3300, 168, 0],
    ],
  },
];
