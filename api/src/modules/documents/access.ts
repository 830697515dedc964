import type { Actor } from "../../context.js";
import type { Db } from "../../db/index.js";
import { NO_ORG } from "../identity/scope.js";

/** Bookings the caller may see: the maker's own, a dealer's inbound, an operator's on its trains (as in freight). */
export function bookingFilter(actor: Actor | null) {
  if (!actor) return { id: NO_ORG };
  if (actor.isPlatformAdmin) return {};
  return { OR: [{ makerOrgId: actor.org.id }, { consigneeOrgId: actor.org.id }, { departure: { operatorOrgId: actor.org.id } }] };
}

/**
 * Whether the caller may see an issued document: their org issued it (a vehicle's certificates are
 * seen by its maker only), or it is a booking's and the booking is visible to them.
 */
export async function canSeeDocument(db: Db, actor: Actor | null, doc: { orgId: string; bookingId: string | null }): Promise<boolean> {
  if (!actor) return false;
  if (actor.isPlatformAdmin || actor.org.id === doc.orgId) return true;
  if (!doc.bookingId) return false;
  return !!(await db.booking.findFirst({ where: { id: doc.bookingId, ...bookingFilter(actor) }, select: { id: true } }));
}

const seen = new WeakMap<object, Map<string, Promise<boolean>>>();

/**
 * canSeeDocument with one booking lookup per booking per request (a list of a booking's
 * documents asks once, not once per document). `request` is any object that lives as long as
 * the request, such as the GraphQL context.
 */
export function canSeeDocumentInRequest(request: { db: Db; actor: Actor | null }, doc: { orgId: string; bookingId: string | null }): Promise<boolean> | boolean {
  const { actor } = request;
  if (!actor) return false;
  if (actor.isPlatformAdmin || actor.org.id === doc.orgId) return true;
  if (!doc.bookingId) return false;
  let cache = seen.get(request);
  if (!cache) {
    cache = new Map();
    seen.set(request, cache);
  }
  let answer = cache.get(doc.bookingId);
  if (!answer) {
    answer = canSeeDocument(request.db, actor, doc);
    cache.set(doc.bookingId, answer);
  }
  return answer;
}

/** The document by its database id if the caller may see it; null otherwise (others' documents do not exist). */
export async function visibleDocument(db: Db, actor: Actor | null, id: string) {
  if (!actor) return null;
  const doc = await db.issuedDocument.findUnique({ where: { id } });
  return doc && (await canSeeDocument(db, actor, doc)) ? doc : null;
}
