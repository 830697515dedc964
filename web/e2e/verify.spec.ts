import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import en from "../src/i18n/public/en";
import lo from "../src/i18n/public/lo";
import vi from "../src/i18n/public/vi";
import { withVinCheckDigit } from "../src/lib/vehicles/csv";
import { gql, open, signedIn } from "./support";

// The public verify pages, without logging in. The demo data has no vehicles, so the test
// registers one as the maker (through the web's own /graphql proxy, with the maker's session
// cookie), has the certification body certify its model and the operator record custody, and
// waits until the outbox worker of the e2e server has anchored all of it on the embedded ledger.

const SCREENSHOTS = process.env.VERIFY_SCREENSHOTS ?? "test-results/verify-screenshots";

function randomVin(): string {
  const serial = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");
  return withVinCheckDigit(`LYDEE8S00T${"A"}${serial}`);
}

interface Seeded {
  vin: string;
  certNumber: string;
  revokedNumber: string;
  makerName: string;
}

const REVOKE_REASON = "Type-approval test report withdrawn by the laboratory";

let seeded: Seeded | undefined;

/**
 * One anchored vehicle with a certification in force, a second one revoked with a reason, and a
 * custody event; made once for the whole file.
 */
async function anchoredVehicle(baseURL: string): Promise<Seeded> {
  if (seeded) return seeded;
  const vin = randomVin();
  const today = new Date().toISOString().slice(0, 10);
  const maker = await signedIn(baseURL, "maker@yadea.demo");
  const viewer = await gql<{ viewer: { organization: { id: string; name: string } } }>(maker, "{ viewer { organization { id name } } }");
  const registered = await gql<{ registerVehicles: { __typename: string; data?: { importedRows: number } } }>(
    maker,
    "mutation ($input: RegisterVehiclesInput!) { registerVehicles(input: $input) { __typename ... on RegisterVehiclesSuccess { data { importedRows } } ... on DomainError { code message } } }",
    { input: { rows: [{ vin, modelCode: "YD-E8S", productionDate: "2026-01-15", batterySerial: `BAT-${vin.slice(-6)}`, motorNumber: `MOT-${vin.slice(-6)}` }] } },
  );
  expect(registered.registerVehicles.data?.importedRows, JSON.stringify(registered)).toBe(1);

  const certNumber = `e4*168/2013*${vin.slice(-6)}`;
  const certifier = await signedIn(baseURL, "cert@cqc.demo");
  const issued = await gql<{ issueCertification: { __typename: string } }>(
    certifier,
    "mutation ($input: IssueCertificationInput!) { issueCertification(input: $input) { __typename ... on DomainError { code message } } }",
    {
      input: {
        makerId: viewer.viewer.organization.id,
        market: "LA",
        modelCode: "YD-E8S",
        standard: "EU 168/2013",
        number: certNumber,
        validFrom: "2025-01-01",
        validTo: "2030-12-31",
      },
    },
  );
  expect(issued.issueCertification.__typename, JSON.stringify(issued)).toBe("IssueCertificationSuccess");

  // A second certification of the model, for Vietnam, revoked by the body with a reason.
  const revokedNumber = `QCVN-14-${vin.slice(-6)}`;
  const second = await gql<{ issueCertification: { __typename: string; data?: { id: string } } }>(
    certifier,
    "mutation ($input: IssueCertificationInput!) { issueCertification(input: $input) { __typename ... on IssueCertificationSuccess { data { id } } ... on DomainError { code message } } }",
    {
      input: {
        makerId: viewer.viewer.organization.id,
        market: "VN",
        modelCode: "YD-E8S",
        standard: "QCVN 14:2015/BGTVT",
        number: revokedNumber,
        validFrom: "2025-01-01",
        validTo: "2030-12-31",
      },
    },
  );
  expect(second.issueCertification.data?.id, JSON.stringify(second)).toBeTruthy();
  const revoked = await gql<{ revokeCertification: { __typename: string } }>(
    certifier,
    "mutation ($input: RevokeCertificationInput!) { revokeCertification(input: $input) { __typename ... on DomainError { code message } } }",
    { input: { id: second.issueCertification.data?.id, reason: REVOKE_REASON } },
  );
  expect(revoked.revokeCertification.__typename, JSON.stringify(revoked)).toBe("RevokeCertificationSuccess");

  const operator = await signedIn(baseURL, "ops@minsheng.demo");
  const custody = await gql<{ recordCustodyEvent: { __typename: string } }>(
    operator,
    "mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { __typename ... on DomainError { code message } } }",
    { input: { vin, type: "SHIPPED", place: "Chongqing Tuanjiecun", departureRef: "E2E-VERIFY", occurredAt: new Date(Date.now() - 3_600_000).toISOString() } },
  );
  expect(custody.recordCustodyEvent.__typename, JSON.stringify(custody)).toBe("RecordCustodyEventSuccess");

  // The outbox worker anchors the batch and the certification in the background.
  const anyone = await playwrightRequest.newContext({ baseURL });
  await expect
    .poll(
      async () => {
        const data = await gql<{ verifyVehicle: { anchored: boolean; certifications: { number: string }[]; revocations: { number: string }[] } | null }>(
          anyone,
          "query ($vin: String!, $on: String) { verifyVehicle(vin: $vin, on: $on) { anchored certifications { number } revocations { number } } }",
          { vin, on: today },
        );
        const v = data.verifyVehicle;
        return Boolean(v?.anchored && v.certifications.some((c) => c.number === certNumber) && v.revocations.some((r) => r.number === revokedNumber));
      },
      { timeout: 90_000, intervals: [500, 1000, 2000] },
    )
    .toBe(true);
  await Promise.all([maker.dispose(), certifier.dispose(), operator.dispose(), anyone.dispose()]);
  seeded = { vin, certNumber, revokedNumber, makerName: viewer.viewer.organization.name };
  return seeded;
}

/**
 * Chooses an option of an Ant Design select by typing into its search and checks it took (a
 * click during the dropdown's animation can be lost, so the choice is retried).
 */
async function pick(page: Page, combobox: ReturnType<Page["getByLabel"]>, text: string): Promise<void> {
  const select = combobox.locator("xpath=ancestor::*[contains(@class, 'ant-select')][last()]");
  await expect(async () => {
    await combobox.click();
    await combobox.fill(text.slice(0, 4));
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: text }).first().click({ timeout: 2_000 });
    await expect(select).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

async function chooseLanguage(page: Page, name: string, lang: string) {
  // A click while the menu is still animating open can be lost: retry until the address follows.
  await expect(async () => {
    if (!(await page.getByRole("menuitem", { name }).isVisible())) await page.getByRole("button", { name: /Language|ພາສາ|Ngôn ngữ|语言|ภาษา/ }).click();
    await page.getByRole("menuitem", { name }).click({ timeout: 2_000 });
    await expect(page).toHaveURL(new RegExp(`lang=${lang}`), { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.locator(".verify-page")).toHaveAttribute("lang", lang);
}

test.describe("public verify pages", () => {
  test.describe.configure({ timeout: 180_000 });

  test("a vehicle: maker, certifications, languages, proof, QR code; an unknown VIN is not found", async ({ page, baseURL }) => {
    const { vin, certNumber, revokedNumber, makerName } = await anchoredVehicle(baseURL as string);

    await open(page, `/verify/${vin.toLowerCase()}?lang=en`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(vin);
    await expect(page.getByTestId("maker")).toContainText(makerName);
    await expect(page.getByTestId("anchor-status")).toHaveText(en.vehicle.status.ANCHORED);
    await expect(page.getByTestId("anchoring")).toContainText(en.vehicle.batchRoot);
    await expect(page.getByTestId("certifications")).toContainText("EU 168/2013");
    await expect(page.getByTestId("certifications")).toContainText(certNumber);
    // The revoked one is not listed as valid but under the revocations, with its reason.
    await expect(page.locator(".verify-certs").first()).not.toContainText(revokedNumber);
    const revocation = page.getByTestId("revocation").filter({ hasText: revokedNumber });
    await expect(revocation).toHaveCount(1);
    await expect(revocation).toContainText(en.vehicle.revoked);
    await expect(revocation).toContainText(REVOKE_REASON);
    await expect(revocation).toContainText("QCVN 14:2015/BGTVT");
    await expect(revocation).toContainText("Vietnam (VN)");
    await expect(revocation.locator("time")).toContainText(/GMT\+8|UTC\+8|CST|\+08/);
    await expect(page.getByTestId("custody")).toContainText(en.vehicle.custodyTypes.SHIPPED);
    await expect(page.getByTestId("custody")).toContainText("Chongqing Tuanjiecun");
    await expect(page.locator(".verify-qr svg")).toBeVisible();
    await screenshot(page, "vehicle-desktop-en");

    // A market without certifications: the empty state names the market.
    await pick(page, page.getByLabel(en.vehicle.market), "Thailand (TH)");
    await page.getByRole("button", { name: en.vehicle.apply }).click();
    await expect(page).toHaveURL(/market=TH/);
    await expect(page.getByTestId("certifications")).toContainText("No certification is valid for Thailand");
    await expect(page.getByTestId("revocation")).toHaveCount(0);
    await expect(page.getByTestId("revocations")).toContainText("No certification of this vehicle for Thailand had been revoked");

    await chooseLanguage(page, "ພາສາລາວ", "lo");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`ລົດ ${vin}`);
    await expect(page.getByText(lo.vehicle.custody, { exact: true })).toBeVisible();
    await expect(page.getByText(lo.vehicle.maker, { exact: true })).toBeVisible();
    await expect(page.getByTestId("anchor-status")).toHaveText(lo.vehicle.status.ANCHORED);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "vehicle-390-lo");
    await page.setViewportSize({ width: 1280, height: 800 });

    await chooseLanguage(page, "Tiếng Việt", "vi");
    await expect(page.getByText(vi.vehicle.productionDate, { exact: true })).toBeVisible();
    await expect(page.getByText(vi.vehicle.certifications, { exact: true })).toBeVisible();
    await expect(page.getByTestId("certifications")).toContainText("Thái Lan");
    // The language is remembered: a fresh visit without ?lang= stays in Vietnamese.
    await open(page, `/verify/${vin}`);
    await expect(page.getByText(vi.vehicle.custody, { exact: true })).toBeVisible();

    // The proof download is the API's proof file, named after the VIN.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: vi.vehicle.downloadProof }).click()]);
    expect(download.suggestedFilename()).toBe(`corridor-proof-${vin}.json`);
    const proofText = await (await page.request.get(`/verify/${vin}/proof.json`)).text();
    const proof = JSON.parse(proofText) as Record<string, unknown>;
    expect(proofText).toContain(vin);
    expect(proof).toHaveProperty("version");
    const roots = await page.request.get("/verify/roots.pem");
    expect(roots.status()).toBe(200);
    expect(roots.headers()["content-disposition"]).toContain("roots.pem");
    const rootsPem = await roots.text();
    expect(rootsPem).toContain("-----BEGIN CERTIFICATE-----");

    // What the page tells people to run: the offline verifier accepts the downloads as they are,
    // and refuses the proof once one character of the record is changed.
    const dir = mkdtempSync(join(tmpdir(), "corridor-verify-e2e-"));
    writeFileSync(join(dir, "roots.pem"), rootsPem);
    writeFileSync(join(dir, "proof.json"), proofText);
    const forged = vin.slice(0, -1) + (vin.endsWith("1") ? "2" : "1");
    writeFileSync(join(dir, "forged.json"), proofText.replace(vin, forged));
    const cli = fileURLToPath(new URL("../../chain/proof/cli.mjs", import.meta.url));
    const check = (file: string) => spawnSync(process.execPath, [cli, join(dir, file), "--roots", join(dir, "roots.pem")], { encoding: "utf8" });
    const good = check("proof.json");
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(check("forged.json").status).not.toBe(0);

    // A VIN nobody registered: a not-found state, not a crash; and no proof for it.
    const unknown = randomVin();
    await open(page, `/verify/${unknown}?lang=en`);
    await expect(page.getByTestId("vehicle-not-found")).toContainText(en.vehicle.notFoundTitle);
    await expect(page.getByTestId("vehicle-not-found")).toContainText(unknown);
    expect((await page.request.get(`/verify/${unknown}`)).status()).toBe(404);
    expect((await page.request.get(`/verify/${unknown}/proof.json`)).status()).toBe(404);
  });

  test("the search box opens the vehicle page on a phone", async ({ page, baseURL }) => {
    const { vin } = await anchoredVehicle(baseURL as string);
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, "/verify?lang=en");
    await screenshot(page, "home-390-en");
    const search = page.getByRole("search", { name: en.home.vehicleTitle });
    await search.getByLabel(en.home.vinLabel).fill("not valid!");
    await search.getByRole("button", { name: en.home.check }).click();
    await expect(search.getByText(en.home.vinInvalid)).toBeVisible();
    await search.getByLabel(en.home.vinLabel).fill(` ${vin.toLowerCase()} `);
    await search.getByRole("button", { name: en.home.check }).click();
    await expect(page).toHaveURL(new RegExp(`/verify/${vin}\\?lang=en`));
    await expect(page.getByTestId("maker")).toBeVisible();
    await screenshot(page, "vehicle-390-en");
  });

  test("a document: a random PDF is not issued, an issued one is, one altered byte is rejected", async ({ page, baseURL }) => {
    // Issue a booking confirmation as the maker and fetch its PDF through the web's download route.
    const maker = await signedIn(baseURL as string, "maker@yadea.demo");
    const bookings = await gql<{ bookings: { edges: { node: { id: string } }[] } }>(maker, "{ bookings(first: 20) { edges { node { id } } } }");
    let document: { id: string; number: string; sha256: string; downloadUrl: string } | undefined;
    for (const { node } of bookings.bookings.edges) {
      const result = await gql<{ issueDocument: { __typename: string; data?: { id: string; number: string; sha256: string; downloadUrl: string } } }>(
        maker,
        "mutation ($input: IssueDocumentInput!) { issueDocument(input: $input) { __typename ... on IssueDocumentSuccess { data { id number sha256 downloadUrl } } ... on DomainError { code message } } }",
        { input: { bookingId: node.id, kind: "BOOKING_CONFIRMATION" } },
      );
      if (result.issueDocument.data) {
        document = result.issueDocument.data;
        break;
      }
    }
    expect(document, "the demo maker has a booking to issue a confirmation for").toBeDefined();
    if (!document) return;
    expect(document.downloadUrl).toBe(`/documents/${document.id}/download`);
    const download = await maker.get(document.downloadUrl);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect(download.headers()["content-disposition"]).toContain(".pdf");
    const pdf = await download.body();
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // Without the session the same path reveals nothing.
    expect((await page.request.get(document.downloadUrl)).status()).toBe(404);
    await maker.dispose();

    await open(page, "/verify?lang=en");
    const chooser = page.locator(".verify-drop input[type=file]");
    const result = page.getByTestId("document-result");

    await chooser.setInputFiles({ name: "random.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(2048)]) });
    await expect(result).toContainText(en.document.notIssuedTitle);

    await chooser.setInputFiles({ name: "confirmation.pdf", mimeType: "application/pdf", buffer: pdf });
    await expect(result).toContainText(en.document.issuedTitle);
    await expect(result).toContainText(document.number);
    await expect(result).toContainText(en.document.kinds.BOOKING_CONFIRMATION);
    await screenshot(page, "document-issued-desktop-en");

    const altered = Buffer.from(pdf);
    const at = Math.floor(altered.length / 2);
    altered[at] = (altered[at] ?? 0) ^ 0x01;
    await chooser.setInputFiles({ name: "altered.pdf", mimeType: "application/pdf", buffer: altered });
    await expect(result).toContainText(en.document.notIssuedTitle);

    // Pasting the SHA-256 gives the same answer as the file.
    await page.getByLabel(en.document.hashLabel).fill(document.sha256.toUpperCase());
    await page.getByRole("button", { name: en.document.checkHash, exact: true }).last().click();
    await expect(result).toContainText(en.document.issuedTitle);

    // The page the document's QR code opens (/verify/document/<its database id>, inside the
    // Relay global id) compares a dropped PDF with the SHA-256 recorded at issue.
    const code = Buffer.from(document.id, "base64url").toString("utf8").split(":")[1] ?? "";
    expect(code).toMatch(/^doc[0-9a-f]{24}$/);
    await open(page, `/verify/document/${code}?lang=en`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(document.number);
    await expect(page.getByTestId("expected-sha256")).toContainText(document.sha256);
    const codeChooser = page.locator(".verify-drop input[type=file]");
    await codeChooser.setInputFiles({ name: "confirmation.pdf", mimeType: "application/pdf", buffer: pdf });
    await expect(page.getByTestId("document-result")).toContainText(en.documentCode.matchTitle);
    await codeChooser.setInputFiles({ name: "altered.pdf", mimeType: "application/pdf", buffer: altered });
    await expect(page.getByTestId("document-result")).toContainText(en.documentCode.mismatchTitle);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "document-code-390-en");

    await open(page, "/verify/document/doc000000000000000000000000?lang=en");
    await expect(page.getByTestId("document-not-found")).toContainText(en.documentCode.notFoundTitle);
  });
});
