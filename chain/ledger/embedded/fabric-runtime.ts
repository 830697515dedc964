// The contract, run through fabric-shim's own dispatcher (ChaincodeFromContract): real argument
// marshalling and validation against the contract metadata, ClientIdentity from the creator's
// X.509 certificate, before/after hooks, the system contract (GetMetadata). The module path is
// internal to fabric-shim, which is why chain/package.json pins fabric-shim exactly.
import { createRequire } from "node:module";
import fabric from "fabric-contract-api";
import type { ChaincodeResponse, ChaincodeStub } from "fabric-shim";
import { CorridorContract } from "../../contract/corridor-contract.js";

const require = createRequire(import.meta.url);

interface Dispatcher {
  Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse>;
}
type DispatcherClass = new (contracts: unknown[], serializers: unknown, metadata: object, title: string, version: string) => Dispatcher;

const ChaincodeFromContract = require("fabric-shim/lib/contract-spi/chaincodefromcontract.js") as DispatcherClass;
const shimLogger = require("fabric-shim/lib/logger.js") as { getLogger(name: string): { silent: boolean } };

// The dispatcher logs every refused transaction as an error; the ledger reports those to its
// caller as typed errors instead, so its log would only duplicate them.
shimLogger.getLogger("contracts-spi/chaincodefromcontract.js").silent = true;

detachFabricProcessHandlers();

/**
 * fabric-contract-api and fabric-shim create winston loggers at import that handle
 * `uncaughtException` and `unhandledRejection` for the whole process, without exiting
 * (exitOnError: false). Inside a chaincode server that is their business; inside the API it
 * would keep a broken process running. Removes those handlers (by their names).
 */
export function detachFabricProcessHandlers(): void {
  for (const listener of process.listeners("unhandledRejection")) {
    if (listener.name === "loggerUnhandledRejectionFn") process.off("unhandledRejection", listener);
  }
  for (const listener of process.listeners("uncaughtException")) {
    if (listener.name === "bound _uncaughtException") process.off("uncaughtException", listener);
  }
}

/** A dispatcher for the corridor contract (one per ledger; the contract itself is stateless). */
export function corridorChaincode(version: string): Dispatcher {
  return new ChaincodeFromContract([CorridorContract], { transaction: "jsonSerializer", serializers: { jsonSerializer: fabric.JSONSerializer } }, {}, "corridor", version);
}
