import { randomUUID } from "node:crypto";
import { corridorRules, demoModels } from "@corridor/seeds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeGlobalId } from "../src/schema/global-id.js";
import { createTestContext, gql, personIn, type TestContext } from "./harness.js";

let admin: Awaited<ReturnType<typeof personIn>>;

let t: TestContext;
let operator: Awaited<ReturnType<typeof personIn>>;
let otherOperator: Awaited<ReturnType<typeof personIn>>;
let maker: Awaited<ReturnType<typeof personIn>>;
const modelIds: Record<string, string> = {};

const SAVE_STATION = `mutation($input: StationInput!) { saveStation(input: $input) {
  __typename ... on SaveStationSuccess { data { code name countryCode kind timezone } }
  ... on DomainError { code message } ... on ValidationError { fieldErrors { path message } } } }`;
const SAVE_CORRIDOR = `mutation($input: CorridorInput!) { saveCorridor(input: $input) {
  __typename ... on SaveCorridorSuccess { data { code name transitHours distanceKm trainLimitFeu viewerMayEdit legs { seq from { code } to { code } transitHours dwellHours maxFeu } rules { maxFeuPerTrain operatorName } } }
  ... on DomainError { code message } ... on RuleViolationError { rule } ... on ValidationError { fieldErrors { path message } } } }`;
const SET_RULES = `mutation($input: CorridorRulesInput!) { setCorridorRules(input: $input) {
  __typename ... on SetCorridorRulesSuccess { data { code trainLimitFeu viewerMayEdit rules { operatorName maxFeuPerTrain cutoffLeadHours currencyCode lithium { countryCode acceptsUN3171 maxStateOfChargePct } cancellationFees { fromHoursBeforeDeparture feePerFeu { amountMinor currency } } } } }
  ... on DomainError { code message } ... on ValidationError { fieldErrors { path message } } } }`;
const CORRIDORS = `{ corridors { code trainLimitFeu viewerMayEdit rules { maxFeuPerTrain operatorName } legs { seq maxFeu } } }`;

const station = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `Station ${code}`,
  nameZh: `站 ${code}`,
  countryCode: code.slice(0, 2),
  kind: "TERMINAL",
  gaugeMm: 1435,
  timezone: "Asia/Shanghai",
  latitude: 30,
  longitude: 105,
  ...extra,
});

const legsVia = (...codes: string[]) => codes.slice(1).map((to, i) => ({ fromCode: codes[i], toCode: to, distanceKm: 500, transitHours: 12, dwellHours: 2 }));

const rulesFor = (corridorCode: string, extra: Record<string, unknown> = {}) => ({
  corridorCode,
  maxFeuPerTrain: 45,
  maxGrossKgPerTrain: 1_100_000,
  cutoffLeadHours: 36,
  currencyCode: "USD",
  lithium: [{ countryCode: "CN", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: true, maxStateOfChargePct: 65 }],
  cancellationFees: [
    { fromHoursBeforeDeparture: 24, feePerFeuMinor: 50_000 },
    { fromHoursBeforeDeparture: 72, feePerFeuMinor: 20_000 },
  ],
  ...extra,
});

beforeAll(async () => {
  t = await createTestContext();
  await t.seed.referenceData();
  operator = await personIn(t, "LOGISTICS_OPERATOR");
  otherOperator = await personIn(t, "LOGISTICS_OPERATOR");
  maker = await personIn(t, "MANUFACTURER");
  admin = await personIn(t, "PLATFORM");
  // CN-LA is run by `operator`, as in the demo.
  const cnla = corridorRules.find((r) => r.corridorCode === "CN-LA");
  if (!cnla) throw new Error("seeds have no CN-LA rules");
  await t.db.corridorRule.create({ data: { ...cnla, operatorOrgId: operator.org.id } });
  for (const m of demoModels["yadea-cq"] ?? []) {
    const created = await t.db.vehicleModel.create({ data: { ...m, makerOrgId: maker.org.id } });
    modelIds[m.code] = encodeGlobalId("VehicleModel", created.id);
  }
});
afterAll(() => t?.close());

describe("stations", () => {
  it("an operator adds a station and corrects it; both are in the audit log", async () => {
    const added = await gql(t.app, SAVE_STATION, { input: station("CNXYZ") }, { token: operator.token });
    expect(added.data?.saveStation).toMatchObject({ __typename: "SaveStationSuccess", data: { code: "CNXYZ", name: "Station CNXYZ", kind: "TERMINAL" } });
    const fixed = await gql(t.app, SAVE_STATION, { input: station("CNXYZ", { kind: "HUB", name: "Xiyong Hub" }) }, { token: operator.token });
    expect(fixed.data?.saveStation).toMatchObject({ data: { code: "CNXYZ", name: "Xiyong Hub", kind: "HUB" } });
    const audit = await t.db.auditLog.findMany({ where: { targetType: "Station", targetId: "CNXYZ" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["station.create", "station.update"]);
  });

  it("refuses a bad code, a country that does not match it and an unknown time zone, field by field", async () => {
    const r = await gql<{ saveStation: { code: string; fieldErrors: { path: string[] }[] } }>(
      t.app,
      SAVE_STATION,
      { input: station("LAVTX", { countryCode: "TH", timezone: "Asia/Nowhere" }) },
      { token: operator.token },
    );
    expect(r.data?.saveStation.code).toBe("VALIDATION");
    expect(r.data?.saveStation.fieldErrors.map((e) => e.path.join("."))).toEqual(["countryCode", "timezone"]);
    const bad = await gql<{ saveStation: { fieldErrors: { path: string[] }[] } }>(t.app, SAVE_STATION, { input: station("cn-1") }, { token: operator.token });
    expect(bad.data?.saveStation.fieldErrors.map((e) => e.path.join("."))).toContain("code");
    expect(await t.db.station.count({ where: { code: { in: ["LAVTX", "CN-1"] } } })).toBe(0);
  });

  it("makers may not change stations", async () => {
    const r = await gql(t.app, SAVE_STATION, { input: station("CNXYZ", { name: "Hijacked" }) }, { token: maker.token });
    expect(r.data?.saveStation).toMatchObject({ __typename: "ForbiddenError" });
    expect((await t.db.station.findUniqueOrThrow({ where: { code: "CNXYZ" } })).name).not.toBe("Hijacked");
  });
});

describe("corridors", () => {
  it("an operator opens a corridor: legs in order, totals, default rules run by its organization", async () => {
    const r = await gql(
      t.app,
      SAVE_CORRIDOR,
      { input: { code: "CN-XY", name: "Xiyong–Vientiane", nameZh: "西永—万象", mode: "RAIL", legs: legsVia("CNCKG-TJC", "CNXYZ", "LAVTE") } },
      { token: operator.token },
    );
    expect(r.data?.saveCorridor).toMatchObject({
      __typename: "SaveCorridorSuccess",
      data: {
        code: "CN-XY",
        transitHours: 28,
        distanceKm: 1000,
        trainLimitFeu: 50,
        viewerMayEdit: true,
        legs: [
          { seq: 1, from: { code: "CNCKG-TJC" }, to: { code: "CNXYZ" } },
          { seq: 2, from: { code: "CNXYZ" }, to: { code: "LAVTE" } },
        ],
        rules: { maxFeuPerTrain: 50, operatorName: operator.org.name },
      },
    });
  });

  it("refuses a broken chain, an unknown station and a loop, and writes nothing", async () => {
    const legs = [
      { fromCode: "CNCKG-TJC", toCode: "CNKMG", distanceKm: 800, transitHours: 16 },
      { fromCode: "CNMHN", toCode: "CNZZZ", distanceKm: 500, transitHours: 9 },
      { fromCode: "CNZZZ", toCode: "CNCKG-TJC", distanceKm: 500, transitHours: 0 },
    ];
    const r = await gql<{ saveCorridor: { code: string; message: string; fieldErrors: { path: string[] }[] } }>(
      t.app,
      SAVE_CORRIDOR,
      { input: { code: "CN-ZZ", name: "Broken", nameZh: "断", mode: "RAIL", legs } },
      { token: operator.token },
    );
    expect(r.data?.saveCorridor.code).toBe("VALIDATION");
    expect(r.data?.saveCorridor.fieldErrors.map((e) => e.path.join("."))).toEqual(["legs.1.toCode", "legs.1.fromCode", "legs.2.fromCode", "legs.2.toCode", "legs.2.transitHours"]);
    expect(r.data?.saveCorridor.message).toContain("Leg 2 starts at CNMHN, but leg 1 ends at CNKMG.");
    expect(await t.db.corridor.count({ where: { code: "CN-ZZ" } })).toBe(0);
  });

  it("a leg's limit caps the train; scheduling uses it and refuses a longer train", async () => {
    const legs = legsVia("CNCKG-TJC", "CNXYZ", "LAVTE").map((l, i) => (i === 1 ? { ...l, maxFeu: 30 } : l));
    const r = await gql(t.app, SAVE_CORRIDOR, { input: { code: "CN-XY", name: "Xiyong–Vientiane", nameZh: "西永—万象", mode: "RAIL", legs } }, { token: operator.token });
    expect(r.data?.saveCorridor).toMatchObject({ data: { trainLimitFeu: 30, legs: [{ maxFeu: null }, { maxFeu: 30 }] } });
    const tariff = { currencyCode: "USD", lclPerWmMinor: 6500, wmKgPerCbm: 1000, fcl40Minor: 280000, fcl20Minor: 180000 };
    const SCHEDULE = `mutation($input: ScheduleDepartureInput!) { scheduleDeparture(input: $input) { ... on ScheduleDepartureSuccess { data { capacityFeu } } ... on DomainError { code message } } }`;
    const departsAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const ok = await gql(t.app, SCHEDULE, { input: { corridorCode: "CN-XY", departsAt, ...tariff } }, { token: operator.token });
    expect(ok.data?.scheduleDeparture).toMatchObject({ data: { capacityFeu: 30 } });
    const long = await gql(t.app, SCHEDULE, { input: { corridorCode: "CN-XY", departsAt, capacityFeu: 40, ...tariff } }, { token: operator.token });
    expect(long.data?.scheduleDeparture).toMatchObject({ code: "RULE_VIOLATION", message: "This corridor allows at most 30 FEU per train." });
  });

  it("another operator sees the corridor but may not change it; nothing changes", async () => {
    const seen = await gql<{ corridors: { code: string; viewerMayEdit: boolean }[] }>(t.app, CORRIDORS, {}, { token: otherOperator.token });
    expect(seen.data?.corridors.find((c) => c.code === "CN-XY")?.viewerMayEdit).toBe(false);
    const before = await t.db.corridorLeg.findMany({ where: { corridorCode: "CN-XY" }, orderBy: { seq: "asc" } });
    const r = await gql(
      t.app,
      SAVE_CORRIDOR,
      { input: { code: "CN-XY", name: "Taken over", nameZh: "接管", mode: "RAIL", legs: legsVia("CNCKG-TJC", "LAVTE") } },
      { token: otherOperator.token },
    );
    expect(r.data?.saveCorridor).toMatchObject({ code: "FORBIDDEN" });
    const rules = await gql(t.app, SET_RULES, { input: rulesFor("CN-XY") }, { token: otherOperator.token });
    expect(rules.data?.setCorridorRules).toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.corridorLeg.findMany({ where: { corridorCode: "CN-XY" }, orderBy: { seq: "asc" } })).toEqual(before);
    expect((await t.db.corridor.findUniqueOrThrow({ where: { code: "CN-XY" } })).name).toBe("Xiyong–Vientiane");
  });
});

describe("corridor rules", () => {
  it("the operator sets rules; fees come back longest notice first, with their currency", async () => {
    const r = await gql(t.app, SET_RULES, { input: rulesFor("CN-XY", { maxFeuPerTrain: 25 }) }, { token: operator.token });
    expect(r.data?.setCorridorRules).toMatchObject({
      data: {
        trainLimitFeu: 25,
        rules: {
          maxFeuPerTrain: 25,
          cutoffLeadHours: 36,
          lithium: [{ countryCode: "CN", acceptsUN3171: true, maxStateOfChargePct: 65 }],
          cancellationFees: [
            { fromHoursBeforeDeparture: 72, feePerFeu: { amountMinor: 20000, currency: "USD" } },
            { fromHoursBeforeDeparture: 24, feePerFeu: { amountMinor: 50000, currency: "USD" } },
          ],
        },
      },
    });
    expect(await t.db.auditLog.count({ where: { action: "corridorRule.set", targetId: "CN-XY" } })).toBe(1);
  });

  it("refuses a repeated country, a charge cap over 100 % and an unknown currency, and keeps the old rules", async () => {
    const before = await t.db.corridorRule.findUniqueOrThrow({ where: { corridorCode: "CN-XY" } });
    const lithium = [
      { countryCode: "LA", acceptsUN3171: true, acceptsUN3480: true, acceptsUN3481: true, maxStateOfChargePct: 120 },
      { countryCode: "LA", acceptsUN3171: false, acceptsUN3480: false, acceptsUN3481: false },
    ];
    const r = await gql<{ setCorridorRules: { code: string; fieldErrors: { path: string[] }[] } }>(
      t.app,
      SET_RULES,
      { input: rulesFor("CN-XY", { lithium, currencyCode: "XXX" }) },
      { token: operator.token },
    );
    expect(r.data?.setCorridorRules.code).toBe("VALIDATION");
    expect(r.data?.setCorridorRules.fieldErrors.map((e) => e.path.join("."))).toEqual(["currencyCode", "lithium.0.maxStateOfChargePct", "lithium.1.countryCode"]);
    expect(await t.db.corridorRule.findUniqueOrThrow({ where: { corridorCode: "CN-XY" } })).toEqual(before);
  });

  it("a lithium rule changed by the operator applies to the next booking at once", async () => {
    const tariff = { currencyCode: "USD", lclPerWmMinor: 6500, wmKgPerCbm: 1000, fcl40Minor: 280000, fcl20Minor: 180000 };
    const SCHEDULE = `mutation($input: ScheduleDepartureInput!) { scheduleDeparture(input: $input) { ... on ScheduleDepartureSuccess { data { id } } } }`;
    const dep = await gql<{ scheduleDeparture: { data: { id: string } } }>(
      t.app,
      SCHEDULE,
      { input: { corridorCode: "CN-LA", departsAt: new Date(Date.now() + 12 * 86_400_000).toISOString(), ...tariff } },
      { token: operator.token },
    );
    const departureId = dep.data?.scheduleDeparture.data.id;
    const BOOK = `mutation($input: CreateBookingInput!) { createBooking(input: $input) { __typename ... on RuleViolationError { rule message } } }`;
    const book = () =>
      gql<{ createBooking: { __typename: string; rule?: string; message?: string } }>(
        t.app,
        BOOK,
        { input: { idempotencyKey: randomUUID(), request: { departureId, mode: "LCL", lines: [{ vehicleModelId: modelIds["YD-E8S"], quantity: 2 }] } } },
        { token: maker.token },
      );
    expect((await book()).data?.createBooking.__typename).toBe("CreateBookingSuccess");
    const lithium = [
      { countryCode: "CN", acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: true, maxStateOfChargePct: 65 },
      { countryCode: "LA", acceptsUN3171: false, acceptsUN3480: false, acceptsUN3481: false, maxStateOfChargePct: null },
    ];
    const set = await gql(t.app, SET_RULES, { input: rulesFor("CN-LA", { lithium }) }, { token: operator.token });
    expect(set.data?.setCorridorRules).toMatchObject({ data: { code: "CN-LA" } });
    expect((await book()).data?.createBooking).toMatchObject({ rule: "LITHIUM_REFUSED", message: "YD-E8S: UN3171 lithium cargo is not accepted in LA on this corridor." });
  });

  it("anyone may read the rules; the editing flag follows who runs the corridor", async () => {
    const anonymous = await gql<{ corridors: { code: string; viewerMayEdit: boolean; rules: { operatorName: string } | null }[] }>(t.app, CORRIDORS);
    const cnla = anonymous.data?.corridors.find((c) => c.code === "CN-LA");
    expect(cnla).toMatchObject({ viewerMayEdit: false, rules: { operatorName: operator.org.name } });
    const own = await gql<{ corridors: { code: string; viewerMayEdit: boolean }[] }>(t.app, CORRIDORS, {}, { token: operator.token });
    expect(own.data?.corridors.find((c) => c.code === "CN-LA")?.viewerMayEdit).toBe(true);
    const asMaker = await gql<{ corridors: { code: string; viewerMayEdit: boolean }[] }>(t.app, CORRIDORS, {}, { token: maker.token });
    expect(asMaker.data?.corridors.every((c) => !c.viewerMayEdit)).toBe(true);
  });
});

describe("who runs a corridor", () => {
  it("an operator cannot claim a corridor nobody runs yet; a platform admin assigns it", async () => {
    // the reference corridors come without rules: nobody runs CE-KHG in this database
    const claim = await gql(t.app, SET_RULES, { input: rulesFor("CE-KHG") }, { token: otherOperator.token });
    expect(claim.data?.setCorridorRules).toMatchObject({ code: "FORBIDDEN", message: "Corridor CE-KHG has no operator yet; a platform administrator assigns one." });
    const route = await gql(
      t.app,
      SAVE_CORRIDOR,
      { input: { code: "CE-KHG", name: "Taken", nameZh: "占用", mode: "RAIL", legs: legsVia("CNCKG-TJC", "CNKHG") } },
      { token: otherOperator.token },
    );
    expect(route.data?.saveCorridor).toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.corridorRule.count({ where: { corridorCode: "CE-KHG" } })).toBe(0);
    expect((await t.db.corridorLeg.findMany({ where: { corridorCode: "CE-KHG" } })).length).toBeGreaterThan(2);

    const assign = await gql(t.app, SET_RULES, { input: rulesFor("CE-KHG", { operatorOrgId: encodeGlobalId("Organization", otherOperator.org.id) }) }, { token: admin.token });
    expect(assign.data?.setCorridorRules).toMatchObject({ data: { code: "CE-KHG", rules: { operatorName: otherOperator.org.name } } });
    const now = await gql(t.app, SET_RULES, { input: rulesFor("CE-KHG", { cutoffLeadHours: 60 }) }, { token: otherOperator.token });
    expect(now.data?.setCorridorRules).toMatchObject({ data: { viewerMayEdit: true, rules: { cutoffLeadHours: 60 } } });
  });

  it("an operator may not hand its corridor to another one", async () => {
    const r = await gql(t.app, SET_RULES, { input: rulesFor("CN-XY", { operatorOrgId: encodeGlobalId("Organization", otherOperator.org.id) }) }, { token: operator.token });
    expect(r.data?.setCorridorRules).toMatchObject({ code: "FORBIDDEN" });
    expect((await t.db.corridorRule.findUniqueOrThrow({ where: { corridorCode: "CN-XY" } })).operatorOrgId).toBe(operator.org.id);
  });

  it("a station on another operator's corridor is corrected by them, not by anyone", async () => {
    const r = await gql(t.app, SAVE_STATION, { input: station("CNXYZ", { name: "Renamed by a stranger" }) }, { token: otherOperator.token });
    expect(r.data?.saveStation).toMatchObject({ code: "FORBIDDEN" });
    expect((await t.db.station.findUniqueOrThrow({ where: { code: "CNXYZ" } })).name).not.toBe("Renamed by a stranger");
  });

  it("a fee error names the row as typed, before the table is sorted", async () => {
    const cancellationFees = [
      { fromHoursBeforeDeparture: 72, feePerFeuMinor: 100 },
      { fromHoursBeforeDeparture: 24, feePerFeuMinor: 200 },
      { fromHoursBeforeDeparture: 72, feePerFeuMinor: 300 },
    ];
    const r = await gql<{ setCorridorRules: { fieldErrors: { path: string[] }[] } }>(
      t.app,
      SET_RULES,
      { input: rulesFor("CN-XY", { cancellationFees }) },
      { token: operator.token },
    );
    expect(r.data?.setCorridorRules.fieldErrors.map((e) => e.path.join("."))).toEqual(["cancellationFees.2.fromHoursBeforeDeparture"]);
  });

  it("a route change may not leave out a station that live bookings are bound for", async () => {
    // CN-LA carries the booking of the lithium test, bound for Vientiane
    const r = await gql(
      t.app,
      SAVE_CORRIDOR,
      { input: { code: "CN-LA", name: "China–Laos", nameZh: "中老", mode: "RAIL", legs: legsVia("CNCKG-TJC", "CNKMG") } },
      { token: operator.token },
    );
    expect(r.data?.saveCorridor).toMatchObject({ code: "RULE_VIOLATION", rule: "STATION_IN_USE" });
    expect(await t.db.corridorLeg.count({ where: { corridorCode: "CN-LA" } })).toBe(4);
  });
});
