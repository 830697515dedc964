/** The contract's name inside the chaincode; clients address it as "corridor:<transaction>". */
export const CONTRACT_NAME = "corridor";

/**
 * X.509 attribute (Fabric CA `attrs` extension, OID 1.2.3.4.5.6.7.8.1) that says which consortium
 * role a client identity acts in. An organization's MSP must also be listed for that role in the
 * consortium configuration: both are checked.
 */
export const ROLE_ATTRIBUTE = "corridor.role";

export const Roles = {
  /** The platform operator: writes the consortium configuration, may anchor on behalf of makers. */
  Platform: "platform",
  Maker: "maker",
  Certifier: "certifier",
  Logistics: "logistics",
  Dealer: "dealer",
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];
export const ROLES: readonly Role[] = Object.values(Roles);

/** Transaction names, so clients never spell them by hand. */
export const CorridorTransactions = {
  configure: "configure",
  getConfig: "getConfig",
  registerBatch: "registerBatch",
  getBatch: "getBatch",
  registerVehicle: "registerVehicle",
  getVehicle: "getVehicle",
  issueCertification: "issueCertification",
  revokeCertification: "revokeCertification",
  getCertification: "getCertification",
  certificationsForModel: "certificationsForModel",
  certificationsForVinHash: "certificationsForVinHash",
  recordCustodyEvent: "recordCustodyEvent",
  custodyEvents: "custodyEvents",
  anchorDocument: "anchorDocument",
  getDocument: "getDocument",
  history: "history",
} as const;
export type CorridorTransaction = (typeof CorridorTransactions)[keyof typeof CorridorTransactions];

/** Transactions that only read (evaluate); every other one is submitted. */
export const QUERY_TRANSACTIONS: ReadonlySet<CorridorTransaction> = new Set([
  "getConfig",
  "getBatch",
  "getVehicle",
  "getCertification",
  "certificationsForModel",
  "certificationsForVinHash",
  "custodyEvents",
  "getDocument",
  "history",
]);

export const CustodyEventTypes = ["SHIPPED", "BORDER_CROSSED", "DELIVERED"] as const;
export type CustodyEventType = (typeof CustodyEventTypes)[number];

export const CustodySubjectTypes = ["VEHICLE", "BATCH"] as const;
export type CustodySubjectType = (typeof CustodySubjectTypes)[number];

/** Kinds of record whose history `history(kind, id)` returns. */
export const HistoryKinds = ["CONFIG", "BATCH", "VEHICLE", "CERTIFICATION", "DOCUMENT"] as const;
export type HistoryKind = (typeof HistoryKinds)[number];

/** Upper bound on VIN hashes in one certification's scope (each one is an index entry). */
export const MAX_SCOPE_VIN_HASHES = 10_000;

/** Who may record which custody event: carriers ship and cross borders, dealers confirm delivery. */
export const CUSTODY_EVENT_ROLES: Readonly<Record<CustodyEventType, readonly Role[]>> = {
  SHIPPED: ["logistics"],
  BORDER_CROSSED: ["logistics"],
  DELIVERED: ["logistics", "dealer"],
};
