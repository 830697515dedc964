// Prints the sha256 of the sample packing list; the determinism test runs it in a fresh process.
import { renderPackingListResult } from "../src/index.js";
import { samplePackingList } from "./fixtures.js";

const r = await renderPackingListResult(samplePackingList());
process.stdout.write(`${r.sha256}\n`);
