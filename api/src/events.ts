import { createPubSub } from "graphql-yoga";

/**
 * Change notifications for live views (GraphQL subscriptions over SSE). In-process: with several
 * API copies behind a load balancer, swap in a shared event target (Redis) here.
 */
export type ShipmentEvent = { departureId: string; bookingIds?: string[] };

export function createEvents() {
  return createPubSub<{ shipment: [ShipmentEvent] }>();
}
export type Events = ReturnType<typeof createEvents>;
