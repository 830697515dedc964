import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import type { Context } from "../context.js";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "../errors.js";
import type PrismaTypes from "../generated/pothos-types.js";
import { getDatamodel } from "../generated/pothos-types.js";
import type { MemberRole, OrgKind } from "../generated/prisma/client.js";
import { decodeGlobalId, encodeGlobalId } from "./global-id.js";
import { inputMessage } from "./input-messages.js";

export interface AuthScopes {
  /** anyone, without logging in */
  public: boolean;
  /** a person or an API key */
  authenticated: boolean;
  /** a person with a session (not an API key) */
  person: boolean;
  /** may change the org's data: ORG_ADMIN or MEMBER */
  orgWriter: boolean;
  /** manages people and keys of the org */
  orgAdmin: boolean;
  platformAdmin: boolean;
  /** the caller's org is one of these kinds */
  orgKind: OrgKind[];
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const writerRoles: MemberRole[] = ["ORG_ADMIN", "MEMBER"];

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    /** A file sent with the GraphQL multipart request (input only). */
    File: { Input: File; Output: never };
    ID: { Input: string; Output: string | number | bigint };
  };
}>({
  // scope-auth first so auth runs before anything else; errors before validation so
  // validation failures become typed results.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: (ctx) => {
      const a = ctx.actor;
      return {
        public: true,
        authenticated: !!a,
        person: a?.kind === "user",
        orgWriter: !!a && a.roles.some((r) => writerRoles.includes(r)),
        orgAdmin: !!a && a.roles.includes("ORG_ADMIN"),
        platformAdmin: !!a?.isPlatformAdmin,
        orgKind: (kinds) => !!a && kinds.includes(a.org.kind),
      };
    },
    // Types and fields say who may read them; a field without a rule is a bug the
    // authorization test catches.
    unauthorizedError: (_parent, ctx, _info, result) => {
      if (!ctx.actor) {
        return new UnauthenticatedError(
          ctx.authProblem === "expired"
            ? "Your session has expired. Please log in again."
            : ctx.authProblem === "invalid"
              ? "The credentials sent with this request are not valid. Please log in again."
              : "Please log in first.",
        );
      }
      return new ForbiddenError(result.message && !result.message.startsWith("Not authorized") ? result.message : "You are not allowed to do this.");
    },
  },
  errors: {
    defaultTypes: [],
    // Input validation failures become ValidationError members of the result union. They can
    // reach a caller who may not run the field, but say only what is wrong with the input.
    unsafelyHandleInputErrors: true,
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Result` },
    defaultResultOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Success` },
  },
  validation: {
    // in the language of the request, like the messages services write (messages.ts)
    validationError: (failure, _args, ctx) => {
      const said = (m: string) => inputMessage(m, ctx.locale);
      return new ValidationError(
        failure.issues.map((i) => said(i.message)).join("; ") || said("The input is not valid."),
        failure.issues.map((i) => ({ path: (i.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)), message: said(i.message) })),
      );
    },
  },
  prisma: {
    dmmf: getDatamodel(),
    client: (ctx) => ctx.db,
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    nodeQueryOptions: { authScopes: { authenticated: true } },
    nodesQueryOptions: { authScopes: { authenticated: true } },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
  },
});

builder.addScalarType("DateTime", DateTimeResolver);
builder.addScalarType("JSON", JSONResolver);
// Yoga parses multipart requests (graphql-multipart-request-spec) and hands resolvers a File.
builder.scalarType("File", {
  description: "A file uploaded with the GraphQL multipart request specification. Input only.",
  serialize: () => {
    throw new Error("File is an input-only scalar.");
  },
  // Yoga's File may be a ponyfill, so it is recognised by shape rather than by class.
  parseValue: (value) => {
    const f = value as Partial<File> | null;
    if (f && typeof f === "object" && typeof f.name === "string" && typeof f.arrayBuffer === "function" && typeof f.stream === "function") return f as File;
    throw new TypeError("Send the file as a part of a multipart request (graphql-multipart-request-spec).");
  },
});

builder.queryType({ description: "Read Corridor's data. Fields say who may read them." });
builder.mutationType({ description: "Change Corridor's data. Every change is authorized and audited." });
