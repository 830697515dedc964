export { DEMO_ORGANIZATIONS } from "./consortium.js";
export { type BlockCutting, EmbeddedLedger, type EmbeddedLedgerOptions, openEmbeddedLedger } from "./embedded-ledger.js";
export type { ChannelConfig, OrganizationConfig } from "./format.js";
export { type LocalIdentity, LocalMsp, type OrganizationSpec, type UserSpec } from "./msp.js";
