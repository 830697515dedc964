import { randomUUID } from "node:crypto";
import { corridorRules, demoModels } from "@corridor/seeds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeGlobalId } from "../src/schema/global-id.js";
import { createTestContext, gql, personIn, type TestContext, tableCounts } from "./harness.js";

let t: TestContext;
let operator: Awaited<ReturnType<typeof personIn>>;
let maker: Awaited<ReturnType<typeof personIn>>;
let otherMaker: Awaited<ReturnType<typeof personIn>>;
let dealer: Awaited<ReturnType<typeof personIn>>;
const modelIds: Record<string, string> = {};

const SCHEDULE = `mutation($input: ScheduleDepartureInput!) { scheduleDeparture(input: $input) { __typename ... on ScheduleDepartureSuccess { data { id code cutoffAt etaAt capacityFeu } } ... on DomainError { code message } } }`;
const BOOK = `mutation($input: CreateBookingInput!) { createBooking(input: $input) {
  __typename
  ... on CreateBookingSuccess { data { replayed booking { id reference status feu grossKg quoted { amountMinor currency } } } }
  ... on DomainError { code message }
  ... on RuleViolationError { rule }
} }`;
const tariff = { currencyCode: "USD", lclPerWmMinor: 6500, wmKgPerCbm: 1000, fcl40Minor: 280000, fcl20Minor: 180000 };

async function schedule(input: Record<string, unknown>) {
  const r = await gql<{ scheduleDeparture: { data: { id: string } } }>(t.app, SCHEDULE, { input: { corridorCode: "CN-LA", ...tariff, ...input } }, { token: operator.token });
  const id = r.data?.scheduleDeparture.data?.id;
  if (!id) throw new Error(JSON.stringify(r));
  return id;
}

function book(token: string, departureId: string, lines: { model: string; quantity: number }[], extra: Record<string, unknown> = {}, key = randomUUID()) {
  return gql<{
    createBooking: {
      __typename: string;
      code?: string;
      rule?: string;
      message?: string;
      data?: { replayed: boolean; booking: { id: string; status: string; reference: string; feu: number } };
    };
  }>(
    t.app,
    BOOK,
    { input: { idempotencyKey: key, request: { departureId, mode: "LCL", lines: lines.map((l) => ({ vehicleModelId: modelIds[l.model], quantity: l.quantity })), ...extra } } },
    { token },
  );
}

beforeAll(async () => {
  t = await createTestContext();
  await t.seed.referenceData();
  operator = await personIn(t, "LOGISTICS_OPERATOR");
  for (const r of corridorRules) await t.db.corridorRule.create({ data: { ...r, operatorOrgId: operator.org.id } });
  maker = await personIn(t, "MANUFACTURER", ["MEMBER"]);
  otherMaker = await personIn(t, "MANUFACTURER");
  dealer = await personIn(t, "DEALER");
  for (const m of [...(demoModels["yadea-cq"] ?? []), ...(demoModels["tailg-cq"] ?? [])]) {
    const created = await t.db.vehicleModel.create({ data: { ...m, makerOrgId: maker.org.id } });
    modelIds[m.code] = encodeGlobalId("VehicleModel", created.id);
  }
});
afterAll(() => t?.close());

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe("scheduling", () => {
  it("schedules a departure with the corridor's cut-off and a scheduled ETA", async () => {
    const r = await gql(t.app, SCHEDULE, { input: { corridorCode: "CN-LA", departsAt: "2030-03-05T02:00:00Z", ...tariff } }, { token: operator.token });
    expect(r.data).toMatchObject({ scheduleDeparture: { data: { cutoffAt: "2030-03-03T14:00:00.000Z", etaAt: "2030-03-08T01:00:00.000Z", capacityFeu: 45 } } });
  });

  it("refuses makers and over-long trains", async () => {
    const r = await gql(t.app, SCHEDULE, { input: { corridorCode: "CN-LA", departsAt: inDays(5), ...tariff } }, { token: maker.token });
    expect(r.data).toMatchObject({ scheduleDeparture: { __typename: "ForbiddenError" } });
    const long = await gql(t.app, SCHEDULE, { input: { corridorCode: "CN-LA", departsAt: inDays(5), capacityFeu: 55, ...tariff } }, { token: operator.token });
    expect(long.data).toMatchObject({ scheduleDeparture: { code: "RULE_VIOLATION", message: "This corridor allows at most 45 FEU per train." } });
  });

  it("creates a weekly service with departures on the right local weekday", async () => {
    const r = await gql<{ createTrainService: { data: { departsAt: string }[] } }>(
      t.app,
      `mutation($input: CreateTrainServiceInput!) { createTrainService(input: $input) { ... on CreateTrainServiceSuccess { data { departsAt } } ... on DomainError { message } } }`,
      { input: { corridorCode: "CN-VN", name: "Hanoi Wednesday", weekday: 3, departureTime: "09:00", capacityFeu: 40, maxGrossKg: 1_000_000, weeksAhead: 4, ...tariff } },
      { token: operator.token },
    );
    const times = r.data?.createTrainService.data.map((d) => new Date(d.departsAt)) ?? [];
    expect(times).toHaveLength(4);
    for (const d of times) {
      expect(d.getUTCDay()).toBe(3);
      expect(d.getUTCHours()).toBe(1); // 09:00 in Chongqing (UTC+8)
    }
  });
});

describe("booking", () => {
  it("quotes, books LCL, and a double submit returns the first booking", async () => {
    const dep = await schedule({ departsAt: inDays(6) });
    const q = await gql(
      t.app,
      `query($input: BookingRequestInput!) { quote(input: $input) { total { amountMinor currency } chargeableWm feu fitsNow items { code } } }`,
      { input: { departureId: dep, mode: "LCL", lines: [{ vehicleModelId: modelIds["YD-E8S"], quantity: 10 }] } },
      { token: maker.token },
    );
    // 10 crates of 1.9 × 0.65 × 1.1 m = 13.585 m³ at $65 per W/M
    expect(q.data).toMatchObject({ quote: { total: { amountMinor: 88303, currency: "USD" }, chargeableWm: 13.585, fitsNow: true, items: [{ code: "LCL_FREIGHT" }] } });
    const key = randomUUID();
    const first = await book(maker.token, dep, [{ model: "YD-E8S", quantity: 10 }], {}, key);
    expect(first.data?.createBooking).toMatchObject({ __typename: "CreateBookingSuccess", data: { replayed: false, booking: { status: "CONFIRMED" } } });
    const counts = await tableCounts(t);
    const again = await book(maker.token, dep, [{ model: "YD-E8S", quantity: 10 }], {}, key);
    expect(again.data?.createBooking.data).toEqual({ ...first.data?.createBooking.data, replayed: true });
    expect(await tableCounts(t)).toEqual(counts);
  });

  it("refuses bad input with typed errors and writes nothing", async () => {
    const dep = await schedule({ departsAt: inDays(6) });
    const before = await tableCounts(t);
    const zero = await book(maker.token, dep, [{ model: "YD-E8S", quantity: 0 }]);
    expect(zero.data?.createBooking).toMatchObject({ __typename: "ValidationError", message: "Quantity must be at least 1." });
    const absurd = await book(maker.token, dep, [{ model: "YD-E8S", quantity: 20000 }]);
    expect(absurd.data?.createBooking).toMatchObject({ code: "RULE_VIOLATION", rule: "EXCEEDS_TRAIN" });
    const unknown = await book(maker.token, encodeGlobalId("Departure", "nope"), [{ model: "YD-E8S", quantity: 1 }]);
    expect(unknown.data?.createBooking).toMatchObject({ code: "NOT_FOUND", message: "Departure was not found." });
    const notMine = await book(otherMaker.token, dep, [{ model: "YD-E8S", quantity: 1 }]);
    expect(notMine.data?.createBooking).toMatchObject({ code: "NOT_FOUND", message: "Vehicle model was not found." });
    expect(await tableCounts(t)).toEqual(before);
  });

  it("says what is wrong with the input in the caller's language", async () => {
    const dep = await schedule({ departsAt: inDays(9) });
    const QUERY = `mutation($input: CreateBookingInput!) { createBooking(input: $input) { __typename ... on ValidationError { message fieldErrors { path message } } } }`;
    const input = { idempotencyKey: randomUUID(), request: { departureId: dep, mode: "LCL", lines: [] } };
    const zh = await gql<{ createBooking: { message: string; fieldErrors: { message: string }[] } }>(
      t.app,
      QUERY,
      { input },
      { token: maker.token, headers: { "accept-language": "zh-CN,zh;q=0.9" } },
    );
    expect(zh.data?.createBooking).toMatchObject({ message: "请至少添加一条货物明细。", fieldErrors: [{ message: "请至少添加一条货物明细。" }] });
    const en = await gql<{ createBooking: { message: string } }>(t.app, QUERY, { input }, { token: maker.token });
    expect(en.data?.createBooking.message).toBe("Add at least one cargo line.");
  });

  it("refuses booking after the cut-off", async () => {
    const dep = await schedule({ departsAt: inDays(1) }); // CN-LA cut-off is 36 h before
    const r = await book(maker.token, dep, [{ model: "YD-E8S", quantity: 1 }]);
    expect(r.data?.createBooking).toMatchObject({ code: "RULE_VIOLATION", rule: "CUTOFF_PASSED" });
  });

  it("refuses lithium the corridor does not accept, with the reason", async () => {
    const dep = await schedule({ departsAt: inDays(6) });
    const r = await book(maker.token, dep, [{ model: "TG-BAT72", quantity: 10 }]);
    expect(r.data?.createBooking).toMatchObject({ rule: "LITHIUM_REFUSED", message: "TG-BAT72: UN3480 lithium cargo is not accepted in CN on this corridor." });
  });

  it("never overbooks under concurrent last-slot bookings; the rest are waitlisted", async () => {
    const dep = await schedule({ departsAt: inDays(8), capacityFeu: 1 });
    // each booking of 20 e-motorcycle crates takes ~0.42 FEU: only two fit in one FEU
    const results = await Promise.all(Array.from({ length: 6 }, () => book(maker.token, dep, [{ model: "YD-E8S", quantity: 20 }])));
    const statuses = results.map((r) => r.data?.createBooking.data?.booking.status).sort();
    expect(statuses).toEqual(["CONFIRMED", "CONFIRMED", "WAITLISTED", "WAITLISTED", "WAITLISTED", "WAITLISTED"]);
    const d = await t.db.departure.findFirstOrThrow({ where: { bookings: { some: {} }, capacityFeu: 1 } });
    expect(d.bookedMilliFeu).toBeLessThanOrEqual(1000);
    const confirmed = await t.db.booking.aggregate({ where: { departureId: d.id, status: "CONFIRMED" }, _sum: { milliFeu: true } });
    expect(confirmed._sum.milliFeu).toBe(d.bookedMilliFeu);

    // cancelling a confirmed booking confirms the oldest waitlisted one
    const cancelled = results.find((r) => r.data?.createBooking.data?.booking.status === "CONFIRMED")?.data?.createBooking.data?.booking.id;
    const c = await gql(
      t.app,
      `mutation($input: CancelBookingInput!) { cancelBooking(input: $input) { __typename ... on CancelBookingSuccess { data { status cancellationFee { amountMinor } } } } }`,
      { input: { bookingId: cancelled } },
      { token: maker.token },
    );
    expect(c.data).toMatchObject({ cancelBooking: { data: { status: "CANCELLED", cancellationFee: { amountMinor: 0 } } } });
    expect(await t.db.booking.count({ where: { departureId: d.id, status: "CONFIRMED" } })).toBe(2);
  });
});

describe("visibility, rolls and milestones", () => {
  it("shows a shipment to its maker, its dealer and the operator, and moves it along with milestones", async () => {
    const dep = await schedule({ departsAt: inDays(5) });
    const later = await schedule({ departsAt: inDays(12) });
    const dealerId = encodeGlobalId("Organization", dealer.org.id);
    const r = await book(maker.token, dep, [{ model: "YD-G5", quantity: 8 }], { consigneeId: dealerId });
    const bookingId = r.data?.createBooking.data?.booking.id ?? "";
    const seen = async (token: string) =>
      (await gql<{ node: { reference: string } | null }>(t.app, `query($id: ID!) { node(id: $id) { ... on Booking { reference status } } }`, { id: bookingId }, { token })).data
        ?.node;
    expect(await seen(dealer.token)).toMatchObject({ reference: r.data?.createBooking.data?.booking.reference });
    expect(await seen(operator.token)).toBeTruthy();
    expect(await seen(otherMaker.token)).toBeNull();

    // the operator offers a roll; the maker accepts; capacity moves with it
    const offer = await gql(
      t.app,
      `mutation($input: OfferRollInput!) { offerRoll(input: $input) { __typename ... on OfferRollSuccess { data { status rollOfferedTo { id } } } } }`,
      { input: { bookingId, toDepartureId: later } },
      { token: operator.token },
    );
    expect(offer.data).toMatchObject({ offerRoll: { data: { status: "ROLL_OFFERED", rollOfferedTo: { id: later } } } });
    const accept = await gql<{ respondToRoll: { data: { id: string; status: string; departure: { id: string } } } }>(
      t.app,
      `mutation($input: RespondToRollInput!) { respondToRoll(input: $input) { __typename ... on RespondToRollSuccess { data { id status departure { id } } } } }`,
      { input: { bookingId, accept: true } },
      { token: maker.token },
    );
    expect(accept.data?.respondToRoll.data).toMatchObject({ status: "CONFIRMED", departure: { id: later } });
    const moved = accept.data?.respondToRoll.data.id ?? "";

    const milestone = (type: string, stationCode: string | null, occurredAt: string) =>
      gql(
        t.app,
        `mutation($input: RecordMilestoneInput!) { recordMilestone(input: $input) { __typename ... on RecordMilestoneSuccess { data { status etaAt } } ... on DomainError { message } } }`,
        { input: { departureId: later, type, stationCode, occurredAt } },
        { token: operator.token },
      );
    const departed = await milestone("DEPARTED", "CNCKG-TJC", new Date(Date.now() - 3_600_000).toISOString());
    expect(departed.data).toMatchObject({ recordMilestone: { data: { status: "DEPARTED" } } });
    const etaAfterDeparture = (departed.data as { recordMilestone: { data: { etaAt: string } } }).recordMilestone.data.etaAt;
    // One container's milestone: a real container number is taken, the train's ETA stays; the
    // plan's numbering needs a locked plan, and anything else is refused.
    const box = (containerRef: string) =>
      gql<{ recordMilestone: { __typename: string; message?: string; data?: { etaAt: string } } }>(
        t.app,
        `mutation($input: RecordMilestoneInput!) { recordMilestone(input: $input) { __typename ... on RecordMilestoneSuccess { data { etaAt } } ... on DomainError { message } } }`,
        { input: { departureId: later, type: "CUSTOMS_CLEARED", stationCode: null, containerRef, occurredAt: new Date(Date.now() - 1_800_000).toISOString() } },
        { token: operator.token },
      );
    expect((await box("mskU1234565")).data?.recordMilestone).toEqual({ __typename: "RecordMilestoneSuccess", data: { etaAt: etaAfterDeparture } });
    expect((await box("2")).data?.recordMilestone).toMatchObject({ __typename: "ValidationError", message: expect.stringContaining("once the plan is locked") });
    expect((await box("box 7")).data?.recordMilestone.__typename).toBe("ValidationError");
    // the dealer follows the booking that moved to the later train
    const inbound = await gql(t.app, `query($id: ID!) { node(id: $id) { ... on Booking { status } } }`, { id: moved }, { token: dealer.token });
    expect(inbound.data).toEqual({ node: { status: "IN_TRANSIT" } });
    const future = await milestone("ARRIVED", "LAVTE", inDays(3));
    expect(future.data).toMatchObject({ recordMilestone: { __typename: "ValidationError" } });
    const arrived = await milestone("ARRIVED", "LAVTE", new Date().toISOString());
    expect(arrived.data).toMatchObject({ recordMilestone: { data: { status: "ARRIVED" } } });
    const status = await gql(t.app, `query($id: ID!) { node(id: $id) { ... on Booking { status } } }`, { id: moved }, { token: maker.token });
    expect(status.data).toEqual({ node: { status: "ARRIVED" } });
  });
});

describe("live updates", () => {
  it("streams a shipment's changes over server-sent events, and only to those who may see it", async () => {
    const dep = await schedule({ departsAt: inDays(5) });
    const r = await book(maker.token, dep, [{ model: "YD-G5", quantity: 4 }]);
    const bookingId = r.data?.createBooking.data?.booking.id ?? "";
    const query = `subscription($id: ID!) { shipmentUpdates(bookingId: $id) { reference status departure { status } } }`;
    const open = (token: string) =>
      t.app.fetch("http://corridor.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { id: bookingId } }),
      });

    /** Reads server-sent events until the pattern shows up (or the stream ends), then closes it. */
    async function readUntil(res: Response, pattern: RegExp, whileWaiting?: () => Promise<unknown>) {
      const reader = res.body?.getReader();
      if (!reader) throw new Error("no stream");
      const decoder = new TextDecoder();
      let text = "";
      let acted = false;
      while (!pattern.test(text)) {
        const chunk = reader.read();
        if (!acted && whileWaiting) {
          acted = true;
          // the subscription is attached once its first (keep-alive) bytes arrive
          await new Promise((ok) => setTimeout(ok, 100));
          await whileWaiting();
        }
        const { value, done } = await chunk;
        if (done) break;
        text += decoder.decode(value);
      }
      await reader.cancel();
      return text;
    }

    expect(await readUntil(await open(otherMaker.token), /NOT_FOUND|"data"/)).toMatch(/NOT_FOUND/);

    const res = await open(maker.token);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const text = await readUntil(res, /IN_TRANSIT/, () =>
      gql(
        t.app,
        `mutation($input: RecordMilestoneInput!) { recordMilestone(input: $input) { __typename } }`,
        { input: { departureId: dep, type: "DEPARTED", stationCode: "CNCKG-TJC", occurredAt: new Date(Date.now() - 60_000).toISOString() } },
        { token: operator.token },
      ),
    );
    expect(text).toMatch(/"status":"IN_TRANSIT".*"departure":\{"status":"DEPARTED"\}/);
  });
});

describe("consolidation", () => {
  it("plans a train's LCL cargo into containers, shows each maker only its own, and locks at cut-off", async () => {
    const dep = await schedule({ departsAt: inDays(7) });
    const a = await book(maker.token, dep, [
      { model: "YD-E8S", quantity: 40 },
      { model: "YD-SKD8", quantity: 40 },
    ]);
    const b = await book(maker.token, dep, [{ model: "YD-G5", quantity: 30 }]);
    expect([a, b].map((r) => r.data?.createBooking.data?.booking.status)).toEqual(["CONFIRMED", "CONFIRMED"]);
    const run = await gql<{
      runConsolidation: {
        data: {
          id: string;
          containersUsed: number;
          lowerBound: number;
          ratio: number;
          unplaced: string[];
          containers: { crates: number; topViewSvg: string; bookingReferences: string[] }[];
        };
      };
    }>(
      t.app,
      `mutation($input: RunConsolidationInput!) { runConsolidation(input: $input) { __typename ... on RunConsolidationSuccess { data { id containersUsed lowerBound ratio unplaced containers { crates topViewSvg bookingReferences } } } ... on DomainError { message } } }`,
      { input: { departureId: dep } },
      { token: operator.token },
    );
    const plan = run.data?.runConsolidation.data;
    if (!plan) throw new Error(JSON.stringify(run));
    expect(plan.unplaced).toEqual([]);
    expect(plan.containersUsed).toBeGreaterThanOrEqual(plan.lowerBound);
    expect(plan.containers.reduce((s, c) => s + c.crates, 0)).toBe(40 + 10 + 30);
    expect(plan.containers[0]?.topViewSvg).toMatch(/^<svg/);
    // One container's pictures on their own (the web fetches them as each card comes into view).
    const one = await gql<{ node: { container: { index: number; topViewSvg: string; sideViewSvg: string } | null; none: { index: number } | null } }>(
      t.app,
      `query($id: ID!) { node(id: $id) { ... on ConsolidationPlan { container(index: 0) { index topViewSvg sideViewSvg } none: container(index: 99) { index } } } }`,
      { id: plan.id },
      { token: operator.token },
    );
    expect(one.data?.node.container).toMatchObject({ index: 0, topViewSvg: plan.containers[0]?.topViewSvg });
    expect(one.data?.node.container?.sideViewSvg).toMatch(/^<svg/);
    expect(one.data?.node.none).toBeNull();

    const mine = await gql<{ node: { containers: { crates: number }[] } }>(
      t.app,
      `query($id: ID!) { node(id: $id) { ... on Booking { containers { index typeCode crates } } } }`,
      { id: a.data?.createBooking.data?.booking.id },
      { token: maker.token },
    );
    expect(mine.data?.node.containers.reduce((s, c) => s + c.crates, 0)).toBe(50);
    const peek = await gql(t.app, `query($id: ID!) { node(id: $id) { ... on Departure { plan { id } } } }`, { id: dep }, { token: maker.token });
    expect(peek.data).toEqual({ node: { plan: null } });
    expect(peek.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // a booking that arrives after the plan was run makes the plan stale
    const latecomer = await book(maker.token, dep, [{ model: "YD-G5", quantity: 2 }]);
    const stale = await gql(
      t.app,
      `mutation($input: LockPlanInput!) { lockPlan(input: $input) { __typename ... on DomainError { code message } } }`,
      { input: { planId: plan.id } },
      { token: operator.token },
    );
    expect(stale.data).toMatchObject({ lockPlan: { code: "CONFLICT", message: expect.stringMatching(/run consolidation again/) } });
    await gql(
      t.app,
      `mutation($input: CancelBookingInput!) { cancelBooking(input: $input) { __typename } }`,
      { input: { bookingId: latecomer.data?.createBooking.data?.booking.id } },
      { token: maker.token },
    );

    const lock = await gql(
      t.app,
      `mutation($input: LockPlanInput!) { lockPlan(input: $input) { __typename ... on LockPlanSuccess { data { status } } } }`,
      { input: { planId: plan.id } },
      { token: operator.token },
    );
    expect(lock.data).toEqual({ lockPlan: { __typename: "LockPlanSuccess", data: { status: "LOCKED" } } });
    const after = await gql(
      t.app,
      `query($id: ID!) { node(id: $id) { ... on Booking { status departure { status } } } }`,
      { id: b.data?.createBooking.data?.booking.id },
      { token: maker.token },
    );
    expect(after.data).toEqual({ node: { status: "PLANNED", departure: { status: "CLOSED" } } });
    const late = await book(maker.token, dep, [{ model: "YD-G5", quantity: 1 }]);
    expect(late.data?.createBooking).toMatchObject({ rule: "CUTOFF_PASSED" });
  });
});

describe("catalog", () => {
  const MODELS = `query($search: String) { vehicleModels(search: $search) { edges { node { code containerFit { containerType cratesPerLayer tiers crates units limitedBy } } } } }`;
  const CREATE = `mutation($input: VehicleModelInput!) { createVehicleModel(input: $input) { __typename ... on DomainError { code message } ... on RuleViolationError { rule } } }`;
  const model = (code: string, extra: Record<string, unknown>) => ({
    code,
    name: code,
    category: "KIT",
    packaging: "SKD",
    unitsPerCrate: 2,
    crateLengthMm: 1200,
    crateWidthMm: 1000,
    crateHeightMm: 1000,
    crateGrossKg: 400,
    stackLimit: 2,
    mayTurn: true,
    unNumber: "NONE",
    ...extra,
  });

  it("says how many crates of a model fill each container type: 36 e-motorcycle crates per 40HQ", async () => {
    const r = await gql<{ vehicleModels: { edges: { node: { code: string; containerFit: { containerType: string; crates: number; tiers: number; limitedBy: string }[] } }[] } }>(
      t.app,
      MODELS,
      { search: "YD-E8S" },
      { token: maker.token },
    );
    const fit = r.data?.vehicleModels.edges[0]?.node.containerFit;
    expect(fit?.find((f) => f.containerType === "40HQ")).toMatchObject({ crates: 36, tiers: 2, limitedBy: "PATTERN" });
  });

  it("a heavy crate is limited by the payload, not the floor", async () => {
    await gql(t.app, CREATE, { input: model("HEAVY-KIT", { crateGrossKg: 2_000 }) }, { token: maker.token });
    const r = await gql<{ vehicleModels: { edges: { node: { containerFit: { containerType: string; crates: number; units: number; limitedBy: string }[] } }[] } }>(
      t.app,
      MODELS,
      { search: "HEAVY-KIT" },
      { token: maker.token },
    );
    const fit = r.data?.vehicleModels.edges[0]?.node.containerFit.find((f) => f.containerType === "40HQ");
    // 26,500 kg payload ÷ 2,000 kg = 13 crates (of 2 units each), though the floor holds more
    expect(fit).toMatchObject({ crates: 13, units: 26, limitedBy: "PAYLOAD" });
  });

  it("refuses a crate no container door passes, with the door's size", async () => {
    const r = await gql(t.app, CREATE, { input: model("TOO-TALL", { crateHeightMm: 2_700 }) }, { token: maker.token });
    expect(r.data?.createVehicleModel).toMatchObject({ rule: "CRATE_TOO_LARGE" });
  });
});
