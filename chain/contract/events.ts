// Chaincode event names, shared by the contract (which emits them) and every client (which
// listens for them). Fabric keeps one event per transaction: each write transaction emits
// exactly one, whose payload is the canonical JSON of the record it wrote.

export const CorridorEvents = {
  ConfigUpdated: "ConfigUpdated",
  BatchRegistered: "BatchRegistered",
  VehicleRegistered: "VehicleRegistered",
  CertificationIssued: "CertificationIssued",
  CertificationRevoked: "CertificationRevoked",
  CustodyEventRecorded: "CustodyEventRecorded",
  DocumentAnchored: "DocumentAnchored",
} as const;
export type CorridorEventName = (typeof CorridorEvents)[keyof typeof CorridorEvents];

export const CORRIDOR_EVENT_NAMES: readonly CorridorEventName[] = Object.values(CorridorEvents);

export function isCorridorEventName(name: string): name is CorridorEventName {
  return (CORRIDOR_EVENT_NAMES as readonly string[]).includes(name);
}
