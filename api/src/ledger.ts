// The API's connection to the shared ledger: which backend, which organizations, which identity
// an organization submits as, and the keys that sign proof endorsements.
//
// Organizations map to MSP ids by slug: "yadea-cq" → "YadeaCqMSP" (`mspIdOf`). The platform
// operator is always `PLATFORM_MSP` ("PlatformMSP"): the embedded ledger needs exactly one
// organization with the platform role, whatever the platform's organizations are called.
//
// The embedded backend only knows the organizations it was opened with. When a maker that is not
// yet a member anchors its first batch, `ensureOrganizations` closes the ledger and opens it again
// with that organization added (the embedded ledger writes a configuration block and the
// contract's configure transaction when it opens with new members). On a Fabric network,
// membership is a channel configuration change made by the consortium, not by the API.
import { join } from "node:path";
import type { Ledger } from "@corridor/chain/ledger";
import { type EmbeddedLedger, type OrganizationSpec, openEmbeddedLedger } from "@corridor/chain/ledger";
import type { Config } from "./config.js";
import type { OrgKind } from "./generated/prisma/enums.js";

export const PLATFORM_MSP = "PlatformMSP";

type Role = OrganizationSpec["roles"][number];

const ROLE_OF: Partial<Record<OrgKind, Role>> = {
  MANUFACTURER: "maker",
  CERTIFICATION_BODY: "certifier",
  LOGISTICS_OPERATOR: "logistics",
  DEALER: "dealer",
};

/** The MSP id of a platform organization: its slug in PascalCase + "MSP" ("yadea-cq" → "YadeaCqMSP"). */
export function mspIdOf(org: { slug: string; kind?: OrgKind }): string {
  if (org.kind === "PLATFORM") return PLATFORM_MSP;
  const pascal = org.slug
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");
  return `${pascal.slice(0, 60)}MSP`;
}

/** The ledger organization of a platform organization, or null when its kind has no ledger role. */
export function organizationSpecOf(org: { slug: string; kind: OrgKind; name: string }): OrganizationSpec | null {
  if (org.kind === "PLATFORM") return null;
  const role = ROLE_OF[org.kind];
  if (!role) return null;
  return { mspId: mspIdOf(org), name: org.name, roles: [role] };
}

const PLATFORM_SPEC: OrganizationSpec = { mspId: PLATFORM_MSP, name: "Corridor platform", roles: ["platform"] };

/** An organization's key that signs chain/proof anchor statements (its endorsing peer). */
export interface EndorserKey {
  mspId: string;
  certificatePem: string;
  privateKeyPem: string;
}

export interface LedgerHub {
  readonly backend: "embedded";
  /** The ledger to submit through (the current one: it changes when the embedded ledger reopens). */
  ledger(): Ledger;
  /** Makes sure these organizations are consortium members; reopens the embedded ledger if needed. */
  ensureOrganizations(orgs: readonly OrganizationSpec[]): Promise<void>;
  /** The endorsing key of an organization, for proof endorsements. */
  endorser(mspId: string): EndorserKey;
  /** Every organization's root CA certificate, PEM: what an outside verifier is given. */
  rootsPem(): string;
  close(): Promise<void>;
}

export interface OpenLedgerOptions {
  /** Folder of the embedded ledger. */
  dataDir: string;
  /** Organizations besides the platform. */
  organizations?: readonly OrganizationSpec[];
  /** Wraps the backend (tests: a ledger that fails N times). */
  wrap?: (ledger: Ledger) => Ledger;
  onWarning?: (message: string) => void;
}

/** Where the embedded ledger lives by default: `<CORRIDOR_DATA_DIR>/ledger`. */
export function ledgerDataDir(config: Pick<Config, "CORRIDOR_DATA_DIR" | "LEDGER_DATA_DIR">): string {
  return config.LEDGER_DATA_DIR ?? join(config.CORRIDOR_DATA_DIR, "ledger");
}

/** Opens the embedded ledger with the platform and the given organizations. */
export async function openLedgerHub(options: OpenLedgerOptions): Promise<LedgerHub> {
  const specs = new Map<string, OrganizationSpec>([[PLATFORM_MSP, PLATFORM_SPEC]]);
  for (const o of options.organizations ?? []) if (!specs.has(o.mspId)) specs.set(o.mspId, o);
  const open = () => openEmbeddedLedger({ dataDir: options.dataDir, organizations: [...specs.values()], onWarning: options.onWarning });
  let embedded: EmbeddedLedger = await open();
  let wrapped: Ledger = options.wrap ? options.wrap(embedded) : embedded;
  let reopening: Promise<void> | undefined;

  // What callers hold: every call goes to the ledger of the moment, after a reopening in progress,
  // so a submit that starts while another worker adds an organization is not sent to the
  // ledger being closed (closing waits only for the transactions already in flight).
  const settled = async () => {
    while (reopening) await reopening;
    return wrapped;
  };
  const current: Ledger = {
    get channel() {
      return wrapped.channel;
    },
    get chaincode() {
      return wrapped.chaincode;
    },
    submit: async (tx) => (await settled()).submit(tx),
    evaluate: async (tx) => (await settled()).evaluate(tx),
    events: (o) => wrapped.events(o),
    block: async (n) => (await settled()).block(n),
    height: async () => (await settled()).height(),
    close: async () => (await settled()).close(),
  };

  const hub: LedgerHub = {
    backend: "embedded",
    ledger: () => current,
    async ensureOrganizations(orgs) {
      while (reopening) await reopening;
      const missing = orgs.filter((o) => !specs.has(o.mspId));
      if (missing.length === 0) return;
      for (const o of missing) specs.set(o.mspId, o);
      reopening = (async () => {
        await embedded.close();
        embedded = await open();
        wrapped = options.wrap ? options.wrap(embedded) : embedded;
      })();
      try {
        await reopening;
      } finally {
        reopening = undefined;
      }
    },
    endorser(mspId) {
      const peer = embedded.msp.peer(mspId);
      return { mspId, certificatePem: peer.certificatePem, privateKeyPem: peer.privateKeyPem };
    },
    rootsPem: () => embedded.msp.rootCertificates().join(""),
    async close() {
      while (reopening) await reopening;
      await embedded.close();
    },
  };
  return hub;
}

// The hub the GraphQL resolvers use (verification needs the ledger's identities). main.ts sets it
// after opening the ledger; tests set their own.
let current: LedgerHub | undefined;

export function setLedgerHub(hub: LedgerHub | undefined): void {
  current = hub;
}

export function currentLedgerHub(): LedgerHub | undefined {
  return current;
}
