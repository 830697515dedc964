import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { reporting } from "../vitest.shared.js";

// Unit tests only (src/**/*.test.ts). Browser specs in e2e/ belong to Playwright.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: {
    ...reporting("web"),
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "node",
  },
});
