export { bookingFilter, canSeeDocument, visibleDocument } from "./access.js";
export { anchorDocumentOnLedger, documentAnchorMessage, OUTBOX_TOPIC_DOCUMENT_ANCHOR } from "./anchor.js";
export { type ConformityDetails, conformitySchema, parseConformity } from "./conformity.js";
export type { DocumentDetails } from "./data.js";
export { documentDownloads } from "./download.js";
export { ANCHORED_KINDS, BOOKING_DOCUMENT_PREFIX, type IssueBookingDocumentInput, type IssueResult, issueBookingDocument, verifyUrlOf } from "./issue.js";
export { type IssueVehicleDocumentInput, issueVehicleDocument, VEHICLE_DOCUMENT_PREFIX, vehicleVerifyUrlOf } from "./issue-vehicle.js";
export { type DocumentStore, documentStoreFor, LocalDocumentStore, storageKeyOf } from "./store.js";
