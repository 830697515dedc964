import { expect, type Page, test } from "@playwright/test";
import type { AppLocale } from "../src/i18n/config";
import { chooseLanguage, dictionaries, mainNav, open, signIn } from "./support";

const LOCALES: AppLocale[] = ["en", "zh-CN"];

/** Chooses an option of an antd Select: opens it, then clicks the option showing `text`. */
/**
 * Chooses an option of an Ant Design select and checks it took: a click that lands while a
 * modal is still animating in can be lost, so the choice is retried until the select shows it.
 */
async function pick(page: Page, combobox: ReturnType<Page["getByRole"]>, text: string | RegExp): Promise<void> {
  // the select's outermost element: it shows the chosen option's label
  const select = combobox.locator("xpath=ancestor::*[contains(@class, 'ant-select')][last()]");
  await expect(async () => {
    await combobox.click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: text }).first().click({ timeout: 2_000 });
    await expect(select).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

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
