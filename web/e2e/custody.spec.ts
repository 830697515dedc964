import { mkdirSync } from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import type { AppLocale } from "../src/i18n/config";
import publicEn from "../src/i18n/public/en";
import publicZh from "../src/i18n/public/zh-CN";
import { withVinCheckDigit } from "../src/lib/vehicles/csv";
import { chooseLanguage, dictionaries, gql, mainNav, open, signedIn, signIn } from "./support";

// Custody recording in the web: the logistics operator records that a vehicle was shipped, the
// dealer records its delivery, and the public verify page lists both. The demo data has no
// vehicles, so each test registers one as the maker through the API first (as verify.spec.ts).

const SCREENSHOTS = process.env.CUSTODY_SCREENSHOTS ?? "test-results/custody-screenshots";
const LOCALES: AppLocale[] = ["en", "zh-CN"];

/**
 * Clicks "Record" once the previous run has finished. Found by test id: antd spaces out a
 * two-character Chinese label ("记 录") and prefixes "loading" while a run is going, so the
 * accessible name is not stable.
 */
async function record(page: Page): Promise<void> {
  const button = page.getByTestId("custody-record");
  await expect(button).not.toHaveClass(/ant-btn-loading/);
  await button.click();
}

/** A fresh vehicle registered by the demo maker; returns its VIN. */
async function registeredVehicle(baseURL: string): Promise<string> {
  const vin = withVinCheckDigit(`LYDEE8S00TC${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`);
  const maker = await signedIn(baseURL, "maker@yadea.demo");
  const registered = await gql<{ registerVehicles: { __typename: string; data?: { importedRows: number } } }>(
    maker,
    "mutation ($input: RegisterVehiclesInput!) { registerVehicles(input: $input) { __typename ... on RegisterVehiclesSuccess { data { importedRows } } ... on DomainError { code message } } }",
    { input: { rows: [{ vin, modelCode: "YD-E8S", productionDate: "2026-01-15", batterySerial: `BAT-${vin.slice(-6)}`, motorNumber: `MOT-${vin.slice(-6)}` }] } },
  );
  expect(registered.registerVehicles.data?.importedRows, JSON.stringify(registered)).toBe(1);
  await maker.dispose();
  return vin;
}

async function signedInPage(browser: Browser, locale: AppLocale, email: string): Promise<Page> {
  const page = await browser.newPage();
  await open(page, "/login");
  await chooseLanguage(page, locale);
  await signIn(page, locale, email);
  await expect(page).toHaveURL(/\/$/);
  return page;
}

async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** The result row of one VIN in the results table. */
const resultRow = (page: Page, key: string) => page.getByTestId("custody-results").locator(`tr[data-row-key="${key}"]`);

for (const locale of LOCALES) {
  const t = dictionaries[locale];
  const c = t.custody;
  // The public page follows the language chosen in the app.
  const pub = locale === "en" ? publicEn : publicZh;

  test.describe(`custody events in ${locale}`, () => {
    test.describe.configure({ timeout: 120_000 });

    test("the operator ships, an unknown VIN fails on its line, the dealer delivers, the public page lists both", async ({ browser, baseURL }) => {
      const vin = await registeredVehicle(baseURL as string);
      const unknown = withVinCheckDigit("LYDEE8S00TZ999999");
      const departureRef = `CQ-VTE-E2E-${locale}`;

      // The logistics operator: all three types; the VINs are sent one by one.
      const operator = await signedInPage(browser, locale, "ops@minsheng.demo");
      await mainNav(operator, locale).getByRole("link", { name: t.nav.custody, exact: true }).click();
      await expect(operator.getByRole("heading", { level: 1, name: c.title })).toBeVisible();
      await expect(operator.locator("#type").getByRole("radio")).toHaveCount(3);
      await operator.getByLabel(c.vins).fill(`${vin.toLowerCase()}\n${unknown}\n`);
      await expect(operator.getByText(c.vinsCount.replace("{count}", "2"))).toBeVisible();
      await operator.locator("#type").getByText(c.types.SHIPPED, { exact: true }).click();
      await operator.getByLabel(c.departureRef).fill(departureRef);
      await operator.getByLabel(c.place, { exact: true }).fill("Chongqing Tuanjiecun");
      await expect(operator.getByLabel(c.occurredAt.replace("{zone}", "Asia/Shanghai"))).toHaveValue(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      await record(operator);

      await expect(resultRow(operator, vin)).toContainText(c.statuses.RECORDED);
      await expect(resultRow(operator, unknown)).toContainText(c.statuses.FAILED);
      await expect(resultRow(operator, unknown)).toContainText(c.notFound);
      await expect(resultRow(operator, unknown).getByRole("link")).toHaveCount(0);
      await expect(operator.getByTestId("custody-progress")).toContainText(c.summary.replace("{recorded}", "1").replace("{failed}", "1"));
      await screenshot(operator, `operator-${locale}`);

      // Each recorded line links to the public page in a new tab, where the event waits for the ledger.
      const link = resultRow(operator, vin).getByRole("link", { name: c.verify });
      await expect(link).toHaveAttribute("target", "_blank");
      const [verifyTab] = await Promise.all([operator.context().waitForEvent("page"), link.click()]);
      await verifyTab.waitForLoadState();
      await expect(verifyTab).toHaveURL(new RegExp(`/verify/${vin}$`));
      await expect(verifyTab.getByTestId("custody")).toContainText("Chongqing Tuanjiecun");
      await expect(verifyTab.getByTestId("custody")).toContainText(pub.vehicle.custodyTypes.SHIPPED);
      await operator.context().close();

      // The dealer: deliveries only.
      const dealer = await signedInPage(browser, locale, "dealer@vientiane.demo");
      await mainNav(dealer, locale).getByRole("link", { name: t.nav.custody, exact: true }).click();
      await expect(dealer.getByRole("heading", { level: 1, name: c.title })).toBeVisible();
      await expect(dealer.locator("#type").getByRole("radio")).toHaveCount(1);
      await expect(dealer.locator("#type").getByRole("radio", { name: c.types.DELIVERED })).toBeChecked();
      await expect(dealer.getByText(c.types.SHIPPED, { exact: true })).toHaveCount(0);
      await dealer.getByLabel(c.vins).fill(vin);
      await dealer.getByLabel(c.departureRef).fill(departureRef);
      await dealer.getByLabel(c.place, { exact: true }).fill("Vientiane showroom");
      await record(dealer);
      await expect(resultRow(dealer, vin)).toContainText(c.statuses.RECORDED);
      await screenshot(dealer, `dealer-${locale}`);

      // A batch instead of vehicles: one line, and an unknown batch says so.
      await dealer.locator("#subject").getByText(c.subjectBatch, { exact: true }).click();
      await dealer.getByLabel(c.batchId).fill("NO-SUCH-BATCH");
      await record(dealer);
      await expect(resultRow(dealer, "NO-SUCH-BATCH")).toContainText(c.batchNotFound);
      await expect(dealer.getByTestId("custody-results").locator("tbody tr")).toHaveCount(1);

      // The public page lists both events.
      await open(dealer, `/verify/${vin}`);
      const custody = dealer.getByTestId("custody");
      await expect(custody).toContainText(pub.vehicle.custodyTypes.SHIPPED);
      await expect(custody).toContainText(pub.vehicle.custodyTypes.DELIVERED);
      await expect(custody).toContainText("Vientiane showroom");
      await expect(custody).toContainText("Chongqing Tuanjiecun");
      await screenshot(dealer, `verify-${locale}`);
      await dealer.context().close();
    });
  });
}
