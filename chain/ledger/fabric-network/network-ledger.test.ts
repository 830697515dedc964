// Integration: the fabric-network 2.2 backend against a real Fabric network (FABRIC_* settings).
import { describeFabricFlows, integrationSettings } from "../fabric-gateway/integration-flows.js";
import { openFabricNetworkLedger } from "./network-ledger.js";

describeFabricFlows("fabric-network", integrationSettings("Fabric network (fabric-network 2.2)", process.env), (s) => openFabricNetworkLedger(s));
