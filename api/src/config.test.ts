import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("config", () => {
  it("runs on embedded defaults with no settings at all", () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.API_PORT).toBe(4000);
    expect(c.cookieSecure).toBe(false);
    expect(c.CORRIDOR_DATA_DIR).toMatch(/\.data$/);
  });

  it("treats an empty DATABASE_URL as unset and accepts postgres URLs", () => {
    expect(loadConfig({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: "postgresql://u@h:5432/db" }).DATABASE_URL).toBe("postgresql://u@h:5432/db");
  });

  it("fails fast naming every wrong setting and its value", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x", API_PORT: "http", LOG_LEVEL: "loud" })).toThrowError(ConfigError);
    try {
      loadConfig({ DATABASE_URL: "mysql://x", API_PORT: "http", LOG_LEVEL: "loud" });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/DATABASE_URL: must be a postgres/);
      expect(msg).toMatch(/API_PORT: .*"http"/);
      expect(msg).toMatch(/LOG_LEVEL: .*"loud"/);
      expect(msg).toMatch(/\.env\.example/);
    }
  });

  it("makes cookies secure in production unless told otherwise", () => {
    expect(loadConfig({ NODE_ENV: "production" }).cookieSecure).toBe(true);
    expect(loadConfig({ NODE_ENV: "production", COOKIE_SECURE: "false" }).cookieSecure).toBe(false);
  });
});
