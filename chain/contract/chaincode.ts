// Entry point for running the contract as chaincode (fabric-chaincode-node / chaincode as a
// service loads `contracts` from the package's main module). Importing this loads
// fabric-contract-api; clients import ./index.ts instead, which does not.
import { CorridorContract } from "./corridor-contract.js";

export { CorridorContract };
export const contracts = [CorridorContract];
