// Generates the Prisma client and Pothos types offline, then prints schema.graphql.
// Prisma's CLI wants a native schema engine path even for `generate`; it never runs it,
// so any existing file does (see shared/STACK.md).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, env, stdio: "inherit" });

run("npx", ["prisma", "generate"]);
if (!process.argv.includes("--prisma-only")) run("npx", ["tsx", "scripts/print-schema.ts"]);
