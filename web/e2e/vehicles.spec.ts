import { expect, type Page, test } from "@playwright/test";
import type { AppLocale } from "../src/i18n/config";
import { csvLine, withVinCheckDigit } from "../src/lib/vehicles/csv";
import { chooseLanguage, closeDialog, dictionaries, mainNav, open, signIn } from "./support";

const LOCALES: AppLocale[] = ["en", "zh-CN"];
const SHOTS = process.env.E2E_SCREENSHOTS;

/**
 * Chooses an option of an Ant Design select and checks it took: a click that lands while a
 * modal is still animating in can be lost, so the choice is retried until the select shows it.
 */
async function pick(page: Page, combobox: ReturnType<Page["getByRole"]>, text: string | RegExp): Promise<void> {
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

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** A Chinese VIN (check digit required) that no other run has used. */
function freshVin(): string {
  const serial = String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0");
  return withVinCheckDigit(`LYDE8S2A0R${serial}`);
}

/** The same VIN with a wrong check digit. */
function mistyped(vin: string): string {
  const wrong = vin.charAt(8) === "0" ? "1" : "0";
  return `${vin.slice(0, 8)}${wrong}${vin.slice(9)}`;
}

for (const locale of LOCALES) {
  const t = dictionaries[locale];
  const v = t.vehicles;
  const c = t.certifications;

  test.describe(`vehicles and certifications in ${locale}`, () => {
    test("a maker imports vehicles with a broken row, issues a CoC; a certifier issues and revokes a certification", async ({ page }) => {
      test.setTimeout(180_000);
      const good = freshVin();
      const second = freshVin();
      const meant = freshVin();
      const broken = mistyped(meant);
      // The refused row is said in the page's language, with the digits of this VIN.
      const checkDigitText = v.import.rowErrors.VIN_CHECK_DIGIT.replace("{expected}", meant.charAt(8)).replace("{actual}", broken.charAt(8));
      const csv = [
        "vin,frame_number,model_code,production_date,battery_serial,motor_number",
        `${good},,YD-E8S,2026-01-15,BAT-${good.slice(-7)},MOT-${good.slice(-7)}`,
        `${broken},,YD-E8S,2026-01-15,BAT-X${broken.slice(-6)},MOT-X${broken.slice(-6)}`,
        `${second},,YD-E8S,2026-01-16,BAT-${second.slice(-7)},MOT-${second.slice(-7)}`,
      ].join("\n");

      // The maker opens the registry from the menu and uploads the file.
      await signInAs(page, locale, "maker@yadea.demo");
      await mainNav(page, locale).getByRole("link", { name: t.nav.vehicles, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: v.title })).toBeVisible();
      await page.getByRole("button", { name: v.import.open }).click();
      const dialog = page.getByRole("dialog", { name: v.import.title });
      await expect(dialog).toBeVisible();
      // A file without the expected header is refused as a whole, with the API's reason.
      await dialog.locator("input[type=file]").setInputFiles({ name: "wrong.csv", mimeType: "text/csv", buffer: Buffer.from("serial,colour\n1,red\n") });
      await dialog.getByRole("button", { name: v.import.start }).click();
      await expect(dialog.getByTestId("import-problem")).toContainText("lacks the column");
      await dialog.locator("input[type=file]").setInputFiles({ name: `vehicles-${locale}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
      await expect(dialog.getByTestId("import-file")).toContainText(`vehicles-${locale}.csv`);
      await dialog.getByRole("button", { name: v.import.start }).click();

      // Progress runs to the end (rows checked, batches anchored), then the refused row is reported by line.
      await expect(dialog.getByTestId("import-report")).toBeVisible({ timeout: 30_000 });
      await expect(dialog.getByTestId("import-report-title")).toHaveText(v.import.finished, { timeout: 60_000 });
      await expect(dialog.getByTestId("import-summary")).toHaveText(t.vehicles.import.summary.replace("{imported}", "2").replace("{errors}", "1"));
      await expect(dialog.getByTestId("import-batches")).toHaveText(v.import.batches.replace("{anchored}", "1").replace("{count}", "1"));
      const errorRow = dialog.getByTestId("import-errors").locator("tbody tr").filter({ hasText: "vin" });
      await expect(errorRow).toHaveCount(1);
      await expect(errorRow.locator("td").first()).toHaveText("3");
      await expect(errorRow.locator("td").last()).toHaveText(checkDigitText);
      if (locale === "zh-CN") {
        await expect(errorRow).toContainText(`校验位（第 9 位）应为 ${meant.charAt(8)}，而不是 ${broken.charAt(8)}：VIN 有误。`);
        await expect(errorRow).not.toContainText("check digit");
      } else {
        await expect(errorRow).toContainText(`The check digit (9th character) should be ${meant.charAt(8)}, not ${broken.charAt(8)}: the VIN is mistyped.`);
      }
      await shot(page, `vehicles-import-${locale}`);
      const downloading = page.waitForEvent("download");
      await dialog.getByRole("button", { name: v.import.downloadErrors }).click();
      const report = await downloading;
      const reportText = await (await report.createReadStream()).toArray();
      const reportCsv = Buffer.concat(reportText).toString("utf8");
      // Line, column, the stable code and the problem in the page's language.
      expect(reportCsv.startsWith(`\uFEFF${csvLine([v.import.line, v.import.column, v.import.code, v.import.message])}\r\n`)).toBe(true);
      expect(reportCsv).toContain(`${csvLine([3, "vin", "VIN_CHECK_DIGIT", checkDigitText])}\r\n`);
      await closeDialog(dialog, locale);

      // Both good vehicles are listed; a search finds one of them.
      await expect(page.getByRole("link", { name: v.view.replace("{key}", good) })).toBeVisible();
      await expect(page.getByRole("link", { name: v.view.replace("{key}", second) })).toBeVisible();
      await expect(page.getByRole("link", { name: v.view.replace("{key}", broken) })).toHaveCount(0);
      await page.getByLabel(v.search).fill(good);
      await page.getByLabel(v.search).press("Enter");
      await expect(page.locator("tbody tr.ant-table-row").first().getByRole("link")).toHaveAccessibleName(v.view.replace("{key}", good));
      await expect(page.getByRole("link", { name: v.view.replace("{key}", second) })).toHaveCount(0);
      await expect(page.getByTestId("anchor-status").first()).toHaveText(v.anchorStatus.ANCHORED);
      await shot(page, `vehicles-list-${locale}`);

      // The vehicle's page: identity, anchoring facts, and a certificate of conformity.
      await page.getByRole("link", { name: v.view.replace("{key}", good) }).click();
      await expect(page.getByRole("heading", { level: 1, name: v.detail.title.replace("{key}", good) })).toBeVisible();
      await expect(page.getByTestId("anchoring-facts")).toContainText(v.anchorStatus.ANCHORED);
      await expect(page.getByRole("link", { name: v.detail.publicPage })).toHaveAttribute("href", `/verify/${good}`);
      // One click: the model's type-approval data comes from the catalog.
      await page.getByRole("button", { name: v.detail.issueCoc }).click();
      const docRow = page.getByTestId("document-table").locator("tbody tr").filter({ hasText: t.documents.kinds.CERTIFICATE_OF_CONFORMITY });
      await expect(docRow).toHaveCount(1);
      await expect(docRow.getByTestId("anchor-status")).toHaveText(v.anchorStatus.ANCHORED, { timeout: 30_000 });
      // With type-approval data of its own: the form.
      await page.getByRole("button", { name: v.detail.issueCocOther }).click();
      const coc = page.getByRole("dialog", { name: v.coc.title });
      await expect(coc).toBeVisible();
      await coc.getByLabel(v.coc.typeApprovalNumber).fill("e4*168/2013*00123*00");
      await coc.getByLabel(v.coc.typeApprovalDate).fill("2025-06-30");
      await coc.getByLabel(v.coc.variant, { exact: true }).fill("E8S-A");
      await coc.getByLabel(v.coc.version, { exact: true }).fill("E8S-A-01");
      await coc.getByLabel(v.coc.vinLocation).fill("Right side of the steering head");
      await coc.getByLabel(v.coc.statutoryPlateLocation).fill("Left frame rail, riveted");
      const numbers: [keyof typeof v.coc, string][] = [
        ["lengthMm", "1860"],
        ["widthMm", "700"],
        ["heightMm", "1080"],
        ["wheelbaseMm", "1310"],
        ["massInRunningOrderKg", "98"],
        ["technicallyPermissibleMaxMassKg", "260"],
        ["maxSpeedKmh", "45"],
        ["maxContinuousRatedPowerKw", "3"],
        ["batteryNominalVoltageV", "72"],
      ];
      for (const [key, value] of numbers) await coc.getByLabel(v.coc[key], { exact: true }).fill(value);
      await coc.getByLabel(v.coc.motorType, { exact: true }).fill("Hub motor YD-HM3000");
      await coc.getByLabel(v.coc.tyresFront).fill("90/90-12");
      await coc.getByLabel(v.coc.tyresRear).fill("100/80-12");
      await shot(page, `vehicles-coc-form-${locale}`);
      await coc.getByRole("button", { name: v.coc.submit }).click();
      await expect(coc).toBeHidden({ timeout: 20_000 });
      await expect(docRow).toHaveCount(2);
      await expect(docRow.first().getByTestId("anchor-status")).toHaveText(v.anchorStatus.ANCHORED, { timeout: 30_000 });
      await page.getByRole("button", { name: v.detail.issueVerification }).click();
      const vvc = page.getByTestId("document-table").locator("tbody tr").filter({ hasText: t.documents.kinds.VEHICLE_VERIFICATION });
      await expect(vvc).toHaveCount(1);
      await expect(vvc).toContainText(/VVC-\d{4}-\d{6}/);
      await shot(page, `vehicles-detail-${locale}`);
      const download = docRow.first().getByRole("link", { name: new RegExp(t.documents.downloadLabel.replace("{number}", ".+")) });
      const href = await download.getAttribute("href");
      expect(href).toMatch(/^\/documents\/[^/]+\/download$/);
      const pdf = await page.request.get(href ?? "");
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toContain("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

      // The certifier certifies the maker's model for the EU, sees it on the ledger, then revokes it.
      await signInAs(page, locale, "cert@cqc.demo");
      await mainNav(page, locale).getByRole("link", { name: t.nav.certifications, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: c.title })).toBeVisible();
      const makerName = locale === "zh-CN" ? "雅迪重庆（演示）" : "Yadea Chongqing (demo)";
      await pick(page, page.getByRole("combobox", { name: c.maker }), makerName);
      await page.getByRole("button", { name: c.issue }).click();
      const issue = page.getByRole("dialog", { name: c.issueTitle });
      await expect(issue).toBeVisible();
      await expect(issue.getByRole("combobox", { name: c.maker })).toBeVisible();
      const number = `E4-R136-${locale}-${Date.now()}`;
      // A model the maker does not have: the API's answer lands under the field.
      await issue.getByLabel(c.modelCode).fill("NOPE-123");
      await pick(page, issue.getByRole("combobox", { name: c.market }), /^EU · /);
      await issue.getByRole("combobox", { name: c.standard }).fill("UN R136");
      await issue.getByLabel(c.number).fill(number);
      await issue.getByLabel(c.validFrom).fill("2026-01-01");
      await issue.getByLabel(c.validTo).fill("2025-01-01");
      await issue.getByRole("button", { name: c.issue }).click();
      await expect(issue.getByText(c.validToAfter)).toBeVisible();
      await issue.getByLabel(c.validTo).fill("2030-12-31");
      await issue.getByRole("button", { name: c.issue }).click();
      await expect(issue.getByText("not a model of this maker")).toBeVisible();
      await issue.getByLabel(c.modelCode).fill("YD-E8S");
      await issue.getByRole("button", { name: c.issue }).click();
      await expect(issue).toBeHidden({ timeout: 20_000 });
      const certRow = page.getByTestId("certifications").locator("tbody tr").filter({ hasText: number });
      await expect(certRow).toHaveCount(1);
      await expect(certRow).toContainText(c.scopeModelCode.replace("{code}", "YD-E8S"));
      await expect(certRow.getByTestId("certification-status")).toHaveText(c.statuses.ACTIVE, { timeout: 30_000 });
      await shot(page, `certifications-active-${locale}`);

      await certRow.getByRole("button", { name: c.revokeTitle.replace("{number}", number) }).click();
      const revoke = page.getByRole("dialog", { name: c.revokeTitle.replace("{number}", number) });
      await revoke.getByRole("button", { name: c.revoke }).click();
      await expect(revoke.getByText(c.revokeReasonRequired)).toBeVisible();
      await revoke.getByLabel(c.revokeReason).fill("Type approval withdrawn after conformity-of-production audit");
      await revoke.getByRole("button", { name: c.revoke }).click();
      await expect(revoke).toBeHidden({ timeout: 20_000 });
      await expect(certRow.getByTestId("certification-status")).toHaveText(c.statuses.REVOKED, { timeout: 30_000 });
      await expect(certRow.getByRole("button", { name: c.revoke })).toHaveCount(0);
      await shot(page, `certifications-revoked-${locale}`);
    });

    test("a maker issues documents for a shipment: typed errors inline, the PDF downloads", async ({ page }) => {
      test.setTimeout(90_000);
      const d = t.documents;
      await signInAs(page, locale, "maker@yadea.demo");
      await mainNav(page, locale).getByRole("link", { name: t.nav.documents, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: d.title })).toBeVisible();
      await page.locator("tbody tr.ant-table-row").first().getByRole("button").first().click();
      const list = page.getByTestId("document-list");
      await expect(list).toBeVisible();

      // A packing list needs a real container number: the API's check is shown under the field.
      await list.getByRole("button", { name: d.issue }).click();
      await page.getByRole("menuitem", { name: d.kinds.PACKING_LIST }).click();
      const packing = page.getByRole("dialog", { name: d.issueKind.replace("{kind}", d.kinds.PACKING_LIST) });
      await packing.getByLabel(d.form.containerNumber).fill("ABCU1234561");
      await packing.getByRole("button", { name: d.form.submit }).click();
      await expect(packing.getByText("ABCU1234561 is not an ISO 6346 container number.")).toBeVisible();
      await shot(page, `documents-error-${locale}`);
      await packing.getByRole("button", { name: t.common.cancel }).click();

      // The booking confirmation needs nothing more; it is listed with its hash and downloads as a PDF.
      await list.getByRole("button", { name: d.issue }).click();
      await page.getByRole("menuitem", { name: d.kinds.BOOKING_CONFIRMATION }).click();
      const confirmation = page.getByRole("dialog", { name: d.issueKind.replace("{kind}", d.kinds.BOOKING_CONFIRMATION) });
      await confirmation.getByRole("button", { name: d.form.submit }).click();
      await expect(confirmation).toBeHidden({ timeout: 20_000 });
      const row = list.getByTestId("document-table").locator("tbody tr").filter({ hasText: d.kinds.BOOKING_CONFIRMATION });
      await expect(row.first()).toBeVisible();
      await expect(row.first()).toContainText(/BC-\d{4}-\d{6}/);
      await shot(page, `documents-${locale}`);
      const href = await row
        .first()
        .getByRole("link", { name: new RegExp(d.downloadLabel.replace("{number}", "BC-")) })
        .getAttribute("href");
      const pdf = await page.request.get(href ?? "");
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    });
  });
}
