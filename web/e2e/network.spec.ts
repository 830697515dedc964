import { expect, type Page, test } from "@playwright/test";
import type { AppLocale } from "../src/i18n/config";
import { chooseLanguage, dictionaries, mainNav, open, pick, signIn } from "./support";

const LOCALES: AppLocale[] = ["en", "zh-CN"];

/** Three capital letters no other run has used (codes are unique in the shared test database). */
function letters(): string {
  return Array.from({ length: 3 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");
}

async function signInAsOperator(page: Page, locale: AppLocale): Promise<void> {
  await open(page, "/login");
  await chooseLanguage(page, locale);
  await signIn(page, locale, "ops@minsheng.demo");
  await expect(page).toHaveURL(/\/$/);
}

for (const locale of LOCALES) {
  const t = dictionaries[locale];
  const n = t.network;

  test(`an operator adds a station, opens a corridor through it and sets its rules (${locale})`, async ({ page }) => {
    test.setTimeout(120_000);
    await signInAsOperator(page, locale);
    await mainNav(page, locale).getByRole("link", { name: t.nav.corridorNetwork, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: n.title })).toBeVisible();
    // The seeded China–Laos corridor, its route and its lithium rules.
    const cnla = page.getByTestId("corridor-CN-LA");
    await expect(cnla).toContainText("LAVTE");
    await expect(cnla.getByTestId("train-limit")).toHaveText(n.trainLimitValue.replace("{feu}", "45"));
    await expect(cnla.getByTestId("lithium-rules")).toContainText("LA");

    // A station whose code names another country is refused under the field; corrected, it saves.
    const station = `CN${letters()}`;
    await page.getByRole("button", { name: n.addStation }).click();
    let dialog = page.getByRole("dialog");
    await dialog.getByLabel(n.code).fill(station);
    await dialog.getByLabel(n.countryCode).fill("LA");
    await dialog.getByLabel(n.name, { exact: true }).fill(`Test hub ${station}`);
    await dialog.getByLabel(n.nameZh).fill(`测试枢纽 ${station}`);
    await dialog.getByRole("button", { name: t.common.save }).click();
    await expect(dialog.getByText(locale === "en" ? "A CN station code needs country CN, not LA." : "CN 开头的站点代码须属于国家 CN，而不是 LA。")).toBeVisible();
    await dialog.getByLabel(n.countryCode).fill("CN");
    await dialog.getByRole("button", { name: t.common.save }).click();
    await expect(page.getByText(n.stationSaved.replace("{code}", station))).toBeVisible();
    await expect(dialog).toBeHidden();
    await page.getByRole("tab", { name: new RegExp(n.stations) }).click();
    await page.getByRole("searchbox", { name: n.searchStations }).fill(station);
    await expect(page.getByRole("cell", { name: station, exact: true })).toBeVisible();
    await page.getByRole("tab", { name: new RegExp(n.corridors) }).click();

    // A corridor from Chongqing through the new station to Kunming: the second leg starts where the first ended.
    const code = `T${locale === "en" ? "E" : "Z"}-${letters()}`;
    await page.getByRole("button", { name: n.newCorridor }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel(n.code).fill(code);
    await dialog.getByLabel(n.name, { exact: true }).fill(`Test corridor ${code}`);
    await dialog.getByLabel(n.nameZh).fill(`测试通道 ${code}`);
    await pick(page, dialog.getByRole("combobox", { name: `${n.from} 1` }), "CNCKG-TJC");
    await pick(page, dialog.getByRole("combobox", { name: `${n.to} 1` }), station);
    await dialog.getByRole("spinbutton", { name: `${n.distance} 1` }).fill("300");
    await dialog.getByRole("spinbutton", { name: `${n.transit} 1` }).fill("8");
    await dialog.getByRole("button", { name: n.addLeg }).click();
    await expect(dialog.getByRole("combobox", { name: `${n.from} 2` }).locator("xpath=ancestor::*[contains(@class, 'ant-select')][last()]")).toContainText(station);
    await pick(page, dialog.getByRole("combobox", { name: `${n.to} 2` }), "CNKMG");
    await dialog.getByRole("spinbutton", { name: `${n.distance} 2` }).fill("800");
    await dialog.getByRole("spinbutton", { name: `${n.transit} 2` }).fill("12");
    await dialog.getByRole("spinbutton", { name: `${n.maxFeu} 2` }).fill("30");
    await dialog.getByRole("button", { name: t.common.save }).click();
    await expect(page.getByText(n.corridorSaved.replace("{code}", code))).toBeVisible();
    const card = page.getByTestId(`corridor-${code}`);
    await expect(card).toContainText(n.totals.replace("{km}", (1100).toLocaleString(locale)).replace("{hours}", "20"));
    // The leg's limit caps the train below the default 50 FEU.
    await expect(card.getByTestId("train-limit")).toHaveText(n.trainLimitByLeg.replace("{feu}", "30"));

    // Its rules: a 24 h cut-off and a 40 % charge cap in China.
    await card.getByRole("button", { name: `${n.editRules} ${code}` }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel(n.cutoffLeadHours).fill("24");
    await dialog.getByRole("spinbutton", { name: `${n.socCap} 1` }).fill("40");
    await dialog.getByRole("button", { name: t.common.save }).click();
    await expect(page.getByText(n.saved, { exact: true })).toBeVisible();
    await expect(card).toContainText(n.cutoffValue.replace("{hours}", "24"));
    await expect(card.getByTestId("lithium-rules")).toContainText("40 %");
  });
}

test("a platform admin opens a corridor and names the operator that runs it", async ({ page }) => {
  test.setTimeout(90_000);
  const t = dictionaries.en;
  const n = t.network;
  await open(page, "/login");
  await chooseLanguage(page, "en");
  await signIn(page, "en", "admin@corridor.demo");
  await mainNav(page, "en").getByRole("link", { name: t.nav.referenceData, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: n.title })).toBeVisible();
  const code = `TA-${letters()}`;
  await page.getByRole("button", { name: n.newCorridor }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(n.code).fill(code);
  await dialog.getByLabel(n.name, { exact: true }).fill(`Admin corridor ${code}`);
  await dialog.getByLabel(n.nameZh).fill(`管理员通道 ${code}`);
  // without an operator the corridor is not saved
  await pick(page, dialog.getByRole("combobox", { name: `${n.from} 1` }), "CNCKG-TJC");
  await pick(page, dialog.getByRole("combobox", { name: `${n.to} 1` }), "CNKMG");
  await dialog.getByRole("spinbutton", { name: `${n.distance} 1` }).fill("1100");
  await dialog.getByRole("spinbutton", { name: `${n.transit} 1` }).fill("16");
  await dialog.getByRole("button", { name: t.common.save }).click();
  await expect(dialog.getByText(t.common.required)).toBeVisible();
  await pick(page, dialog.getByRole("combobox", { name: n.operator }), "Changan Minsheng Logistics");
  await dialog.getByRole("button", { name: t.common.save }).click();
  await expect(page.getByText(n.corridorSaved.replace("{code}", code))).toBeVisible();
  await expect(page.getByTestId(`corridor-${code}`)).toContainText(n.runBy.replace("{operator}", "Changan Minsheng Logistics (demo)"));
});
