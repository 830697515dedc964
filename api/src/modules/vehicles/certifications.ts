// Certifications issued by certification bodies (type approvals, CCC, SNI, TISI, certificates of
// conformity …) for a maker's model or for a list of its registered vehicles, in one market.
// The service writes the row (PENDING), its audit entry and an outbox message in one transaction;
// the outbox worker submits it to the ledger as the body's identity and sets ACTIVE (or REVOKED).
import { createHash } from "node:crypto";
import type { ServiceContext } from "../../context.js";
import { ConflictError, mapPrismaError, NotFoundError, ValidationError } from "../../errors.js";
import type { Certification } from "../../generated/prisma/client.js";
import { writerOrgOf } from "../freight/access.js";
import { writeAudit } from "../identity/audit.js";
import { normalizeVin } from "./verify.js";

export const OUTBOX_TOPIC_CERT_ISSUE = "certification.issue";
export const OUTBOX_TOPIC_CERT_REVOKE = "certification.revoke";
/** As the contract: at most this many vehicles in one certification's scope. */
export const MAX_SCOPE_VINS = 10_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HEX64 = /^[0-9a-f]{64}$/;
/** Ids the contract accepts (chain/contract validate.ts ID): model codes must be usable as such. */
const LEDGER_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface IssueCertificationInput {
  makerOrgId: string;
  /** A model code of the maker's catalog (case-insensitive)… */
  modelCode?: string | null;
  /** …or VINs (frame numbers) of the maker's registered vehicles. */
  vins?: string[] | null;
  market: string;
  standard: string;
  number: string;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD, after validFrom */
  validTo: string;
  /** SHA-256 of the certificate document, 64 hex digits. */
  documentHash?: string | null;
}

/** Text as the ledger wants it: NFC, trimmed, no control characters, within a length. */
export function ledgerText(value: string, field: string, max: number): string {
  const s = value.normalize("NFC").trim();
  if (!s) throw new ValidationError(`Give the ${field}.`, [{ path: [field], message: "required" }]);
  if (s.length > max) throw new ValidationError(`The ${field} has at most ${max} characters.`, [{ path: [field], message: `at most ${max} characters` }]);
  if (CONTROL.test(s)) throw new ValidationError(`The ${field} must not contain control characters.`, [{ path: [field], message: "control characters" }]);
  return s;
}

function day(value: string, field: string): Date {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(d.getTime()) || !d.toISOString().startsWith(value)) {
    throw new ValidationError(`The ${field} must be a real date YYYY-MM-DD.`, [{ path: [field], message: "not a date YYYY-MM-DD" }]);
  }
  return d;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

export async function issueCertification(ctx: ServiceContext, input: IssueCertificationInput): Promise<Certification> {
  const issuerOrgId = writerOrgOf(ctx, "CERTIFICATION_BODY", "issue certifications");
  const maker = await ctx.db.organization.findUnique({ where: { id: input.makerOrgId }, select: { id: true, kind: true } });
  if (maker?.kind !== "MANUFACTURER") throw new NotFoundError("Manufacturer");

  const hasModel = !!input.modelCode?.trim();
  const hasVins = !!input.vins && input.vins.length > 0;
  if (hasModel === hasVins) {
    throw new ValidationError("Give either a model code or a list of VINs as the scope.", [{ path: ["modelCode"], message: "give a model code or VINs, not both" }]);
  }
  let modelCode: string | null = null;
  let vins: string[] = [];
  if (hasModel) {
    const code = (input.modelCode ?? "").trim();
    const model = await ctx.db.vehicleModel.findFirst({ where: { makerOrgId: maker.id, code: { equals: code, mode: "insensitive" } }, select: { code: true } });
    if (!model) throw new ValidationError(`${code.slice(0, 64)} is not a model of this maker.`, [{ path: ["modelCode"], message: "not a model of this maker" }]);
    if (!LEDGER_ID.test(model.code)) throw new ValidationError("This model code cannot be written on the ledger.", [{ path: ["modelCode"], message: "not a ledger id" }]);
    modelCode = model.code;
  } else {
    vins = [...new Set((input.vins ?? []).map(normalizeVin))];
    if (vins.length > MAX_SCOPE_VINS) throw new ValidationError(`At most ${MAX_SCOPE_VINS} vehicles per certification.`, [{ path: ["vins"], message: "too many" }]);
    const found = await ctx.db.vehicle.findMany({ where: { makerOrgId: maker.id, vin: { in: vins } }, select: { vin: true } });
    const known = new Set(found.map((v) => v.vin));
    const unknown = vins.filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new ValidationError(`${unknown.length} of the VINs are not registered vehicles of this maker: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? " …" : ""}`, [
        { path: ["vins"], message: "not registered vehicles of this maker" },
      ]);
    }
    vins.sort();
  }

  const marketCode = input.market.trim().toUpperCase();
  const market = await ctx.db.market.findUnique({ where: { code: marketCode }, select: { code: true } });
  if (!market) throw new ValidationError(`${marketCode.slice(0, 16)} is not a market code.`, [{ path: ["market"], message: "unknown market" }]);
  const standard = ledgerText(input.standard, "standard", 64);
  const number = ledgerText(input.number, "number", 128);
  const validFrom = day(input.validFrom, "validFrom");
  const validTo = day(input.validTo, "validTo");
  if (validTo <= validFrom) throw new ValidationError("validTo must be after validFrom.", [{ path: ["validTo"], message: "must be after validFrom" }]);
  const documentHash = input.documentHash?.trim().toLowerCase() || null;
  if (documentHash !== null && !HEX64.test(documentHash)) {
    throw new ValidationError("The document hash must be a SHA-256 digest, 64 hex digits.", [{ path: ["documentHash"], message: "not a SHA-256 hex digest" }]);
  }

  try {
    return await ctx.db.$transaction(async (tx) => {
      const cert = await tx.certification.create({
        data: { issuerOrgId, makerOrgId: maker.id, modelCode, vins, market: market.code, standard, number, validFrom, validTo, documentHash },
      });
      await writeAudit(tx, ctx, {
        action: "certification.issue",
        targetType: "Certification",
        targetId: cert.id,
        after: { makerOrgId: maker.id, modelCode, vinCount: vins.length, market: market.code, standard, number, validFrom: ymd(validFrom), validTo: ymd(validTo) },
      });
      await tx.outboxMessage.create({ data: { topic: OUTBOX_TOPIC_CERT_ISSUE, key: `${OUTBOX_TOPIC_CERT_ISSUE}:${cert.id}`, payload: { certificationId: cert.id } } });
      return cert;
    });
  } catch (e) {
    mapPrismaError(e, { conflict: `Your organization has already issued a certification numbered ${number}.` });
  }
}

export async function revokeCertification(ctx: ServiceContext, input: { id: string; reason: string }): Promise<Certification> {
  const issuerOrgId = writerOrgOf(ctx, "CERTIFICATION_BODY", "revoke certifications");
  const reason = ledgerText(input.reason, "reason", 500);
  return ctx.db.$transaction(async (tx) => {
    const cert = await tx.certification.findFirst({ where: { id: input.id, issuerOrgId } });
    if (!cert) throw new NotFoundError("Certification");
    // Conditional update: of two concurrent revocations only one changes the row.
    const changed = await tx.certification.updateMany({ where: { id: cert.id, revokedAt: null }, data: { revokedAt: new Date(), revokeReason: reason } });
    if (changed.count === 0) throw new ConflictError("This certification has already been revoked.");
    const after = await tx.certification.findUniqueOrThrow({ where: { id: cert.id } });
    await writeAudit(tx, ctx, { action: "certification.revoke", targetType: "Certification", targetId: cert.id, before: { status: cert.status }, after: { reason } });
    await tx.outboxMessage.create({ data: { topic: OUTBOX_TOPIC_CERT_REVOKE, key: `${OUTBOX_TOPIC_CERT_REVOKE}:${cert.id}`, payload: { certificationId: cert.id } } });
    return after;
  });
}

/** The contract's scope of a certification: its model, or the SHA-256 of each VIN. */
export function ledgerScopeOf(cert: Pick<Certification, "modelCode" | "vins">) {
  if (cert.modelCode) return { kind: "MODEL" as const, modelCode: cert.modelCode };
  return { kind: "VINS" as const, vinHashes: cert.vins.map((v) => createHash("sha256").update(v, "utf8").digest("hex")) };
}

/**
 * The documentHash written on the ledger: the document's when given, else the SHA-256 of the
 * certification's own terms (the contract requires one).
 */
export function ledgerDocumentHashOf(cert: Certification): string {
  if (cert.documentHash) return cert.documentHash;
  const terms = {
    certId: cert.id,
    market: cert.market,
    standard: cert.standard,
    number: cert.number,
    validFrom: ymd(cert.validFrom),
    validTo: ymd(cert.validTo),
    scope: ledgerScopeOf(cert),
  };
  return createHash("sha256").update(JSON.stringify(terms), "utf8").digest("hex");
}

export { ymd as dayOf };
