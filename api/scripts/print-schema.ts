// Prints the Pothos schema to api/schema.graphql; with --check, fails when the committed copy drifts.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lexicographicSortSchema, printSchema } from "graphql";
import { schema } from "../src/schema/index.js";

const file = fileURLToPath(new URL("../schema.graphql", import.meta.url));
const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(file, "utf8");
  } catch {}
  if (committed !== printed) {
    console.error("api/schema.graphql is out of date: run `npm run generate` and commit the result.");
    process.exit(1);
  }
  console.log("api/schema.graphql is up to date.");
} else {
  writeFileSync(file, printed);
  console.log(`Wrote ${file}`);
}
