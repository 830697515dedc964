// Integration: the fabric-gateway backend against a real Fabric >= 2.4 network (FABRIC_* settings).

import { openFabricGatewayLedger } from "./gateway-ledger.js";
import { describeFabricFlows, integrationSettings } from "./integration-flows.js";

describeFabricFlows("fabric-gateway", integrationSettings("Fabric gateway", process.env), (s) => openFabricGatewayLedger(s));
