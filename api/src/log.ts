import { type Logger, pino } from "pino";
import type { Config } from "./config.js";

export type { Logger };

/** Structured JSON logs; set LOG_PRETTY=true for a human-readable terminal. */
export function createLogger(config: Pick<Config, "LOG_LEVEL" | "LOG_PRETTY">): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: "corridor-api" },
    redact: { paths: ["req.headers.authorization", "req.headers.cookie", "password", "*.password", "secret", "token"], censor: "[redacted]" },
    ...(config.LOG_PRETTY ? { transport: { target: "pino-pretty", options: { singleLine: true } } } : {}),
  });
}
