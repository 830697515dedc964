import type { Config } from "./config.js";
import type { Db } from "./db/index.js";
import type { Events } from "./events.js";
import type { MemberRole, OrgKind } from "./generated/prisma/client.js";
import type { Logger } from "./log.js";
import type { MessageLocale } from "./messages.js";

export interface ActorOrg {
  id: string;
  slug: string;
  kind: OrgKind;
  name: string;
}

/** Who is calling: a person with a session, or a machine with an API key. */
export type Actor =
  | {
      kind: "user";
      userId: string;
      sessionId: string;
      email: string;
      org: ActorOrg;
      roles: MemberRole[];
      isPlatformAdmin: boolean;
    }
  | {
      kind: "apiKey";
      apiKeyId: string;
      userId: null;
      org: ActorOrg;
      roles: MemberRole[];
      isPlatformAdmin: false;
    };

export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** The language of error messages: the request's Accept-Language (messages.ts). */
  locale?: MessageLocale;
}

export interface Context extends RequestMeta {
  db: Db;
  config: Config;
  log: Logger;
  actor: Actor | null;
  /** why a presented credential was not accepted, so the error can say so */
  authProblem: "expired" | "invalid" | null;
  /** Set-Cookie values the response must carry (login, logout) */
  setCookies: string[];
  events: Events;
}

/** What services need: the database, the caller and request facts for the audit trail. */
export type ServiceContext = Pick<Context, "db" | "actor" | "requestId" | "ip" | "userAgent" | "config" | "locale"> & { events?: Events };
