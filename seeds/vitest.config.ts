import { defineConfig } from "vitest/config";
import { reporting } from "../vitest.shared.js";

export default defineConfig({ test: { ...reporting("seeds"), include: ["src/**/*.test.ts"], passWithNoTests: true } });
