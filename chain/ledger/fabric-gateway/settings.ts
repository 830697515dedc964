// Settings shared by the Fabric backends (fabric-gateway and fabric-network): where the peer is,
// who we are, which channel and chaincode. Read from FABRIC_* environment variables by
// fabricSettingsFromEnv; validated with one message naming everything that is missing.
import { readFile } from "node:fs/promises";
import { LedgerError, LedgerErrorCode } from "../errors.js";

/** A client identity: an X.509 certificate and its private key (PEM files). */
export interface FabricIdentitySettings {
  mspId: string;
  /** Name requests use in `identity.user`; default: none (matches any request for this MSP). */
  user?: string;
  certPath: string;
  keyPath: string;
}

export interface FabricSettings {
  /** Peer gateway endpoint, host:port (e.g. "peer0.platform.corridor:7051"). */
  peerEndpoint: string;
  /** PEM file of the CA that issued the peer's TLS certificate. */
  tlsRootCertPath: string;
  /** TLS server name to expect when it differs from the endpoint's host (grpc.ssl_target_name_override). */
  peerHostAlias?: string;
  mspId: string;
  certPath: string;
  keyPath: string;
  /** Default "corridor". */
  channel: string;
  /** Default "corridor". */
  chaincode: string;
  /** Request name for the main identity (`identity.user`); default: none. */
  user?: string;
  /** Further identities the backend may submit as (same gateway peer, same gRPC connection). */
  identities?: FabricIdentitySettings[];
}

export const FABRIC_ENV = {
  peerEndpoint: "FABRIC_PEER_ENDPOINT",
  tlsRootCertPath: "FABRIC_TLS_ROOT_CERT",
  peerHostAlias: "FABRIC_PEER_HOST_ALIAS",
  mspId: "FABRIC_MSP_ID",
  certPath: "FABRIC_CERT_PATH",
  keyPath: "FABRIC_KEY_PATH",
  channel: "FABRIC_CHANNEL",
  chaincode: "FABRIC_CHAINCODE",
} as const;

const REQUIRED = ["peerEndpoint", "tlsRootCertPath", "mspId", "certPath", "keyPath", "channel", "chaincode"] as const;

/** Checks a settings object; throws LedgerError INVALID_REQUEST naming every missing or bad field. */
export function validateFabricSettings(settings: Partial<FabricSettings>): FabricSettings {
  const problems: string[] = [];
  for (const key of REQUIRED) {
    const v = settings[key];
    if (typeof v !== "string" || v.trim() === "") problems.push(`${key} (${FABRIC_ENV[key]}) is missing`);
  }
  if (typeof settings.peerEndpoint === "string" && settings.peerEndpoint.trim() !== "" && !/^[^\s:/]+:\d{1,5}$/.test(settings.peerEndpoint.trim())) {
    problems.push(`peerEndpoint (${FABRIC_ENV.peerEndpoint}) must be host:port, got "${settings.peerEndpoint}"`);
  }
  for (const [i, id] of (settings.identities ?? []).entries()) {
    for (const key of ["mspId", "certPath", "keyPath"] as const) {
      if (typeof id[key] !== "string" || id[key].trim() === "") problems.push(`identities[${i}].${key} is missing`);
    }
  }
  if (problems.length > 0) throw new LedgerError(LedgerErrorCode.InvalidRequest, `Fabric settings are incomplete: ${problems.join("; ")}`);
  return settings as FabricSettings;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Settings from FABRIC_* variables. Returns undefined when none of them is set (no Fabric
 * network configured); throws LedgerError INVALID_REQUEST naming the missing variables when only
 * some are. FABRIC_CHANNEL and FABRIC_CHAINCODE default to "corridor".
 */
export function fabricSettingsFromEnv(env: Env): FabricSettings | undefined {
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === "" ? undefined : v;
  };
  const keys = Object.keys(FABRIC_ENV) as (keyof typeof FABRIC_ENV)[];
  const anySet = keys.some((k) => k !== "channel" && k !== "chaincode" && get(FABRIC_ENV[k]) !== undefined);
  if (!anySet) return undefined;
  const settings: Partial<FabricSettings> = {
    peerEndpoint: get(FABRIC_ENV.peerEndpoint),
    tlsRootCertPath: get(FABRIC_ENV.tlsRootCertPath),
    mspId: get(FABRIC_ENV.mspId),
    certPath: get(FABRIC_ENV.certPath),
    keyPath: get(FABRIC_ENV.keyPath),
    channel: get(FABRIC_ENV.channel) ?? "corridor",
    chaincode: get(FABRIC_ENV.chaincode) ?? "corridor",
  };
  const alias = get(FABRIC_ENV.peerHostAlias);
  if (alias) settings.peerHostAlias = alias;
  return validateFabricSettings(settings);
}

export interface LoadedIdentity {
  mspId: string;
  user?: string;
  certificatePem: string;
  privateKeyPem: string;
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new LedgerError(LedgerErrorCode.InvalidRequest, `cannot read ${what} ${path}: ${(error as Error).message}`, undefined, { cause: error });
  }
}

/** Reads every configured identity's certificate and key. */
export async function loadIdentities(settings: FabricSettings): Promise<LoadedIdentity[]> {
  const specs: FabricIdentitySettings[] = [{ mspId: settings.mspId, user: settings.user, certPath: settings.certPath, keyPath: settings.keyPath }, ...(settings.identities ?? [])];
  return Promise.all(
    specs.map(async (s) => ({
      mspId: s.mspId,
      user: s.user,
      certificatePem: await readPem(s.certPath, `certificate of ${s.mspId}`),
      privateKeyPem: await readPem(s.keyPath, `private key of ${s.mspId}`),
    })),
  );
}

/** The identity a request names: same MSP and, when the request names a user, that user. */
export function pickIdentity<T extends { mspId: string; user?: string }>(identities: readonly T[], ref: { mspId: string; user?: string } | undefined): T {
  if (typeof ref?.mspId !== "string") throw new LedgerError(LedgerErrorCode.InvalidRequest, "identity.mspId is required");
  // The named user if held; else an identity of that MSP with no name (the certificate decides
  // what it may do: the contract checks its corridor.role attribute).
  const ofMsp = identities.filter((i) => i.mspId === ref.mspId);
  const found = ref.user === undefined ? ofMsp[0] : (ofMsp.find((i) => i.user === ref.user) ?? ofMsp.find((i) => i.user === undefined));
  if (!found) {
    const known = identities.map((i) => (i.user ? `${i.mspId}/${i.user}` : i.mspId)).join(", ");
    throw new LedgerError(LedgerErrorCode.UnknownIdentity, `no credentials for ${ref.mspId}${ref.user ? `/${ref.user}` : ""}; this backend holds ${known}`);
  }
  return found;
}
