import { expect, test } from "@playwright/test";
import type { AppLocale } from "../src/i18n/config";
import { chooseLanguage, dictionaries, mainNav, open, pick, signIn } from "./support";

const LOCALES: AppLocale[] = ["en", "zh-CN"];

for (const locale of LOCALES) {
  const t = dictionaries[locale];
  const c = t.catalog;

  test(`a maker adds a model with its crate and sees how many fill a 40HQ (${locale})`, async ({ page }) => {
    test.setTimeout(90_000);
    await open(page, "/login");
    await chooseLanguage(page, locale);
    await signIn(page, locale, "maker@yadea.demo");
    await mainNav(page, locale).getByRole("link", { name: t.nav.catalog, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: c.title })).toBeVisible();
    // The demo's e-motorcycle: two tiers of 18.
    await expect(page.getByTestId("fit-YD-E8S")).toContainText(c.fitValue.replace("{crates}", "36").replace("{units}", "36"));

    const code = `E2E-${locale}-${Date.now().toString(36).toUpperCase()}`;
    await page.getByRole("button", { name: c.add }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(c.code, { exact: true }).fill(code);
    await dialog.getByLabel(c.name, { exact: true }).fill("Test maxi-scooter");
    await dialog.getByLabel(c.lengthMm).fill("2050");
    await dialog.getByLabel(c.widthMm).fill("760");
    // Taller than any container door: refused with the door's size.
    await dialog.getByLabel(c.heightMm).fill("2600");
    await dialog.getByLabel(c.grossKg).fill("140");
    await dialog.getByLabel(c.batteryWh).fill("3600");
    await dialog.getByRole("button", { name: t.common.save }).click();
    await expect(page.getByText(locale === "en" ? /does not pass any container door/ : /无法通过任何集装箱箱门/)).toBeVisible();

    await dialog.getByLabel(c.heightMm).fill("1200");
    await dialog.getByRole("button", { name: t.common.save }).click();
    await expect(page.getByText(c.saved.replace("{code}", code))).toBeVisible();
    await expect(dialog).toBeHidden();
    await page.getByRole("searchbox", { name: c.search }).fill(code);
    await page.getByRole("searchbox", { name: c.search }).press("Enter");
    await expect(page.getByTestId(`fit-${code}`)).toContainText(c.fitDetail.replace("{perLayer}", "17").replace("{tiers}", "2"));

    // Shipped as a two-unit SKD kit, no battery: the fit counts units.
    await page.getByRole("button", { name: c.edit.replace("{code}", code) }).click();
    const edit = page.getByRole("dialog");
    await pick(page, edit.getByRole("combobox", { name: c.packaging }), c.packagingKinds.SKD);
    await edit.getByLabel(c.unitsPerCrate).fill("2");
    await pick(page, edit.getByRole("combobox", { name: c.unNumber }), c.unNumbers.NONE);
    await expect(edit.getByLabel(c.batteryWh)).toHaveCount(0);
    await edit.getByRole("button", { name: t.common.save }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByTestId(`fit-${code}`)).toContainText(c.fitValue.replace("{crates}", "34").replace("{units}", "68"));
    await expect(page.getByTestId("model-catalog").getByRole("row", { name: new RegExp(code) })).toContainText(c.noBattery);
  });
}
