export { bookingFilter, canSeeDocument, visibleDocument } from "./access.js";
export type { DocumentDetails } from "./data.js";
export { documentDownloads } from "./download.js";
export { BOOKING_DOCUMENT_PREFIX, type IssueBookingDocumentInput, type IssueResult, issueBookingDocument, verifyUrlOf } from "./issue.js";
export { type DocumentStore, documentStoreFor, LocalDocumentStore, storageKeyOf } from "./store.js";
