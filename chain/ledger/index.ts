// @corridor/chain/ledger: the Ledger interface, its typed errors, and the embedded backend.
// The Fabric backends (fabric-gateway, fabric-network) will be exported from here too.

export { type Anchored, CorridorClient, type CorridorClientOptions } from "./corridor-client.js";
export * from "./embedded/index.js";
export * from "./errors.js";
export type * from "./ledger.js";
