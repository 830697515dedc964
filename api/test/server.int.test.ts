import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, gql, type TestContext } from "./harness.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe("HTTP endpoints", () => {
  it("answers liveness, readiness and Prometheus metrics", async () => {
    expect(await (await t.app.fetch("http://corridor.test/healthz")).json()).toEqual({ status: "ok" });
    expect(await (await t.app.fetch("http://corridor.test/readyz")).json()).toEqual({ status: "ready", database: true });
    await gql(t.app, `query Probe { __typename }`);
    const metrics = await (await t.app.fetch("http://corridor.test/metrics")).text();
    expect(metrics).toMatch(/corridor_graphql_operation_seconds_count\{operation="Probe",type="query",outcome="ok"\} 1/);
    expect(metrics).toMatch(/corridor_process_cpu_seconds_total/);
  });

  it("answers { __typename } and lists reference data without logging in", async () => {
    const r = await gql(t.app, `{ __typename }`);
    expect(r.data).toEqual({ __typename: "Query" });
  });

  it("logs each operation as structured JSON with a request id", async () => {
    await gql(t.app, `query Traced { __typename }`, {}, { headers: { "x-request-id": "req-123" } });
    expect(t.logs).toContainEqual(expect.objectContaining({ msg: "graphql", operation: "Traced", requestId: "req-123", errors: 0 }));
  });
});

describe("unexpected errors", () => {
  it("are masked for the client, with an incident id that is in the logs", async () => {
    const broken = await createTestContext();
    await broken.database.prisma.$disconnect();
    await broken.database.pglite?.close();
    if (broken.database.kind === "postgres") await broken.database.drop();
    const r = await gql(broken.app, `{ currencies { code } }`);
    const err = r.errors?.[0];
    expect(err?.extensions?.code).toBe("INTERNAL");
    expect(err?.message).toBe("Something went wrong on our side. It has been logged; please try again.");
    expect(JSON.stringify(r)).not.toMatch(/prisma|pglite|postgres|stack/i);
    expect(broken.logs).toContainEqual(expect.objectContaining({ msg: "unexpected error", incident: err?.extensions?.incident }));
    const ready = await broken.app.fetch("http://corridor.test/readyz");
    expect(ready.status).toBe(503);
  });
});
