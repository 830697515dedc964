import { expect, type Page, test } from "@playwright/test";
// exceljs is a dependency of the API (it reads the uploads); here it writes a real workbook.
import ExcelJS from "exceljs";
import { withVinCheckDigit } from "../src/lib/vehicles/csv";
import { chooseLanguage, closeDialog, dictionaries, mainNav, open, signIn } from "./support";

const SHOTS = process.env.E2E_SCREENSHOTS;

/** A Chinese VIN (check digit required) that no other run has used. */
function freshVin(): string {
  const serial = String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0");
  return withVinCheckDigit(`LYDE8S2A0X${serial}`);
}

/**
 * An XLSX workbook as a spreadsheet program writes it: a header row, a date-formatted cell, text
 * cells, and an empty row in the middle, so the sheet's row numbers differ from the record count.
 */
async function workbook(rows: (string | Date | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Vehicles");
  sheet.getRow(1).values = ["vin", "frame_number", "model_code", "production_date", "battery_serial", "motor_number"];
  rows.forEach((values, i) => {
    if (values.length > 0) sheet.getRow(i + 2).values = values;
  });
  sheet.getColumn(4).numFmt = "yyyy-mm-dd";
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function signInAs(page: Page, email: string): Promise<void> {
  await page.context().clearCookies();
  await open(page, "/login");
  await chooseLanguage(page, "en");
  await signIn(page, "en", email);
  await expect(page).toHaveURL(/\/$/);
}

const t = dictionaries.en;
const v = t.vehicles;

test("a maker imports an XLSX workbook: good rows registered and anchored, the bad one reported by its sheet row", async ({ page }) => {
  test.setTimeout(120_000);
  const good = freshVin();
  const second = freshVin();
  const fresh = freshVin();
  // The same VIN with a wrong check digit.
  const broken = `${fresh.slice(0, 8)}${fresh.charAt(8) === "0" ? "1" : "0"}${fresh.slice(9)}`;
  const xlsx = await workbook([
    // Sheet row 2: the production date is a date cell, as Excel stores a typed-in date.
    [good, null, "YD-E8S", new Date(Date.UTC(2026, 0, 15)), `BAT-${good.slice(-7)}`, `MOT-${good.slice(-7)}`],
    // Sheet row 3 is left empty.
    [],
    // Sheet row 4: refused.
    [broken, null, "YD-E8S", "2026-01-15", `BAT-X${broken.slice(-6)}`, `MOT-X${broken.slice(-6)}`],
    // Sheet row 5.
    [second, null, "YD-G5", "2026-01-16", `BAT-${second.slice(-7)}`, `MOT-${second.slice(-7)}`],
  ]);

  await signInAs(page, "maker@yadea.demo");
  await mainNav(page, "en").getByRole("link", { name: t.nav.vehicles, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: v.title })).toBeVisible();
  await page.getByRole("button", { name: v.import.open }).click();
  const dialog = page.getByRole("dialog", { name: v.import.title });
  await expect(dialog).toBeVisible();
  await dialog.locator("input[type=file]").setInputFiles({ name: "vehicles.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: xlsx });
  await expect(dialog.getByTestId("import-file")).toContainText("vehicles.xlsx");
  await dialog.getByRole("button", { name: v.import.start }).click();

  // Progress runs to the end: every row checked, the batch anchored.
  await expect(dialog.getByTestId("import-report")).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByTestId("import-report-title")).toHaveText(v.import.finished, { timeout: 60_000 });
  await expect(dialog.getByRole("progressbar").first()).toHaveAttribute("aria-valuenow", "100");
  await expect(dialog.getByTestId("import-summary")).toHaveText(v.import.summary.replace("{imported}", "2").replace("{errors}", "1"));
  // One batch per model: two models, two batches on the ledger.
  await expect(dialog.getByTestId("import-batches")).toHaveText(v.import.batches.replace("{anchored}", "2").replace("{count}", "2"));

  // The refused row is reported by the row number the sheet shows (4), not by its place among the records (3).
  const errorRows = dialog.getByTestId("import-errors").locator("tbody tr");
  await expect(errorRows).toHaveCount(1);
  await expect(errorRows.locator("td").first()).toHaveText("4");
  await expect(errorRows.locator("td").nth(1)).toHaveText("vin");
  await expect(errorRows).toContainText("check digit");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/vehicles-xlsx-import.png`, fullPage: true });
  await closeDialog(dialog, "en");

  // Both good vehicles are in the registry; the refused one is not.
  await expect(page.getByRole("link", { name: v.view.replace("{key}", good) })).toBeVisible();
  await expect(page.getByRole("link", { name: v.view.replace("{key}", second) })).toBeVisible();
  await expect(page.getByRole("link", { name: v.view.replace("{key}", broken) })).toHaveCount(0);
  // The date cell was read as the calendar day typed in.
  await page.getByLabel(v.search).fill(good);
  await page.getByLabel(v.search).press("Enter");
  const row = page.locator("tbody tr.ant-table-row").filter({ has: page.getByRole("link", { name: v.view.replace("{key}", good) }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("2026-01-15");
});
