import { randomBytes } from "node:crypto";
import type { Locale, MemberRole, OrgKind, PrismaClient } from "@corridor/api/prisma";
import { containerTypes } from "./freight.js";
import { corridors, currencies, markets, stations } from "./reference.js";

// Type-only import of the API's generated client: seeds write through the API's Prisma
// schema but never import the API at run time (the API depends on seeds, not the reverse).

export interface SeederDeps {
  /** the API's password hash function, so seeded people can log in */
  hashPassword: (password: string) => Promise<string>;
}

let counter = 0;
/** A value unique within the process and across runs, for factories' defaults. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString("hex")}`;
}

export interface OrgOverrides {
  slug?: string;
  kind?: OrgKind;
  name?: string;
  nameZh?: string | null;
  countryCode?: string;
  city?: string | null;
  timezone?: string;
  website?: string | null;
}

export interface UserOverrides {
  email?: string;
  name?: string;
  password?: string;
  locale?: Locale;
  orgId: string;
  roles?: MemberRole[];
}

/** Factories that write realistic records with unique values; tests and demo data share them. */
export function createSeeder(db: PrismaClient, deps: SeederDeps) {
  const hashes = new Map<string, Promise<string>>();
  const hash = (pw: string) => {
    let h = hashes.get(pw);
    if (!h) {
      h = deps.hashPassword(pw);
      hashes.set(pw, h);
    }
    return h;
  };

  return {
    async organization(o: OrgOverrides = {}) {
      const slug = o.slug ?? unique("org");
      return db.organization.create({
        data: {
          slug,
          kind: o.kind ?? "MANUFACTURER",
          name: o.name ?? `Test Org ${slug}`,
          nameZh: o.nameZh ?? null,
          countryCode: o.countryCode ?? "CN",
          city: o.city ?? "Chongqing",
          timezone: o.timezone ?? "Asia/Shanghai",
          website: o.website ?? null,
        },
      });
    },

    /** A person with a membership; returns the user, membership and the password to log in with. */
    async user(o: UserOverrides) {
      const password = o.password ?? "correct-horse-battery";
      const email = (o.email ?? `${unique("user")}@example.test`).toLowerCase();
      const user = await db.user.create({ data: { email, name: o.name ?? email.split("@")[0] ?? email, locale: o.locale ?? "zh_CN", passwordHash: await hash(password) } });
      const membership = await db.membership.create({ data: { userId: user.id, orgId: o.orgId, roles: o.roles ?? ["MEMBER"] } });
      return { user, membership, password };
    },

    /** Currencies, markets, stations and corridors; safe to run again. */
    async referenceData() {
      for (const c of currencies) await db.currency.upsert({ where: { code: c.code }, create: c, update: c });
      for (const m of markets) {
        const data = { ...m, countries: [...m.countries] };
        await db.market.upsert({ where: { code: m.code }, create: data, update: data });
      }
      for (const t of containerTypes) await db.containerType.upsert({ where: { code: t.code }, create: t, update: t });
      for (const s of stations) await db.station.upsert({ where: { code: s.code }, create: s, update: s });
      for (const c of corridors) {
        const { legs, ...corridor } = c;
        await db.corridor.upsert({ where: { code: c.code }, create: corridor, update: corridor });
        await db.corridorLeg.deleteMany({ where: { corridorCode: c.code } });
        await db.corridorLeg.createMany({
          data: legs.map(([fromCode, toCode, distanceKm, transitHours, dwellHours], i) => ({
            corridorCode: c.code,
            seq: i + 1,
            fromCode,
            toCode,
            distanceKm,
            transitHours,
            dwellHours,
          })),
        });
      }
    },
  };
}

export type Seeder = ReturnType<typeof createSeeder>;
