/**
 * The authorization matrix, generated from the schema: every query and every mutation is called
 * by a member of organization A with the IDs and names of organization B's private records, and
 * by an anonymous caller. Nothing of B's may come back, and B's rows must not change. A new field
 * is covered the day it is added; a field whose arguments the generator cannot fill fails here.
 */
import { randomBytes } from "node:crypto";
import {
  type GraphQLArgument,
  GraphQLEnumType,
  type GraphQLField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLInterfaceType,
  GraphQLList,
  type GraphQLNamedType,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLScalarType,
  GraphQLUnionType,
  getNamedType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeGlobalId } from "../src/schema/global-id.js";
import { schema } from "../src/schema/index.js";
import { createTestContext, gql, loginToken, type TestContext } from "./harness.js";

let t: TestContext;
let tokenA: string;
let memberTokenA: string;
/** an admin of another logistics operator, which runs none of B's trains */
let operatorTokenD: string;
/** B's private record IDs as clients see them, by type */
const idsB: Record<string, string[]> = {};
/** strings that only B's private records contain */
const secretsB: string[] = [];

function snapshotB(orgId: string) {
  return Promise.all([
    t.db.organization.findUnique({ where: { id: orgId } }),
    t.db.membership.findMany({ where: { orgId }, orderBy: { id: "asc" } }),
    t.db.user.findMany({ where: { memberships: { some: { orgId } } }, orderBy: { id: "asc" } }),
    t.db.apiKey.findMany({ where: { orgId }, orderBy: { id: "asc" } }),
    t.db.invitation.findMany({ where: { orgId }, orderBy: { id: "asc" } }),
    t.db.session.findMany({ where: { activeOrgId: orgId }, orderBy: { id: "asc" } }),
    t.db.vehicleModel.findMany({ where: { makerOrgId: orgId }, orderBy: { id: "asc" } }),
    t.db.booking.findMany({ where: { makerOrgId: orgId }, include: { lines: true }, orderBy: { id: "asc" } }),
  ]);
}

let orgB: { id: string; slug: string };
beforeAll(async () => {
  // Generous query limits: the generated selections are wide; limits have their own tests.
  t = await createTestContext({ GRAPHQL_MAX_ALIASES: "100000", GRAPHQL_MAX_COST: "10000000", GRAPHQL_MAX_TOKENS: "1000000", GRAPHQL_MAX_DEPTH: "20" });
  const orgA = await t.seed.organization({ kind: "MANUFACTURER" });
  const adminA = await t.seed.user({ orgId: orgA.id, roles: ["ORG_ADMIN"] });
  const memberA = await t.seed.user({ orgId: orgA.id, roles: ["MEMBER"] });
  tokenA = await loginToken(t.app, adminA.user.email, adminA.password);
  memberTokenA = await loginToken(t.app, memberA.user.email, memberA.password);
  const orgD = await t.seed.organization({ kind: "LOGISTICS_OPERATOR" });
  const adminD = await t.seed.user({ orgId: orgD.id, roles: ["ORG_ADMIN"] });
  operatorTokenD = await loginToken(t.app, adminD.user.email, adminD.password);

  orgB = await t.seed.organization({ kind: "MANUFACTURER" });
  const adminB = await t.seed.user({ orgId: orgB.id, roles: ["ORG_ADMIN"], email: `secret-admin-${randomBytes(4).toString("hex")}@b.test` });
  const memberB = await t.seed.user({ orgId: orgB.id, roles: ["MEMBER"], email: `secret-member-${randomBytes(4).toString("hex")}@b.test` });
  const tokenB = await loginToken(t.app, adminB.user.email, adminB.password);
  const keyName = `secret-key-${randomBytes(4).toString("hex")}`;
  await gql(t.app, `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { __typename } }`, { i: { name: keyName, roles: ["MEMBER"] } }, { token: tokenB });
  const invitee = `secret-invitee-${randomBytes(4).toString("hex")}@b.test`;
  await gql(t.app, `mutation($i: InviteUserInput!) { inviteUser(input: $i) { __typename } }`, { i: { email: invitee, roles: ["VIEWER"] } }, { token: tokenB });

  secretsB.push(adminB.user.email, memberB.user.email, keyName, invitee);

  // B's freight: a private catalog model and a booking on another operator's train.
  await t.seed.referenceData();
  const operatorC = await t.seed.organization({ kind: "LOGISTICS_OPERATOR" });
  const departure = await t.db.departure.create({
    data: {
      code: `CN-LA-${randomBytes(3).toString("hex")}`,
      operatorOrgId: operatorC.id,
      corridorCode: "CN-LA",
      departsAt: new Date(Date.now() + 9 * 86_400_000),
      cutoffAt: new Date(Date.now() + 7 * 86_400_000),
      etaAt: new Date(Date.now() + 12 * 86_400_000),
      capacityFeu: 45,
      maxGrossKg: 1_000_000,
      currencyCode: "USD",
      lclPerWmMinor: 6500,
      wmKgPerCbm: 1000,
      fcl40Minor: 1,
      fcl20Minor: 1,
    },
  });
  const modelCode = `SECRET-MODEL-${randomBytes(3).toString("hex")}`;
  const model = await t.db.vehicleModel.create({
    data: { makerOrgId: orgB.id, code: modelCode, name: "secret", category: "E_BIKE", crateLengthMm: 1500, crateWidthMm: 300, crateHeightMm: 800, crateGrossKg: 28 },
  });
  const bookingRef = `BK-SECRET-${randomBytes(3).toString("hex")}`;
  const booking = await t.db.booking.create({
    data: {
      reference: bookingRef,
      makerOrgId: orgB.id,
      departureId: departure.id,
      destinationCode: "LAVTE",
      mode: "LCL",
      status: "CONFIRMED",
      idempotencyKey: "secret-key",
      milliFeu: 100,
      grossKg: 280,
      volumeCbmMilli: 3600,
      currencyCode: "USD",
      quotedMinor: 23400,
      quoteBreakdown: [],
      lines: { create: [{ vehicleModelId: model.id, quantity: 10, crates: 10, grossKg: 280, volumeCbmMilli: 3600 }] },
    },
  });
  secretsB.push(modelCode, bookingRef);
  const key = await t.db.apiKey.findFirstOrThrow({ where: { orgId: orgB.id } });
  const inv = await t.db.invitation.findFirstOrThrow({ where: { orgId: orgB.id } });
  const audit = await t.db.auditLog.findMany({ where: { orgId: orgB.id } });
  idsB.Membership = [adminB.membership.id, memberB.membership.id].map((id) => encodeGlobalId("Membership", id));
  idsB.User = [adminB.user.id, memberB.user.id].map((id) => encodeGlobalId("User", id));
  idsB.ApiKey = [encodeGlobalId("ApiKey", key.id)];
  idsB.Invitation = [encodeGlobalId("Invitation", inv.id)];
  idsB.AuditLogEntry = audit.map((a) => encodeGlobalId("AuditLogEntry", a.id));
  idsB.VehicleModel = [encodeGlobalId("VehicleModel", model.id)];
  idsB.Booking = [encodeGlobalId("Booking", booking.id)];
  // B's private IDs must never be echoed back either (only ones we send may appear in errors' paths).
  secretsB.push(...idsB.Membership, ...idsB.User, ...idsB.ApiKey, ...idsB.Invitation, ...idsB.VehicleModel, ...idsB.Booking);
  secretsB.push(key.prefix);
});
afterAll(() => t?.close());

const allIdsB = () => Object.values(idsB).flat();

// ───────────── operation generator ─────────────

const SKIP_ARGS = new Set(["after", "before", "last"]);

/** A selection of every field down to a depth, with arguments filled only where required. */
function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (named instanceof GraphQLScalarType || named instanceof GraphQLEnumType) return "";
  if (depth <= 0) return "{ __typename }";
  if (named instanceof GraphQLUnionType) {
    return `{ __typename ${named
      .getTypes()
      .map((m) => `... on ${m.name} ${selection(m, depth - 1)}`)
      .join(" ")} }`;
  }
  const obj = named as GraphQLObjectType | GraphQLInterfaceType;
  const parts: string[] = ["__typename"];
  // An interface (Node, DomainError) is expanded into every type that implements it.
  if (obj instanceof GraphQLInterfaceType) {
    for (const impl of schema.getPossibleTypes(obj)) parts.push(`... on ${impl.name} ${selection(impl, depth - 1)}`);
  }
  for (const f of Object.values(obj.getFields())) {
    if (f.args.some((a) => a.type instanceof GraphQLNonNull && !SKIP_ARGS.has(a.name))) continue;
    // Aliased by type, so fragments on different types never clash on a field's shape.
    parts.push(`${obj.name}_${f.name}: ${f.name}${selection(f.type, depth - 1)}`);
  }
  return `{ ${parts.join(" ")} }`;
}

function sampleScalar(name: string, fieldName: string): unknown {
  const n = fieldName.toLowerCase();
  if (name === "ID") return allIdsB()[0];
  if (name === "Int") return 5;
  if (name === "Float") return 1.5;
  if (name === "Boolean") return true;
  if (name === "DateTime") return new Date(Date.now() + 86_400_000 * 30).toISOString();
  if (name === "JSON") return {};
  // An upload travels as a multipart part, never as JSON: probes leave it out.
  if (name === "File") return null;
  if (name === "String") {
    if (n.includes("email")) return `probe-${randomBytes(4).toString("hex")}@a.test`;
    if (n.includes("password")) return "probe-password-123";
    if (n === "slug" || n === "organizationslug") return orgB.slug;
    if (n === "countrycode") return "CN";
    if (n === "timezone") return "Asia/Shanghai";
    if (n === "website") return "https://example.test";
    if (n === "token") return randomBytes(24).toString("base64url");
    return "probe";
  }
  throw new Error(`no sample for scalar ${name} (${fieldName})`);
}

/** Inputs with every ID set to `id`, so each of B's IDs is tried in every ID position. */
function sampleInput(type: GraphQLInputType, fieldName: string, id: string): unknown {
  if (type instanceof GraphQLNonNull) return sampleInput(type.ofType, fieldName, id);
  if (type instanceof GraphQLList) return [sampleInput(type.ofType, fieldName, id)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0]?.value;
  if (type instanceof GraphQLInputObjectType) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) out[f.name] = sampleInput(f.type, f.name, id);
    return out;
  }
  if (type instanceof GraphQLScalarType) return type.name === "ID" ? id : sampleScalar(type.name, fieldName);
  throw new Error(`cannot fill ${String(type)}`);
}

function operation(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>) {
  const args = field.args.filter((a) => !SKIP_ARGS.has(a.name));
  const decl = args.map((a: GraphQLArgument) => `$${a.name}: ${String(a.type)}`).join(", ");
  const call = args.map((a) => `${a.name}: $${a.name}`).join(", ");
  return `${kind}${decl ? `(${decl})` : ""} { ${field.name}${call ? `(${call})` : ""}${selection(field.type, 4)} }`;
}

function variantsFor(field: GraphQLField<unknown, unknown>): Record<string, unknown>[] {
  const args = field.args.filter((a) => !SKIP_ARGS.has(a.name));
  const hasId = (ty: GraphQLInputType): boolean => {
    const n = getNamedType(ty);
    if (n instanceof GraphQLScalarType) return n.name === "ID";
    if (n instanceof GraphQLInputObjectType) return Object.values(n.getFields()).some((f) => hasId(f.type));
    return false;
  };
  const ids = args.some((a) => hasId(a.type)) ? allIdsB() : [allIdsB()[0] ?? ""];
  return ids.map((id) => Object.fromEntries(args.map((a) => [a.name, sampleInput(a.type, a.name, id)])));
}

function leaks(body: unknown, sent: Record<string, unknown>): string[] {
  const text = JSON.stringify(body);
  const sentText = JSON.stringify(sent);
  return secretsB.filter((s) => text.includes(s) && !sentText.includes(s));
}

const rootFields = (kind: "query" | "mutation" | "subscription") =>
  Object.values((kind === "query" ? schema.getQueryType() : kind === "mutation" ? schema.getMutationType() : schema.getSubscriptionType())?.getFields() ?? {});

// ───────────── the matrix ─────────────

describe("authorization matrix", () => {
  it("declares who may use every root field and every object type", () => {
    const missing: string[] = [];
    for (const kind of ["query", "mutation", "subscription"] as const) {
      for (const f of rootFields(kind)) if (!f.extensions?.pothosOptions || !(f.extensions.pothosOptions as { authScopes?: unknown }).authScopes) missing.push(`${kind}.${f.name}`);
    }
    const generated = /(Connection|ConnectionEdge|Edge|Success)$|^(PageInfo|Query|Mutation|Subscription)$/;
    for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
      if (!(type instanceof GraphQLObjectType) || type.name.startsWith("__") || generated.test(type.name)) continue;
      const typeScopes = (type.extensions?.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes;
      if (!typeScopes) missing.push(`type ${type.name}`);
    }
    expect(missing).toEqual([]);
  });

  for (const kind of ["query", "mutation"] as const) {
    for (const field of rootFields(kind)) {
      it(`${kind} ${field.name}: other orgs' people get nothing of B's and change nothing of B's`, async () => {
        const before = await snapshotB(orgB.id);
        for (const variables of variantsFor(field)) {
          for (const token of [tokenA, memberTokenA, operatorTokenD]) {
            const r = await gql(t.app, operation(kind, field), variables, { token });
            expect(r.status, JSON.stringify(r.errors)).toBeLessThan(500);
            // A generated operation the server refuses to run would prove nothing.
            expect(r.errors?.filter((e) => String(e.extensions?.code).startsWith("GRAPHQL_") || e.extensions?.code === "BAD_USER_INPUT") ?? []).toEqual([]);
            expect(leaks(r.data, variables), `${kind} ${field.name} ${JSON.stringify(variables)}`).toEqual([]);
            for (const e of r.errors ?? []) expect(e.extensions?.code, e.message).not.toBe("INTERNAL");
          }
        }
        expect(await snapshotB(orgB.id)).toEqual(before);
      });

      it(`${kind} ${field.name}: an anonymous caller gets nothing private`, async () => {
        const before = await snapshotB(orgB.id);
        for (const variables of variantsFor(field).slice(0, 2)) {
          const r = await gql(t.app, operation(kind, field), variables);
          expect(leaks(r.data, variables)).toEqual([]);
          for (const e of r.errors ?? []) expect(e.extensions?.code, e.message).not.toBe("INTERNAL");
        }
        expect(await snapshotB(orgB.id)).toEqual(before);
      });
    }
  }
});
