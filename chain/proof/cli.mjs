#!/usr/bin/env node
// corridor-verify: offline check of a Corridor vehicle proof. The logic lives in cli-main.ts;
// this file only loads it through tsx, resolved from this package, so any working directory works.
// Exit codes: 0 valid, 1 invalid, 2 usage error or the verifier could not run.
try {
  const { tsImport } = await import("tsx/esm/api");
  const { main } = await tsImport("./cli-main.ts", import.meta.url);
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`corridor-verify: could not run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 2;
}
