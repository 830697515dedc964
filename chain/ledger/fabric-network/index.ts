export { connectionProfile, FabricNetworkLedger, NETWORK_TIMEOUTS_S, openFabricNetworkLedger } from "./network-ledger.js";
