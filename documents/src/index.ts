/**
 * @corridor/documents — trade documents as pure functions: data in, deterministic PDF bytes out.
 *
 * Each template exports `renderX(data, options?) → Promise<Buffer>`, `renderXResult` (bytes plus
 * sha256, page count and characters no font could show) and `validateX(data)`, which throws a
 * {@link DocumentDataError} listing every problem with its field path.
 */

export { CONTAINER_TYPES, type ContainerType, containerCheckDigit, isContainerNumber } from "./containers.js";
export { type DataIssue, DocumentDataError } from "./errors.js";
export { amountInWords, currencyDigits, formatInstant, formatMinor, formatMoney } from "./format.js";
export { sha256, stableStringify } from "./hash.js";
export { RENDERER_VERSION, type RenderOptions, type RenderResult } from "./layout/composer.js";
export {
  createFontSet,
  defaultFontSet,
  type FallbackFont,
  type FontSet,
  type FontSetOptions,
  latinOnlyFontSet,
  PLACEHOLDER,
  resolveCluster,
} from "./layout/fonts.js";
export type { DocumentMeta, Money, Party, Signatory } from "./model.js";
export {
  BOOKING_CONFIRMATION,
  type BookingCargoLine,
  type BookingConfirmationData,
  renderBookingConfirmation,
  renderBookingConfirmationResult,
  validateBookingConfirmation,
} from "./templates/booking-confirmation.js";
export {
  CATEGORY_LIMITS,
  CERTIFICATE_OF_CONFORMITY,
  type CertificateOfConformityData,
  type CocTechnical,
  type CocVehicle,
  L_CATEGORIES,
  type LCategory,
  renderCertificateOfConformity,
  renderCertificateOfConformityResult,
  validateCertificateOfConformity,
} from "./templates/certificate-of-conformity.js";
export {
  COMMERCIAL_INVOICE,
  type CommercialInvoiceData,
  INCOTERMS,
  type Incoterm,
  type InvoiceLine,
  renderCommercialInvoice,
  renderCommercialInvoiceResult,
  validateCommercialInvoice,
} from "./templates/commercial-invoice.js";
export {
  CONSIGNMENT_NOTE,
  type ConsignmentContainer,
  type ConsignmentGoods,
  type ConsignmentNoteData,
  renderConsignmentNote,
  renderConsignmentNoteResult,
  type Station,
  validateConsignmentNote,
} from "./templates/consignment-note.js";
export {
  CONTAINER_LOAD_PLAN,
  type ContainerLoadPlanData,
  type LoadPlanCargo,
  type PictureRect,
  renderContainerLoadPlan,
  renderContainerLoadPlanResult,
  validateContainerLoadPlan,
} from "./templates/container-load-plan.js";
export {
  DANGEROUS_GOODS_DECLARATION,
  type DangerousGoodsDeclarationData,
  type DangerousGoodsLine,
  LITHIUM_UN_NUMBERS,
  type LithiumUnNumber,
  PROPER_SHIPPING_NAMES,
  renderDangerousGoodsDeclaration,
  renderDangerousGoodsDeclarationResult,
  type Un383Reference,
  validateDangerousGoods,
} from "./templates/dangerous-goods.js";
export {
  PACKING_LIST,
  type PackingContainer,
  type PackingLine,
  type PackingListData,
  renderPackingList,
  renderPackingListResult,
  validatePackingList,
} from "./templates/packing-list.js";
export type { Charge, Transport, TransportMode } from "./templates/shared.js";
export {
  renderVehicleVerification,
  renderVehicleVerificationResult,
  VEHICLE_VERIFICATION,
  type VehicleVerificationData,
  validateVehicleVerification,
} from "./templates/vehicle-verification.js";
export { warmUp } from "./warm-up.js";
