import { type Browser, expect, type Page, test } from "@playwright/test";
import type { AppLocale } from "../src/i18n/config";
import { chooseLanguage, dictionaries, mainNav, open, pick, signIn } from "./support";

const LOCALES: AppLocale[] = ["en", "zh-CN"];

async function signInAs(page: Page, locale: AppLocale, email: string): Promise<void> {
  await page.context().clearCookies();
  await open(page, "/login");
  await chooseLanguage(page, locale);
  await signIn(page, locale, email);
  await expect(page).toHaveURL(/\/$/);
}

for (const locale of LOCALES) {
  const t = dictionaries[locale];
  const f = t.freight;

  test.describe(`freight in ${locale}`, () => {
    test("a maker books LCL on China–Laos, the operator departs the train, the maker sees it in transit", async ({ page }) => {
      test.setTimeout(120_000);

      // The maker finds a bookable China–Laos train on the board.
      await signInAs(page, locale, "maker@yadea.demo");
      await mainNav(page, locale).getByRole("link", { name: t.nav.freightBooking, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: f.boardTitle })).toBeVisible();
      await pick(page, page.getByRole("combobox", { name: f.corridor }), "(CN-LA)");
      const bookLink = page.getByRole("link", { name: new RegExp(`^${f.book} CN-LA`) }).first();
      await expect(bookLink).toBeVisible();
      await expect(page.getByRole("progressbar").first()).toBeVisible();
      const departureCode = ((await bookLink.getAttribute("aria-label")) ?? "").slice(f.book.length + 1);
      expect(departureCode).toMatch(/^CN-LA/);
      await bookLink.click();

      // The wizard: departure (already chosen) → cargo → consignee → quote and book.
      await expect(page.getByRole("heading", { level: 1, name: f.wizard.title })).toBeVisible();
      await expect(page.getByText(departureCode).first()).toBeVisible();
      await page.getByRole("button", { name: f.wizard.next }).click();
      await pick(page, page.getByRole("combobox", { name: `${f.wizard.model} 1` }), "YD-E8S");
      await page.getByRole("spinbutton", { name: `${f.wizard.quantity} 1` }).fill("12");
      await expect(page.getByTestId("quote-total")).toBeVisible();
      await page.getByRole("button", { name: f.wizard.next }).click();
      await pick(page, page.getByRole("combobox", { name: f.wizard.consignee }), "Vientiane");
      await page.getByRole("button", { name: f.wizard.next }).click();
      await expect(page.getByTestId("quote-total")).toHaveText(/\d/);
      // A double click books once: the wizard sends one idempotency key.
      await page.getByRole("button", { name: f.wizard.submit }).dblclick();

      await expect(page).toHaveURL(/\/shipments\/[^/]+$/);
      const heading = page.getByRole("heading", { level: 1 });
      await expect(heading).toHaveText(/[A-Z0-9-]{6,}/);
      const reference = ((await heading.textContent()) ?? "").replace(f.detail.titleFor.replace("{reference}", "").trim(), "").trim();
      const shipmentUrl = page.url();
      await expect(page.getByTestId("booking-status")).toHaveText(f.bookingStatus.CONFIRMED);
      await expect(page.getByTestId("shipment-eta")).toHaveText(/\d/);

      // It is listed under "my shipments", once.
      await mainNav(page, locale).getByRole("link", { name: t.nav.shipments, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: f.shipments.title })).toBeVisible();
      await expect(page.getByRole("link", { name: f.shipments.view.replace("{reference}", reference), exact: true })).toHaveCount(1);

      // The operator opens the train and records that it departed.
      await signInAs(page, locale, "ops@minsheng.demo");
      await mainNav(page, locale).getByRole("link", { name: t.nav.departures, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: f.operator.title })).toBeVisible();
      await pick(page, page.getByRole("combobox", { name: f.corridor }), "(CN-LA)");
      await page.getByRole("link", { name: departureCode, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: f.operator.departureTitle.replace("{code}", departureCode) })).toBeVisible();
      await expect(page.getByRole("cell", { name: reference, exact: true })).toBeVisible();
      await expect(page.getByTestId("departure-eta")).toHaveText(/\d/);
      await pick(page, page.getByRole("combobox", { name: f.operator.milestoneType }), f.milestoneType.DEPARTED);
      await page.getByRole("button", { name: f.operator.record }).click();
      await expect(page.getByTestId("departure-status")).toHaveText(f.departureStatus.DEPARTED);
      await expect(page.getByTestId("milestones")).toContainText(f.milestoneType.DEPARTED);

      // The maker sees the shipment in transit, with the milestone on its timeline.
      await signInAs(page, locale, "maker@yadea.demo");
      await open(page, new URL(shipmentUrl).pathname);
      await expect(page.getByTestId("booking-status")).toHaveText(f.bookingStatus.IN_TRANSIT);
      await expect(page.getByTestId("milestones")).toContainText(f.milestoneType.DEPARTED);
    });
  });
}

/** Calls the API through the web's same-origin proxy with the page's session (set up data quickly). */
async function api<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await page.request.post("/graphql", { data: { query, variables }, headers: { "content-type": "application/json" } });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body));
  return body.data;
}

const tariff = { currencyCode: "CNY", lclPerWmMinor: 52000, wmKgPerCbm: 1000, fcl40Minor: 2_100_000, fcl20Minor: 1_400_000 };

/** Schedules a China–Laos departure `days` from now as the signed-in operator; returns its ID and code. */
async function scheduleTrain(page: Page, days: number): Promise<{ id: string; code: string }> {
  const departsAt = new Date(Date.now() + days * 86_400_000 + Math.floor(Math.random() * 3_600_000)).toISOString();
  const data = await api<{ scheduleDeparture: { data?: { id: string; code: string } } }>(
    page,
    `mutation($input: ScheduleDepartureInput!) { scheduleDeparture(input: $input) { ... on ScheduleDepartureSuccess { data { id code } } ... on DomainError { message } } }`,
    { input: { corridorCode: "CN-LA", departsAt, ...tariff } },
  );
  if (!data.scheduleDeparture.data) throw new Error(JSON.stringify(data));
  return data.scheduleDeparture.data;
}

/** The signed-in maker's vehicle model with this code. */
async function modelId(page: Page, code: string): Promise<string | undefined> {
  const models = await api<{ vehicleModels: { edges: Array<{ node: { id: string; code: string } }> } }>(
    page,
    `query($code: String) { vehicleModels(search: $code) { edges { node { id code } } } }`,
    { code },
  );
  return models.vehicleModels.edges.find((e) => e.node.code === code)?.node.id;
}

/** Books LCL e-motorcycles (YD-E8S, one per crate) as the signed-in maker. */
async function bookCrates(page: Page, departureId: string, quantity: number): Promise<{ id: string; reference: string }> {
  const model = await modelId(page, "YD-E8S");
  const data = await api<{ createBooking: { data?: { booking: { id: string; reference: string; status: string } } } }>(
    page,
    `mutation($input: CreateBookingInput!) { createBooking(input: $input) { ... on CreateBookingSuccess { data { booking { id reference status } } } ... on DomainError { message } } }`,
    { input: { idempotencyKey: crypto.randomUUID(), request: { departureId, mode: "LCL", lines: [{ vehicleModelId: model, quantity }] } } },
  );
  const booking = data.createBooking.data?.booking;
  if (booking?.status !== "CONFIRMED") throw new Error(JSON.stringify(data));
  return booking;
}

/** A second signed-in person in their own browser context, with the same settings as the test's. */
async function secondPerson(browser: Browser, locale: AppLocale, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "en-US", timezoneId: "Asia/Shanghai", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signInAs(page, locale, email);
  return page;
}

for (const locale of LOCALES) {
  const t = dictionaries[locale];
  const f = t.freight;
  const o = f.operator;

  test(`operator plans containers, moves a booking by hand and locks; the maker sees it live (${locale})`, async ({ page, browser }) => {
    test.setTimeout(150_000);
    await signInAs(page, locale, "ops@minsheng.demo");
    const train = await scheduleTrain(page, 30 + LOCALES.indexOf(locale));

    // The maker books two lots on it, then keeps the second shipment's page open.
    const maker = await secondPerson(browser, locale, "maker@yadea.demo");
    const a = await bookCrates(maker, train.id, 30);
    const b = await bookCrates(maker, train.id, 10);
    // A refusal says why in the portal's language (the proxy passes it on; the code stays the same).
    const tooMuch = await api<{ createBooking: { rule?: string; message?: string } }>(
      maker,
      `mutation($input: CreateBookingInput!) { createBooking(input: $input) { ... on RuleViolationError { rule message } } }`,
      {
        input: {
          idempotencyKey: crypto.randomUUID(),
          request: { departureId: train.id, mode: "LCL", lines: [{ vehicleModelId: await modelId(maker, "YD-E8S"), quantity: 20_000 }] },
        },
      },
    );
    expect(tooMuch.createBooking.rule).toBe("EXCEEDS_TRAIN");
    expect(tooMuch.createBooking.message).toContain(locale === "zh-CN" ? "超过整列班列的运力" : "needs more than the whole train");
    await open(maker, `/shipments/${encodeURIComponent(b.id)}`);
    await expect(maker.getByTestId("booking-status")).toHaveText(f.bookingStatus.CONFIRMED);
    await expect(maker.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");

    // The consolidation queue says the train needs a plan; its link opens the train.
    await mainNav(page, locale).getByRole("link", { name: t.nav.consolidation, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: f.queues.planningTitle })).toBeVisible();
    await expect(page.getByTestId(`next-step-${train.code}`)).toHaveText(f.queues.step.run);
    await page.getByRole("link", { name: train.code, exact: true }).click();

    // The operator runs consolidation and sees each container with its load-plan picture.
    await expect(page.getByRole("heading", { level: 1, name: o.departureTitle.replace("{code}", train.code) })).toBeVisible();
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
    await page.getByRole("button", { name: o.runConsolidation }).click();
    const plan = page.getByTestId("consolidation-plan");
    await expect(plan.getByTestId("plan-status")).toContainText(o.planVersion.replace("{version}", "1"));
    // Each container's pictures are fetched when its card comes into view.
    const picture = page.getByRole("img", { name: o.loadPlanAlt.replace("{n}", "1").replace("{view}", o.topView) });
    await page.getByTestId("load-plan-1").scrollIntoViewIfNeeded();
    await expect(picture).toBeVisible();
    expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500);
    await page.getByTestId("load-plan-2").scrollIntoViewIfNeeded();
    await expect(page.getByRole("img", { name: o.loadPlanAlt.replace("{n}", "2").replace("{view}", o.topView) })).toBeVisible();
    await expect(plan.getByText(o.planRatio).first()).toBeVisible();

    // 30 + 6 e-motorcycles fill one 40HQ; the other 4 of the second booking travel in a second box.
    const full = plan.locator("[data-testid^=plan-container-]").filter({ hasText: a.reference });
    const rest = plan.locator("[data-testid^=plan-container-]").filter({ hasNotText: a.reference });
    await expect(full).toHaveCount(1);
    await expect(rest).toHaveCount(1);
    const fullName = ((await full.getByTestId("container-title").textContent()) ?? "").split(" · ")[0]!;
    const restTitle = (await rest.getByTestId("container-title").textContent()) ?? "";
    const restName = restTitle.split(" · ")[0]!;
    await page.screenshot({ path: test.info().outputPath(`plan-${locale}.png`), fullPage: true });

    // Into the full container: refused, with the crates left over.
    await pick(page, rest.getByRole("combobox", { name: o.moveToLabel.replace("{reference}", b.reference) }), fullName);
    await rest
      .getByRole("row", { name: new RegExp(b.reference) })
      .getByRole("button", { name: o.move })
      .click();
    await expect(page.getByText(/does not fit: 4 of 4 crates left over/)).toBeVisible();
    await expect(plan.getByTestId("plan-status")).toContainText(o.planVersion.replace("{version}", "1"));

    // Into the container with its other crates: done, version 2, the booking in one box.
    await pick(page, full.getByRole("combobox", { name: o.moveToLabel.replace("{reference}", b.reference) }), restName);
    await full
      .getByRole("row", { name: new RegExp(b.reference) })
      .getByRole("button", { name: o.move })
      .click();
    await expect(page.getByText(o.moved.replace("{reference}", b.reference).replace("{n}", restName.replace(/\D/g, "")))).toBeVisible();
    await expect(plan.getByTestId("plan-status")).toContainText(o.planVersion.replace("{version}", "2"));
    await expect(plan.locator("[data-testid^=plan-container-]").filter({ hasText: b.reference })).toHaveCount(1);

    // Lock at cut-off.
    await plan.getByRole("button", { name: o.lockPlan }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: o.lockPlan }).click();
    await expect(plan.getByTestId("plan-status")).toContainText(o.planStatus.LOCKED);
    await expect(page.getByTestId("departure-status")).toHaveText(f.departureStatus.CLOSED);
    await page.screenshot({ path: test.info().outputPath(`locked-${locale}.png`), fullPage: true });

    // The maker's page follows without a reload: planned, then departed.
    await expect(maker.getByTestId("booking-status")).toHaveText(f.bookingStatus.PLANNED);
    // Both containers are loaded: a milestone of each container, the train stays closed.
    const boxNumber = restName.replace(/\D/g, "");
    const otherBox = fullName.replace(/\D/g, "");
    for (const box of [otherBox, boxNumber]) {
      await pick(page, page.getByRole("combobox", { name: o.milestoneType }), f.milestoneType.LOADED);
      // the box's type may have changed since (a lighter box is moved to a 20GP): its number is enough
      await pick(page, page.getByRole("combobox", { name: o.milestoneContainer }), o.containerOption.replace("{n}", box).replace("{type}", ""));
      await page.getByRole("button", { name: o.record }).click();
      await expect(page.getByTestId("milestones")).toContainText(f.queues.container.replace("{ref}", box));
    }
    await expect(page.getByTestId("departure-status")).toHaveText(f.departureStatus.CLOSED);
    // The maker sees the one box its second lot travels in, and that box's news only.
    const [before, after] = f.detail.containerCrates.replace("{n}", boxNumber).replace("{crates}", "10").split("{type}") as [string, string];
    const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await expect(maker.getByTestId("booking-containers")).toHaveText(new RegExp(`^${literal(before)}(20GP|40HQ)${literal(after)}$`));
    await expect(maker.getByTestId("milestones")).toContainText(f.queues.container.replace("{ref}", boxNumber));
    await expect(maker.getByTestId("milestones")).not.toContainText(f.queues.container.replace("{ref}", otherBox));
    await pick(page, page.getByRole("combobox", { name: o.milestoneType }), f.milestoneType.DEPARTED);
    await page.getByRole("button", { name: o.record }).click();
    await expect(page.getByTestId("departure-status")).toHaveText(f.departureStatus.DEPARTED);
    await expect(maker.getByTestId("milestones")).toContainText(f.milestoneType.DEPARTED);
    await expect(maker.getByTestId("booking-status")).toHaveText(f.bookingStatus.IN_TRANSIT);
    await maker.screenshot({ path: test.info().outputPath(`maker-live-${locale}.png`), fullPage: true });
    await maker.context().close();

    // The milestones board lists the train on its way, with the milestone just recorded.
    await mainNav(page, locale).getByRole("link", { name: t.nav.milestones, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: f.queues.transitTitle })).toBeVisible();
    await expect(page.getByTestId(`last-milestone-${train.code}`)).toContainText(f.milestoneType.DEPARTED);
  });
}

test("an operator offers a roll to a later train, and cancels a train once nobody is on it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const t = dictionaries.en;
  const o = t.freight.operator;
  await signInAs(page, "en", "ops@minsheng.demo");
  const first = await scheduleTrain(page, 40);
  const later = await scheduleTrain(page, 47);
  const maker = await secondPerson(browser, "en", "maker@yadea.demo");
  const booking = await bookCrates(maker, first.id, 4);
  await maker.context().close();

  await open(page, `/departures/${encodeURIComponent(first.id)}`);
  // The train still carries a booking: cancelling is not possible yet, and the dialog says why.
  await page.getByRole("button", { name: o.cancelDeparture }).click();
  const cancelDialog = page.getByRole("dialog", { name: o.cancelTitle.replace("{code}", first.code) });
  await expect(cancelDialog.getByTestId("cancel-affected")).toContainText(o.cancelAffected.replace("{count}", "1").slice(0, 20));
  await expect(cancelDialog.getByRole("button", { name: o.cancelConfirm })).toBeDisabled();
  await cancelDialog.locator(".ant-modal-footer").getByRole("button", { name: t.common.close }).click();

  // Offer the booking the later train, with a reason.
  await page.getByRole("button", { name: `${o.offerRoll} ${booking.reference}` }).click();
  const rollDialog = page.getByRole("dialog", { name: o.offerRollTitle.replace("{reference}", booking.reference) });
  await pick(page, rollDialog.getByRole("combobox", { name: o.rollTarget }), later.code);
  await rollDialog.getByLabel(o.reason).fill("Train over weight at the border");
  await page.screenshot({ path: test.info().outputPath("roll.png") });
  await rollDialog.getByRole("button", { name: o.offerRoll }).click();
  await expect(page.getByText(o.rollOffered.replace("{reference}", booking.reference))).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(booking.reference) }).getByTestId("booking-status")).toHaveText(t.freight.bookingStatus.ROLL_OFFERED);

  // A train nobody is on is cancelled with a reason.
  const spare = await scheduleTrain(page, 54);
  await open(page, `/departures/${encodeURIComponent(spare.id)}`);
  await page.getByRole("button", { name: o.cancelDeparture }).click();
  const dialog = page.getByRole("dialog", { name: o.cancelTitle.replace("{code}", spare.code) });
  await expect(dialog.getByTestId("cancel-affected")).toHaveText(o.cancelNone);
  await dialog.getByRole("button", { name: o.cancelConfirm }).click();
  await expect(dialog.getByText(t.common.required)).toBeVisible();
  await dialog.getByLabel(o.reason).fill("No locomotive available");
  await dialog.getByRole("button", { name: o.cancelConfirm }).click();
  await expect(page.getByText(o.departureCancelled.replace("{code}", spare.code))).toBeVisible();
  await expect(page.getByTestId("departure-status")).toHaveText(t.freight.departureStatus.CANCELLED);
});

test("a dealer sees inbound shipments with their ETA", async ({ page }) => {
  const t = dictionaries.en;
  await signInAs(page, "en", "dealer@vientiane.demo");
  await mainNav(page, "en").getByRole("link", { name: t.nav.inboundShipments, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: t.freight.shipments.inboundTitle })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: t.freight.eta })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: t.freight.shipments.maker })).toBeVisible();
});

test("an operator schedules a departure", async ({ page }) => {
  const t = dictionaries.en;
  const o = t.freight.operator;
  await signInAs(page, "en", "ops@minsheng.demo");
  await open(page, "/departures");
  await page.getByRole("button", { name: o.schedule }).click();
  const dialog = page.getByRole("dialog", { name: o.schedule });
  await pick(page, dialog.getByRole("combobox", { name: t.freight.corridor }), "(CN-LA)");
  await dialog.getByLabel(o.capacityFeu).fill("40");
  const inTenDays = new Date(Date.now() + 10 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  await dialog.getByLabel(o.departsAt).fill(`${inTenDays.getFullYear()}-${pad(inTenDays.getMonth() + 1)}-${pad(inTenDays.getDate())}T08:30`);
  await dialog.getByRole("button", { name: t.common.create }).click();
  await expect(page.getByText(/Departure .+ scheduled\./)).toBeVisible();
});

test("a maker cannot open the operator console", async ({ page }) => {
  await signInAs(page, "en", "maker@yadea.demo");
  await open(page, "/departures");
  await expect(page.getByText(dictionaries.en.errors.notFoundTitle)).toBeVisible();
});

test.describe("at tablet width", () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test("the departure board keeps its filters and gauges usable", async ({ page }) => {
    const t = dictionaries["zh-CN"];
    await signInAs(page, "zh-CN", "maker@yadea.demo");
    await open(page, "/freight/bookings");
    await expect(page.getByRole("heading", { level: 1, name: t.freight.boardTitle })).toBeVisible();
    await expect(page.getByRole("combobox", { name: t.freight.corridor })).toBeVisible();
    await expect(page.getByLabel(t.freight.fromDate)).toBeVisible();
    await expect(page.getByRole("progressbar").first()).toBeVisible();
    // The page itself does not scroll sideways; only the table does.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
