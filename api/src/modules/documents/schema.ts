// GraphQL types, queries and mutations of this bounded context register on the builder here.

import { z } from "zod";
import type { Context } from "../../context.js";
import { NotFoundError } from "../../errors.js";
import { AnchorStatus, DocumentKind } from "../../generated/prisma/enums.js";
import { builder } from "../../schema/builder.js";
import { ruleErrors } from "../../schema/errors.js";
import { decodeIdOf, encodeGlobalId } from "../../schema/global-id.js";
import { NO_ORG } from "../identity/scope.js";
import { bookingFilter, canSeeDocumentInRequest } from "./access.js";
import { VehicleConformityInput } from "./conformity-schema.js";
import { issueBookingDocument } from "./issue.js";
import { issueVehicleDocument } from "./issue-vehicle.js";

const DocumentKindEnum = builder.enumType(DocumentKind, { name: "DocumentKind", description: "Kinds of trade documents Corridor issues." });

/** Vehicles the caller sees as private records: their maker's (a platform admin sees all). */
function ownVehicles(ctx: Context) {
  const a = ctx.actor;
  if (!a) return { makerOrgId: NO_ORG };
  return a.isPlatformAdmin ? {} : { makerOrgId: a.org.id };
}

/** The path that serves a document's PDF to those who may see it. */
export const downloadPathOf = (id: string) => `/documents/${encodeGlobalId("IssuedDocument", id)}/download`;

builder.prismaNode("IssuedDocument", {
  id: { field: "id" },
  nullable: true,
  description:
    "A document Corridor issued: its number, kind and the SHA-256 of its PDF bytes. A booking's documents are seen by those who see the booking; a vehicle's by its maker.",
  authScopes: (doc, ctx: Context) => canSeeDocumentInRequest(ctx, doc),
  fields: (t) => ({
    number: t.exposeString("number"),
    kind: t.expose("kind", { type: DocumentKindEnum }),
    sha256: t.exposeString("sha256", { description: "SHA-256 of the PDF bytes, lower-case hex." }),
    sizeBytes: t.exposeInt("sizeBytes"),
    pageCount: t.exposeInt("pageCount"),
    locale: t.exposeString("locale"),
    issuedAt: t.expose("issuedAt", { type: "DateTime" }),
    downloadUrl: t.string({ description: "Path of the PDF on the API server; send the same credentials as for GraphQL.", resolve: (d) => downloadPathOf(d.id) }),
    booking: t.prismaField({
      type: "Booking",
      nullable: true,
      resolve: (q, d, _a, ctx) => (d.bookingId ? ctx.db.booking.findFirst({ ...q, where: { id: d.bookingId, ...bookingFilter(ctx.actor) } }) : null),
    }),
    vehicle: t.prismaField({
      type: "Vehicle",
      nullable: true,
      description: "The vehicle a certificate is about (CERTIFICATE_OF_CONFORMITY, VEHICLE_VERIFICATION).",
      resolve: (q, d, _a, ctx) => (d.vehicleId ? ctx.db.vehicle.findFirst({ ...q, where: { id: d.vehicleId, ...ownVehicles(ctx) } }) : null),
    }),
    // The AnchorStatus enum object is registered as a GraphQL enum by the vehicles module (batches); the same type here.
    anchorStatus: t.expose("anchorStatus", {
      type: AnchorStatus,
      nullable: true,
      description:
        "Certificates: PENDING until the SHA-256 is on the ledger, then ANCHORED (FAILED after repeated failures, still retried). Null for documents that are not anchored.",
    }),
    txId: t.exposeString("txId", { nullable: true, description: "The ledger transaction that anchored the SHA-256." }),
    blockNumber: t.exposeInt("blockNumber", { nullable: true, description: "The block holding that transaction." }),
  }),
});

builder.prismaObjectField("Vehicle", "documents", (t) =>
  t.prismaField({
    type: ["IssuedDocument"],
    description: "Certificates issued for this vehicle, newest first.",
    resolve: (q, v, _a, ctx) =>
      ctx.db.issuedDocument.findMany({ ...q, where: { vehicleId: v.id, orgId: v.makerOrgId }, orderBy: [{ issuedAt: "desc" }, { id: "desc" }], take: 100 }),
  }),
);

interface VerificationShape {
  sha256: string;
  doc: { kind: DocumentKind; number: string; issuedAt: Date; orgId: string; anchorStatus: AnchorStatus | null; txId: string | null; blockNumber: number | null } | null;
}

const anchoredDoc = (v: VerificationShape) => (v.doc?.anchorStatus === "ANCHORED" ? v.doc : null);

const DocumentVerificationRef = builder.objectRef<VerificationShape>("DocumentVerification").implement({
  description: "Whether Corridor issued a document with these bytes, and only its public facts.",
  authScopes: { public: true },
  fields: (t) => ({
    sha256: t.string({ resolve: (v) => v.sha256 }),
    issued: t.boolean({ description: "True when a document with exactly this SHA-256 was issued.", resolve: (v) => !!v.doc }),
    kind: t.field({ type: DocumentKindEnum, nullable: true, resolve: (v) => v.doc?.kind ?? null }),
    number: t.string({ nullable: true, resolve: (v) => v.doc?.number ?? null }),
    issuedAt: t.field({ type: "DateTime", nullable: true, resolve: (v) => v.doc?.issuedAt ?? null }),
    issuerName: t.string({
      nullable: true,
      resolve: async (v, _a, ctx) => (v.doc ? ((await ctx.db.organization.findUnique({ where: { id: v.doc.orgId }, select: { name: true } }))?.name ?? null) : null),
    }),
    anchored: t.boolean({ description: "True when the document's SHA-256 is anchored on the consortium ledger (certificates are).", resolve: (v) => !!anchoredDoc(v) }),
    txId: t.string({ nullable: true, description: "The ledger transaction that anchored the SHA-256.", resolve: (v) => anchoredDoc(v)?.txId ?? null }),
    blockNumber: t.int({ nullable: true, description: "The block holding that transaction.", resolve: (v) => anchoredDoc(v)?.blockNumber ?? null }),
  }),
});

/** The booking's database id if the caller may see the booking; not found otherwise. */
async function visibleBookingId(ctx: Context, globalId: string | number): Promise<string> {
  const id = decodeIdOf(String(globalId), "Booking", "bookingId");
  const booking = await ctx.db.booking.findFirst({ where: { id, ...bookingFilter(ctx.actor) }, select: { id: true } });
  if (!booking) throw new NotFoundError("Booking");
  return id;
}

const SHA256 = /^[0-9a-fA-F]{64}$/;
const publicFacts = { kind: true, number: true, issuedAt: true, orgId: true, sha256: true, anchorStatus: true, txId: true, blockNumber: true } as const;

builder.queryFields((t) => ({
  documents: t.prismaConnection({
    type: "IssuedDocument",
    cursor: "id",
    authScopes: { authenticated: true },
    description: "Documents issued for a booking, newest first: seen by its maker, its consignee (dealer) and the train's operator.",
    maxSize: 100,
    defaultSize: 20,
    args: { bookingId: t.arg.id() },
    resolve: async (q, _r, args, ctx) => {
      const bookingId = await visibleBookingId(ctx, args.bookingId);
      return ctx.db.issuedDocument.findMany({ ...q, where: { bookingId }, orderBy: [{ issuedAt: "desc" }, { id: "asc" }] });
    },
    totalCount: async (_r, args, ctx) => ctx.db.issuedDocument.count({ where: { bookingId: await visibleBookingId(ctx, args.bookingId) } }),
  }),
  verifyDocument: t.field({
    type: DocumentVerificationRef,
    authScopes: { public: true },
    description: "Anyone, without logging in: was a document with this SHA-256 issued? Gives its kind, number, issuer and date, nothing else.",
    args: { sha256: t.arg.string({ validate: z.string().max(200) }) },
    resolve: async (_r, { sha256 }, ctx) => {
      const hash = sha256.trim().toLowerCase();
      const doc = SHA256.test(hash) ? await ctx.db.issuedDocument.findFirst({ where: { sha256: hash }, orderBy: [{ issuedAt: "asc" }, { id: "asc" }], select: publicFacts }) : null;
      return { sha256: hash, doc };
    },
  }),
  verifyDocumentCode: t.field({
    type: DocumentVerificationRef,
    authScopes: { public: true },
    description: "Anyone, without logging in: the document a printed QR code names (its verification code), with the SHA-256 its PDF must have.",
    args: { code: t.arg.string({ validate: z.string().max(200) }) },
    resolve: async (_r, { code }, ctx) => {
      const doc = /^doc[0-9a-f]{24}$/.test(code) ? await ctx.db.issuedDocument.findUnique({ where: { id: code }, select: publicFacts }) : null;
      return { sha256: doc?.sha256 ?? "", doc };
    },
  }),
}));

const UnitPriceInput = builder.inputType("DocumentUnitPriceInput", {
  fields: (t) => ({
    vehicleModelId: t.id(),
    unitPriceMinor: t.int({ description: "Price of one unit in minor units of the invoice currency.", validate: z.number().int().min(0).max(2_000_000_000) }),
  }),
});

const ContainerInput = builder.inputType("DocumentContainerInput", {
  fields: (t) => ({
    containerNumber: t.string({ description: "ISO 6346, e.g. MSKU1234565.", validate: z.string().trim().toUpperCase().max(11) }),
    type: t.string({ description: "20GP, 40GP, 40HQ or 45HQ.", validate: z.string().max(8) }),
    sealNumber: t.string({ required: false, validate: z.string().max(30) }),
  }),
});

const EmergencyContactInput = builder.inputType("EmergencyContactInput", {
  fields: (t) => ({
    name: t.string({ validate: z.string().trim().min(1).max(120) }),
    phone: t.string({ validate: z.string().regex(/^\+?[\d\s()-]{6,40}$/, "Use a phone number such as +86 23 6868 9999.") }),
  }),
});

const Un383Input = builder.inputType("Un383ReportInput", {
  fields: (t) => ({
    vehicleModelId: t.id(),
    reportNumber: t.string({ validate: z.string().trim().min(1).max(80) }),
    issuedBy: t.string({ validate: z.string().trim().min(1).max(160) }),
    date: t.string({ required: false, description: "YYYY-MM-DD", validate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD.") }),
  }),
});

const IssueDocumentInput = builder.inputType("IssueDocumentInput", {
  fields: (t) => ({
    bookingId: t.id(),
    kind: t.field({
      type: DocumentKindEnum,
      description: "BOOKING_CONFIRMATION, COMMERCIAL_INVOICE, PACKING_LIST, CONSIGNMENT_NOTE, DG_DECLARATION or LOAD_PLAN (once the train is planned).",
    }),
    unitPrices: t.field({ type: [UnitPriceInput], required: false, description: "COMMERCIAL_INVOICE: a price for each model booked.", validate: z.array(z.unknown()).max(200) }),
    currencyCode: t.string({
      required: false,
      description: "COMMERCIAL_INVOICE: currency of the prices (default: the booking's).",
      validate: z.string().regex(/^[A-Z]{3}$/, "Use an ISO 4217 code such as USD."),
    }),
    containers: t.field({
      type: [ContainerInput],
      required: false,
      description: "PACKING_LIST, CONSIGNMENT_NOTE: the container the cargo is in.",
      validate: z.array(z.unknown()).max(1, "Give one container."),
    }),
    emergencyContact: t.field({ type: EmergencyContactInput, required: false, description: "DG_DECLARATION: 24-hour emergency contact." }),
    un383Reports: t.field({
      type: [Un383Input],
      required: false,
      description: "DG_DECLARATION: the UN 38.3 test summary of each lithium model.",
      validate: z.array(z.unknown()).max(200),
    }),
  }),
});

builder.mutationFields((t) => ({
  issueDocument: t.prismaField({
    type: "IssuedDocument",
    authScopes: { orgKind: ["MANUFACTURER"] },
    errors: { types: ruleErrors },
    description: "Issues a trade document for one of your bookings. Issuing again with unchanged data returns the same document (same bytes, same SHA-256).",
    args: { input: t.arg({ type: IssueDocumentInput }) },
    resolve: async (_q, _r, { input }, ctx) => {
      const modelId = (id: string | number, path: string) => decodeIdOf(String(id), "VehicleModel", path);
      const { document } = await issueBookingDocument(ctx, {
        bookingId: decodeIdOf(String(input.bookingId), "Booking", "bookingId"),
        kind: input.kind,
        unitPrices: input.unitPrices?.map((p) => ({ vehicleModelId: modelId(p.vehicleModelId, "unitPrices.vehicleModelId"), unitPriceMinor: p.unitPriceMinor })),
        currencyCode: input.currencyCode,
        containers: input.containers,
        emergencyContact: input.emergencyContact,
        un383Reports: input.un383Reports?.map((r) => ({ ...r, vehicleModelId: modelId(r.vehicleModelId, "un383Reports.vehicleModelId") })),
      });
      return document;
    },
  }),
}));

const IssueVehicleDocumentInput = builder.inputType("IssueVehicleDocumentInput", {
  fields: (t) => ({
    vehicleId: t.id(),
    kind: t.field({
      type: DocumentKindEnum,
      description: "CERTIFICATE_OF_CONFORMITY (with the model's conformity in the catalog, or given here) or VEHICLE_VERIFICATION (once the vehicle is anchored on the ledger).",
    }),
    conformity: t.field({
      type: VehicleConformityInput,
      required: false,
      description: "CERTIFICATE_OF_CONFORMITY: the type-approval and technical data it states. Default: the model's conformity in the catalog; given here, it wins.",
    }),
  }),
});

builder.mutationFields((t) => ({
  issueVehicleDocument: t.prismaField({
    type: "IssuedDocument",
    authScopes: { orgKind: ["MANUFACTURER"] },
    errors: { types: ruleErrors, dataField: { name: "document" } },
    description:
      "Issues a certificate for one of your vehicles: its EU certificate of conformity or its vehicle verification certificate (QR to the public verify page, proof digest and ledger anchor). Its SHA-256 is anchored on the ledger. Issuing again with unchanged data returns the same document.",
    args: { input: t.arg({ type: IssueVehicleDocumentInput }) },
    resolve: async (_q, _r, { input }, ctx) => {
      const { document } = await issueVehicleDocument(ctx, {
        vehicleId: decodeIdOf(String(input.vehicleId), "Vehicle", "vehicleId"),
        kind: input.kind,
        conformity: input.conformity,
      });
      return document;
    },
  }),
}));
