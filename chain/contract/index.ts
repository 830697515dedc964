// What clients of the contract share with it: names, record types, errors, canonical JSON.
// Nothing here loads fabric-contract-api (it installs process-wide handlers and logs at import),
// so the API, the web portal and tools can import this freely. The contract class itself is in
// ./corridor-contract.ts (and ./chaincode.ts for running it as chaincode).
export * from "./constants.js";
export * from "./errors.js";
export * from "./events.js";
export { canonicalJson, marshal, unmarshal } from "./json.js";
export {
  type Anchor,
  AnchoredDocument,
  type AnchoredDocumentInput,
  Batch,
  type BatchInput,
  Certification,
  type CertificationInput,
  CertificationScope,
  ConsortiumConfig,
  type ConsortiumConfigInput,
  type ConsortiumMember,
  CustodyEvent,
  type CustodyEventInput,
  type HistoryEntry,
  isCertificationValidOn,
  MAX_BATCH_COUNT,
  type Revocation,
  Vehicle,
  type VehicleInput,
} from "./records.js";
