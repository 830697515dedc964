// The embedded ledger's local MSP: X.509 identities (ECDSA P-256) for every organization of the
// consortium, generated at first start into <dataDir>/msp and reused afterwards.
//
//   msp/roots.pem                         every organization's root CA: the consortium's trust
//                                         bundle, what an outside verifier is given
//   msp/<MspId>/ca/{cert,key}.pem         the organization's root CA (subject O = MSP id)
//   msp/<MspId>/peer/{cert,key}.pem       its endorsing peer (OU=peer)
//   msp/<MspId>/users/<user>/{cert,key}.pem
//                                         its client identities (OU=client), one per role named
//                                         after the role and carrying corridor.role=<role>,
//                                         plus any extra users the organization spec lists
//
// One self-signed root per organization is Fabric's own layout (cryptogen, Fabric CA per org) and
// what chain/proof's verifier binds MSP ids to (root subject O = MSP id). Keys are PKCS#8 PEM,
// mode 0600: this is a development identity store, not an HSM.
import { createPrivateKey, type KeyObject, sign, X509Certificate } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROLE_ATTRIBUTE, type Role } from "../../contract/constants.js";
import { type CertifiedKey, createOrgCertificateAuthority, issueOrgIdentity, toLowS } from "../../proof/index.js";
import { LedgerError, LedgerErrorCode } from "../errors.js";
import type { IdentityRef } from "../ledger.js";

export interface UserSpec {
  /** Directory name under users/; letters, digits, . _ - */
  name: string;
  /** Fabric attributes put in the certificate (read by ClientIdentity.getAttributeValue). */
  attributes?: Readonly<Record<string, string>>;
}

export interface OrganizationSpec {
  mspId: string;
  /** Display name, e.g. "China Quality Certification Centre". */
  name: string;
  /** Consortium roles; the contract's configuration lists the organization with these. */
  roles: readonly Role[];
  /** Extra client identities besides the one per role. */
  users?: readonly UserSpec[];
}

/** An identity whose key the embedded ledger holds. */
export interface LocalIdentity {
  mspId: string;
  /** "peer" for the endorsing peer, else the user name. */
  name: string;
  certificatePem: string;
  privateKeyPem: string;
  privateKey: KeyObject;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MSP_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;

/** Users an organization gets: one per role (named after it, with corridor.role), then extras. */
export function usersOf(org: OrganizationSpec): UserSpec[] {
  const users: UserSpec[] = org.roles.map((role) => ({ name: role, attributes: { [ROLE_ATTRIBUTE]: role } }));
  for (const u of org.users ?? []) {
    if (!users.some((x) => x.name === u.name)) users.push(u);
  }
  return users;
}

export class LocalMsp {
  readonly dir: string;
  readonly #orgs = new Map<string, { spec: OrganizationSpec; ca: LocalIdentity; peer: LocalIdentity; users: Map<string, LocalIdentity> }>();

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Loads the identities of `organizations`, creating whatever is missing. */
  static async open(dir: string, organizations: readonly OrganizationSpec[]): Promise<LocalMsp> {
    const msp = new LocalMsp(dir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const org of organizations) {
      if (!MSP_ID.test(org.mspId)) throw new LedgerError(LedgerErrorCode.InvalidRequest, `invalid MSP ID ${JSON.stringify(org.mspId)}`);
      const orgDir = join(dir, org.mspId);
      const ca = await loadOrCreate(join(orgDir, "ca"), org.mspId, "ca", () => createOrgCertificateAuthority(org.mspId));
      const issuer: CertifiedKey = { certificatePem: ca.certificatePem, privateKeyPem: ca.privateKeyPem };
      const peer = await loadOrCreate(join(orgDir, "peer"), org.mspId, "peer", () =>
        issueOrgIdentity(issuer, { mspId: org.mspId, commonName: `peer0.${org.mspId.toLowerCase()}`, role: "peer" }),
      );
      const users = new Map<string, LocalIdentity>();
      for (const user of usersOf(org)) {
        if (!NAME.test(user.name)) throw new LedgerError(LedgerErrorCode.InvalidRequest, `invalid user name ${JSON.stringify(user.name)}`);
        const attrs = user.attributes ?? {};
        const identity = await loadOrCreate(join(orgDir, "users", user.name), org.mspId, user.name, () =>
          issueOrgIdentity(issuer, {
            mspId: org.mspId,
            commonName: `${user.name}@${org.mspId.toLowerCase()}`,
            role: "client",
            ...(Object.keys(attrs).length ? { fabricAttributes: attrs } : {}),
          }),
        );
        users.set(user.name, identity);
      }
      msp.#orgs.set(org.mspId, { spec: org, ca, peer, users });
    }
    await writeFile(join(dir, "roots.pem"), msp.rootCertificates().join(""), { mode: 0o644 });
    return msp;
  }

  get mspIds(): string[] {
    return [...this.#orgs.keys()];
  }

  /** Root CA certificate of an organization, PEM. */
  caCertificate(mspId: string): string {
    return this.#org(mspId).ca.certificatePem;
  }

  /** Every organization's root CA certificate (the consortium's trust bundle). */
  rootCertificates(): string[] {
    return [...this.#orgs.values()].map((o) => o.ca.certificatePem);
  }

  /** The organization's endorsing peer. */
  peer(mspId: string): LocalIdentity {
    return this.#org(mspId).peer;
  }

  /** A client identity; without `user`, the organization's only role's identity. */
  user(ref: IdentityRef): LocalIdentity {
    const org = this.#org(ref.mspId);
    let name = ref.user;
    if (name === undefined) {
      if (org.spec.roles.length !== 1) {
        throw new LedgerError(LedgerErrorCode.UnknownIdentity, `${ref.mspId} has several roles (${org.spec.roles.join(", ")}): say which user submits`);
      }
      name = org.spec.roles[0] as string;
    }
    const identity = org.users.get(name);
    if (!identity) {
      throw new LedgerError(LedgerErrorCode.UnknownIdentity, `${ref.mspId} has no user ${name} (users: ${[...org.users.keys()].join(", ")})`);
    }
    return identity;
  }

  #org(mspId: string) {
    const org = this.#orgs.get(mspId);
    if (!org) throw new LedgerError(LedgerErrorCode.UnknownIdentity, `no organization ${mspId} in the embedded ledger's MSP`);
    return org;
  }
}

/** ECDSA P-256 / SHA-256, DER with low S (Fabric's rule), base64. */
export function signBase64(identity: LocalIdentity, message: Uint8Array): string {
  return toLowS(sign("sha256", message, { key: identity.privateKey, dsaEncoding: "der" })).toString("base64");
}

async function loadOrCreate(dir: string, mspId: string, name: string, create: () => CertifiedKey): Promise<LocalIdentity> {
  const certFile = join(dir, "cert.pem");
  const keyFile = join(dir, "key.pem");
  let certificatePem: string;
  let privateKeyPem: string;
  if (existsSync(certFile) && existsSync(keyFile)) {
    [certificatePem, privateKeyPem] = await Promise.all([readFile(certFile, "utf8"), readFile(keyFile, "utf8")]);
  } else {
    ({ certificatePem, privateKeyPem } = create());
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(keyFile, privateKeyPem, { mode: 0o600 });
    await chmod(keyFile, 0o600);
    await writeFile(certFile, certificatePem, { mode: 0o644 });
  }
  // Fail early on a damaged identity rather than at the first signature.
  new X509Certificate(certificatePem);
  return { mspId, name, certificatePem, privateKeyPem, privateKey: createPrivateKey(privateKeyPem) };
}
