// @corridor/chain/ledger: the Ledger interface, its typed errors, and the embedded backend.
// The Fabric backends: fabric-gateway (Fabric >= 2.4) and fabric-network (Fabric 2.2).

export { type Anchored, CorridorClient, type CorridorClientOptions } from "./corridor-client.js";
export * from "./embedded/index.js";
export * from "./errors.js";
export * from "./fabric-gateway/index.js";
export * from "./fabric-network/index.js";
export type * from "./ledger.js";
