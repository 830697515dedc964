import { type APIRequestContext, type BrowserContext, expect, type Locator, type Page, request as playwrightRequest } from "@playwright/test";
import type { OrgKind } from "../src/gql/graphql";
import type { AppLocale } from "../src/i18n/config";
import en, { type Dictionary } from "../src/i18n/en";
import zhCN from "../src/i18n/zh-CN";

export const DEMO_PASSWORD = "corridor-demo";

export const dictionaries: Record<AppLocale, Dictionary> = { en, "zh-CN": zhCN };

type NavLabel = keyof Dictionary["nav"];

export interface DemoAccount {
  who: string;
  email: string;
  kind: OrgKind;
  /** Menu entries this account must see (besides the dashboard). */
  nav: NavLabel[];
  /** Menu entries it must not see. */
  notNav: NavLabel[];
}

const orgSettings: NavLabel[] = ["members", "apiKeys"];

/** The demo logins seeded by `start.mjs --e2e`; every one is an ORG_ADMIN of its organization. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    who: "manufacturer",
    email: "maker@yadea.demo",
    kind: "MANUFACTURER",
    nav: ["freightBooking", "shipments", "vehicles", "catalog", "compliance", "documents", ...orgSettings, "auditLog"],
    notNav: ["departures", "organizations"],
  },
  {
    who: "logistics operator",
    email: "ops@minsheng.demo",
    kind: "LOGISTICS_OPERATOR",
    nav: ["departures", "custody", "consolidation", "milestones", "corridorNetwork", ...orgSettings, "auditLog"],
    notNav: ["freightBooking", "organizations"],
  },
  {
    who: "dealer",
    email: "dealer@vientiane.demo",
    kind: "DEALER",
    nav: ["inboundShipments", "custody", "verifyVehicle", ...orgSettings, "auditLog"],
    notNav: ["freightBooking", "departures", "organizations"],
  },
  {
    who: "alliance secretariat",
    email: "secretariat@alliance.demo",
    kind: "ALLIANCE",
    nav: ["campaigns", "sharedCompliance", "allianceMembers", ...orgSettings, "auditLog"],
    notNav: ["freightBooking", "organizations"],
  },
  {
    who: "certification body",
    email: "cert@cqc.demo",
    kind: "CERTIFICATION_BODY",
    nav: ["certifications", ...orgSettings, "auditLog"],
    notNav: ["freightBooking", "organizations"],
  },
  {
    who: "platform admin",
    email: "admin@corridor.demo",
    kind: "PLATFORM",
    nav: ["organizations", "users", "auditLog", "referenceData", ...orgSettings],
    notNav: ["freightBooking", "departures"],
  },
];

/** Opens a page and waits until React has hydrated it (clicks before that are lost). */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

export async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Chooses the language with the switch on the current page and waits for the page to follow. */
export async function chooseLanguage(page: Page, locale: AppLocale): Promise<void> {
  const t = dictionaries[locale];
  await page
    .getByRole("radiogroup", { name: /Language|语言/ })
    .getByText(t.languageSwitch[locale], { exact: true })
    .click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

/** Sets the remembered language before the first visit. */
export async function rememberLanguage(context: BrowserContext, baseURL: string, locale: AppLocale): Promise<void> {
  await context.addCookies([{ name: "corridor_locale", value: locale, url: baseURL }]);
}

export async function signIn(page: Page, locale: AppLocale, email: string, password = DEMO_PASSWORD): Promise<void> {
  const t = dictionaries[locale];
  await page.getByLabel(t.login.email).fill(email);
  await page.getByLabel(t.login.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: t.login.submit }).click();
}

export function mainNav(page: Page, locale: AppLocale) {
  return page.getByRole("navigation", { name: dictionaries[locale].shell.mainNavigation });
}

/** A GraphQL call through the web's /graphql proxy; fails the test on any GraphQL error. */
export async function gql<T>(api: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await api.post("/graphql", { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** A request context holding the session cookie of a demo account. */
export async function signedIn(baseURL: string, email: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const data = await gql<{ login: { __typename: string } }>(api, "mutation ($input: LoginInput!) { login(input: $input) { __typename ... on DomainError { code message } } }", {
    input: { email, password: DEMO_PASSWORD },
  });
  expect(data.login.__typename).toBe("LoginSuccess");
  return api;
}

/**
 * Closes a dialog with its footer button and waits until it is gone: antd hands focus back to the
 * button that opened it when the close animation ends, so keys pressed before then could open it again.
 */
export async function closeDialog(dialog: Locator, locale: AppLocale): Promise<void> {
  await dialog.getByRole("button", { name: dictionaries[locale].common.close, exact: true }).last().click();
  await expect(dialog).toBeHidden();
}

/**
 * Chooses an option of an Ant Design select and checks it took: a click that lands while a
 * modal is still animating in can be lost, so the choice is retried until the select shows it.
 */
export async function pick(page: Page, combobox: ReturnType<Page["getByRole"]>, text: string | RegExp): Promise<void> {
  // the select's outermost element: it shows the chosen option's label
  const select = combobox.locator("xpath=ancestor::*[contains(@class, 'ant-select')][last()]");
  await expect(async () => {
    await combobox.click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: text }).first().click({ timeout: 2_000 });
    await expect(select).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}
