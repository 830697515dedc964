import { describe, expect, it } from "vitest";
import { reconnectDelay, subscriptionUrl } from "./live";
import { DepartureUpdatesDocument } from "./operations";

describe("live updates", () => {
  it("backs off 1 s, 2 s, 4 s … and never waits more than 30 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it("subscribes through the same-origin proxy with the query and variables in the URL (GraphQL over SSE, GET)", () => {
    const url = new URL(subscriptionUrl(DepartureUpdatesDocument, { id: "RGVwYXJ0dXJlOjE" }), "http://portal.test");
    expect(url.pathname).toBe("/graphql");
    expect(url.searchParams.get("query")).toMatch(/^\s*subscription FreightDepartureUpdates\(\$id: ID!\)/);
    expect(JSON.parse(url.searchParams.get("variables") ?? "{}")).toEqual({ id: "RGVwYXJ0dXJlOjE" });
  });
});
