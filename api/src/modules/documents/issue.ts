import { randomBytes } from "node:crypto";
import {
  DocumentDataError,
  type DocumentMeta,
  type RenderResult,
  renderBookingConfirmationResult,
  renderCommercialInvoiceResult,
  renderConsignmentNoteResult,
  renderContainerLoadPlanResult,
  renderDangerousGoodsDeclarationResult,
  renderPackingListResult,
} from "@corridor/documents";
import type { ServiceContext } from "../../context.js";
import { NotFoundError, RuleViolationError, ValidationError } from "../../errors.js";
import type { DocumentKind, IssuedDocument, Organization } from "../../generated/prisma/client.js";
import { Prisma } from "../../generated/prisma/client.js";
import { say } from "../../messages.js";
import { writerOrgOf } from "../freight/access.js";
import type { ConsolidationPlan } from "../freight/consolidation/index.js";
import { writeAudit } from "../identity/audit.js";
import { actorOf } from "../identity/guards.js";
import { loadRules } from "../network/reference.js";
import { documentAnchorMessage } from "./anchor.js";
import {
  type BookingForDocuments,
  bookingConfirmationData,
  commercialInvoiceData,
  consignmentNoteData,
  type DocumentDetails,
  dangerousGoodsData,
  LITHIUM,
  packingListData,
} from "./data.js";
import { loadPlanData } from "./load-plan.js";
import { documentStoreFor } from "./store.js";

/** Document kinds issued from a booking, with the prefix of their numbers. */
export const BOOKING_DOCUMENT_PREFIX: Partial<Record<DocumentKind, string>> = {
  BOOKING_CONFIRMATION: "BC",
  COMMERCIAL_INVOICE: "CI",
  PACKING_LIST: "PL",
  CONSIGNMENT_NOTE: "SMGS",
  DG_DECLARATION: "DG",
  LOAD_PLAN: "CLP",
};

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  BOOKING_CONFIRMATION: "订舱确认书 Booking confirmation",
  COMMERCIAL_INVOICE: "商业发票 Commercial invoice",
  PACKING_LIST: "装箱单 Packing list",
  CONSIGNMENT_NOTE: "CIM/SMGS 运单 Consignment note",
  DG_DECLARATION: "危险货物申报单 Dangerous goods declaration",
  LOAD_PLAN: "装箱方案 Container load plan",
  CERTIFICATE_OF_CONFORMITY: "合格证 Certificate of conformity",
  VEHICLE_VERIFICATION: "车辆核验证书 Vehicle verification",
};

/** Statuses in which a booking holds (or held) space and may have documents. */
const DOCUMENTED_STATUSES = new Set(["CONFIRMED", "PLANNED", "ROLL_OFFERED", "IN_TRANSIT", "ARRIVED", "DELIVERED"]);
/** Booking statuses as the Chinese messages name them. */
const BOOKING_STATUS_ZH: Record<string, string> = { WAITLISTED: "候补", CANCELLED: "已取消", ROLLED: "已改配" };

export interface IssueBookingDocumentInput extends DocumentDetails {
  bookingId: string;
  kind: DocumentKind;
}

export interface IssueResult {
  document: IssuedDocument;
  /** true when the data had not changed since the last issue: that document is returned, nothing new was issued */
  replayed: boolean;
}

/** The public page a document's QR code opens. */
export function verifyUrlOf(publicWebUrl: string, documentId: string): string {
  return `${publicWebUrl.replace(/\/+$/, "")}/verify/document/${documentId}`;
}

/** Calendar year of an instant in a time zone. */
function yearIn(instant: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric" }).format(instant));
}

function validTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz;
  } catch {
    return "Asia/Shanghai";
  }
}

async function loadBooking(ctx: ServiceContext, bookingId: string, makerOrgId: string): Promise<BookingForDocuments> {
  const booking = await ctx.db.booking.findFirst({
    where: { id: bookingId, makerOrgId },
    include: {
      maker: true,
      consignee: true,
      departure: { include: { operator: true, corridor: { include: { legs: { include: { from: true, to: true }, orderBy: { seq: "asc" } } } } } },
      lines: { include: { vehicleModel: true }, orderBy: { id: "asc" } },
    },
  });
  if (!booking) throw new NotFoundError("Booking");
  return booking;
}

/** Template issues become a ValidationError listing each field, e.g. `lines[0].hsCode`. */
function asValidation(e: unknown): never {
  return dataErrorAsValidation("The booking's data cannot make this document")(e);
}

/** A template's DocumentDataError as a ValidationError naming each field, with this lead. */
export function dataErrorAsValidation(lead: string): (e: unknown) => never {
  return (e) => {
    if (e instanceof DocumentDataError) {
      throw new ValidationError(
        `${lead}: ${e.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
        e.issues.map((i) => ({ path: i.path.split(/[.[\]]+/).filter(Boolean), message: i.message })),
      );
    }
    throw e;
  };
}

export type Renderer = (meta: DocumentMeta) => Promise<RenderResult>;

/** Everything a document's bytes depend on, except its meta (id, number, issue date). */
async function rendererFor(ctx: ServiceContext, b: BookingForDocuments, input: IssueBookingDocumentInput): Promise<Renderer> {
  switch (input.kind) {
    case "BOOKING_CONFIRMATION":
      return (meta) => renderBookingConfirmationResult(bookingConfirmationData(b, meta));
    case "COMMERCIAL_INVOICE": {
      return (meta) => renderCommercialInvoiceResult(commercialInvoiceData(b, meta, input));
    }
    case "PACKING_LIST": {
      const invoice = await ctx.db.issuedDocument.findFirst({ where: { bookingId: b.id, kind: "COMMERCIAL_INVOICE" }, orderBy: [{ issuedAt: "desc" }, { id: "asc" }] });
      return (meta) => renderPackingListResult(packingListData(b, meta, input, invoice?.number));
    }
    case "CONSIGNMENT_NOTE": {
      const [types, others] = await Promise.all([
        ctx.db.containerType.findMany(),
        ctx.db.issuedDocument.findMany({
          where: { bookingId: b.id, kind: { in: ["COMMERCIAL_INVOICE", "PACKING_LIST", "DG_DECLARATION"] } },
          orderBy: [{ kind: "asc" }, { number: "asc" }],
        }),
      ]);
      const tare = Object.fromEntries(types.map((t) => [t.code, t.tareKg]));
      const attached = others.map((o) => `${DOCUMENT_TITLES[o.kind]} ${o.number}`);
      return (meta) => renderConsignmentNoteResult(consignmentNoteData(b, meta, input, tare, attached));
    }
    case "DG_DECLARATION": {
      if (!b.lines.some((l) => LITHIUM.includes(l.vehicleModel.unNumber))) {
        throw new RuleViolationError(
          "NO_LITHIUM_CARGO",
          say(
            ctx,
            `Booking ${b.reference} carries no lithium cargo (UN3171, UN3480 or UN3481): it needs no dangerous goods declaration.`,
            `订舱 ${b.reference} 没有锂电池货物（UN3171、UN3480 或 UN3481），无需危险品申报。`,
          ),
        );
      }
      const actor = actorOf(ctx);
      const person = actor.kind === "user" ? await ctx.db.user.findUnique({ where: { id: actor.userId }, select: { name: true } }) : null;
      const rules = await loadRules(ctx.db, b.departure.corridorCode);
      const countries = new Set(b.departure.corridor.legs.flatMap((l) => [l.from.countryCode, l.to.countryCode]));
      const caps = rules.lithium.filter((r) => countries.has(r.countryCode) && r.maxStateOfChargePct !== null).map((r) => r.maxStateOfChargePct as number);
      const cap = caps.length ? Math.min(...caps) : null;
      const signatory = person?.name ?? b.maker.name;
      return (meta) => renderDangerousGoodsDeclarationResult(dangerousGoodsData(b, meta, input, signatory, cap));
    }
    case "LOAD_PLAN": {
      const plan = await ctx.db.consolidationPlan.findFirst({
        where: { departureId: b.departureId, status: { in: ["LOCKED", "DRAFT"] } },
        orderBy: [{ status: "desc" }, { version: "desc" }],
      });
      const result = plan ? (plan.result as unknown as ConsolidationPlan) : null;
      if (!result?.containers.some((c) => c.bookingIds.includes(b.id))) {
        throw new RuleViolationError(
          "NOT_PLANNED",
          say(
            ctx,
            `Booking ${b.reference} is not in a consolidation plan yet: the operator plans the containers before the cut-off.`,
            `订舱 ${b.reference} 尚未排入配载方案：运营方会在截止前安排集装箱。`,
          ),
        );
      }
      return (meta) => renderContainerLoadPlanResult(loadPlanData(b, result, meta, input));
    }
    default:
      throw new ValidationError(`${input.kind} is not issued from a booking.`, [{ path: ["kind"], message: "not a booking document" }]);
  }
}

async function nextNumber(ctx: ServiceContext, prefix: string, year: number): Promise<string> {
  const stem = `${prefix}-${year}-`;
  const last = await ctx.db.issuedDocument.findFirst({ where: { number: { startsWith: stem } }, orderBy: { number: "desc" }, select: { number: true } });
  const n = last ? Number(last.number.slice(stem.length)) + 1 : 1;
  if (!Number.isSafeInteger(n) || n > 999_999)
    throw new RuleViolationError("NUMBERS_EXHAUSTED", say(ctx, `No ${prefix} document numbers are left for ${year}.`, `${year} 年的 ${prefix} 单证编号已用完。`));
  return `${stem}${String(n).padStart(6, "0")}`;
}

/**
 * Issues a trade document for a booking: maps the booking into the template's data, renders
 * deterministic PDF bytes, stores them by their SHA-256 and records the document with an audit
 * row. Issuing again with unchanged data returns the earlier document (same bytes, same hash).
 */
export async function issueBookingDocument(ctx: ServiceContext, input: IssueBookingDocumentInput, now = new Date()): Promise<IssueResult> {
  const makerOrgId = writerOrgOf(ctx, "MANUFACTURER", "issue booking documents");
  const prefix = BOOKING_DOCUMENT_PREFIX[input.kind];
  if (!prefix) throw new ValidationError(`${input.kind} is not issued from a booking.`, [{ path: ["kind"], message: "not a booking document" }]);
  const booking = await loadBooking(ctx, input.bookingId, makerOrgId);
  if (!DOCUMENTED_STATUSES.has(booking.status)) {
    throw new RuleViolationError(
      "BOOKING_NOT_CONFIRMED",
      say(
        ctx,
        `Booking ${booking.reference} is ${booking.status.toLowerCase().replaceAll("_", " ")}: documents are issued for confirmed bookings.`,
        `订舱 ${booking.reference} 的状态为${BOOKING_STATUS_ZH[booking.status] ?? booking.status}：单证只为已确认的订舱签发。`,
      ),
    );
  }
  const render = await rendererFor(ctx, booking, input);
  return issueRendered(
    ctx,
    {
      kind: input.kind,
      prefix,
      issuer: booking.maker,
      subject: { bookingId: booking.id },
      render,
      verifyUrl: (id) => verifyUrlOf(ctx.config.PUBLIC_WEB_URL, id),
      audit: { bookingReference: booking.reference },
    },
    now,
  );
}

/** Kinds whose SHA-256 is anchored on the ledger (through the outbox) when issued: the certificates. */
export const ANCHORED_KINDS: ReadonlySet<DocumentKind> = new Set<DocumentKind>(["CERTIFICATE_OF_CONFORMITY", "VEHICLE_VERIFICATION"]);

export interface IssueSpec {
  kind: DocumentKind;
  /** Prefix of the document number, e.g. "BC" → BC-2026-000001. */
  prefix: string;
  /** The issuing organization (the maker). */
  issuer: Organization;
  /** What the document is about; its latest document of the same kind is the one a replay returns. */
  subject: { bookingId: string } | { vehicleId: string };
  render: Renderer;
  /** The URL the document's QR code opens, given the new document's id. */
  verifyUrl: (documentId: string) => string;
  /** Extra facts for the audit row. */
  audit?: Record<string, unknown>;
  /** How a template's data error is reported. */
  onDataError?: (e: unknown) => never;
}

/**
 * The issuing both kinds of documents share: renders with the document's meta, returns the
 * latest document of the same subject and kind when the bytes are unchanged, else stores the
 * bytes, numbers the document and records it with its audit row — and, for certificates, the
 * outbox message that anchors its hash on the ledger — in one transaction.
 */
export async function issueRendered(ctx: ServiceContext, spec: IssueSpec, now = new Date()): Promise<IssueResult> {
  const { issuer, render } = spec;
  const dataError = spec.onDataError ?? asValidation;
  const timeZone = validTimeZone(issuer.timezone);
  const metaOf = (id: string, number: string, issuedAt: Date): DocumentMeta => ({
    documentId: id,
    documentNumber: number,
    issuedAt: issuedAt.toISOString(),
    timeZone,
    verifyUrl: spec.verifyUrl(id),
    issuer: {
      name: (issuer.nameZh && issuer.nameZh !== issuer.name ? `${issuer.nameZh} ${issuer.name}` : issuer.name).slice(0, 200),
      address: [[issuer.city, issuer.countryCode].filter(Boolean).join(", ")],
    },
    ...(issuer.city ? { placeOfIssue: `${issuer.city}, ${issuer.countryCode}` } : {}),
  });

  // Unchanged data renders to the same bytes as the latest issue: return that document.
  const latest = await ctx.db.issuedDocument.findFirst({ where: { ...spec.subject, kind: spec.kind, orgId: issuer.id }, orderBy: [{ issuedAt: "desc" }, { id: "desc" }] });
  if (latest) {
    const again = await render(metaOf(latest.id, latest.number, latest.issuedAt)).catch(dataError);
    if (again.sha256 === latest.sha256) return { document: latest, replayed: true };
  }

  const store = documentStoreFor(ctx.config);
  const actor = actorOf(ctx);
  const anchored = ANCHORED_KINDS.has(spec.kind);
  for (let attempt = 0; ; attempt++) {
    const id = `doc${randomBytes(12).toString("hex")}`;
    const number = await nextNumber(ctx, spec.prefix, yearIn(now, timeZone));
    const result = await render(metaOf(id, number, now)).catch(dataError);
    const storageKey = await store.put(result.sha256, result.pdf);
    try {
      const document = await ctx.db.$transaction(async (tx) => {
        const created = await tx.issuedDocument.create({
          data: {
            id,
            number,
            kind: spec.kind,
            orgId: issuer.id,
            ...spec.subject,
            sha256: result.sha256,
            sizeBytes: result.pdf.byteLength,
            pageCount: result.pageCount,
            storageKey,
            issuedById: actor.userId,
            issuedAt: now,
            ...(anchored ? { anchorStatus: "PENDING" as const } : {}),
          },
        });
        if (anchored) await tx.outboxMessage.create({ data: documentAnchorMessage(created.id) });
        await writeAudit(tx, ctx, {
          action: "document.issue",
          targetType: "IssuedDocument",
          targetId: created.id,
          orgId: issuer.id,
          after: { ...created, ...spec.audit, ...(latest ? { supersedes: latest.number } : {}) },
        });
        return created;
      });
      return { document, replayed: false };
    } catch (e) {
      // two issues raced for the same number: take the next one
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002" && attempt < 5) continue;
      throw e;
    }
  }
}
