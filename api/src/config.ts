import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The repository root, whatever the working directory. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const positiveInt = z.coerce.number().int().positive();

/**
 * Every setting Corridor reads. `.env.example` documents each; nothing else reads process.env.
 * An unknown value fails fast at start with the name of the setting and what is wrong.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  CORRIDOR_DATA_DIR: z.string().default(resolve(repoRoot, ".data")),
  API_HOST: z.string().default("127.0.0.1"),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** believe X-Forwarded-For (the web app proxies /graphql to the API) */
  TRUST_PROXY: bool.default(true),
  PUBLIC_WEB_URL: z.string().url().default("http://localhost:3000"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_PRETTY: bool.default(false),
  SESSION_TTL_HOURS: positiveInt.default(24 * 7),
  /** how long a session found valid is remembered (0: looked up on every request); other API copies see a logout within this */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  COOKIE_SECURE: bool.optional(),
  LOGIN_MAX_FAILURES: positiveInt.default(5),
  LOGIN_WINDOW_MINUTES: positiveInt.default(15),
  LOGIN_MAX_PER_IP: positiveInt.default(100),
  GRAPHQL_MAX_DEPTH: positiveInt.default(12),
  GRAPHQL_MAX_COST: positiveInt.default(20000),
  GRAPHQL_MAX_TOKENS: positiveInt.default(4000),
  GRAPHQL_MAX_ALIASES: positiveInt.default(30),
  GRAPHIQL: bool.default(true),
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  DB_POOL_SIZE: positiveInt.default(10),
  /** where issued documents' PDFs are kept: "local" = <CORRIDOR_DATA_DIR>/documents, "s3" = an S3-compatible bucket */
  DOCUMENT_STORE: z.enum(["local", "s3"]).default("local"),
  S3_ENDPOINT: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** https://endpoint/bucket/key (MinIO and most self-hosted stores) rather than https://bucket.endpoint/key */
  S3_FORCE_PATH_STYLE: bool.default(true),
  /** the shared ledger: "embedded" runs the contract in process; "none" starts no anchoring worker */
  LEDGER_BACKEND: z.enum(["embedded", "none"]).default("embedded"),
  /** embedded ledger folder; default <CORRIDOR_DATA_DIR>/ledger */
  LEDGER_DATA_DIR: z.string().optional(),
  /** how often the anchoring worker looks for outbox messages */
  OUTBOX_POLL_MS: positiveInt.default(1000),
});

export type Config = z.infer<typeof schema> & { cookieSecure: boolean };

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses settings from an environment (process.env by default) and fails with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Invalid Corridor settings; see .env.example:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  return { ...c, cookieSecure: c.COOKIE_SECURE ?? c.NODE_ENV === "production" };
}
