import { expect, test } from "@playwright/test";
import { chooseLanguage, dictionaries, mainNav, open, reload, rememberLanguage, signIn } from "./support";

const en = dictionaries.en;
const zh = dictionaries["zh-CN"];

test.describe("signing in and out", () => {
  test("a wrong password shows a clear message and stays on the login page", async ({ page, context, baseURL }) => {
    await rememberLanguage(context, baseURL ?? "", "en");
    await open(page, "/login");
    await signIn(page, "en", "maker@yadea.demo", "not-the-password");
    await expect(page.getByTestId("login-error")).toContainText(en.login.invalidCredentials);
    await expect(page).toHaveURL(/\/login/);
  });

  test("the wrong-password message is translated", async ({ page, context, baseURL }) => {
    await rememberLanguage(context, baseURL ?? "", "zh-CN");
    await open(page, "/login");
    await signIn(page, "zh-CN", "maker@yadea.demo", "not-the-password");
    await expect(page.getByTestId("login-error")).toContainText(zh.login.invalidCredentials);
  });

  test("an empty form is checked before it is sent", async ({ page, context, baseURL }) => {
    await rememberLanguage(context, baseURL ?? "", "en");
    await open(page, "/login");
    await page.getByRole("button", { name: en.login.submit }).click();
    await expect(page.getByText(en.login.emailRequired)).toBeVisible();
    await expect(page.getByText(en.login.passwordRequired)).toBeVisible();
  });

  test("an anonymous visitor is sent to the login page and back after signing in", async ({ page, context, baseURL }) => {
    await rememberLanguage(context, baseURL ?? "", "en");
    await open(page, "/settings/members");
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fmembers/);
    await signIn(page, "en", "maker@yadea.demo");
    await expect(page).toHaveURL(/\/settings\/members$/);
    await expect(page.getByRole("heading", { level: 1, name: en.members.title })).toBeVisible();
  });

  test("signing out ends the session", async ({ page, context, baseURL }) => {
    await rememberLanguage(context, baseURL ?? "", "en");
    await open(page, "/login");
    await signIn(page, "en", "ops@minsheng.demo");
    await expect(mainNav(page, "en")).toBeVisible();

    // A click that lands while the dropdown is still animating in can be lost; signing out twice is harmless.
    await expect(async () => {
      const item = page.getByRole("menuitem", { name: en.shell.logout });
      if (!(await item.isVisible())) await page.getByRole("button", { name: /Account menu/ }).click();
      await item.click();
      await expect(page).toHaveURL(/\/login/, { timeout: 3_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByText(en.login.sessionEnded)).toBeVisible();

    // The cookie is gone: the app sends us back to the login page.
    await open(page, "/");
    await expect(page).toHaveURL(/\/login/);
    expect((await context.cookies()).find((cookie) => cookie.name === "corridor_session")).toBeUndefined();
  });
});

test.describe("language", () => {
  test("the first visit follows the browser's language", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" } });
    const page = await context.newPage();
    await open(page, `${baseURL}/login`);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: zh.login.title })).toBeVisible();
    await context.close();
  });

  test("the chosen language is remembered across reloads and sign-in", async ({ page }) => {
    await open(page, "/login");
    await expect(page.getByRole("heading", { level: 1, name: en.login.title })).toBeVisible();

    await chooseLanguage(page, "zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: zh.login.title })).toBeVisible();
    await reload(page);
    await expect(page.getByRole("heading", { level: 1, name: zh.login.title })).toBeVisible();

    await signIn(page, "zh-CN", "dealer@vientiane.demo");
    await expect(page.getByRole("heading", { level: 1, name: zh.dashboard.DEALER.title })).toBeVisible();

    // Switching inside the app is remembered too.
    await chooseLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1, name: en.dashboard.DEALER.title })).toBeVisible();
    await reload(page);
    await expect(page.getByRole("heading", { level: 1, name: en.dashboard.DEALER.title })).toBeVisible();
    await expect(mainNav(page, "en").getByRole("link", { name: en.nav.inboundShipments })).toBeVisible();
  });
});
