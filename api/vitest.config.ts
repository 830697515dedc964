import { defineConfig } from "vitest/config";
import { reporting } from "../vitest.shared.js";

// Unit tests (*.test.ts) run once. Integration tests (*.int.test.ts) run twice: against a real
// PostgreSQL server and against the embedded PGlite, the two databases Corridor runs on.
const integration = ["src/**/*.int.test.ts", "test/**/*.int.test.ts"];

export default defineConfig({
  // One graphql instance: Node loads graphql 16 as CommonJS for Pothos and Yoga (it has no
  // "exports"); Vite would hand test files its ES build, and instanceof checks fail across them.
  resolve: { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] },
  test: {
    ...reporting("api"),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    retry: 0,
    projects: [
      { extends: true, test: { name: "unit", include: ["src/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"], exclude: integration } },
      { extends: true, test: { name: "postgres", include: integration, env: { CORRIDOR_TEST_DB: "postgres" }, globalSetup: ["test/postgres-template.ts"] } },
      { extends: true, test: { name: "pglite", include: integration, env: { CORRIDOR_TEST_DB: "pglite" } } },
    ],
  },
});
