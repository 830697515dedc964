import { expect, test } from "@playwright/test";
import { dictionaries, mainNav, open, rememberLanguage, signIn } from "./support";

const t = dictionaries.en;

test.beforeEach(async ({ page, context, baseURL }) => {
  await rememberLanguage(context, baseURL ?? "", "en");
  await open(page, "/login");
  await signIn(page, "en", "maker@yadea.demo");
  await expect(mainNav(page, "en")).toBeVisible();
});

test("an org admin creates a user, changes their roles and removes them", async ({ page }) => {
  const unique = Date.now().toString(36);
  const name = `E2E Person ${unique}`;
  await mainNav(page, "en").getByRole("link", { name: t.nav.members }).click();
  await expect(page.getByRole("heading", { level: 1, name: t.members.title })).toBeVisible();

  await page.getByRole("button", { name: t.members.createUser }).click();
  const createDialog = page.getByRole("dialog", { name: t.members.createTitle });
  await createDialog.getByLabel(t.members.name).fill(name);
  await createDialog.getByLabel(t.members.email).fill(`e2e-${unique}@yadea.demo`);
  await createDialog.getByLabel(t.members.password).fill("a-long-enough-password");
  await createDialog.getByRole("button", { name: t.common.create }).click();
  await expect(createDialog).toBeHidden();

  await page.getByRole("searchbox", { name: t.members.searchLabel }).fill(unique);
  await page.getByRole("searchbox", { name: t.members.searchLabel }).press("Enter");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row.getByText(t.roles.MEMBER)).toBeVisible();

  await row.getByRole("button", { name: `${t.common.edit}: ${name}` }).click();
  const rolesDialog = page.getByRole("dialog");
  await rolesDialog.getByRole("checkbox", { name: new RegExp(`^${t.roles.VIEWER}`) }).check();
  await rolesDialog.getByRole("checkbox", { name: new RegExp(`^${t.roles.MEMBER}`) }).uncheck();
  await rolesDialog.getByRole("button", { name: t.common.save }).click();
  await expect(row.getByText(t.roles.VIEWER)).toBeVisible();

  await row.getByRole("button", { name: `${t.common.remove}: ${name}` }).click();
  await page.getByRole("tooltip").getByRole("button", { name: t.common.remove }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
});

test("an invitation shows its link once, and the invitee joins with it", async ({ page, browser, baseURL }) => {
  const email = `invitee-${Date.now().toString(36)}@yadea.demo`;
  await open(page, "/settings/members");
  await page.getByRole("button", { name: t.members.inviteUser }).click();
  const dialog = page.getByRole("dialog", { name: t.members.inviteTitle });
  await dialog.getByLabel(t.members.email).fill(email);
  await dialog.getByRole("button", { name: t.members.invite }).click();
  const link = dialog.getByTestId("accept-url");
  await expect(link).toContainText("/accept-invitation?token=");
  const acceptUrl = new URL((await link.textContent()) ?? "");
  await dialog.getByRole("button", { name: t.common.close }).last().click();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toBeVisible();

  // The invitee, in their own browser, follows the link (served by whatever host runs the tests).
  const invitee = await browser.newContext({ extraHTTPHeaders: { "accept-language": "en" } });
  const inviteePage = await invitee.newPage();
  await open(inviteePage, `${baseURL}${acceptUrl.pathname}${acceptUrl.search}`);
  await inviteePage.getByLabel(t.acceptInvitation.name).fill("Invited Person");
  await inviteePage.getByLabel(t.acceptInvitation.password, { exact: true }).fill("invited-person-pw");
  await inviteePage.getByLabel(t.acceptInvitation.confirmPassword).fill("invited-person-pw");
  await inviteePage.getByRole("button", { name: t.acceptInvitation.submit }).click();
  await expect(inviteePage.getByRole("heading", { level: 1, name: t.dashboard.MANUFACTURER.title })).toBeVisible();
  await expect(inviteePage.getByTestId("viewer-role")).toHaveText(t.roles.MEMBER);
  await invitee.close();
});

test("an API key's secret is shown once and the key can be revoked", async ({ page }) => {
  const name = `E2E key ${Date.now().toString(36)}`;
  await mainNav(page, "en").getByRole("link", { name: t.nav.apiKeys }).click();
  await page.getByRole("button", { name: t.apiKeys.create }).click();
  const dialog = page.getByRole("dialog", { name: t.apiKeys.createTitle });
  await dialog.getByLabel(t.apiKeys.name).fill(name);
  await dialog.getByRole("button", { name: t.common.create }).click();
  const secretDialog = page.getByRole("dialog", { name: t.apiKeys.secretTitle });
  await expect(secretDialog.getByTestId("api-key-secret")).not.toBeEmpty();
  await secretDialog.getByRole("button", { name: t.common.close }).last().click();

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByText(t.apiKeys.active)).toBeVisible();
  await row.getByRole("button", { name: `${t.common.revoke}: ${name}` }).click();
  await page.getByRole("tooltip").getByRole("button", { name: t.common.revoke }).click();
  await expect(row.getByText(t.apiKeys.revoked)).toBeVisible();
});

test("the audit log lists what happened", async ({ page }) => {
  await mainNav(page, "en").getByRole("link", { name: t.nav.auditLog }).click();
  await expect(page.getByRole("heading", { level: 1, name: t.auditLog.title })).toBeVisible();
  // Signing in is itself recorded.
  await expect(page.getByRole("cell", { name: "session.login" }).first()).toBeVisible();
});
