import { defineConfig } from "vitest/config";
import { reporting } from "../vitest.shared.js";

export default defineConfig({
  test: { ...reporting("integrations"), include: ["**/*.test.ts"], exclude: ["**/node_modules/**"], testTimeout: 60_000 },
});
