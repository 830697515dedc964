import type { Locale, MemberRole, OrgKind, PrismaClient } from "@corridor/api/prisma";
import { corridorRules, demoModelConformity, demoModels } from "./freight.js";
import { createSeeder, type SeederDeps } from "./seeder.js";

/** The password of every demo account. Demo data is for local use and demos only. */
export const DEMO_PASSWORD = "corridor-demo";

interface DemoOrg {
  slug: string;
  kind: OrgKind;
  name: string;
  nameZh: string;
  countryCode: string;
  city: string;
  timezone: string;
  website?: string;
  people: { email: string; name: string; roles: MemberRole[]; locale: Locale }[];
}

/** Organizations and people of the demo; names marked "(demo)" are fictional stand-ins. */
export const demoOrganizations: DemoOrg[] = [
  {
    slug: "corridor",
    kind: "PLATFORM",
    name: "Corridor Platform Operations",
    nameZh: "渝车出海平台运营中心",
    countryCode: "CN",
    city: "Chongqing",
    timezone: "Asia/Shanghai",
    people: [{ email: "admin@corridor.demo", name: "Platform Admin", roles: ["ORG_ADMIN"], locale: "en" }],
  },
  {
    slug: "yadea-cq",
    kind: "MANUFACTURER",
    name: "Yadea Chongqing (demo)",
    nameZh: "雅迪重庆（演示）",
    countryCode: "CN",
    city: "Chongqing",
    timezone: "Asia/Shanghai",
    people: [
      { email: "maker@yadea.demo", name: "Chen Jing 陈静", roles: ["ORG_ADMIN"], locale: "zh_CN" },
      { email: "shipping@yadea.demo", name: "Liu Yang 刘洋", roles: ["MEMBER"], locale: "zh_CN" },
      { email: "finance@yadea.demo", name: "Zhao Min 赵敏", roles: ["VIEWER"], locale: "zh_CN" },
    ],
  },
  {
    slug: "aima-cq",
    kind: "MANUFACTURER",
    name: "Aima Chongqing (demo)",
    nameZh: "爱玛重庆（演示）",
    countryCode: "CN",
    city: "Chongqing",
    timezone: "Asia/Shanghai",
    people: [{ email: "maker@aima.demo", name: "Wang Lei 王磊", roles: ["ORG_ADMIN"], locale: "zh_CN" }],
  },
  {
    slug: "tailg-cq",
    kind: "MANUFACTURER",
    name: "Tailg Chongqing (demo)",
    nameZh: "台铃重庆（演示）",
    countryCode: "CN",
    city: "Chongqing",
    timezone: "Asia/Shanghai",
    people: [{ email: "maker@tailg.demo", name: "Sun Li 孙丽", roles: ["ORG_ADMIN"], locale: "zh_CN" }],
  },
  {
    slug: "minsheng-logistics",
    kind: "LOGISTICS_OPERATOR",
    name: "Changan Minsheng Logistics (demo)",
    nameZh: "长安民生物流（演示）",
    countryCode: "CN",
    city: "Chongqing",
    timezone: "Asia/Shanghai",
    people: [
      { email: "ops@minsheng.demo", name: "Huang Wei 黄伟", roles: ["ORG_ADMIN"], locale: "zh_CN" },
      { email: "planner@minsheng.demo", name: "Zhou Ping 周平", roles: ["MEMBER"], locale: "zh_CN" },
    ],
  },
  {
    slug: "lao-moto-vientiane",
    kind: "DEALER",
    name: "Lao Moto Trading, Vientiane",
    nameZh: "老挝摩托贸易（万象）",
    countryCode: "LA",
    city: "Vientiane",
    timezone: "Asia/Vientiane",
    people: [{ email: "dealer@vientiane.demo", name: "Somchai Phommavong", roles: ["ORG_ADMIN"], locale: "en" }],
  },
  {
    slug: "hanoi-emobility",
    kind: "DEALER",
    name: "Hanoi E-Mobility JSC",
    nameZh: "河内电动出行股份公司",
    countryCode: "VN",
    city: "Hanoi",
    timezone: "Asia/Ho_Chi_Minh",
    people: [{ email: "dealer@hanoi.demo", name: "Nguyen Van An", roles: ["ORG_ADMIN"], locale: "en" }],
  },
  {
    slug: "warszawa-emoto",
    kind: "DEALER",
    name: "Warszawa eMoto sp. z o.o.",
    nameZh: "华沙电摩有限公司",
    countryCode: "PL",
    city: "Warsaw",
    timezone: "Europe/Warsaw",
    people: [{ email: "dealer@warsaw.demo", name: "Agnieszka Nowak", roles: ["ORG_ADMIN"], locale: "en" }],
  },
  {
    slug: "rhein-eroller",
    kind: "DEALER",
    name: "Rhein E-Roller GmbH, Duisburg",
    nameZh: "莱茵电动滑板车有限公司（杜伊斯堡）",
    countryCode: "DE",
    city: "Duisburg",
    timezone: "Europe/Berlin",
    people: [{ email: "dealer@duisburg.demo", name: "Jonas Becker", roles: ["ORG_ADMIN"], locale: "en" }],
  },
  {
    slug: "cq-ev-export-alliance",
    kind: "ALLIANCE",
    name: "Chongqing Electric Two-Wheeler Export Alliance",
    nameZh: "重庆电动两轮车出海联盟",
    countryCode: "CN",
    city: "Chongqing",
    timezone: "Asia/Shanghai",
    people: [{ email: "secretariat@alliance.demo", name: "Li Na 李娜", roles: ["ORG_ADMIN"], locale: "zh_CN" }],
  },
  {
    slug: "cqc-demo",
    kind: "CERTIFICATION_BODY",
    name: "China Quality Certification Centre (demo)",
    nameZh: "中国质量认证中心（演示）",
    countryCode: "CN",
    city: "Beijing",
    timezone: "Asia/Shanghai",
    people: [{ email: "cert@cqc.demo", name: "Ma Jun 马军", roles: ["ORG_ADMIN"], locale: "zh_CN" }],
  },
];

/** The login to show for each role in the console and the README. */
export const demoLogins = [
  { role: "manufacturer", email: "maker@yadea.demo" },
  { role: "logistics operator", email: "ops@minsheng.demo" },
  { role: "overseas dealer", email: "dealer@vientiane.demo" },
  { role: "alliance secretariat", email: "secretariat@alliance.demo" },
  { role: "certification body", email: "cert@cqc.demo" },
  { role: "platform admin", email: "admin@corridor.demo" },
] as const;

/** Reference data plus the demo organizations and people. Skips what already exists. */
export async function seedDemo(db: PrismaClient, deps: SeederDeps): Promise<{ created: boolean }> {
  const seed = createSeeder(db, deps);
  await seed.referenceData();
  if (await db.organization.findUnique({ where: { slug: "corridor" } })) return { created: false };
  for (const { people, ...org } of demoOrganizations) {
    const o = await seed.organization(org);
    for (const p of people) await seed.user({ ...p, orgId: o.id, password: DEMO_PASSWORD });
  }
  const operator = await db.organization.findUniqueOrThrow({ where: { slug: "minsheng-logistics" } });
  for (const r of corridorRules) {
    await db.corridorRule.upsert({ where: { corridorCode: r.corridorCode }, create: { ...r, operatorOrgId: operator.id }, update: {} });
  }
  for (const [slug, models] of Object.entries(demoModels)) {
    const maker = await db.organization.findUniqueOrThrow({ where: { slug } });
    await db.vehicleModel.createMany({ data: models.map((m) => ({ ...m, makerOrgId: maker.id, conformity: demoModelConformity[m.code] })) });
  }
  return { created: true };
}
