import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { writeStats } from "./modules/freight/booking-writes.js";

/** One registry per server, so tests can start several servers in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "corridor_" });
  const operations = new Histogram({
    name: "corridor_graphql_operation_seconds",
    help: "GraphQL operation duration by operation name, type and outcome",
    labelNames: ["operation", "type", "outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: "corridor_graphql_errors_total",
    help: "GraphQL errors by code",
    labelNames: ["code"] as const,
    registers: [registry],
  });
  new Counter({
    name: "corridor_booking_writes_total",
    help: "Bookings written alone or in a batch with others for the same departure (this process)",
    labelNames: ["path"] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ path: "single" }, writeStats.single);
      this.inc({ path: "batched" }, writeStats.batched);
    },
  });
  new Counter({
    name: "corridor_booking_write_batches_total",
    help: "Batch statements that wrote bookings for one departure together (this process)",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(writeStats.batches);
    },
  });
  return { registry, operations, errors };
}
export type Metrics = ReturnType<typeof createMetrics>;
