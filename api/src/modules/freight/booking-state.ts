import type { BookingStatus } from "../../generated/prisma/enums.js";

/**
 * The booking life cycle. Every status change goes through `assertTransition`, so a booking
 * can only move along these edges.
 */
export const bookingTransitions: Record<BookingStatus, readonly BookingStatus[]> = {
  WAITLISTED: ["CONFIRMED", "CANCELLED"],
  CONFIRMED: ["PLANNED", "ROLL_OFFERED", "CANCELLED"],
  PLANNED: ["CONFIRMED", "IN_TRANSIT", "ROLL_OFFERED", "CANCELLED"],
  ROLL_OFFERED: ["ROLLED", "CONFIRMED", "CANCELLED"],
  IN_TRANSIT: ["ARRIVED"],
  ARRIVED: ["DELIVERED"],
  DELIVERED: [],
  CANCELLED: [],
  ROLLED: [],
};

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return bookingTransitions[from].includes(to);
}

export class TransitionError extends Error {
  constructor(
    readonly from: BookingStatus,
    readonly to: BookingStatus,
  ) {
    super(`A ${from.toLowerCase().replace("_", " ")} booking cannot become ${to.toLowerCase().replace("_", " ")}.`);
  }
}

export function assertTransition(from: BookingStatus, to: BookingStatus): void {
  if (!canTransition(from, to)) throw new TransitionError(from, to);
}

/** Statuses that hold space on the train. */
export const holdsCapacity: ReadonlySet<BookingStatus> = new Set(["CONFIRMED", "PLANNED", "ROLL_OFFERED", "IN_TRANSIT", "ARRIVED", "DELIVERED"]);
