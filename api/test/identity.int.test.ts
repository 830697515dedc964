import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, gql, loginToken, personIn, type TestContext, tableCounts } from "./harness.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ LOGIN_MAX_FAILURES: "3" });
});
afterAll(() => t?.close());

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) {
    __typename
    ... on LoginSuccess { data { token expiresAt viewer { roles organization { slug kind } user { email } } } }
    ... on DomainError { code message }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;
const VIEWER = `{ viewer { roles isPlatformAdmin user { email } organization { slug } } }`;

describe("login and sessions", () => {
  it("logs in with the right password, sets an httpOnly cookie, and the cookie opens the session", async () => {
    const org = await t.seed.organization({ kind: "MANUFACTURER" });
    const { user, password } = await t.seed.user({ orgId: org.id, roles: ["MEMBER"] });
    const r = await gql(t.app, LOGIN, { input: { email: user.email.toUpperCase(), password } });
    expect(r.data).toMatchObject({ login: { __typename: "LoginSuccess", data: { token: null, viewer: { roles: ["MEMBER"], organization: { slug: org.slug } } } } });
    const cookie = r.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^corridor_session=cor_s_[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
    const me = await gql(t.app, VIEWER, {}, { cookie: cookie.split(";")[0] });
    expect(me.data).toEqual({ viewer: { roles: ["MEMBER"], isPlatformAdmin: false, user: { email: user.email }, organization: { slug: org.slug } } });
    const audit = await t.db.auditLog.findFirst({ where: { action: "session.login", actorUserId: user.id } });
    expect(audit?.orgId).toBe(org.id);
  });

  it("refuses a wrong password with UNAUTHENTICATED and writes nothing but the attempt", async () => {
    const org = await t.seed.organization();
    const { user } = await t.seed.user({ orgId: org.id });
    const before = await tableCounts(t);
    const r = await gql(t.app, LOGIN, { input: { email: user.email, password: "not-the-password" } });
    expect(r.data).toMatchObject({ login: { __typename: "UnauthenticatedError", code: "UNAUTHENTICATED", message: "The email or password is not correct." } });
    expect(r.headers.get("set-cookie")).toBeNull();
    expect(await tableCounts(t)).toEqual(before);
    expect(await t.db.loginAttempt.count({ where: { email: user.email, success: false } })).toBe(1);
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const r = await gql(t.app, LOGIN, { input: { email: "nobody@nowhere.test", password: "whatever-it-is" } });
    expect(r.data).toMatchObject({ login: { code: "UNAUTHENTICATED", message: "The email or password is not correct." } });
  });

  it("rate-limits an account after repeated failures, even with the right password", async () => {
    const org = await t.seed.organization();
    const { user, password } = await t.seed.user({ orgId: org.id });
    for (let i = 0; i < 3; i++) await gql(t.app, LOGIN, { input: { email: user.email, password: "wrong-password" } });
    const r = await gql(t.app, LOGIN, { input: { email: user.email, password } });
    expect(r.data).toMatchObject({ login: { __typename: "RateLimitedError", code: "RATE_LIMITED" } });
  });

  it("validates input with field errors", async () => {
    const r = await gql(t.app, LOGIN, { input: { email: "", password: "" } });
    expect(r.data).toMatchObject({ login: { __typename: "ValidationError", code: "VALIDATION" } });
    const fields = (r.data as { login: { fieldErrors: { path: string[] }[] } }).login.fieldErrors.map((f) => f.path.at(-1));
    expect(fields).toContain("email");
  });

  it("tells an expired session apart from a missing one", async () => {
    const p = await personIn(t, "DEALER");
    await t.db.session.updateMany({ where: { userId: p.user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const viewer = await gql(t.app, VIEWER, {}, { token: p.token });
    expect(viewer.data).toEqual({ viewer: null });
    const r = await gql(t.app, `{ organizations { totalCount } }`, {}, { token: p.token });
    expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(r.errors?.[0]?.message).toMatch(/expired/);
    const anon = await gql(t.app, `{ organizations { totalCount } }`);
    expect(anon.errors?.[0]).toMatchObject({ message: "Please log in first.", extensions: { code: "UNAUTHENTICATED" } });
  });

  it("logs out: the token stops working and the cookie is cleared", async () => {
    const p = await personIn(t, "MANUFACTURER");
    const r = await gql(t.app, `mutation { logout }`, {}, { token: p.token });
    expect(r.data).toEqual({ logout: true });
    expect(r.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await gql(t.app, VIEWER, {}, { token: p.token })).data).toEqual({ viewer: null });
  });
});

const CREATE_USER = `mutation($input: CreateUserInput!) {
  createUser(input: $input) {
    __typename
    ... on CreateUserSuccess { data { id roles user { email } organization { slug } } }
    ... on DomainError { code message }
  }
}`;

describe("org administration", () => {
  it("lets an org admin create a user who can then log in, with an audit row", async () => {
    const admin = await personIn(t, "MANUFACTURER");
    const email = `new-${Date.now()}@maker.test`;
    const r = await gql(t.app, CREATE_USER, { input: { email, name: "Xu Fang", password: "a-long-password", roles: ["MEMBER"] } }, { token: admin.token });
    expect(r.data).toMatchObject({ createUser: { __typename: "CreateUserSuccess", data: { roles: ["MEMBER"], user: { email }, organization: { slug: admin.org.slug } } } });
    await loginToken(t.app, email, "a-long-password");
    const audit = await t.db.auditLog.findFirst({ where: { action: "user.create", orgId: admin.org.id } });
    expect(audit).toMatchObject({ actorUserId: admin.user.id, targetType: "Membership" });
    expect(JSON.stringify(audit?.after)).not.toMatch(/password/i);
  });

  it("refuses a duplicate email with CONFLICT and leaves the database unchanged", async () => {
    const admin = await personIn(t, "MANUFACTURER");
    const before = await tableCounts(t);
    const r = await gql(t.app, CREATE_USER, { input: { email: admin.user.email, name: "Dup", password: "a-long-password", roles: ["MEMBER"] } }, { token: admin.token });
    expect(r.data).toMatchObject({ createUser: { __typename: "ConflictError", code: "CONFLICT" } });
    expect(await tableCounts(t)).toEqual(before);
  });

  it("refuses members who are not admins with FORBIDDEN", async () => {
    const member = await personIn(t, "MANUFACTURER", ["MEMBER"]);
    const r = await gql(t.app, CREATE_USER, { input: { email: "x@y.test", name: "X", password: "a-long-password", roles: ["MEMBER"] } }, { token: member.token });
    expect(r.data).toMatchObject({ createUser: { __typename: "ForbiddenError", code: "FORBIDDEN" } });
  });

  it("rejects an invalid enum value before anything runs", async () => {
    const admin = await personIn(t, "MANUFACTURER");
    const r = await gql(t.app, CREATE_USER, { input: { email: "e@e.test", name: "E", password: "a-long-password", roles: ["OWNER"] } }, { token: admin.token });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(/OWNER/);
  });

  it("keeps at least one administrator", async () => {
    const admin = await personIn(t, "DEALER");
    const id = Buffer.from(`Membership:${admin.membership.id}`).toString("base64url");
    const r = await gql(
      t.app,
      `mutation($input: UpdateMemberRolesInput!) { updateMemberRoles(input: $input) { __typename ... on DomainError { code message } } }`,
      { input: { membershipId: id, roles: ["MEMBER"] } },
      { token: admin.token },
    );
    expect(r.data).toMatchObject({ updateMemberRoles: { code: "CONFLICT", message: "An organization must keep at least one administrator." } });
  });

  it("rejects malformed and wrong-type IDs with VALIDATION", async () => {
    const admin = await personIn(t, "DEALER");
    const q = `mutation($input: RemoveMemberInput!) { removeMember(input: $input) { __typename ... on DomainError { code message } } }`;
    const bad = await gql(t.app, q, { input: { membershipId: "not an id!" } }, { token: admin.token });
    expect(bad.data).toMatchObject({ removeMember: { code: "VALIDATION" } });
    const wrongType = await gql(t.app, q, { input: { membershipId: Buffer.from(`ApiKey:${admin.membership.id}`).toString("base64url") } }, { token: admin.token });
    expect(wrongType.data).toMatchObject({ removeMember: { code: "VALIDATION", message: expect.stringMatching(/not a Membership ID/) } });
  });

  it("invites a person who accepts with a password and lands in the org", async () => {
    const admin = await personIn(t, "ALLIANCE");
    const email = `invitee-${Date.now()}@alliance.test`;
    const inv = await gql<{ inviteUser: { data: { acceptUrl: string } } }>(
      t.app,
      `mutation($input: InviteUserInput!) { inviteUser(input: $input) { ... on InviteUserSuccess { data { acceptUrl invitation { email roles } } } } }`,
      { input: { email, roles: ["MEMBER"] } },
      { token: admin.token },
    );
    const token = new URL(inv.data?.inviteUser.data.acceptUrl ?? "http://x").searchParams.get("token");
    expect(token).toBeTruthy();
    const accepted = await gql(
      t.app,
      `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { __typename ... on AcceptInvitationSuccess { data { viewer { organization { slug } roles } } } ... on DomainError { code message } } }`,
      { input: { token, name: "New Member", password: "another-long-password" } },
    );
    expect(accepted.data).toMatchObject({
      acceptInvitation: { __typename: "AcceptInvitationSuccess", data: { viewer: { organization: { slug: admin.org.slug }, roles: ["MEMBER"] } } },
    });
    const again = await gql(t.app, `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { __typename ... on DomainError { code } } }`, {
      input: { token, name: "New Member", password: "another-long-password" },
    });
    expect(again.data).toMatchObject({ acceptInvitation: { code: "CONFLICT" } });
  });
});

describe("API keys", () => {
  it("creates a key that authenticates as the org, and stops working when revoked", async () => {
    const admin = await personIn(t, "LOGISTICS_OPERATOR");
    const created = await gql<{ createApiKey: { data: { secret: string; apiKey: { id: string; prefix: string } } } }>(
      t.app,
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeySuccess { data { secret apiKey { id prefix roles } } } } }`,
      { input: { name: "TMS integration", roles: ["MEMBER"] } },
      { token: admin.token },
    );
    const { secret, apiKey } = created.data?.createApiKey.data ?? { secret: "", apiKey: { id: "", prefix: "" } };
    expect(secret).toMatch(new RegExp(`^cor_k_${apiKey.prefix}_`));
    expect(await t.db.apiKey.count({ where: { secretHash: secret } })).toBe(0);
    const me = await gql(t.app, `{ viewer { viaApiKey user { email } organization { slug } roles } }`, {}, { token: secret });
    expect(me.data).toEqual({ viewer: { viaApiKey: true, user: null, organization: { slug: admin.org.slug }, roles: ["MEMBER"] } });
    const revoked = await gql(
      t.app,
      `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }`,
      { input: { apiKeyId: apiKey.id } },
      { token: admin.token },
    );
    expect(revoked.data).toEqual({ revokeApiKey: { __typename: "RevokeApiKeySuccess" } });
    const after = await gql(t.app, `{ organizations { totalCount } }`, {}, { token: secret });
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("query limits", () => {
  it("refuses deeply nested queries with QUERY_TOO_COMPLEX", async () => {
    const p = await personIn(t, "MANUFACTURER");
    let sel = "id";
    for (let i = 0; i < 8; i++) sel = `organization { members(first: 1) { edges { node { ${sel} } } } }`;
    const r = await gql(t.app, `{ viewer { ${sel} } }`, {}, { token: p.token });
    expect(r.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(r.data ?? null).toBeNull();
  });

  it("refuses oversized documents and alias floods with QUERY_TOO_COMPLEX", async () => {
    const huge = `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    const r = await gql(t.app, huge);
    expect(r.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: currencies { code }`).join(" ")} }`;
    expect((await gql(t.app, aliases)).errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });
});

describe("remembered sessions (SESSION_CACHE_MS)", () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const viewerOf = async (c: TestContext, token: string) => (await gql<{ viewer: { roles: string[] } | null }>(c.app, VIEWER, {}, { token })).data?.viewer ?? null;

  it("remembers a session another API copy revoked; what this process changes it forgets at once", async () => {
    const c = await createTestContext({ SESSION_CACHE_MS: "60000" });
    try {
      const admin = await personIn(c, "MANUFACTURER");
      const revoked = await c.seed.user({ orgId: admin.org.id, roles: ["ORG_ADMIN"] });
      const demoted = await c.seed.user({ orgId: admin.org.id, roles: ["ORG_ADMIN"] });
      const revokedToken = await loginToken(c.app, revoked.user.email, revoked.password);
      const demotedToken = await loginToken(c.app, demoted.user.email, demoted.password);
      expect(await viewerOf(c, revokedToken)).toMatchObject({ roles: ["ORG_ADMIN"] });
      expect(await viewerOf(c, demotedToken)).toMatchObject({ roles: ["ORG_ADMIN"] });

      // Another API copy ends a session: straight in the database, this process is not told, and
      // within SESSION_CACHE_MS it still answers from what it remembers.
      await c.db.session.updateMany({ where: { userId: revoked.user.id }, data: { revokedAt: new Date() } });
      expect(await viewerOf(c, revokedToken)).toMatchObject({ roles: ["ORG_ADMIN"] });

      // A role change made through this process takes effect at the next request …
      const id = Buffer.from(`Membership:${demoted.membership.id}`).toString("base64url");
      const r = await gql(
        c.app,
        `mutation($input: UpdateMemberRolesInput!) { updateMemberRoles(input: $input) { __typename } }`,
        { input: { membershipId: id, roles: ["MEMBER"] } },
        { token: admin.token },
      );
      expect(r.data).toEqual({ updateMemberRoles: { __typename: "UpdateMemberRolesSuccess" } });
      expect(await viewerOf(c, demotedToken)).toMatchObject({ roles: ["MEMBER"] });
      // … and it forgot every remembered session, so the revocation above is seen now too.
      expect(await viewerOf(c, revokedToken)).toBeNull();

      await gql(c.app, `mutation { logout }`, {}, { token: demotedToken });
      expect(await viewerOf(c, demotedToken)).toBeNull();
    } finally {
      await c.close();
    }
  });

  it("a session another API copy revoked stops working once SESSION_CACHE_MS has passed", async () => {
    const c = await createTestContext({ SESSION_CACHE_MS: "300" });
    try {
      const p = await personIn(c, "DEALER");
      expect(await viewerOf(c, p.token)).toMatchObject({ roles: ["ORG_ADMIN"] });
      await c.db.session.updateMany({ where: { userId: p.user.id }, data: { revokedAt: new Date() } });
      await sleep(350);
      expect(await viewerOf(c, p.token)).toBeNull();
    } finally {
      await c.close();
    }
  });

  it("with SESSION_CACHE_MS=0 every request reads the session", async () => {
    const c = await createTestContext({ SESSION_CACHE_MS: "0" });
    try {
      const p = await personIn(c, "DEALER");
      expect((await gql(c.app, VIEWER, {}, { token: p.token })).data).toMatchObject({ viewer: { roles: ["ORG_ADMIN"] } });
      await c.db.session.updateMany({ where: { userId: p.user.id }, data: { revokedAt: new Date() } });
      expect((await gql(c.app, VIEWER, {}, { token: p.token })).data).toEqual({ viewer: null });
    } finally {
      await c.close();
    }
  });
});
