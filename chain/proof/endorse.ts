/**
 * Endorsements: an organization's signature over the anchor statement of a Merkle batch.
 *
 * The signed message is the canonical JSON (UTF-8) of
 *   { domain: "corridor/anchor-statement/v1", mspId, root, treeSize, anchor }
 * signed with ECDSA P-256 / SHA-256, the signature DER-encoded with a low S value (as Fabric
 * requires), then base64. Signing the whole anchor object binds the channel, chaincode,
 * transaction, block and batch to the root; signing the MSP id binds the signer's role.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign } from "node:crypto";
import { canonicalBytes } from "./canonical.js";
import { childrenOf, contentOf, DerError, expectTag, readRoot, sequence, Tag, unsignedInteger } from "./der.js";
import type { Anchor, Endorsement } from "./format.js";
import { derToPem, parseCertificate, pemToDer } from "./x509.js";

export const ANCHOR_STATEMENT_DOMAIN = "corridor/anchor-statement/v1";

export interface AnchorStatement {
  domain: typeof ANCHOR_STATEMENT_DOMAIN;
  mspId: string;
  /** Lowercase hex tree head. */
  root: string;
  treeSize: number;
  anchor: Anchor;
}

export interface AnchorStatementInput {
  mspId: string;
  root: string;
  treeSize: number;
  anchor: Anchor;
}

export function anchorStatement(input: AnchorStatementInput): AnchorStatement {
  return { domain: ANCHOR_STATEMENT_DOMAIN, mspId: input.mspId, root: input.root, treeSize: input.treeSize, anchor: input.anchor };
}

/** The exact bytes an endorser signs. */
export function anchorStatementBytes(input: AnchorStatementInput): Buffer {
  return canonicalBytes(anchorStatement(input));
}

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P256_HALF_ORDER = P256_ORDER >> 1n;

function toBytes(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, "hex");
}

function readInteger(bytes: Uint8Array): bigint {
  if (bytes.length === 0) throw new DerError("empty INTEGER");
  if (bytes[0]! & 0x80) throw new DerError("negative INTEGER");
  if (bytes.length > 1 && bytes[0] === 0 && (bytes[1]! & 0x80) === 0) throw new DerError("INTEGER is not minimally encoded");
  return BigInt(`0x${Buffer.from(bytes).toString("hex")}`);
}

/** (r, s) of a strict-DER ECDSA-Sig-Value; throws DerError on anything else. */
export function parseEcdsaSignature(der: Uint8Array): { r: bigint; s: bigint } {
  const root = readRoot(der);
  const parts = childrenOf(der, expectTag(root, Tag.SEQUENCE, "ECDSA signature"));
  if (parts.length !== 2) throw new DerError("ECDSA signature must hold exactly r and s");
  const r = readInteger(contentOf(der, expectTag(parts[0], Tag.INTEGER, "r")));
  const s = readInteger(contentOf(der, expectTag(parts[1], Tag.INTEGER, "s")));
  return { r, s };
}

/** True when the P-256 signature is strict DER with 0 < r < n and 0 < s ≤ n/2. */
export function isCanonicalP256Signature(der: Uint8Array): boolean {
  try {
    const { r, s } = parseEcdsaSignature(der);
    return r > 0n && r < P256_ORDER && s > 0n && s <= P256_HALF_ORDER;
  } catch {
    return false;
  }
}

/** The same signature with S replaced by n − S when S is in the upper half (Fabric's low-S rule). */
export function toLowS(der: Uint8Array): Buffer {
  const { r, s } = parseEcdsaSignature(der);
  const low = s > P256_HALF_ORDER ? P256_ORDER - s : s;
  return sequence(unsignedInteger(toBytes(r)), unsignedInteger(toBytes(low)));
}

export interface SignEndorsementOptions extends AnchorStatementInput {
  /** The endorser's P-256 private key (PEM or KeyObject). */
  privateKey: string | KeyObject;
  /** The endorser's certificate (PEM); it must certify the private key's public key. */
  certificatePem: string;
  /** Intermediate CA certificates between the endorser's certificate and its root, leaf side first. */
  intermediates?: readonly string[];
}

/** Signs the anchor statement for `mspId` and returns the endorsement to put in a proof. */
export function signEndorsement(options: SignEndorsementOptions): Endorsement {
  const key = typeof options.privateKey === "string" ? createPrivateKey(options.privateKey) : options.privateKey;
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") throw new RangeError("endorsement keys must be ECDSA P-256");
  const der = pemToDer(options.certificatePem);
  const spki = createPublicKey(key).export({ type: "spki", format: "der" });
  if (!parseCertificate(der).spki.equals(spki)) throw new RangeError("the private key does not match the endorser's certificate");
  const signature = toLowS(sign("sha256", anchorStatementBytes(options), { key, dsaEncoding: "der" }));
  const endorsement: Endorsement = { mspId: options.mspId, certificate: derToPem(der), signature: signature.toString("base64") };
  if (options.intermediates?.length) endorsement.intermediates = options.intermediates.map((pem) => derToPem(pemToDer(pem)));
  return endorsement;
}
