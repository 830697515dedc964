export { FabricErrorCode, mapFabricError } from "./errors.js";
export { EventCheckpoint } from "./events.js";
export { FabricGatewayLedger, type FabricGatewayLedgerOptions, GATEWAY_DEADLINES_MS, openFabricGatewayLedger } from "./gateway-ledger.js";
export { FABRIC_ENV, type FabricIdentitySettings, type FabricSettings, fabricSettingsFromEnv, validateFabricSettings } from "./settings.js";
