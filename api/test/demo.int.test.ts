/**
 * The demo is made through the business services, so a change to a rule can break it: this runs
 * it on an empty database and checks what a first-time user is meant to see.
 */
import { DEMO_PASSWORD, demoTrainOnItsWay, seedDemo } from "@corridor/seeds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFreightDemo } from "../src/demo.js";
import { hashPassword } from "../src/modules/identity/passwords.js";
import { createTestContext, gql, loginToken, type TestContext } from "./harness.js";

let t: TestContext;
const now = new Date();

beforeAll(async () => {
  t = await createTestContext();
  await seedDemo(t.db, { hashPassword: (pw) => hashPassword(pw, { N: 2 ** 10, r: 8, p: 1 }) });
  await seedFreightDemo(t.db, t.config, now);
});
afterAll(() => t?.close());

describe("demo freight", () => {
  it("has coming trains on every corridor with a service, and bookings on them", async () => {
    const open = await t.db.departure.count({ where: { status: "OPEN", departsAt: { gt: now } } });
    expect(open).toBeGreaterThanOrEqual(30);
    expect(await t.db.booking.count({ where: { status: "CONFIRMED" } })).toBe(7);
  });

  it("has one China–Laos train on its way: planned, locked, departed, past the border, due within a day", async () => {
    const train = await t.db.departure.findFirstOrThrow({
      where: { status: "DEPARTED" },
      include: { milestones: { orderBy: { occurredAt: "asc" } }, plans: true, bookings: true },
    });
    expect(train.corridorCode).toBe(demoTrainOnItsWay.corridorCode);
    expect(train.plans.map((p) => p.status)).toEqual(["LOCKED"]);
    expect(train.bookings.map((b) => b.status)).toEqual(["IN_TRANSIT"]);
    expect(train.milestones.map((m) => m.type)).toEqual(["GATE_IN", "LOADED", "DEPARTED", "BORDER_CROSSING"]);
    const hoursLeft = (train.etaAt.getTime() - now.getTime()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(0);
    expect(hoursLeft).toBeLessThan(24);
  });

  it("the maker follows it and the dealer sees it inbound", async () => {
    const QUERY = `{ bookings(status: [IN_TRANSIT]) { edges { node { reference status } } } }`;
    const maker = await loginToken(t.app, "maker@yadea.demo", DEMO_PASSWORD);
    const dealer = await loginToken(t.app, "dealer@vientiane.demo", DEMO_PASSWORD);
    for (const token of [maker, dealer]) {
      const r = await gql<{ bookings: { edges: { node: { status: string } }[] } }>(t.app, QUERY, {}, { token });
      expect(r.data?.bookings.edges.map((e) => e.node.status)).toEqual(["IN_TRANSIT"]);
    }
  });
});

describe("dashboards", () => {
  const DASHBOARD = `{ dashboard { key value secondary } }`;
  async function figures(email: string) {
    const token = await loginToken(t.app, email, DEMO_PASSWORD);
    const r = await gql<{ dashboard: { key: string; value: number; secondary: number | null }[] }>(t.app, DASHBOARD, {}, { token });
    return Object.fromEntries((r.data?.dashboard ?? []).map((f) => [f.key, f]));
  }

  it("the maker counts its open bookings and the shipment on its way", async () => {
    const f = await figures("maker@yadea.demo");
    expect(f.bookings?.value).toBe(3);
    expect(f.inTransit?.value).toBe(1);
    expect(f.vehicles).toMatchObject({ value: 0, secondary: 0 });
  });

  it("the operator counts bookings waiting for a plan and this week's trains with their free space", async () => {
    const f = await figures("ops@minsheng.demo");
    expect(f.toConsolidate?.value).toBe(6);
    expect(f.departures?.value).toBeGreaterThanOrEqual(6);
    expect(f.departures?.secondary).toBeGreaterThan(0);
    expect(f.utilisation?.value).toBeGreaterThan(0);
    expect(f.utilisation?.value).toBeLessThan(100);
    // the train on its way is not due yet
    expect(f.milestones?.value).toBe(0);
  });

  it("the dealer counts what is addressed to it, and what arrives within a week", async () => {
    const f = await figures("dealer@vientiane.demo");
    expect(f.inbound?.value).toBe(4);
    expect(f.arriving?.value).toBeGreaterThanOrEqual(1);
    expect(f.verified).toBeUndefined();
  });

  it("an overdue train shows as a milestone due", async () => {
    const train = await t.db.departure.findFirstOrThrow({ where: { status: "DEPARTED" } });
    await t.db.departure.update({ where: { id: train.id }, data: { etaAt: new Date(Date.now() - 3_600_000) } });
    try {
      expect((await figures("ops@minsheng.demo")).milestones?.value).toBe(1);
    } finally {
      await t.db.departure.update({ where: { id: train.id }, data: { etaAt: train.etaAt } });
    }
  });
});
