// Run under tsx (esbuild: no decorator metadata) by contract-metadata.test.ts: prints the
// contract metadata fabric-shim derived and the result of one transaction, as JSON.

import { CorridorContract } from "../contract/corridor-contract.js";
import { openEmbeddedLedger } from "../ledger/index.js";
import { as, batchArgs, designParamTypes, TEST_ORGANIZATIONS } from "./ledger-fixture.js";

const dir = process.argv[2];
if (!dir) throw new Error("usage: metadata-probe <dataDir>");
const ledger = await openEmbeddedLedger({ dataDir: dir, organizations: TEST_ORGANIZATIONS });
try {
  const metadata = JSON.parse(Buffer.from(await ledger.evaluate({ fn: "org.hyperledger.fabric:GetMetadata", identity: as.dealer })).toString());
  const designTypes = designParamTypes(CorridorContract.prototype, "registerBatch");
  const batch = await ledger.submit({ fn: "registerBatch", args: batchArgs("B-TSX"), identity: as.yadea });
  process.stdout.write(JSON.stringify({ metadata, designTypes: designTypes ?? null, batch: JSON.parse(Buffer.from(batch.result).toString()) }));
} finally {
  await ledger.close();
}
