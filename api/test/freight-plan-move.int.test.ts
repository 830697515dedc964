import { randomUUID } from "node:crypto";
import { corridorRules, demoModels } from "@corridor/seeds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeGlobalId } from "../src/schema/global-id.js";
import { createTestContext, gql, personIn, type TestContext } from "./harness.js";

let t: TestContext;
let operator: Awaited<ReturnType<typeof personIn>>;
let otherOperator: Awaited<ReturnType<typeof personIn>>;
let maker: Awaited<ReturnType<typeof personIn>>;
const modelIds: Record<string, string> = {};
const tariff = { currencyCode: "USD", lclPerWmMinor: 6500, wmKgPerCbm: 1000, fcl40Minor: 280000, fcl20Minor: 180000 };
/** The database ID inside a Relay global ID. */
const rawId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

const PLAN_FIELDS = `id version status containersUsed lowerBound ratio cratesPlaced containers { index typeCode crates grossKg volumeUtilizationPct lowerBoundShare ratio topViewSvg bookings { bookingId reference crates stopCode } }`;
const MOVE = `mutation($input: MoveBookingInPlanInput!) { moveBookingInPlan(input: $input) {
  __typename
  ... on MoveBookingInPlanSuccess { data { ${PLAN_FIELDS} } }
  ... on DomainError { code message }
  ... on RuleViolationError { rule }
} }`;

interface PlanView {
  id: string;
  version: number;
  status: string;
  containersUsed: number;
  cratesPlaced: number;
  containers: Array<{
    index: number;
    crates: number;
    lowerBoundShare: number;
    ratio: number;
    topViewSvg: string;
    bookings: Array<{ bookingId: string; reference: string; crates: number }>;
  }>;
}
type MoveResult = { moveBookingInPlan: { __typename: string; code?: string; message?: string; rule?: string; data?: PlanView } };

async function schedule(destination = "CN-LA") {
  const r = await gql<{ scheduleDeparture: { data: { id: string } } }>(
    t.app,
    `mutation($input: ScheduleDepartureInput!) { scheduleDeparture(input: $input) { ... on ScheduleDepartureSuccess { data { id } } ... on DomainError { message } } }`,
    { input: { corridorCode: destination, departsAt: inDays(7), ...tariff } },
    { token: operator.token },
  );
  const id = r.data?.scheduleDeparture.data?.id;
  if (!id) throw new Error(JSON.stringify(r));
  return id;
}

async function book(departureId: string, lines: Array<{ model: string; quantity: number }>) {
  const r = await gql<{ createBooking: { data?: { booking: { id: string; reference: string; status: string } } } }>(
    t.app,
    `mutation($input: CreateBookingInput!) { createBooking(input: $input) { ... on CreateBookingSuccess { data { booking { id reference status } } } ... on DomainError { message } } }`,
    { input: { idempotencyKey: randomUUID(), request: { departureId, mode: "LCL", lines: lines.map((l) => ({ vehicleModelId: modelIds[l.model], quantity: l.quantity })) } } },
    { token: maker.token },
  );
  const booking = r.data?.createBooking.data?.booking;
  if (booking?.status !== "CONFIRMED") throw new Error(JSON.stringify(r));
  return booking;
}

async function run(departureId: string): Promise<PlanView> {
  const r = await gql<{ runConsolidation: { data?: PlanView } }>(
    t.app,
    `mutation($input: RunConsolidationInput!) { runConsolidation(input: $input) { ... on RunConsolidationSuccess { data { ${PLAN_FIELDS} } } ... on DomainError { message } } }`,
    { input: { departureId } },
    { token: operator.token },
  );
  const plan = r.data?.runConsolidation.data;
  if (!plan) throw new Error(JSON.stringify(r));
  return plan;
}

async function currentPlan(departureId: string, token = operator.token) {
  const r = await gql<{ node: { plan: PlanView | null } }>(
    t.app,
    `query($id: ID!) { node(id: $id) { ... on Departure { plan { ${PLAN_FIELDS} } } } }`,
    { id: departureId },
    { token },
  );
  return r.data?.node.plan ?? null;
}

const move = (token: string, planId: string, bookingId: string, toContainer: number) => gql<MoveResult>(t.app, MOVE, { input: { planId, bookingId, toContainer } }, { token });

const containerOf = (plan: PlanView, bookingId: string) => plan.containers.filter((c) => c.bookings.some((b) => b.bookingId === bookingId)).map((c) => c.index);

beforeAll(async () => {
  t = await createTestContext();
  await t.seed.referenceData();
  operator = await personIn(t, "LOGISTICS_OPERATOR");
  otherOperator = await personIn(t, "LOGISTICS_OPERATOR");
  for (const r of corridorRules) await t.db.corridorRule.create({ data: { ...r, operatorOrgId: operator.org.id } });
  maker = await personIn(t, "MANUFACTURER");
  for (const m of demoModels["yadea-cq"] ?? []) {
    const created = await t.db.vehicleModel.create({ data: { ...m, makerOrgId: maker.org.id } });
    modelIds[m.code] = encodeGlobalId("VehicleModel", created.id);
  }
});
afterAll(() => t?.close());

/** Two bookings of e-motorcycles on a new China–Laos train, planned. */
async function twoContainers(big: number, small: number) {
  const dep = await schedule();
  const a = await book(dep, [{ model: "YD-E8S", quantity: big }]);
  const b = await book(dep, [{ model: "YD-E8S", quantity: small }]);
  const plan = await run(dep);
  return { dep, a, b, plan };
}

describe("moving a booking between containers", () => {
  it("refuses a move into a full container, moves into one with room, saves the next plan version, writes an audit row", async () => {
    // 30 + 10 e-motorcycles (YD-E8S, 36 per 40HQ): A and 6 of B fill one container, B's other 4 go in a second.
    const { dep, a, b, plan } = await twoContainers(30, 10);
    const aId = a.id;
    const bId = b.id;
    expect(plan.containersUsed).toBe(2);
    const full = plan.containers.find((c) => c.bookings.some((x) => x.bookingId === aId))!;
    const rest = plan.containers.find((c) => c !== full)!;
    expect(full.crates).toBe(36);
    expect(full.ratio).toBe(1);
    expect(rest.bookings).toEqual([expect.objectContaining({ bookingId: bId, crates: 4 })]);
    // the planner moved those 4 into the smallest box that holds them
    expect(rest.lowerBoundShare).toBeGreaterThan(0);
    expect(rest.lowerBoundShare).toBeLessThan(0.5);
    expect(rest.ratio).toBeCloseTo(1 / rest.lowerBoundShare, 2);

    const refused = await move(operator.token, plan.id, bId, full.index);
    expect(refused.data?.moveBookingInPlan).toMatchObject({
      __typename: "RuleViolationError",
      code: "RULE_VIOLATION",
      rule: "MOVE_DOES_NOT_FIT",
      message: `${b.reference} cannot move to container ${full.index + 1}: does not fit: 4 of 4 crates left over (container ${full.index + 1}, 40HQ, has no free space for them within its size, stack limits and unloading order).`,
    });
    expect(await currentPlan(dep)).toMatchObject({ id: plan.id, version: plan.version, status: "DRAFT" });

    const before = await t.db.auditLog.count({ where: { action: "plan.moveBooking" } });
    const ok = await move(operator.token, plan.id, bId, rest.index);
    const moved = ok.data?.moveBookingInPlan.data;
    if (!moved) throw new Error(JSON.stringify(ok));
    expect(moved).toMatchObject({ version: plan.version + 1, status: "DRAFT", containersUsed: 2, cratesPlaced: 40 });
    expect(moved.id).not.toBe(plan.id);
    expect(containerOf(moved, bId)).toEqual([rest.index]);
    expect(moved.containers.map((c) => c.crates).sort()).toEqual([10, 30]);
    expect(await currentPlan(dep)).toMatchObject({ id: moved.id });
    const old = await t.db.consolidationPlan.findUniqueOrThrow({ where: { id: rawId(plan.id) } });
    expect(old.status).toBe("SUPERSEDED");
    expect(await t.db.auditLog.count({ where: { action: "plan.moveBooking" } })).toBe(before + 1);

    // the maker sees its booking in one container now
    const mine = await gql<{ node: { containers: Array<{ index: number; crates: number }> } }>(
      t.app,
      `query($id: ID!) { node(id: $id) { ... on Booking { containers { index crates } } } }`,
      { id: bId },
      { token: maker.token },
    );
    expect(mine.data?.node.containers).toEqual([{ index: rest.index, crates: 10 }]);

    // the superseded version can no longer be changed: optimistic concurrency
    const stale = await move(operator.token, plan.id, aId, rest.index);
    expect(stale.data?.moveBookingInPlan).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/changed since you opened it/) });
    expect(await currentPlan(dep)).toMatchObject({ id: moved.id, version: moved.version });
  });

  it("refuses bad containers, a locked plan, another operator and a maker, and changes nothing", async () => {
    const { dep, a, b, plan } = await twoContainers(30, 10);
    const bId = b.id;
    const aId = a.id;
    const target = plan.containers.find((c) => !c.bookings.some((x) => x.bookingId === aId))!.index;

    const bad = await move(operator.token, plan.id, bId, 9);
    expect(bad.data?.moveBookingInPlan).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    const neg = await move(operator.token, plan.id, bId, -1);
    expect(neg.data?.moveBookingInPlan).toMatchObject({ code: "VALIDATION" });

    const foreign = await move(otherOperator.token, plan.id, bId, target);
    expect(foreign.data?.moveBookingInPlan).toMatchObject({ code: "NOT_FOUND" });
    const byMaker = await move(maker.token, plan.id, bId, target);
    expect(byMaker.data?.moveBookingInPlan ?? byMaker.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(await currentPlan(dep)).toMatchObject({ id: plan.id, version: plan.version });

    const lock = await gql(
      t.app,
      `mutation($input: LockPlanInput!) { lockPlan(input: $input) { __typename ... on DomainError { message } } }`,
      { input: { planId: plan.id } },
      { token: operator.token },
    );
    expect(lock.data).toMatchObject({ lockPlan: { __typename: "LockPlanSuccess" } });
    const locked = await move(operator.token, plan.id, bId, target);
    expect(locked.data?.moveBookingInPlan).toMatchObject({ code: "CONFLICT", message: "The plan is locked; this train's load is final." });
    expect(await currentPlan(dep)).toMatchObject({ id: plan.id, status: "LOCKED" });
    expect(await t.db.consolidationPlan.count({ where: { departure: { id: rawId(dep) } } })).toBe(1);
  });
});

describe("operator actions around a departure", () => {
  it("offers a roll with a reason and cancels an empty departure with a reason; a busy one is refused", async () => {
    const dep = await schedule();
    const later = await gql<{ scheduleDeparture: { data: { id: string } } }>(
      t.app,
      `mutation($input: ScheduleDepartureInput!) { scheduleDeparture(input: $input) { ... on ScheduleDepartureSuccess { data { id } } } }`,
      { input: { corridorCode: "CN-LA", departsAt: inDays(14), ...tariff } },
      { token: operator.token },
    );
    const laterId = later.data?.scheduleDeparture.data.id;
    const b = await book(dep, [{ model: "YD-E8S", quantity: 4 }]);
    const busy = await gql(
      t.app,
      `mutation($input: CancelDepartureInput!) { cancelDeparture(input: $input) { __typename ... on DomainError { code message } } }`,
      { input: { departureId: dep, reason: "locomotive shortage" } },
      { token: operator.token },
    );
    expect(busy.data).toMatchObject({ cancelDeparture: { code: "CONFLICT", message: expect.stringMatching(/1 booking\(s\) are still on this train/) } });

    const roll = await gql(
      t.app,
      `mutation($input: OfferRollInput!) { offerRoll(input: $input) { __typename ... on OfferRollSuccess { data { status rollOfferedTo { id } } } ... on DomainError { message } } }`,
      { input: { bookingId: b.id, toDepartureId: laterId, reason: "train over weight" } },
      { token: operator.token },
    );
    expect(roll.data).toMatchObject({ offerRoll: { __typename: "OfferRollSuccess", data: { status: "ROLL_OFFERED", rollOfferedTo: { id: laterId } } } });
    const rollAudit = await t.db.auditLog.findFirstOrThrow({ where: { action: "booking.offerRoll", targetId: rawId(b.id) } });
    expect(rollAudit.after).toMatchObject({ reason: "train over weight" });

    const empty = await schedule();
    const cancel = await gql(
      t.app,
      `mutation($input: CancelDepartureInput!) { cancelDeparture(input: $input) { __typename ... on CancelDepartureSuccess { data { status } } ... on DomainError { message } } }`,
      { input: { departureId: empty, reason: "  locomotive shortage  " } },
      { token: operator.token },
    );
    expect(cancel.data).toEqual({ cancelDeparture: { __typename: "CancelDepartureSuccess", data: { status: "CANCELLED" } } });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "departure.cancel", targetId: rawId(empty) } });
    expect(audit.after).toMatchObject({ status: "CANCELLED", reason: "locomotive shortage" });
  });
});
