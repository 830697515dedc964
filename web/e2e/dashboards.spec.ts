import { expect, test } from "@playwright/test";
import type { AppLocale } from "../src/i18n/config";
import { chooseLanguage, DEMO_ACCOUNTS, dictionaries, mainNav, open, signIn } from "./support";

const LOCALES: AppLocale[] = ["en", "zh-CN"];
/** Dashboard cards the API has a figure for (the `dashboard` query). */
const FIGURES = new Set([
  "bookings",
  "inTransit",
  "vehicles",
  "expiring",
  "departures",
  "toConsolidate",
  "utilisation",
  "milestones",
  "inbound",
  "arriving",
  "pending",
  "issued",
  "revoked",
  "organizations",
  "users",
  "ledger",
]);

for (const locale of LOCALES) {
  const t = dictionaries[locale];
  test.describe(`dashboards in ${locale}`, () => {
    for (const account of DEMO_ACCOUNTS) {
      test(`${account.who} sees the ${account.kind} workspace`, async ({ page }) => {
        await open(page, "/login");
        await chooseLanguage(page, locale);
        await signIn(page, locale, account.email);

        await expect(page).toHaveURL(/\/$/);
        await expect(page.getByRole("heading", { level: 1, name: t.dashboard[account.kind].title })).toBeVisible();

        const nav = mainNav(page, locale);
        await expect(nav.getByRole("link", { name: t.nav.dashboard, exact: true })).toBeVisible();
        for (const label of account.nav) {
          await expect(nav.getByRole("link", { name: t.nav[label], exact: true })).toBeVisible();
        }
        for (const label of account.notNav) {
          await expect(nav.getByRole("link", { name: t.nav[label], exact: true })).toHaveCount(0);
        }

        // Cards show the figures the platform keeps; a card whose feature is still to come says
        // what will appear there instead of a made-up number.
        const [firstKey, firstCard] = Object.entries(t.dashboard[account.kind].cards)[0] ?? [];
        if (firstKey && firstCard) {
          if (FIGURES.has(firstKey)) await expect(page.getByTestId(`kpi-value-${firstKey}`)).toHaveText(/^\d/);
          else await expect(page.getByText(firstCard.empty)).toBeVisible();
        }

        // The organization's kind and the viewer's role are in the header.
        await expect(page.getByRole("banner").getByText(t.orgKinds[account.kind])).toBeVisible();
        await expect(page.getByTestId("viewer-role")).toHaveText(t.roles.ORG_ADMIN);
      });
    }
  });
}

test("a menu entry for a later feature shows what will appear there", async ({ page }) => {
  const t = dictionaries.en;
  await open(page, "/login");
  await chooseLanguage(page, "en");
  await signIn(page, "en", "maker@yadea.demo");
  await mainNav(page, "en").getByRole("link", { name: t.nav.compliance }).click();
  await expect(page).toHaveURL(/\/compliance$/);
  await expect(page.getByRole("heading", { level: 1, name: t.nav.compliance })).toBeVisible();
  await expect(page.getByText(t.features.compliance)).toBeVisible();
});

test("a page of another kind of organization is not found", async ({ page }) => {
  const t = dictionaries.en;
  await open(page, "/login");
  await chooseLanguage(page, "en");
  await signIn(page, "en", "dealer@vientiane.demo");
  await expect(page.getByRole("heading", { level: 1, name: t.dashboard.DEALER.title })).toBeVisible();
  await open(page, "/freight/bookings");
  await expect(page.getByText(t.errors.notFoundTitle)).toBeVisible();
});
