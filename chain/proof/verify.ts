/**
 * Offline verification of a vehicle proof (FORMAT.md): no database, no network. The only inputs
 * are the proof and the consortium's root CA certificates.
 */
import { type KeyObject, verify as verifySignature, X509Certificate } from "node:crypto";
import { CanonicalizationError, canonicalize } from "./canonical.js";
import { anchorStatementBytes, isCanonicalP256Signature } from "./endorse.js";
import { type Anchor, checkProofStructure, type Endorsement, type EventProof, type InclusionProof, type VehicleProof } from "./format.js";
import { hashLeaf } from "./hash.js";
import { InclusionProofError, rootFromInclusionProof } from "./merkle.js";
import { type EventRecord, type LedgerRecord, type RecordKind, sameVehicle, type VehicleRecord, validateRecord } from "./records.js";
import { type CertificateInfo, canonicalPemToDer, nameValues, parseCertificate, pemBlocks } from "./x509.js";

export interface Check {
  /** Stable name, e.g. "merkle.inclusion", "endorsement[Org1MSP].signature", "events[0].policy". */
  name: string;
  ok: boolean;
  /** What was checked and found, or why it failed. */
  reason: string;
  /** Stable failure code, absent when ok. */
  code?: string;
}

export interface EventOutcome {
  kind: EventRecord["kind"] | null;
  record: EventRecord | null;
  valid: boolean;
}

export interface VerificationResult {
  valid: boolean;
  checks: Check[];
  /** The vehicle record when it is well-formed; trust it only when `valid`. */
  vehicle: VehicleRecord | null;
  anchor: Anchor | null;
  events: EventOutcome[];
}

/**
 * Trusted root CAs. A flat list (one PEM bundle, or several) trusts each root for the MSP id in
 * its subject O; a map from MSP id to PEM(s) trusts those roots for that MSP whatever their O.
 */
export type RootsInput = string | readonly string[] | Readonly<Record<string, string | readonly string[]>> | TrustStore;

/** The trusted roots given to the verifier are unusable (not CAs, not self-signed, none at all). */
export class TrustStoreError extends Error {
  override readonly name = "TrustStoreError";
}

export interface VerifyOptions {
  roots: RootsInput;
  /** Reference time for "anchor is not in the future"; default: the current time. */
  now?: Date;
  /** MSP ids that must endorse every anchor in the proof, besides the record's own organization. */
  requiredEndorsers?: readonly string[];
  /** Allowed clock difference between the ledger and the verifier; default 5 minutes. */
  maxClockSkewMs?: number;
}

interface ParsedCertificate {
  x509: X509Certificate;
  info: CertificateInfo;
  publicKey: KeyObject;
}

interface TrustAnchor extends ParsedCertificate {
  /** MSP ids this root may vouch for; null: the one in its subject O. */
  mspIds: string[] | null;
}

type ChainResult = { path: ParsedCertificate[]; root: TrustAnchor } | string;

const CACHE_LIMIT = 4096;

/**
 * Trusted roots, plus caches of what never changes for given bytes: parsed certificates (keyed by
 * their exact PEM text) and certificate chains (keyed by the SHA-256 fingerprints of the
 * certificates). Validity periods, MSP binding and signatures are still checked for every proof,
 * so a verifier that checks many proofs from the same endorsers parses and chains each endorsing
 * certificate once.
 */
export class TrustStore {
  private readonly certificates = new Map<string, ParsedCertificate | string>();
  private readonly chains = new Map<string, ChainResult>();

  readonly anchors: readonly TrustAnchor[];

  private constructor(anchors: readonly TrustAnchor[]) {
    this.anchors = anchors;
  }

  /** Forgets parsed certificates and chains (for measuring, or to bound memory). */
  clearCaches(): void {
    this.certificates.clear();
    this.chains.clear();
  }

  /** @internal */
  parse(pem: string): ParsedCertificate | string {
    let parsed = this.certificates.get(pem);
    if (parsed === undefined) {
      parsed = parseEndorsementCertificate(pem);
      if (this.certificates.size >= CACHE_LIMIT) this.certificates.clear();
      this.certificates.set(pem, parsed);
    }
    return parsed;
  }

  /** @internal */
  chain(leaf: ParsedCertificate, intermediates: readonly ParsedCertificate[]): ChainResult {
    const key = [leaf, ...intermediates].map((c) => c.x509.fingerprint256).join("|");
    let chain = this.chains.get(key);
    if (chain === undefined) {
      chain = buildChain(leaf, intermediates, this);
      if (this.chains.size >= CACHE_LIMIT) this.chains.clear();
      this.chains.set(key, chain);
    }
    return chain;
  }

  static from(roots: RootsInput): TrustStore {
    if (roots instanceof TrustStore) return roots;
    const anchors: TrustAnchor[] = [];
    const add = (pems: string | readonly string[], mspIds: string[] | null) => {
      for (const pem of typeof pems === "string" ? [pems] : pems) {
        const blocks = pemBlocks(pem).filter((b) => b.label === "CERTIFICATE");
        if (blocks.length === 0) throw new TrustStoreError("no CERTIFICATE block in the roots");
        for (const { der } of blocks) {
          const info = parseCertificate(der);
          if (!info.basicConstraints?.ca) throw new TrustStoreError(`root ${describe(info)} is not a CA certificate`);
          const x509 = new X509Certificate(der);
          if (!x509.verify(x509.publicKey)) throw new TrustStoreError(`root ${describe(info)} is not self-signed`);
          const existing = anchors.find((a) => a.x509.fingerprint256 === x509.fingerprint256);
          if (existing && mspIds && existing.mspIds) existing.mspIds.push(...mspIds);
          else if (!existing) anchors.push({ x509, info, publicKey: x509.publicKey, mspIds });
        }
      }
    };
    if (typeof roots === "string" || Array.isArray(roots)) add(roots as string | readonly string[], null);
    else for (const [mspId, pems] of Object.entries(roots as Record<string, string | readonly string[]>)) add(pems, [mspId]);
    if (anchors.length === 0) throw new TrustStoreError("no trusted roots given");
    return new TrustStore(anchors);
  }
}

/** Parses and checks trusted roots once, for verifying many proofs. */
export function createTrustStore(roots: RootsInput): TrustStore {
  return TrustStore.from(roots);
}

function describe(info: CertificateInfo): string {
  return info.subject.map((a) => `${a.type}=${a.value}`).join(",");
}

class Checks {
  readonly list: Check[] = [];
  pass(name: string, reason: string): true {
    this.list.push({ name, ok: true, reason });
    return true;
  }
  fail(name: string, code: string, reason: string): false {
    this.list.push({ name, ok: false, reason, code });
    return false;
  }
}

/**
 * Verifies a parsed proof file (the result of JSON.parse). Never throws for a bad proof: every
 * problem is a failed check. Throws TrustStoreError when `options.roots` is unusable.
 */
export function verifyProof(proof: unknown, options: VerifyOptions): VerificationResult {
  const store = TrustStore.from(options.roots);
  const now = options.now ?? new Date();
  const skew = options.maxClockSkewMs ?? 300_000;
  const checks = new Checks();
  const problems = checkProofStructure(proof);
  if (problems.length > 0) {
    checks.fail("format", "FORMAT_INVALID", problems.join("; "));
    return { valid: false, checks: checks.list, vehicle: null, anchor: null, events: [] };
  }
  checks.pass("format", "well-formed proof, version 1");
  const p = proof as VehicleProof;
  const required = options.requiredEndorsers ?? [];
  const ctx: Context = { store, now, skew, required, checks };
  verifyInclusionProof(p, ["vehicle"], "", ctx);
  const vehicle = validateRecord(p.record, "vehicle").length === 0 ? p.record : null;
  const events: EventOutcome[] = (p.events ?? []).map((ev, i) => {
    const prefix = `events[${i}].`;
    let ok = verifyInclusionProof(ev, ["certification", "custody"], prefix, ctx);
    const recordOk = validateRecord(ev.record).length === 0 && (ev.record as LedgerRecord).kind !== "vehicle";
    const kind = recordOk ? ev.record.kind : null;
    if (recordOk) {
      ok =
        (vehicle && sameVehicle(vehicle, ev.record)
          ? checks.pass(`${prefix}subject`, `${ev.record.kind} is about ${ev.record.vin ?? ev.record.frameNumber}`)
          : checks.fail(`${prefix}subject`, "EVENT_OTHER_VEHICLE", `${ev.record.kind} event names ${ev.record.vin ?? ev.record.frameNumber}, not this vehicle`)) && ok;
    }
    return { kind, record: recordOk ? (ev.record as EventRecord) : null, valid: ok };
  });
  return { valid: checks.list.every((c) => c.ok), checks: checks.list, vehicle, anchor: p.anchor, events };
}

interface Context {
  store: TrustStore;
  now: Date;
  skew: number;
  required: readonly string[];
  checks: Checks;
}

function subjectOrg(record: LedgerRecord): string {
  switch (record.kind) {
    case "vehicle":
      return record.makerMspId;
    case "certification":
      return record.issuerMspId;
    case "custody":
      return record.actorMspId;
  }
}

function verifyInclusionProof(p: InclusionProof | EventProof, kinds: readonly RecordKind[], prefix: string, ctx: Context): boolean {
  const { checks } = ctx;
  let ok = true;

  // 1. The record is a well-formed record of an expected kind.
  const claimed = (p.record as { kind?: unknown }).kind;
  const recordProblems = kinds.includes(claimed as RecordKind) ? validateRecord(p.record, claimed as RecordKind) : [`kind must be ${kinds.join(" or ")}`];
  const recordOk = recordProblems.length === 0;
  ok =
    (recordOk
      ? checks.pass(`${prefix}record`, `${p.record.kind} record ${describeRecord(p.record)}`)
      : checks.fail(`${prefix}record`, "RECORD_INVALID", recordProblems.join("; "))) && ok;

  // 2. Its canonical form and leaf hash.
  let leafHash: Buffer | null = null;
  try {
    leafHash = hashLeaf(canonicalize(p.record));
    checks.pass(`${prefix}record.canonical`, `leaf hash ${leafHash.toString("hex")}`);
  } catch (e) {
    ok = checks.fail(`${prefix}record.canonical`, "RECORD_NOT_CANONICAL", e instanceof CanonicalizationError ? e.message : String(e));
  }

  // 3. The record names this leaf and this batch.
  if (recordOk) {
    const r = p.record;
    if (r.leafIndex !== p.leafIndex) ok = checks.fail(`${prefix}record.binding`, "LEAF_INDEX_MISMATCH", `record says leaf ${r.leafIndex}, proof says leaf ${p.leafIndex}`);
    else if (r.batchId !== p.anchor.batchId)
      ok = checks.fail(`${prefix}record.binding`, "BATCH_MISMATCH", `record is in batch ${r.batchId}, anchor is for batch ${p.anchor.batchId}`);
    else checks.pass(`${prefix}record.binding`, `leaf ${p.leafIndex} of batch ${r.batchId}`);
  }

  // 4. The audit path leads from the leaf to the root.
  if (leafHash) {
    try {
      const computed = rootFromInclusionProof(
        leafHash,
        p.leafIndex,
        p.treeSize,
        p.auditPath.map((h) => Buffer.from(h, "hex")),
      );
      if (computed.toString("hex") === p.root)
        checks.pass(`${prefix}merkle.inclusion`, `leaf ${p.leafIndex} of ${p.treeSize}, ${p.auditPath.length} hashes lead to root ${p.root}`);
      else ok = checks.fail(`${prefix}merkle.inclusion`, "ROOT_MISMATCH", `audit path leads to ${computed.toString("hex")}, not to the proof's root ${p.root}`);
    } catch (e) {
      if (!(e instanceof InclusionProofError)) throw e;
      ok = checks.fail(`${prefix}merkle.inclusion`, "AUDIT_PATH_INVALID", e.message);
    }
  } else {
    ok = checks.fail(`${prefix}merkle.inclusion`, "NO_LEAF_HASH", "no leaf hash: the record is not canonical JSON");
  }

  // 5. The anchor is not from the future.
  const anchorTime = new Date(p.anchor.timestamp);
  if (anchorTime.getTime() > ctx.now.getTime() + ctx.skew)
    ok = checks.fail(`${prefix}anchor.time`, "ANCHOR_IN_FUTURE", `anchor time ${p.anchor.timestamp} is after ${ctx.now.toISOString()}`);
  else checks.pass(`${prefix}anchor.time`, `anchored ${p.anchor.timestamp} in block ${p.anchor.blockNumber}, tx ${p.anchor.txId}`);

  // 6. Every endorsement is valid.
  const statement = anchorStatementBytesFor(p);
  const validEndorsers = new Set<string>();
  for (const e of p.endorsements) {
    if (verifyEndorsement(e, statement(e.mspId), anchorTime, `${prefix}endorsement[${e.mspId}]`, ctx)) validEndorsers.add(e.mspId);
    else ok = false;
  }

  // 7. The endorsement policy: the record's own organization and every required endorser.
  const needed = [...new Set([...(recordOk ? [subjectOrg(p.record)] : []), ...ctx.required])];
  const missing = needed.filter((m) => !validEndorsers.has(m));
  if (!recordOk && ctx.required.length === 0) ok = checks.fail(`${prefix}policy`, "POLICY_UNKNOWN", "cannot tell which organization must endorse an invalid record");
  else if (missing.length > 0) ok = checks.fail(`${prefix}policy`, "POLICY_NOT_SATISFIED", `no valid endorsement from ${missing.join(", ")} (required: ${needed.join(", ")})`);
  else checks.pass(`${prefix}policy`, `endorsed by ${needed.join(" and ")}`);
  return ok;
}

function describeRecord(r: LedgerRecord): string {
  const id = r.vin ?? r.frameNumber;
  switch (r.kind) {
    case "vehicle":
      return `${id} (${r.modelCode}, made ${r.productionDate} by ${r.makerMspId})`;
    case "certification":
      return `${r.certificationId} ${r.scheme} ${r.status} for ${id} by ${r.issuerMspId}`;
    case "custody":
      return `${r.event} of ${id} at ${r.occurredAt} by ${r.actorMspId}`;
  }
}

function anchorStatementBytesFor(p: InclusionProof): (mspId: string) => Buffer {
  return (mspId) => anchorStatementBytes({ mspId, root: p.root, treeSize: p.treeSize, anchor: p.anchor });
}

function parseEndorsementCertificate(pem: string): ParsedCertificate | string {
  const der = canonicalPemToDer(pem);
  if (!der) return "certificate is not canonical PEM (64-column base64, LF line ends, one final LF)";
  try {
    const info = parseCertificate(der);
    const x509 = new X509Certificate(der);
    return { x509, info, publicKey: x509.publicKey }; // a key that does not decode throws here
  } catch (e) {
    return `certificate does not parse: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function withinValidity(info: CertificateInfo, at: Date): boolean {
  return info.notBefore.getTime() <= at.getTime() && at.getTime() <= info.notAfter.getTime();
}

function verifyEndorsement(e: Endorsement, statement: Buffer, anchorTime: Date, name: string, ctx: Context): boolean {
  try {
    return checkEndorsement(e, statement, anchorTime, name, ctx);
  } catch (err) {
    // OpenSSL may refuse a mangled key or certificate in ways the checks above do not foresee.
    return ctx.checks.fail(`${name}.error`, "ENDORSEMENT_UNREADABLE", `endorsement could not be checked: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function checkEndorsement(e: Endorsement, statement: Buffer, anchorTime: Date, name: string, ctx: Context): boolean {
  const { checks } = ctx;

  // Certificate: canonical PEM, parses, an end-entity P-256 signing key.
  const leaf = ctx.store.parse(e.certificate);
  if (typeof leaf === "string") return checks.fail(`${name}.certificate`, "CERTIFICATE_INVALID", leaf);
  const key = leaf.publicKey;
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1")
    return checks.fail(`${name}.certificate`, "KEY_NOT_P256", "endorsing key is not ECDSA P-256");
  if (leaf.info.basicConstraints?.ca) return checks.fail(`${name}.certificate`, "CERTIFICATE_IS_CA", "endorsing certificate is a CA certificate");
  if (leaf.info.keyUsage && !leaf.info.keyUsage.includes("digitalSignature"))
    return checks.fail(`${name}.certificate`, "KEY_USAGE", "endorsing certificate's key usage does not allow digital signatures");
  checks.pass(`${name}.certificate`, `${describe(leaf.info)}, serial ${leaf.info.serialNumber}`);
  let ok = true;

  // Chain: leaf → intermediates → a trusted root, every link signed, every CA allowed to sign.
  const intermediates: ParsedCertificate[] = [];
  for (const [i, pem] of (e.intermediates ?? []).entries()) {
    const c = ctx.store.parse(pem);
    if (typeof c === "string") return checks.fail(`${name}.chain`, "INTERMEDIATE_INVALID", `intermediate ${i}: ${c}`);
    intermediates.push(c);
  }
  const chain = ctx.store.chain(leaf, intermediates);
  if (typeof chain === "string") ok = checks.fail(`${name}.chain`, "CHAIN_UNTRUSTED", chain);
  else checks.pass(`${name}.chain`, [...chain.path, chain.root].map((c) => describe(c.info)).join(" ← "));

  // Validity of every certificate in the chain at the anchor time.
  if (typeof chain !== "string") {
    const expired = [...chain.path, chain.root].find((c) => !withinValidity(c.info, anchorTime));
    if (expired) {
      ok = checks.fail(
        `${name}.validity`,
        "CERTIFICATE_NOT_VALID_AT_ANCHOR",
        `${describe(expired.info)} is valid ${expired.info.notBefore.toISOString()} – ${expired.info.notAfter.toISOString()}, not at ${anchorTime.toISOString()}`,
      );
    } else {
      checks.pass(`${name}.validity`, `every certificate in the chain is valid at ${anchorTime.toISOString()}`);
    }

    // MSP binding.
    const orgs = nameValues(leaf.info.subject, "O");
    if (chain.root.mspIds) {
      if (chain.root.mspIds.includes(e.mspId)) checks.pass(`${name}.msp`, `certificate chains to a root of ${e.mspId}`);
      else ok = checks.fail(`${name}.msp`, "MSP_MISMATCH", `certificate chains to a root of ${chain.root.mspIds.join(", ")}, not of ${e.mspId}`);
    } else {
      const rootOrgs = nameValues(chain.root.info.subject, "O");
      if (orgs.length !== 1 || orgs[0] !== e.mspId) ok = checks.fail(`${name}.msp`, "MSP_MISMATCH", `certificate subject O is ${orgs.join(", ") || "absent"}, not ${e.mspId}`);
      else if (rootOrgs.length !== 1 || rootOrgs[0] !== e.mspId)
        ok = checks.fail(`${name}.msp`, "MSP_MISMATCH", `root CA subject O is ${rootOrgs.join(", ") || "absent"}, not ${e.mspId}`);
      else checks.pass(`${name}.msp`, `subject O and root CA O are ${e.mspId}`);
    }
  }

  // Signature over the anchor statement.
  const sig = Buffer.from(e.signature, "base64");
  if (!isCanonicalP256Signature(sig)) ok = checks.fail(`${name}.signature`, "SIGNATURE_NOT_CANONICAL", "signature is not a strict-DER ECDSA P-256 signature with low S");
  else if (!verifySignature("sha256", statement, { key, dsaEncoding: "der" }, sig))
    ok = checks.fail(`${name}.signature`, "SIGNATURE_INVALID", "ECDSA P-256 signature does not match the anchor statement");
  else checks.pass(`${name}.signature`, "ECDSA P-256 / SHA-256 signature over the anchor statement");
  return ok;
}

function issues(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  return child.x509.checkIssued(issuer.x509) && child.x509.verify(issuer.publicKey);
}

function buildChain(leaf: ParsedCertificate, intermediates: readonly ParsedCertificate[], store: TrustStore): ChainResult {
  const path: ParsedCertificate[] = [leaf];
  const unused = [...intermediates];
  for (let depth = 0; depth <= intermediates.length; depth++) {
    const current = path[path.length - 1]!;
    const below = path.length - 1; // CA certificates below the next issuer (intermediates already in the path)
    const root = store.anchors.find((a) => issues(current, a));
    if (root) {
      const limit = root.info.basicConstraints?.pathLength;
      if (limit !== undefined && below > limit) return `root ${describe(root.info)} allows ${limit} intermediate CA(s), chain has ${below}`;
      return { path, root };
    }
    const nextIndex = unused.findIndex((c) => issues(current, c));
    if (nextIndex < 0) break;
    const next = unused.splice(nextIndex, 1)[0]!;
    const bc = next.info.basicConstraints;
    if (!bc?.ca) return `intermediate ${describe(next.info)} is not a CA certificate`;
    if (next.info.keyUsage && !next.info.keyUsage.includes("keyCertSign")) return `intermediate ${describe(next.info)} may not sign certificates`;
    if (bc.pathLength !== undefined && below > bc.pathLength) return `intermediate ${describe(next.info)} allows ${bc.pathLength} intermediate CA(s) below it, chain has ${below}`;
    path.push(next);
  }
  const top = path[path.length - 1]!;
  return `no trusted root issued ${describe(top.info)} (issuer ${top.info.issuer.map((a) => `${a.type}=${a.value}`).join(",")})`;
}
