import type { ServiceContext } from "../../context.js";
import { type Db, queryDirect } from "../../db/index.js";
import type { Booking } from "../../generated/prisma/client.js";
import { actorOf } from "../identity/guards.js";

/**
 * Writing bookings. One booking is one statement (`insertOne`). Under load, bookings for the same
 * departure queue behind the one being written and go together in one statement (`insertBatch`):
 * the departure row is locked and its WAL flushed once per batch instead of once per booking,
 * and the API does one statement's work instead of many (bench:booking, 50 clients on one
 * departure, 2 cores: about 1.6× the bookings per second of one-by-one writes). A booking that arrives while
 * nothing is in flight for its departure is written at once, alone; nobody waits for a batch.
 */

/** A booking ready to write: its row (status decided when written), cargo lines and audit facts. */
export interface BookingWrite {
  booking: Omit<Booking, "status" | "createdAt" | "updatedAt" | "cancellationFeeMinor" | "rolledToId" | "rollOfferedToId">;
  lines: { id: string; vehicleModelId: string; quantity: number; crates: number; grossKg: number; volumeCbmMilli: number }[];
  audit: { orgId: string; after: Record<string, unknown>; actorUserId: string | null; actorKeyId: string | null; requestId: string | null; ip: string | null };
}

/** The audit facts of the caller in `ctx`. */
export function auditFacts(ctx: ServiceContext, orgId: string, after: Record<string, unknown>): BookingWrite["audit"] {
  const actor = actorOf(ctx);
  return {
    orgId,
    after,
    actorUserId: actor.kind === "user" ? actor.userId : null,
    actorKeyId: actor.kind === "apiKey" ? actor.apiKeyId : null,
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  };
}

type BookingRow = Omit<Booking, "quoteBreakdown"> & { quoteBreakdown: unknown };

const fromRow = (row: BookingRow): Booking => ({
  ...row,
  quoteBreakdown: (typeof row.quoteBreakdown === "string" ? JSON.parse(row.quoteBreakdown) : row.quoteBreakdown) as Booking["quoteBreakdown"],
});

/** The booking columns both write paths return, enums as text. */
const RETURNED = `b.id, b.reference, b."makerOrgId", b."departureId", b."consigneeOrgId", b."destinationCode", b.mode::text AS mode, b.status::text AS status, b."idempotencyKey", b."fcl40Count", b."fcl20Count", b."milliFeu", b."grossKg", b."volumeCbmMilli", b."currencyCode", b."quotedMinor", b."quoteBreakdown", b."cancellationFeeMinor", b."rolledToId", b."rollOfferedToId", b."createdById", b."createdAt", b."updatedAt"`;

/** A booking row as JSON columns (the JSON both statements take their bookings in). */
const BOOKING_COLUMNS = `id text, reference text, "makerOrgId" text, "departureId" text, "consigneeOrgId" text, "destinationCode" text, mode text,
               "idempotencyKey" text, "fcl40Count" int, "fcl20Count" int, "milliFeu" int, "grossKg" int, "volumeCbmMilli" int, "currencyCode" text,
               "quotedMinor" int, "quoteBreakdown" jsonb, "createdById" text`;
const LINE_COLUMNS = `id text, "bookingId" text, "vehicleModelId" text, quantity int, crates int, "grossKg" int, "volumeCbmMilli" int`;
const AUDIT_COLUMNS = `"bookingId" text, "orgId" text, "actorUserId" text, "actorKeyId" text, after jsonb, "requestId" text, ip text`;
/** The audit row records the booking as written: its status and timestamps, in UTC ISO form. */
const AUDIT_AFTER = `x.after || jsonb_build_object('status', b.status::text,
               'createdAt', to_char(b."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'updatedAt', to_char(b."updatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/**
 * Writes a booking in ONE statement, atomic on its own (no interactive transaction, so the
 * departure row is locked for one statement, not for several round trips):
 * - `cap` takes space on the train with the same conditional UPDATE as takeCapacity — the
 *   condition and the increment are one row update, so concurrent bookings never overbook;
 * - `b` inserts the booking, CONFIRMED when `cap` took space and WAITLISTED otherwise;
 * - `l` inserts its cargo lines and `a` its audit row.
 * A repeated idempotency key violates the unique index and the whole statement, capacity
 * included, is rolled back.
 *
 * Both statements are named prepared statements with a fixed text (the rows go in as JSON):
 * PostgreSQL parses and plans them once per connection, not once per booking.
 */
const INSERT_ONE = {
  name: "corridor_booking_insert_one",
  text: `
    WITH x AS (
      SELECT * FROM jsonb_to_record($1::jsonb) AS x(${BOOKING_COLUMNS})
    ), cap AS (
      UPDATE "Departure" d
         SET "bookedMilliFeu" = d."bookedMilliFeu" + x."milliFeu", "bookedGrossKg" = d."bookedGrossKg" + x."grossKg", "updatedAt" = now()
        FROM x
       WHERE d.id = x."departureId" AND d.status = 'OPEN'
         AND d."bookedMilliFeu" + x."milliFeu" <= d."capacityFeu" * 1000
         AND d."bookedGrossKg" + x."grossKg" <= d."maxGrossKg"
      RETURNING d.id
    ), b AS (
      INSERT INTO "Booking" ("id", "reference", "makerOrgId", "departureId", "consigneeOrgId", "destinationCode", "mode", "status", "idempotencyKey",
                             "fcl40Count", "fcl20Count", "milliFeu", "grossKg", "volumeCbmMilli", "currencyCode", "quotedMinor", "quoteBreakdown",
                             "createdById", "createdAt", "updatedAt")
      SELECT x.id, x.reference, x."makerOrgId", x."departureId", x."consigneeOrgId", x."destinationCode", CAST(x.mode AS "BookingMode"),
             CAST(CASE WHEN EXISTS (SELECT 1 FROM cap) THEN 'CONFIRMED' ELSE 'WAITLISTED' END AS "BookingStatus"), x."idempotencyKey", x."fcl40Count",
             x."fcl20Count", x."milliFeu", x."grossKg", x."volumeCbmMilli", x."currencyCode", x."quotedMinor", x."quoteBreakdown", x."createdById", now(), now()
        FROM x
      RETURNING *
    ), l AS (
      INSERT INTO "CargoLine" ("id", "bookingId", "vehicleModelId", "quantity", "crates", "grossKg", "volumeCbmMilli")
      SELECT x.id, b.id, x."vehicleModelId", x.quantity, x.crates, x."grossKg", x."volumeCbmMilli"
        FROM b, jsonb_to_recordset($2::jsonb) AS x(${LINE_COLUMNS})
    ), a AS (
      INSERT INTO "AuditLog" ("orgId", "actorUserId", "actorKeyId", "action", "targetType", "targetId", "after", "requestId", "ip", "createdAt")
      SELECT x."orgId", x."actorUserId", x."actorKeyId", 'booking.create', 'Booking', b.id, ${AUDIT_AFTER}, x."requestId", x.ip, now()
        FROM b, jsonb_to_record($3::jsonb) AS x(${AUDIT_COLUMNS})
    )
    SELECT ${RETURNED}
      FROM b`,
};

async function insertOne(db: Db, w: BookingWrite): Promise<Booking> {
  const rows = await queryDirect<BookingRow>(db, INSERT_ONE, [JSON.stringify(w.booking), JSON.stringify(w.lines), JSON.stringify(w.audit)]);
  const row = rows[0];
  if (!row) throw new Error("the booking insert returned no row");
  return fromRow(row);
}

/** Most bookings one batch writes; more wait for the next. */
export const MAX_BATCH = 64;

/**
 * Writes several bookings for one departure in ONE statement, like `insertOne` for one:
 * - `d` locks the departure row (FOR UPDATE: a concurrent writer elsewhere waits, and `d` reads
 *   the row as that writer left it);
 * - `alloc` gives space in arrival order exactly as one-by-one writes would (each booking
 *   CONFIRMED if it fits after those before it, else WAITLISTED), a recursive walk down the batch;
 * - `cap` stores the space taken; `b`, `l` and `a` insert the bookings, cargo lines and audit rows.
 * Any error (a repeated idempotency key, above all) rolls the whole statement back; the caller
 * then writes the bookings one by one, which sorts out who was first.
 */
const INSERT_BATCH = {
  name: "corridor_booking_insert_batch",
  text: `
    WITH RECURSIVE d AS (
      SELECT id, status = 'OPEN' AS open, "capacityFeu" * 1000 AS "capMilliFeu", "maxGrossKg", "bookedMilliFeu", "bookedGrossKg"
        FROM "Departure" WHERE id = $1::text FOR UPDATE
    ), x AS (
      SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(ord int, ${BOOKING_COLUMNS})
    ), alloc AS (
      SELECT 0 AS ord, d."bookedMilliFeu" AS "milliFeu", d."bookedGrossKg" AS "grossKg", false AS fits FROM d
      UNION ALL
      SELECT x.ord,
             CASE WHEN f.fits THEN p."milliFeu" + x."milliFeu" ELSE p."milliFeu" END,
             CASE WHEN f.fits THEN p."grossKg" + x."grossKg" ELSE p."grossKg" END,
             f.fits
        FROM alloc p
        JOIN x ON x.ord = p.ord + 1
       CROSS JOIN d
       CROSS JOIN LATERAL (SELECT d.open AND p."milliFeu" + x."milliFeu" <= d."capMilliFeu" AND p."grossKg" + x."grossKg" <= d."maxGrossKg" AS fits) f
    ), total AS (
      SELECT "milliFeu", "grossKg" FROM alloc ORDER BY ord DESC LIMIT 1
    ), cap AS (
      UPDATE "Departure" t
         SET "bookedMilliFeu" = total."milliFeu", "bookedGrossKg" = total."grossKg", "updatedAt" = now()
        FROM total, d
       WHERE t.id = d.id AND (total."milliFeu" <> d."bookedMilliFeu" OR total."grossKg" <> d."bookedGrossKg")
    ), b AS (
      INSERT INTO "Booking" ("id", "reference", "makerOrgId", "departureId", "consigneeOrgId", "destinationCode", "mode", "status", "idempotencyKey",
                             "fcl40Count", "fcl20Count", "milliFeu", "grossKg", "volumeCbmMilli", "currencyCode", "quotedMinor", "quoteBreakdown",
                             "createdById", "createdAt", "updatedAt")
      SELECT x.id, x.reference, x."makerOrgId", x."departureId", x."consigneeOrgId", x."destinationCode", CAST(x.mode AS "BookingMode"),
             CAST(CASE WHEN coalesce(a.fits, false) THEN 'CONFIRMED' ELSE 'WAITLISTED' END AS "BookingStatus"), x."idempotencyKey", x."fcl40Count",
             x."fcl20Count", x."milliFeu", x."grossKg", x."volumeCbmMilli", x."currencyCode", x."quotedMinor", x."quoteBreakdown", x."createdById", now(), now()
        FROM x LEFT JOIN alloc a ON a.ord = x.ord
      RETURNING *
    ), l AS (
      INSERT INTO "CargoLine" ("id", "bookingId", "vehicleModelId", "quantity", "crates", "grossKg", "volumeCbmMilli")
      SELECT x.id, x."bookingId", x."vehicleModelId", x.quantity, x.crates, x."grossKg", x."volumeCbmMilli"
        FROM jsonb_to_recordset($3::jsonb) AS x(${LINE_COLUMNS})
    ), a AS (
      INSERT INTO "AuditLog" ("orgId", "actorUserId", "actorKeyId", "action", "targetType", "targetId", "after", "requestId", "ip", "createdAt")
      SELECT x."orgId", x."actorUserId", x."actorKeyId", 'booking.create', 'Booking', b.id, ${AUDIT_AFTER}, x."requestId", x.ip, now()
        FROM jsonb_to_recordset($4::jsonb) AS x(${AUDIT_COLUMNS})
        JOIN b ON b.id = x."bookingId"
    )
    SELECT ${RETURNED}
      FROM b`,
};

async function insertBatch(db: Db, departureId: string, writes: readonly BookingWrite[]): Promise<Booking[]> {
  const bookings = writes.map((w, i) => ({ ...w.booking, ord: i + 1 }));
  const lines = writes.flatMap((w) => w.lines.map((l) => ({ ...l, bookingId: w.booking.id })));
  const audits = writes.map((w) => ({ ...w.audit, bookingId: w.booking.id }));
  const rows = await queryDirect<BookingRow>(db, INSERT_BATCH, [departureId, JSON.stringify(bookings), JSON.stringify(lines), JSON.stringify(audits)]);
  const byId = new Map(rows.map((r) => [r.id, fromRow(r)]));
  return writes.map((w) => {
    const row = byId.get(w.booking.id);
    if (!row) throw new Error("the batch insert lost a booking");
    return row;
  });
}

interface Waiting {
  write: BookingWrite;
  resolve: (b: Booking) => void;
  reject: (e: unknown) => void;
}

/** Per database client and departure: the bookings waiting while one write is in flight. */
const queues = new WeakMap<Db, Map<string, Waiting[]>>();

/** How the writes went, for tests and the benchmark: bookings written alone and in batches. */
export const writeStats = { single: 0, batches: 0, batched: 0, fallbacks: 0 };

/**
 * Writes a booking: at once when nothing is being written for its departure, else with the
 * others that arrived meanwhile, in one batch, as soon as the write in flight is done.
 * Resolves with the booking as written, or rejects as a one-by-one write would (a repeated
 * idempotency key rejects with the database's unique violation).
 */
export function writeBooking(db: Db, write: BookingWrite): Promise<Booking> {
  let perDb = queues.get(db);
  if (!perDb) {
    perDb = new Map();
    queues.set(db, perDb);
  }
  const departureId = write.booking.departureId;
  const waiting = perDb.get(departureId);
  if (waiting) return new Promise((resolve, reject) => waiting.push({ write, resolve, reject }));
  perDb.set(departureId, []);
  writeStats.single++;
  const written = insertOne(db, write);
  // Should the drain itself ever fail, nobody may wait forever behind it: the queue is dropped
  // and what waits in it is refused with the error.
  const settle = () =>
    drain(db, departureId).catch((e: unknown) => {
      const left = perDb.get(departureId) ?? [];
      perDb.delete(departureId);
      for (const w of left) w.reject(e);
    });
  void written.then(settle, settle);
  return written;
}

/** Writes what queued behind the write that just finished, batch after batch, until none waits. */
async function drain(db: Db, departureId: string): Promise<void> {
  const perDb = queues.get(db);
  for (;;) {
    const waiting = perDb?.get(departureId);
    if (!perDb || !waiting) return;
    if (waiting.length === 0) {
      perDb.delete(departureId);
      return;
    }
    const batch = waiting.splice(0, MAX_BATCH);
    if (batch.length === 1) {
      writeStats.single++;
      await insertOne(db, batch[0]!.write).then(batch[0]!.resolve, batch[0]!.reject);
      continue;
    }
    try {
      const rows = await insertBatch(
        db,
        departureId,
        batch.map((w) => w.write),
      );
      writeStats.batches++;
      writeStats.batched += batch.length;
      batch.forEach((w, i) => {
        w.resolve(rows[i]!);
      });
    } catch {
      // One of them repeats a key (or something else failed): nothing was written; one by one,
      // each booking gets its own outcome.
      writeStats.fallbacks++;
      for (const w of batch) await insertOne(db, w.write).then(w.resolve, w.reject);
    }
  }
}
