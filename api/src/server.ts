import { randomUUID } from "node:crypto";
import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { createFetch } from "@whatwg-node/fetch";
import { GraphQLError } from "graphql";
import { createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import type { Config } from "./config.js";
import type { Context } from "./context.js";
import type { Db } from "./db/index.js";
import { ErrorCode } from "./errors.js";
import { createEvents, type Events } from "./events.js";
import type { Logger } from "./log.js";
import { messageLocaleOf } from "./messages.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { documentDownloads } from "./modules/documents/index.js";
import { authenticate } from "./modules/identity/authenticate.js";
import { MAX_IMPORT_FILE_BYTES } from "./modules/vehicles/import-file.js";
import { schema } from "./schema/index.js";

export interface AppOptions {
  db: Db;
  config: Config;
  log: Logger;
  /** change notifications; one per process unless given */
  events?: Events;
  /** reports whether the database answers, for /readyz */
  ready?: () => Promise<boolean>;
}

export type App = YogaServerInstance<Record<string, never>, Context> & { metrics: Metrics };

const knownCodes = new Set<string>(Object.values(ErrorCode));
/** GraphQL's own request errors (syntax, validation, bad variables) are safe to show. */
const passThroughCodes = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "REQUEST_ENTITY_TOO_LARGE"]);

/**
 * Multipart uploads (graphql-multipart-request-spec): one file per request, at most the size of
 * an import file; larger ones are refused with 413 REQUEST_ENTITY_TOO_LARGE before any resolver.
 */
const fetchAPI = createFetch({ formDataLimits: { files: 1, fileSize: MAX_IMPORT_FILE_BYTES, fields: 10, fieldSize: 1024 * 1024, headerSize: 16 * 1024 } });

/**
 * Recognises GraphQL errors by shape: some libraries load graphql's CommonJS build and others
 * its ES module build, so `instanceof` can fail for a genuine GraphQLError.
 */
function asGraphQLError(e: unknown): GraphQLError | null {
  return e instanceof Error && e.name === "GraphQLError" ? (e as GraphQLError) : null;
}

/** Gives the query-limit errors of graphql-armor a stable code clients can switch on. */
const tooComplex = [(_ctx: unknown, error: GraphQLError) => Object.assign(error.extensions, { code: ErrorCode.QUERY_TOO_COMPLEX })];

function httpEndpoints(opts: AppOptions, metrics: Metrics): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      const json = (body: unknown, status = 200) => endResponse(new fetchAPI.Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
      if (url.pathname === "/healthz") return json({ status: "ok" });
      if (url.pathname === "/readyz") {
        const ok = await (opts.ready ?? (() => opts.db.$queryRaw`SELECT 1`.then(() => true)))().catch(() => false);
        return json({ status: ok ? "ready" : "unavailable", database: ok }, ok ? 200 : 503);
      }
      if (url.pathname === "/metrics") {
        return endResponse(new fetchAPI.Response(await metrics.registry.metrics(), { headers: { "content-type": metrics.registry.contentType } }));
      }
    },
  };
}

/** Set-Cookie values by request: the GraphQL context is not visible where the response is built. */
const cookieJar = new WeakMap<Request, string[]>();

/** Appends the cookies resolvers asked for (login, logout) and times each operation. */
function responseEffects(metrics: Metrics): Plugin<Context> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const ctx = args.contextValue;
      const op = args.document.definitions.find((d: { kind: string }) => d.kind === "OperationDefinition");
      const name = args.operationName ?? (op && "name" in op ? op.name?.value : undefined) ?? "anonymous";
      const type = op && "operation" in op ? op.operation : "unknown";
      return {
        onExecuteDone({ result }) {
          const errs = "errors" in result ? (result.errors ?? []) : [];
          for (const e of errs) metrics.errors.inc({ code: String(e.extensions?.code ?? "INTERNAL") });
          metrics.operations.observe({ operation: name, type, outcome: errs.length ? "error" : "ok" }, (performance.now() - started) / 1000);
          ctx.log.info({ operation: name, type, ms: Math.round(performance.now() - started), errors: errs.length }, "graphql");
        },
      };
    },
    // Every error leaves with a code: GraphQL's own request errors come without one.
    onResultProcess({ result }) {
      for (const r of Array.isArray(result) ? result : [result]) {
        for (const e of (r as { errors?: GraphQLError[] }).errors ?? []) {
          if (e.extensions?.code) continue;
          const code = e.message.startsWith("Variable ") ? "BAD_USER_INPUT" : e.message.startsWith("Syntax Error") ? "GRAPHQL_PARSE_FAILED" : "GRAPHQL_VALIDATION_FAILED";
          Object.assign(e.extensions ?? {}, { code });
        }
      }
    },
    onResponse({ request, response }) {
      for (const c of cookieJar.get(request) ?? []) response.headers.append("set-cookie", c);
    },
  };
}

export function createApp(opts: AppOptions): App {
  const { config, log } = opts;
  const metrics = createMetrics();
  const events = opts.events ?? createEvents();
  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    fetchAPI,
    landingPage: false,
    graphiql: config.GRAPHIQL ? { title: "Corridor GraphQL", defaultQuery: "{ viewer { user { name } organization { name kind } } }" } : false,
    // Yoga's own messages; errors are logged once, with an incident id, by maskError below.
    logging: {
      debug: (...a) => log.debug({ yoga: a }, "yoga"),
      info: (...a) => log.debug({ yoga: a }, "yoga"),
      warn: (...a) => log.warn({ yoga: a }, "yoga"),
      error: (...a) => log.debug({ yoga: a }, "yoga error"),
    },
    cors: { origin: config.PUBLIC_WEB_URL, credentials: true },
    batching: false,
    // Yoga's default is 25 MB; vehicle imports upload files of up to MAX_IMPORT_FILE_BYTES (plus multipart framing).
    maxRequestBodySize: MAX_IMPORT_FILE_BYTES + 2 * 1024 * 1024,
    maskedErrors: {
      maskError(error) {
        const e = asGraphQLError(error);
        const original = e?.originalError;
        const code = e?.extensions?.code;
        // Expected errors carry a known code and no foreign cause; everything else is masked.
        if (e && (!original || asGraphQLError(original)) && (typeof code !== "string" || knownCodes.has(code) || passThroughCodes.has(code))) return e;
        const incident = randomUUID();
        log.error({ err: original ?? error, incident, path: e?.path }, "unexpected error");
        return new GraphQLError("Something went wrong on our side. It has been logged; please try again.", { path: e?.path, extensions: { code: ErrorCode.INTERNAL, incident } });
      },
    },
    plugins: [
      httpEndpoints(opts, metrics),
      documentDownloads(opts),
      maxTokensPlugin({ n: config.GRAPHQL_MAX_TOKENS, onReject: tooComplex }),
      maxDepthPlugin({ n: config.GRAPHQL_MAX_DEPTH, ignoreIntrospection: true, flattenFragments: true, onReject: tooComplex }),
      maxAliasesPlugin({ n: config.GRAPHQL_MAX_ALIASES, onReject: tooComplex }),
      costLimitPlugin({ maxCost: config.GRAPHQL_MAX_COST, ignoreIntrospection: true, onReject: tooComplex }),
      ...(config.NODE_ENV === "production" ? [blockFieldSuggestionsPlugin()] : []),
      responseEffects(metrics),
    ],
    context: async (initial): Promise<Context> => {
      const { request } = initial;
      const requestId = request.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
      const auth = await authenticate(opts.db, request.headers, { sessionCacheMs: config.SESSION_CACHE_MS });
      const setCookies: string[] = [];
      cookieJar.set(request, setCookies);
      return {
        db: opts.db,
        config,
        log: log.child({ requestId }),
        requestId,
        ip: clientIp(request, initial as { req?: { socket?: { remoteAddress?: string } } }, config.TRUST_PROXY),
        userAgent: request.headers.get("user-agent"),
        locale: messageLocaleOf(request.headers.get("accept-language")),
        actor: auth.actor,
        authProblem: auth.problem,
        setCookies,
        events,
      };
    },
  });
  return Object.assign(yoga, { metrics });
}

/** The caller's address: the proxy's X-Forwarded-For when we sit behind one (the web app), else the socket's. */
function clientIp(request: Request, server: { req?: { socket?: { remoteAddress?: string } } }, trustProxy: boolean): string | null {
  const forwarded = trustProxy ? request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  return forwarded || server.req?.socket?.remoteAddress || null;
}
