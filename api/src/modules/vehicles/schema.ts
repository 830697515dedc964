// GraphQL of the vehicles context: the maker's registry (register, import, list, progress), the
// anchoring status of batches, and public verification (verifyVehicle, vehicleProof, ledgerRoots).
import { z } from "zod";
import type { Context } from "../../context.js";
import { NotFoundError, ValidationError } from "../../errors.js";
import { AnchorStatus, CertificationStatus, CustodyType, ImportStatus } from "../../generated/prisma/enums.js";
import { currentLedgerHub } from "../../ledger.js";
import { builder } from "../../schema/builder.js";
import { ruleErrors } from "../../schema/errors.js";
import { decodeIdOf } from "../../schema/global-id.js";
import { canSeeOrgPrivate, NO_ORG } from "../identity/scope.js";
import { issueCertification, revokeCertification } from "./certifications.js";
import { recordCustodyEvent } from "./custody.js";
import { importVehiclesFile, MAX_IMPORT_FILE_BYTES } from "./import-file.js";
import { importVehiclesCsv, registerVehicles } from "./imports.js";
import { IMPORT_ROW_ERROR_CODES, type ImportRowError, storedRowError } from "./row-errors.js";
import { vehicleProof, verifyVehicle } from "./verify.js";

const AnchorStatusEnum = builder.enumType(AnchorStatus, {
  name: "AnchorStatus",
  description: "PENDING until the batch's root is on the ledger; FAILED after repeated failures (still retried).",
});
const ImportStatusEnum = builder.enumType(ImportStatus, { name: "VehicleImportStatus" });

function ownMaker(ctx: Context) {
  const a = ctx.actor;
  if (!a) return { makerOrgId: NO_ORG };
  return a.isPlatformAdmin ? {} : { makerOrgId: a.org.id };
}

const ImportRowErrorCodeEnum = builder.enumType("VehicleImportRowErrorCode", {
  description: "Why a row was not imported, stable for clients to translate; the values the message names are in `params`.",
  values: Object.fromEntries(Object.entries(IMPORT_ROW_ERROR_CODES).map(([code, description]) => [code, { description }])) as {
    [K in keyof typeof IMPORT_ROW_ERROR_CODES]: { description: string };
  },
});

const ImportRowErrorRef = builder.objectRef<ImportRowError>("VehicleImportRowError").implement({
  description: "A row that was not imported: its line in the file (or its position in the list), the field and why.",
  authScopes: { authenticated: true },
  fields: (t) => ({
    line: t.exposeInt("line"),
    field: t.exposeString("field"),
    code: t.field({ type: ImportRowErrorCodeEnum, resolve: (e) => e.code }),
    params: t.field({
      type: "JSON",
      description: "The values the message names, an object of strings and numbers by name (see the code's description); {} when there are none.",
      resolve: (e) => e.params,
    }),
    message: t.exposeString("message", { description: "In English, for API clients; clients showing it to people translate `code` with `params`." }),
  }),
});

/** An import's batches, all and anchored, in one query per request (the progress bar polls both). */
const batchCounts = new WeakMap<Context, Map<string, Promise<{ total: number; anchored: number }>>>();
function batchCountsOf(ctx: Context, importId: string): Promise<{ total: number; anchored: number }> {
  let byImport = batchCounts.get(ctx);
  if (!byImport) {
    byImport = new Map();
    batchCounts.set(ctx, byImport);
  }
  let counts = byImport.get(importId);
  if (!counts) {
    counts = ctx.db.vehicleBatch.groupBy({ by: ["status"], where: { importId }, _count: { _all: true } }).then((groups) => ({
      total: groups.reduce((sum, g) => sum + g._count._all, 0),
      anchored: groups.find((g) => g.status === "ANCHORED")?._count._all ?? 0,
    }));
    byImport.set(importId, counts);
  }
  return counts;
}

builder.prismaNode("VehicleImport", {
  id: { field: "id" },
  nullable: true,
  description: "One upload of vehicles (CSV or API) with its progress and the rows that were refused.",
  authScopes: (i, ctx) => canSeeOrgPrivate(ctx, i.makerOrgId),
  findUnique: (id, ctx: Context) => ({ id, ...ownMaker(ctx) }),
  fields: (t) => ({
    fileName: t.exposeString("fileName"),
    status: t.expose("status", { type: ImportStatusEnum }),
    totalRows: t.exposeInt("totalRows", { description: "Rows in the file; known when the import is done." }),
    processedRows: t.exposeInt("processedRows"),
    importedRows: t.exposeInt("importedRows"),
    errorRows: t.exposeInt("errorRows"),
    errors: t.field({
      type: [ImportRowErrorRef],
      description: "The first 1,000 problems, by line.",
      resolve: (i) => (Array.isArray(i.errors) ? i.errors.map(storedRowError) : []),
    }),
    batchCount: t.int({ resolve: async (i, _a, ctx) => (await batchCountsOf(ctx, i.id)).total }),
    anchoredBatchCount: t.int({ resolve: async (i, _a, ctx) => (await batchCountsOf(ctx, i.id)).anchored }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true }),
  }),
});

builder.prismaNode("VehicleBatch", {
  id: { field: "id" },
  nullable: true,
  description: "Up to 1,000 vehicles of one model whose Merkle root is anchored on the ledger in one transaction.",
  authScopes: (b, ctx) => canSeeOrgPrivate(ctx, b.makerOrgId),
  findUnique: (id, ctx: Context) => ({ id, ...ownMaker(ctx) }),
  fields: (t) => ({
    batchId: t.exposeString("id", { description: "The batch id as written on the ledger and in proofs." }),
    count: t.exposeInt("count"),
    status: t.expose("status", { type: AnchorStatusEnum }),
    merkleRoot: t.exposeString("merkleRoot", { nullable: true }),
    txId: t.exposeString("txId", { nullable: true }),
    blockNumber: t.exposeInt("blockNumber", { nullable: true }),
    blockHash: t.exposeString("blockHash", { nullable: true }),
    anchoredAt: t.expose("anchoredAt", { type: "DateTime", nullable: true }),
    attempts: t.exposeInt("attempts"),
    lastError: t.exposeString("lastError", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaNode("Vehicle", {
  id: { field: "id" },
  nullable: true,
  description: "A registered vehicle of the maker.",
  authScopes: (v, ctx) => canSeeOrgPrivate(ctx, v.makerOrgId),
  findUnique: (id, ctx: Context) => ({ id, ...ownMaker(ctx) }),
  fields: (t) => ({
    vin: t.string({ nullable: true, description: "The VIN; null for a vehicle known by its frame number only.", resolve: (v) => (v.frameNumber === v.vin ? null : v.vin) }),
    frameNumber: t.exposeString("frameNumber", { nullable: true }),
    model: t.prismaField({
      type: "VehicleModel",
      nullable: true,
      resolve: (q, v, _a, ctx) => ctx.db.vehicleModel.findUnique({ ...q, where: { id: v.vehicleModelId } }),
    }),
    productionDate: t.string({ description: "YYYY-MM-DD", resolve: (v) => v.productionDate.toISOString().slice(0, 10) }),
    batterySerial: t.exposeString("batterySerial", { nullable: true }),
    motorNumber: t.exposeString("motorNumber", { nullable: true }),
    batch: t.relation("batch", { nullable: true }),
    leafIndex: t.exposeInt("leafIndex", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

interface CertificationShape {
  market: string;
  standard: string;
  number: string;
  modelCode: string | null;
  validFrom: Date;
  validTo: Date;
}

const VerifiedCertificationRef = builder.objectRef<CertificationShape>("VerifiedCertification").implement({
  description: "A certification in force for the vehicle (its model or its VIN) on the day asked about.",
  authScopes: { public: true },
  fields: (t) => ({
    market: t.exposeString("market"),
    standard: t.exposeString("standard"),
    number: t.exposeString("number"),
    modelCode: t.exposeString("modelCode", { nullable: true }),
    validFrom: t.string({ resolve: (c) => c.validFrom.toISOString().slice(0, 10) }),
    validTo: t.string({ resolve: (c) => c.validTo.toISOString().slice(0, 10) }),
  }),
});

type Verification = NonNullable<Awaited<ReturnType<typeof verifyVehicle>>>;

const VerifiedRevocationRef = builder.objectRef<Verification["revocations"][number]>("VerifiedRevocation").implement({
  description: "A certification of the vehicle (its model or its VIN) revoked by the end of the day asked about; its public facts and the reason given.",
  authScopes: { public: true },
  fields: (t) => ({
    market: t.exposeString("market"),
    standard: t.exposeString("standard"),
    number: t.exposeString("number"),
    modelCode: t.exposeString("modelCode", { nullable: true }),
    validFrom: t.string({ resolve: (c) => c.validFrom.toISOString().slice(0, 10) }),
    validTo: t.string({ resolve: (c) => c.validTo.toISOString().slice(0, 10) }),
    revokedAt: t.expose("revokedAt", { type: "DateTime" }),
    reason: t.exposeString("reason", { nullable: true, description: "The reason the certification body gave." }),
  }),
});

const CustodyTypeEnum = builder.enumType(CustodyType, { name: "CustodyType", description: "SHIPPED and BORDER_CROSSED by logistics operators; DELIVERED by them or dealers." });

const VerifiedCustodyEventRef = builder.objectRef<Verification["custody"][number]>("VerifiedCustodyEvent").implement({
  description: "A custody milestone of the vehicle or of its batch, oldest first.",
  authScopes: { public: true },
  fields: (t) => ({
    type: t.field({ type: CustodyTypeEnum, resolve: (e) => e.type }),
    place: t.exposeString("place"),
    occurredAt: t.expose("occurredAt", { type: "DateTime" }),
    recordedBy: t.exposeString("recordedBy", { description: "The organization that recorded it." }),
    scope: t.exposeString("scope", { description: "VEHICLE (this vehicle) or BATCH (its whole batch)." }),
    txId: t.exposeString("txId", { nullable: true, description: "The ledger transaction; null until recorded on the ledger." }),
    blockNumber: t.exposeInt("blockNumber", { nullable: true }),
  }),
});

const VehicleVerificationRef = builder.objectRef<Verification>("VehicleVerification").implement({
  description: "What anyone may check about a vehicle: who made it, what and when, and how its identity is anchored on the ledger.",
  authScopes: { public: true },
  fields: (t) => ({
    vin: t.exposeString("vin", { nullable: true }),
    frameNumber: t.exposeString("frameNumber", { nullable: true }),
    makerName: t.exposeString("makerName"),
    makerNameZh: t.exposeString("makerNameZh", { nullable: true }),
    makerCountry: t.exposeString("makerCountry"),
    modelCode: t.exposeString("modelCode"),
    modelName: t.exposeString("modelName"),
    productionDate: t.exposeString("productionDate", { description: "YYYY-MM-DD" }),
    anchorStatus: t.field({ type: AnchorStatusEnum, resolve: (v) => v.anchorStatus }),
    anchored: t.boolean({ resolve: (v) => v.anchorStatus === "ANCHORED" }),
    batchRoot: t.exposeString("batchRoot", { nullable: true, description: "Merkle root of the vehicle's batch, as anchored." }),
    txId: t.exposeString("txId", { nullable: true }),
    blockNumber: t.exposeInt("blockNumber", { nullable: true }),
    blockHash: t.exposeString("blockHash", { nullable: true }),
    anchoredAt: t.expose("anchoredAt", { type: "DateTime", nullable: true }),
    market: t.exposeString("market", { nullable: true }),
    on: t.exposeString("on", { description: "The day certifications were checked for (YYYY-MM-DD)." }),
    certifications: t.field({ type: [VerifiedCertificationRef], resolve: (v) => v.certifications }),
    revocations: t.field({
      type: [VerifiedRevocationRef],
      description: "Certifications of the vehicle revoked by the end of the day asked about (of the market asked about, when given), latest first.",
      resolve: (v) => v.revocations,
    }),
    custody: t.field({ type: [VerifiedCustodyEventRef], description: "Custody milestones of the vehicle and its batch, oldest first.", resolve: (v) => v.custody }),
  }),
});

// ───────────── certifications and custody ─────────────

const CertificationStatusEnum = builder.enumType(CertificationStatus, {
  name: "CertificationStatus",
  description: "PENDING until the certification is on the ledger; ACTIVE; REVOKED once the revocation is on the ledger.",
});

/** Certifications the caller may see: those its body issued, or those of its own vehicles. */
function certificationFilter(ctx: Context) {
  const a = ctx.actor;
  if (!a) return { id: NO_ORG };
  if (a.isPlatformAdmin) return {};
  return { OR: [{ issuerOrgId: a.org.id }, { makerOrgId: a.org.id }] };
}

builder.prismaNode("Certification", {
  id: { field: "id" },
  nullable: true,
  description: "A certification issued by a certification body for a maker's model or listed vehicles, in one market. Visible to the body and the maker.",
  authScopes: (c, ctx) => canSeeOrgPrivate(ctx, c.issuerOrgId) || canSeeOrgPrivate(ctx, c.makerOrgId),
  findUnique: (id, ctx: Context) => ({ id, ...certificationFilter(ctx) }),
  fields: (t) => ({
    issuer: t.prismaField({ type: "Organization", nullable: true, resolve: (q, c, _a, ctx) => ctx.db.organization.findUnique({ ...q, where: { id: c.issuerOrgId } }) }),
    maker: t.prismaField({ type: "Organization", nullable: true, resolve: (q, c, _a, ctx) => ctx.db.organization.findUnique({ ...q, where: { id: c.makerOrgId } }) }),
    modelCode: t.exposeString("modelCode", { nullable: true, description: "The model certified; null when the scope is a list of vehicles." }),
    vins: t.exposeStringList("vins", { description: "The vehicles certified, when the scope is a list." }),
    market: t.exposeString("market"),
    standard: t.exposeString("standard"),
    number: t.exposeString("number"),
    validFrom: t.string({ description: "YYYY-MM-DD", resolve: (c) => c.validFrom.toISOString().slice(0, 10) }),
    validTo: t.string({ description: "YYYY-MM-DD", resolve: (c) => c.validTo.toISOString().slice(0, 10) }),
    documentHash: t.exposeString("documentHash", { nullable: true }),
    status: t.expose("status", { type: CertificationStatusEnum }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    revokeReason: t.exposeString("revokeReason", { nullable: true }),
    txId: t.exposeString("txId", { nullable: true, description: "The ledger transaction of the current status." }),
    blockNumber: t.exposeInt("blockNumber", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaNode("CustodyEvent", {
  id: { field: "id" },
  nullable: true,
  description: "A custody milestone recorded by a logistics operator or dealer. Visible to the recorder; the public sees it through verifyVehicle.",
  authScopes: (e, ctx) => canSeeOrgPrivate(ctx, e.orgId),
  findUnique: (id, ctx: Context) => ({ id, ...(ctx.actor?.isPlatformAdmin ? {} : { orgId: ctx.actor?.org.id ?? NO_ORG }) }),
  fields: (t) => ({
    type: t.expose("type", { type: CustodyTypeEnum }),
    vin: t.string({
      nullable: true,
      resolve: async (e, _a, ctx) => (e.vehicleId ? ((await ctx.db.vehicle.findUnique({ where: { id: e.vehicleId }, select: { vin: true } }))?.vin ?? null) : null),
    }),
    batchId: t.exposeString("batchId", { nullable: true }),
    departureRef: t.exposeString("departureRef", { nullable: true }),
    place: t.exposeString("place"),
    occurredAt: t.expose("occurredAt", { type: "DateTime" }),
    txId: t.exposeString("txId", { nullable: true }),
    blockNumber: t.exposeInt("blockNumber", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const RowInput = builder.inputType("VehicleRowInput", {
  fields: (t) => ({
    vin: t.string({ required: false, description: "17 characters (ISO 3779). Give it, or the frame number for vehicles without a VIN.", validate: z.string().max(40) }),
    frameNumber: t.string({ required: false, validate: z.string().max(60) }),
    modelCode: t.string({ description: "A model code of your catalog.", validate: z.string().max(128) }),
    productionDate: t.string({ description: "YYYY-MM-DD", validate: z.string().max(20) }),
    batterySerial: t.string({ validate: z.string().max(200) }),
    motorNumber: t.string({ validate: z.string().max(200) }),
  }),
});

const dateArg = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date YYYY-MM-DD.")
  .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "Use a real calendar date.");

// ───────────── queries ─────────────

builder.queryFields((t) => ({
  vehicles: t.prismaConnection({
    type: "Vehicle",
    cursor: "id",
    authScopes: { orgKind: ["MANUFACTURER"] },
    description: "Your registered vehicles, newest first; search by the start of the VIN or frame number, or a battery or motor number.",
    maxSize: 200,
    defaultSize: 50,
    args: { search: t.arg.string({ required: false, validate: z.string().max(100) }) },
    resolve: (q, _r, args, ctx) => ctx.db.vehicle.findMany({ ...q, where: vehicleFilter(ctx, args.search), orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
    totalCount: (_r, args, ctx) => ctx.db.vehicle.count({ where: vehicleFilter(ctx, args.search) }),
  }),
  vehicleImport: t.prismaField({
    type: "VehicleImport",
    nullable: true,
    authScopes: { orgKind: ["MANUFACTURER"] },
    description: "An import of yours and its progress.",
    args: { id: t.arg.id() },
    resolve: (q, _r, args, ctx) => ctx.db.vehicleImport.findFirst({ ...q, where: { id: decodeIdOf(String(args.id), "VehicleImport"), makerOrgId: ctx.actor?.org.id ?? NO_ORG } }),
  }),
  vehicleImports: t.prismaConnection({
    type: "VehicleImport",
    cursor: "id",
    authScopes: { orgKind: ["MANUFACTURER"] },
    description: "Your imports, newest first.",
    maxSize: 100,
    defaultSize: 20,
    resolve: (q, _r, _a, ctx) => ctx.db.vehicleImport.findMany({ ...q, where: { makerOrgId: ctx.actor?.org.id ?? NO_ORG }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
    totalCount: (_r, _a, ctx) => ctx.db.vehicleImport.count({ where: { makerOrgId: ctx.actor?.org.id ?? NO_ORG } }),
  }),
  verifyVehicle: t.field({
    type: VehicleVerificationRef,
    nullable: true,
    authScopes: { public: true },
    description: "Anyone, without logging in: the vehicle with this VIN (or frame number), or null when none is registered.",
    args: {
      vin: t.arg.string({ validate: z.string().min(1).max(60) }),
      market: t.arg.string({ required: false, description: "Only certifications for this market (e.g. EU, VN, TH).", validate: z.string().max(16) }),
      on: t.arg.string({ required: false, description: "The day certifications must be valid on, YYYY-MM-DD; default today.", validate: dateArg }),
    },
    resolve: (_r, args, ctx) => verifyVehicle(ctx.db, args),
  }),
  vehicleProof: t.field({
    type: "JSON",
    nullable: true,
    authScopes: { public: true },
    description:
      "Anyone: the vehicle's proof file (chain/proof FORMAT.md, version 1) to check offline with `corridor-verify proof.json --roots roots.pem`. Null until the vehicle's batch is anchored.",
    args: { vin: t.arg.string({ validate: z.string().min(1).max(60) }) },
    resolve: async (_r, args, ctx) => {
      const hub = currentLedgerHub();
      if (!hub) throw new ValidationError("This server has no ledger connected, so it cannot give proofs.");
      const proof = await vehicleProof(ctx.db, hub, args.vin);
      if (proof === undefined) throw new NotFoundError("Vehicle", args.vin.slice(0, 60));
      return proof;
    },
  }),
  ledgerRoots: t.string({
    nullable: true,
    authScopes: { public: true },
    description: "Anyone: the consortium's root CA certificates (PEM), the trust anchors for checking proofs. Null when this server has no ledger connected.",
    resolve: () => currentLedgerHub()?.rootsPem() ?? null,
  }),
}));

builder.queryFields((t) => ({
  certifications: t.prismaConnection({
    type: "Certification",
    cursor: "id",
    authScopes: { orgKind: ["CERTIFICATION_BODY", "MANUFACTURER"], platformAdmin: true },
    description: "Certifications of a maker, newest first: a body sees those it issued, the maker all of its own.",
    maxSize: 200,
    defaultSize: 50,
    args: {
      makerId: t.arg.id({ description: "The maker organization." }),
      market: t.arg.string({ required: false, validate: z.string().max(16) }),
    },
    resolve: (q, _r, args, ctx) => ctx.db.certification.findMany({ ...q, where: certificationsWhere(ctx, args), orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
    totalCount: (_r, args, ctx) => ctx.db.certification.count({ where: certificationsWhere(ctx, args) }),
  }),
}));

function certificationsWhere(ctx: Context, args: { makerId: string | number; market?: string | null }) {
  const market = args.market?.trim().toUpperCase();
  return { makerOrgId: decodeIdOf(String(args.makerId), "Organization", "makerId"), ...certificationFilter(ctx), ...(market ? { market } : {}) };
}

function vehicleFilter(ctx: Context, search?: string | null) {
  const q = search?.trim().toUpperCase();
  return {
    makerOrgId: ctx.actor?.org.id ?? NO_ORG,
    ...(q ? { OR: [{ vin: { startsWith: q } }, { frameNumber: { startsWith: q } }, { batterySerial: q }, { motorNumber: q }] } : {}),
  };
}

// ───────────── mutations ─────────────

builder.mutationFields((t) => ({
  registerVehicles: t.prismaField({
    type: "VehicleImport",
    authScopes: { orgKind: ["MANUFACTURER"] },
    errors: { types: ruleErrors },
    description: "Registers up to 10,000 vehicles. Good rows are registered and queued for anchoring; the import lists refused rows by position (1 = first).",
    args: {
      input: t.arg({
        type: builder.inputType("RegisterVehiclesInput", {
          fields: (t) => ({
            rows: t.field({
              type: [RowInput],
              validate: z.array(z.unknown()).min(1, "Give at least one vehicle.").max(10_000, "At most 10,000 vehicles per call; import a CSV file for more."),
            }),
          }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) => registerVehicles(ctx, { rows: input.rows }),
  }),
  importVehicles: t.prismaField({
    type: "VehicleImport",
    authScopes: { orgKind: ["MANUFACTURER"] },
    errors: { types: ruleErrors },
    description: `Imports vehicles from a CSV (UTF-8) or XLSX file (its first worksheet) with a header row: vin, frame_number, model_code, production_date, battery_serial, motor_number. Give the file as \`file\` (multipart upload, at most ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB) or CSV text as \`csv\`, not both. Good rows are registered and queued for anchoring; refused rows are listed by line (the sheet's row number for XLSX). Follow progress with vehicleImport.`,
    args: {
      input: t.arg({
        type: builder.inputType("ImportVehiclesInput", {
          fields: (t) => ({
            fileName: t.string({ validate: z.string().trim().min(1).max(200) }),
            csv: t.string({ required: false, description: "The file's text (UTF-8). Give it, or file.", validate: z.string().min(1).max(200_000_000) }),
            file: t.field({
              type: "File",
              required: false,
              description: `The file, sent with the GraphQL multipart request: CSV (UTF-8) or XLSX, told apart by its content; at most ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB.`,
            }),
          }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) => {
      if ((input.csv == null) === (input.file == null)) {
        const message = input.file == null ? "Give the file to import (or its text as csv)." : "Give either the file or the CSV text, not both.";
        throw new ValidationError(message, [{ path: ["input", "file"], message: "give exactly one of file and csv" }]);
      }
      return input.file ? importVehiclesFile(ctx, { fileName: input.fileName, file: input.file }) : importVehiclesCsv(ctx, { fileName: input.fileName, csv: input.csv as string });
    },
  }),
}));

builder.mutationFields((t) => ({
  issueCertification: t.prismaField({
    type: "Certification",
    authScopes: { orgKind: ["CERTIFICATION_BODY"] },
    errors: { types: ruleErrors },
    description: "Certification bodies: certifies a maker's model, or listed vehicles of it, for one market. PENDING until it is on the ledger.",
    args: {
      input: t.arg({
        type: builder.inputType("IssueCertificationInput", {
          fields: (t) => ({
            makerId: t.id({ description: "The maker organization." }),
            modelCode: t.string({ required: false, description: "A model code of the maker. Give it, or vins.", validate: z.string().max(128) }),
            vins: t.stringList({ required: false, description: "VINs (or frame numbers) of the maker's registered vehicles.", validate: z.array(z.string().max(60)).max(10_000) }),
            market: t.string({ description: "A market code (EU, TH, VN …).", validate: z.string().max(16) }),
            standard: t.string({ description: 'e.g. "EU 168/2013", "UN R136", "CCC", "TISI", "SNI".', validate: z.string().max(200) }),
            number: t.string({ description: "The certificate or approval number as printed.", validate: z.string().max(300) }),
            validFrom: t.string({ description: "YYYY-MM-DD", validate: z.string().max(20) }),
            validTo: t.string({ description: "YYYY-MM-DD, after validFrom", validate: z.string().max(20) }),
            documentHash: t.string({ required: false, description: "SHA-256 of the certificate document, 64 hex digits.", validate: z.string().max(100) }),
          }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) => issueCertification(ctx, { ...input, makerOrgId: decodeIdOf(String(input.makerId), "Organization", "makerId") }),
  }),
  revokeCertification: t.prismaField({
    type: "Certification",
    authScopes: { orgKind: ["CERTIFICATION_BODY"] },
    errors: { types: ruleErrors },
    description: "The body that issued a certification revokes it. Revoking twice is a CONFLICT.",
    args: {
      input: t.arg({
        type: builder.inputType("RevokeCertificationInput", {
          fields: (t) => ({
            id: t.id({ description: "The certification." }),
            reason: t.string({ validate: z.string().max(1000) }),
          }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) => revokeCertification(ctx, { id: decodeIdOf(String(input.id), "Certification"), reason: input.reason }),
  }),
  recordCustodyEvent: t.prismaField({
    type: "CustodyEvent",
    authScopes: { orgKind: ["LOGISTICS_OPERATOR", "DEALER"] },
    errors: { types: ruleErrors },
    description: "Logistics operators (all types) and dealers (DELIVERED): records a custody milestone of a vehicle or a batch; it goes on the ledger.",
    args: {
      input: t.arg({
        type: builder.inputType("RecordCustodyEventInput", {
          fields: (t) => ({
            vin: t.string({ required: false, description: "The vehicle's VIN or frame number. Give it, or batchId.", validate: z.string().max(60) }),
            batchId: t.string({ required: false, description: "The batch id as written on the ledger.", validate: z.string().max(128) }),
            type: t.field({ type: CustodyTypeEnum }),
            departureRef: t.string({ description: "The train departure or booking reference.", validate: z.string().max(200) }),
            place: t.string({ description: "Station, border point or dealer site.", validate: z.string().max(400) }),
            occurredAt: t.field({ type: "DateTime", description: "When it happened; not in the future." }),
          }),
        }),
      }),
    },
    resolve: (_q, _r, { input }, ctx) => recordCustodyEvent(ctx, input),
  }),
}));
