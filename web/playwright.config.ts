import { defineConfig } from "@playwright/test";

// Browser tests run against the whole stack with demo data: `node ../scripts/start.mjs --e2e`
// (API on 4310, web on 3310, throw-away database). Set E2E_BASE_URL to test a stack that is
// already running elsewhere; then no server is started.
// Ports of their own, so a Corridor already running on 3000/4000 does not get in the way.
const webPort = process.env.E2E_WEB_PORT ?? "3310";
const apiPort = process.env.E2E_API_PORT ?? "4310";
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${webPort}`;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // The root test command collects a JSON report to count results (scripts/test.mjs).
  reporter: [
    ["list"],
    ...(process.env.CORRIDOR_TEST_REPORTS ? [["json", { outputFile: `${process.env.CORRIDOR_TEST_REPORTS}/playwright.json` }] as ["json", { outputFile: string }]] : []),
  ],
  use: {
    baseURL,
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    // Tests pick their language explicitly; the browser default only matters for the first visit.
    locale: "en-US",
    timezoneId: "Asia/Shanghai",
    // The portal turns antd's animations off for it: no click lands on a dialog still zooming in.
    reducedMotion: "reduce",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not reachable from these machines.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: "node ../scripts/start.mjs --e2e",
        env: { WEB_PORT: webPort, API_PORT: apiPort },
        url: `${baseURL}/login`,
        reuseExistingServer: !process.env.CI,
        timeout: 300_000,
        stdout: "pipe",
        stderr: "pipe",
      },
});
