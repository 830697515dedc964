import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/index.js";
import { createApp } from "../src/server.js";
import { createTestContext, gql, loginToken, type TestContext } from "./harness.js";

// Counts the database operations behind one GraphQL request, so a hot path that grows with
// the page size (N+1) fails here instead of in production.
let t: TestContext;
let operations = 0;
let counted: ReturnType<typeof createApp>;
beforeAll(async () => {
  t = await createTestContext();
  const countingDb = t.db.$extends({
    query: {
      async $allOperations({ args, query }) {
        operations += 1;
        return query(args);
      },
    },
  }) as unknown as Db;
  counted = createApp({ db: countingDb, config: t.config, log: (await import("pino")).pino({ level: "silent" }) });
});
afterAll(() => t?.close());

async function queriesFor(membersInOrg: number) {
  const org = await t.seed.organization({ kind: "MANUFACTURER" });
  const admin = await t.seed.user({ orgId: org.id, roles: ["ORG_ADMIN"] });
  for (let i = 1; i < membersInOrg; i++) await t.seed.user({ orgId: org.id });
  const token = await loginToken(t.app, admin.user.email, admin.password);
  operations = 0;
  const r = await gql(
    counted,
    `{ viewer { user { name } organization { name members(first: 50) { totalCount edges { node { roles createdAt user { name email } } } } } memberships { organization { name } } } }`,
    {},
    { token },
  );
  expect(r.errors).toBeUndefined();
  return operations;
}

describe("query counts", () => {
  it("lists an organization's members in a constant number of queries", async () => {
    const small = await queriesFor(2);
    const large = await queriesFor(25);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(8);
  });
});
