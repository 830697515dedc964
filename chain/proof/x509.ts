/**
 * Minimal X.509 v3 for Corridor's consortium identities: EC keys (P-256 by default), ECDSA
 * signatures, the extensions Fabric MSPs look at (basic constraints, key usage, extended key usage,
 * subject/authority key identifiers, subject alternative names, Fabric attributes). node:crypto
 * parses and verifies certificates but cannot create them; this file writes them, and reads back
 * the fields the verifier needs (subject attributes, extensions) with a strict DER reader.
 *
 * Conventions (those of Fabric's cryptogen): the subject key identifier is SHA-256 of the public
 * key point; an organization's certificates carry its MSP id as the subject O, and their role
 * (client, peer, admin, orderer) as an OU, which is what Fabric NodeOUs classify on.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, sign, X509Certificate } from "node:crypto";
import {
  bitString,
  boolean,
  childrenOf,
  contentOf,
  DerError,
  decodeOid,
  decodeTime,
  decodeUnsignedInteger,
  expectTag,
  explicit,
  implicitPrimitive,
  isPrintableString,
  namedBits,
  octetString,
  oid,
  printableString,
  readRoot,
  sequence,
  setOf,
  smallInteger,
  Tag,
  type Tlv,
  time,
  unsignedInteger,
  utf8String,
} from "./der.js";
import { sha256 } from "./hash.js";

export const OID = {
  ecPublicKey: "1.2.840.10045.2.1",
  prime256v1: "1.2.840.10045.3.1.7",
  secp384r1: "1.3.132.0.34",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  ecdsaWithSha384: "1.2.840.10045.4.3.3",
  commonName: "2.5.4.3",
  country: "2.5.4.6",
  locality: "2.5.4.7",
  province: "2.5.4.8",
  organization: "2.5.4.10",
  organizationalUnit: "2.5.4.11",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  /** Fabric CA puts `{"attrs":{…}}` JSON here; fabric-shim's ClientIdentity reads it. */
  fabricAttributes: "1.2.3.4.5.6.7.8.1",
} as const;

const SHORT_NAMES: Record<string, string> = {
  [OID.commonName]: "CN",
  [OID.country]: "C",
  [OID.locality]: "L",
  [OID.province]: "ST",
  [OID.organization]: "O",
  [OID.organizationalUnit]: "OU",
};

export const KEY_USAGE_BITS = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
} as const;
export type KeyUsage = keyof typeof KEY_USAGE_BITS;
export type ExtendedKeyUsage = "serverAuth" | "clientAuth";

export interface DistinguishedName {
  commonName: string;
  organization?: string;
  organizationalUnits?: readonly string[];
  country?: string;
  province?: string;
  locality?: string;
}

/** A certificate and the private key it certifies, both PEM (private key PKCS#8). */
export interface CertifiedKey {
  certificatePem: string;
  privateKeyPem: string;
}

export interface ValidityOptions {
  /** Default: one hour ago (tolerates clock skew between org machines). */
  notBefore?: Date;
  /** Default: notBefore + validityDays. Clamped to the issuer's notAfter. */
  notAfter?: Date;
  /** Default: 3650 for a CA, 1825 for an end-entity certificate. */
  validityDays?: number;
}

export interface CertificateAuthorityOptions extends ValidityOptions {
  subject: DistinguishedName;
  /** Existing key (PKCS#8 or SEC1 PEM); default: a fresh P-256 key. */
  privateKeyPem?: string;
  /** Limits how many intermediate CAs may follow; default: no limit. */
  pathLength?: number;
  serialNumber?: Uint8Array;
}

export interface IssueCertificateOptions extends ValidityOptions {
  issuer: CertifiedKey;
  subject: DistinguishedName;
  /** Certify this public key (PEM) instead of generating a key pair; the result then has no private key. */
  publicKeyPem?: string;
  /** Issue an intermediate CA. */
  ca?: boolean;
  pathLength?: number;
  /** Default: digitalSignature for end entities; keyCertSign, cRLSign, digitalSignature for CAs. */
  keyUsage?: readonly KeyUsage[];
  extendedKeyUsage?: readonly ExtendedKeyUsage[];
  subjectAltNames?: { dns?: readonly string[]; ip?: readonly string[] };
  /** Fabric attribute-based access control values (read by fabric-shim's ClientIdentity). */
  fabricAttributes?: Readonly<Record<string, string>>;
  serialNumber?: Uint8Array;
}

// ---------------------------------------------------------------- PEM

/** PEM with 64-character base64 lines, LF line ends and a final LF: the only form proofs accept. */
export function derToPem(der: Uint8Array, label = "CERTIFICATE"): string {
  const b64 = Buffer.from(der).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]*?)\r?\n?-----END \1-----/g;

/** Every PEM block in `text` (a bundle of roots, say), leniently: any line length, CRLF allowed. */
export function pemBlocks(text: string): { label: string; der: Buffer }[] {
  const out: { label: string; der: Buffer }[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const body = m[2]!.replace(/[\r\n]/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) throw new DerError(`malformed base64 in PEM ${m[1]} block`);
    out.push({ label: m[1]!, der: Buffer.from(body, "base64") });
  }
  return out;
}

/** DER of the single CERTIFICATE in `pem`, leniently parsed. */
export function pemToDer(pem: string, label = "CERTIFICATE"): Buffer {
  const blocks = pemBlocks(pem).filter((b) => b.label === label);
  if (blocks.length !== 1) throw new DerError(`expected exactly one ${label} PEM block, found ${blocks.length}`);
  return blocks[0]!.der;
}

/** DER of `pem` only if `pem` is exactly the canonical encoding `derToPem` writes; else null. */
export function canonicalPemToDer(pem: string, label = "CERTIFICATE"): Buffer | null {
  const m = new RegExp(`^-----BEGIN ${label}-----\\n([A-Za-z0-9+/=\\n]+)\\n-----END ${label}-----\\n$`).exec(pem);
  if (!m) return null;
  const der = Buffer.from(m[1]!.replace(/\n/g, ""), "base64");
  return derToPem(der, label) === pem ? der : null;
}

// ---------------------------------------------------------------- writing

function encodeName(dn: DistinguishedName): Buffer {
  const rdns: Buffer[] = [];
  const attr = (type: string, value: string, forcePrintable = false) => {
    if (value.length === 0) throw new RangeError(`empty ${SHORT_NAMES[type]} in a distinguished name`);
    const encoded = forcePrintable || isPrintableString(value) ? printableString(value) : utf8String(value);
    rdns.push(setOf(sequence(oid(type), encoded)));
  };
  if (dn.country !== undefined) {
    if (!/^[A-Z]{2}$/.test(dn.country)) throw new RangeError("country must be two capital letters");
    attr(OID.country, dn.country, true);
  }
  if (dn.province !== undefined) attr(OID.province, dn.province);
  if (dn.locality !== undefined) attr(OID.locality, dn.locality);
  if (dn.organization !== undefined) attr(OID.organization, dn.organization);
  for (const ou of dn.organizationalUnits ?? []) attr(OID.organizationalUnit, ou);
  attr(OID.commonName, dn.commonName);
  return sequence(...rdns);
}

function extension(id: string, critical: boolean, value: Uint8Array): Buffer {
  return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

function dnsNameBytes(name: string): Buffer {
  if (!/^[A-Za-z0-9*](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(name)) throw new RangeError(`bad DNS name ${name}`);
  return Buffer.from(name, "latin1");
}

function ipAddressBytes(ip: string): Buffer {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) throw new RangeError(`bad IPv4 address ${ip}`);
    return Buffer.from(parts);
  }
  if (ip === "::1") return Buffer.from([...new Array<number>(15).fill(0), 1]);
  throw new RangeError(`unsupported IP address ${ip} (IPv4 and ::1 only)`);
}

interface KeyInfo {
  spki: Buffer;
  point: Buffer;
  curveOid: string;
}

function publicKeyInfo(key: KeyObject): KeyInfo {
  if (key.asymmetricKeyType !== "ec") throw new RangeError("only EC keys are supported");
  const spki = key.export({ type: "spki", format: "der" });
  const root = readRoot(spki);
  const [alg, bits] = childrenOf(spki, root);
  const algParts = childrenOf(spki, expectTag(alg, Tag.SEQUENCE, "SPKI algorithm"));
  const curveOid = decodeOid(contentOf(spki, expectTag(algParts[1], Tag.OID, "EC curve")));
  const point = Buffer.from(contentOf(spki, expectTag(bits, Tag.BIT_STRING, "SPKI key")).subarray(1));
  return { spki, point, curveOid };
}

function signatureAlgorithm(issuerKey: KeyObject): { oid: string; hash: string } {
  const curve = issuerKey.asymmetricKeyDetails?.namedCurve;
  if (issuerKey.asymmetricKeyType !== "ec") throw new RangeError("issuer key must be an EC key");
  if (curve === "prime256v1") return { oid: OID.ecdsaWithSha256, hash: "sha256" };
  if (curve === "secp384r1") return { oid: OID.ecdsaWithSha384, hash: "sha384" };
  throw new RangeError(`unsupported issuer curve ${curve}`);
}

function serial(given?: Uint8Array): Buffer {
  if (given) return unsignedInteger(given);
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40; // positive, 16 significant bytes
  return unsignedInteger(bytes);
}

function resolveValidity(options: ValidityOptions, defaultDays: number, issuerNotAfter?: Date): { notBefore: Date; notAfter: Date } {
  const notBefore = options.notBefore ?? new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
  let notAfter = options.notAfter ?? new Date(notBefore.getTime() + (options.validityDays ?? defaultDays) * 86_400_000);
  if (issuerNotAfter && notAfter > issuerNotAfter) notAfter = issuerNotAfter;
  if (notAfter <= notBefore) throw new RangeError("notAfter must be after notBefore");
  return { notBefore, notAfter };
}

interface TbsInput {
  subjectName: Buffer;
  issuerName: Buffer;
  subjectKey: KeyInfo;
  issuerKey: KeyObject;
  issuerKeyId: Buffer | null;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  pathLength?: number | undefined;
  keyUsage: readonly KeyUsage[];
  extendedKeyUsage?: readonly ExtendedKeyUsage[] | undefined;
  subjectAltNames?: { dns?: readonly string[]; ip?: readonly string[] } | undefined;
  fabricAttributes?: Readonly<Record<string, string>> | undefined;
  serialNumber?: Uint8Array | undefined;
}

function buildCertificate(input: TbsInput): string {
  const alg = signatureAlgorithm(input.issuerKey);
  const algId = sequence(oid(alg.oid));
  const ski = sha256(input.subjectKey.point);
  const extensions: Buffer[] = [];
  const bc: Buffer[] = [];
  if (input.ca) {
    bc.push(boolean(true));
    if (input.pathLength !== undefined) bc.push(smallInteger(input.pathLength));
  }
  extensions.push(extension(OID.basicConstraints, true, sequence(...bc)));
  extensions.push(extension(OID.keyUsage, true, namedBits(input.keyUsage.map((u) => KEY_USAGE_BITS[u]))));
  if (input.extendedKeyUsage?.length) {
    extensions.push(extension(OID.extKeyUsage, false, sequence(...input.extendedKeyUsage.map((u) => oid(OID[u])))));
  }
  extensions.push(extension(OID.subjectKeyIdentifier, false, octetString(ski)));
  if (input.issuerKeyId) extensions.push(extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, input.issuerKeyId))));
  const san = input.subjectAltNames;
  if (san && ((san.dns?.length ?? 0) > 0 || (san.ip?.length ?? 0) > 0)) {
    const names = [...(san.dns ?? []).map((d) => implicitPrimitive(2, dnsNameBytes(d))), ...(san.ip ?? []).map((ip) => implicitPrimitive(7, ipAddressBytes(ip)))];
    extensions.push(extension(OID.subjectAltName, false, sequence(...names)));
  }
  if (input.fabricAttributes && Object.keys(input.fabricAttributes).length > 0) {
    extensions.push(extension(OID.fabricAttributes, false, Buffer.from(JSON.stringify({ attrs: input.fabricAttributes }), "utf8")));
  }
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    serial(input.serialNumber),
    algId,
    input.issuerName,
    sequence(time(input.notBefore), time(input.notAfter)),
    input.subjectName,
    input.subjectKey.spki,
    explicit(3, sequence(...extensions)),
  );
  const signature = sign(alg.hash, tbs, input.issuerKey);
  return derToPem(sequence(tbs, algId, bitString(signature)));
}

/** A self-signed root CA: basicConstraints CA (critical), keyUsage keyCertSign+cRLSign+digitalSignature. */
export function createCertificateAuthority(options: CertificateAuthorityOptions): CertifiedKey {
  const privateKey = options.privateKeyPem ? createPrivateKey(options.privateKeyPem) : generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
  const subjectKey = publicKeyInfo(createPublicKey(privateKey));
  const name = encodeName(options.subject);
  const { notBefore, notAfter } = resolveValidity(options, 3650);
  const certificatePem = buildCertificate({
    subjectName: name,
    issuerName: name,
    subjectKey,
    issuerKey: privateKey,
    issuerKeyId: null,
    notBefore,
    notAfter,
    ca: true,
    pathLength: options.pathLength,
    keyUsage: ["digitalSignature", "keyCertSign", "cRLSign"],
    serialNumber: options.serialNumber,
  });
  return { certificatePem, privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

/** Issues a certificate signed by `issuer`; generates a P-256 key pair unless `publicKeyPem` is given. */
export function issueCertificate(options: IssueCertificateOptions & { publicKeyPem: string }): { certificatePem: string };
export function issueCertificate(options: IssueCertificateOptions & { publicKeyPem?: undefined }): CertifiedKey;
export function issueCertificate(options: IssueCertificateOptions): { certificatePem: string; privateKeyPem?: string } {
  const issuerKey = createPrivateKey(options.issuer.privateKeyPem);
  const issuerDer = pemToDer(options.issuer.certificatePem);
  const issuerInfo = parseCertificate(issuerDer);
  if (!publicKeyInfo(createPublicKey(issuerKey)).spki.equals(issuerInfo.spki)) throw new RangeError("issuer private key does not match the issuer certificate");
  if (!issuerInfo.basicConstraints?.ca) throw new RangeError("issuer certificate is not a CA");
  let privateKeyPem: string | undefined;
  let subjectPublic: KeyObject;
  if (options.publicKeyPem) {
    subjectPublic = createPublicKey(options.publicKeyPem);
  } else {
    const pair = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    subjectPublic = pair.publicKey;
    privateKeyPem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  }
  const ca = options.ca ?? false;
  const { notBefore, notAfter } = resolveValidity(options, ca ? 3650 : 1825, issuerInfo.notAfter);
  const certificatePem = buildCertificate({
    subjectName: encodeName(options.subject),
    issuerName: Buffer.from(issuerInfo.subjectDer),
    subjectKey: publicKeyInfo(subjectPublic),
    issuerKey,
    issuerKeyId: issuerInfo.subjectKeyIdentifier ? Buffer.from(issuerInfo.subjectKeyIdentifier, "hex") : sha256(publicKeyInfo(createPublicKey(issuerKey)).point),
    notBefore,
    notAfter,
    ca,
    pathLength: options.pathLength,
    keyUsage: options.keyUsage ?? (ca ? ["digitalSignature", "keyCertSign", "cRLSign"] : ["digitalSignature"]),
    extendedKeyUsage: options.extendedKeyUsage,
    subjectAltNames: options.subjectAltNames,
    fabricAttributes: options.fabricAttributes,
    serialNumber: options.serialNumber,
  });
  return privateKeyPem === undefined ? { certificatePem } : { certificatePem, privateKeyPem };
}

export type OrgRole = "client" | "peer" | "admin" | "orderer";

/** An organization's root CA in Corridor's convention: subject O = the MSP id. */
export function createOrgCertificateAuthority(mspId: string, options: ValidityOptions & { commonName?: string; country?: string } = {}): CertifiedKey {
  const { commonName, country, ...validity } = options;
  return createCertificateAuthority({
    ...validity,
    subject: { commonName: commonName ?? `ca.${mspId.toLowerCase()}`, organization: mspId, ...(country ? { country } : {}) },
  });
}

/** A member identity of an organization: O = MSP id, OU = role (Fabric NodeOUs), key usage digitalSignature. */
export function issueOrgIdentity(
  ca: CertifiedKey,
  options: ValidityOptions & { mspId: string; commonName: string; role: OrgRole; fabricAttributes?: Readonly<Record<string, string>>; dnsNames?: readonly string[] },
): CertifiedKey {
  const { mspId, commonName, role, fabricAttributes, dnsNames, ...validity } = options;
  return issueCertificate({
    ...validity,
    issuer: ca,
    subject: { commonName, organization: mspId, organizationalUnits: [role] },
    ...(fabricAttributes ? { fabricAttributes } : {}),
    ...(dnsNames?.length ? { subjectAltNames: { dns: dnsNames } } : {}),
  });
}

// ---------------------------------------------------------------- reading

export interface NameAttribute {
  oid: string;
  /** CN, O, OU, C, ST, L, or the OID when unknown. */
  type: string;
  value: string;
}

export interface CertificateExtension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export interface CertificateInfo {
  der: Uint8Array;
  serialNumber: string;
  signatureAlgorithm: string;
  issuer: NameAttribute[];
  subject: NameAttribute[];
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  spki: Buffer;
  extensions: CertificateExtension[];
  basicConstraints: { ca: boolean; pathLength?: number } | null;
  keyUsage: KeyUsage[] | null;
  subjectKeyIdentifier: string | null;
  authorityKeyIdentifier: string | null;
  fabricAttributes: Record<string, string> | null;
}

function decodeString(buf: Uint8Array, t: Tlv): string {
  const v = Buffer.from(contentOf(buf, t));
  switch (t.tag) {
    case Tag.UTF8_STRING:
      return new TextDecoder("utf-8", { fatal: true }).decode(v);
    case Tag.PRINTABLE_STRING:
    case Tag.IA5_STRING:
    case 0x14: // TeletexString, read as Latin-1 like most toolkits
      return v.toString("latin1");
    case 0x1e: // BMPString
      return v.swap16().toString("utf16le");
    default:
      throw new DerError(`unsupported string type 0x${t.tag.toString(16)} in a name`);
  }
}

function decodeName(buf: Uint8Array, name: Tlv): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const rdn of childrenOf(buf, expectTag(name, Tag.SEQUENCE, "name"))) {
    for (const atv of childrenOf(buf, expectTag(rdn, Tag.SET, "relative distinguished name"))) {
      const [type, value] = childrenOf(buf, expectTag(atv, Tag.SEQUENCE, "attribute"));
      const id = decodeOid(contentOf(buf, expectTag(type, Tag.OID, "attribute type")));
      if (!value) throw new DerError("attribute value is missing");
      out.push({ oid: id, type: SHORT_NAMES[id] ?? id, value: decodeString(buf, value) });
    }
  }
  return out;
}

/** Parses the fields of a DER certificate that Corridor uses. Throws DerError on malformed input. */
export function parseCertificate(der: Uint8Array): CertificateInfo {
  const root = readRoot(der);
  const [tbs, sigAlg, sig] = childrenOf(der, expectTag(root, Tag.SEQUENCE, "certificate"));
  expectTag(sigAlg, Tag.SEQUENCE, "signatureAlgorithm");
  expectTag(sig, Tag.BIT_STRING, "signature");
  const fields = childrenOf(der, expectTag(tbs, Tag.SEQUENCE, "tbsCertificate"));
  let i = 0;
  if (fields[0]?.tag === 0xa0) i++; // version
  const serialTlv = expectTag(fields[i++], Tag.INTEGER, "serialNumber");
  const algTlv = expectTag(fields[i++], Tag.SEQUENCE, "signature");
  const issuerTlv = expectTag(fields[i++], Tag.SEQUENCE, "issuer");
  const validity = childrenOf(der, expectTag(fields[i++], Tag.SEQUENCE, "validity"));
  const subjectTlv = expectTag(fields[i++], Tag.SEQUENCE, "subject");
  const spkiTlv = expectTag(fields[i++], Tag.SEQUENCE, "subjectPublicKeyInfo");
  const notBeforeTlv = validity[0];
  const notAfterTlv = validity[1];
  if (!notBeforeTlv || !notAfterTlv || validity.length !== 2) throw new DerError("validity must hold two times");
  const extensions: CertificateExtension[] = [];
  for (; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.tag !== 0xa3) continue; // issuer/subject unique ids
    const [extSeq] = childrenOf(der, f);
    for (const ext of childrenOf(der, expectTag(extSeq, Tag.SEQUENCE, "extensions"))) {
      const parts = childrenOf(der, expectTag(ext, Tag.SEQUENCE, "extension"));
      const id = decodeOid(contentOf(der, expectTag(parts[0], Tag.OID, "extension id")));
      let critical = false;
      let valueTlv = parts[1];
      if (valueTlv?.tag === Tag.BOOLEAN) {
        critical = contentOf(der, valueTlv)[0] === 0xff;
        valueTlv = parts[2];
      }
      if (extensions.some((e) => e.oid === id)) throw new DerError(`duplicate extension ${id}`);
      extensions.push({ oid: id, critical, value: contentOf(der, expectTag(valueTlv, Tag.OCTET_STRING, "extension value")) });
    }
  }
  const ext = (id: string) => extensions.find((e) => e.oid === id)?.value;

  let basicConstraints: CertificateInfo["basicConstraints"] = null;
  const bcBytes = ext(OID.basicConstraints);
  if (bcBytes) {
    const parts = childrenOf(bcBytes, expectTag(readRoot(bcBytes), Tag.SEQUENCE, "basicConstraints"));
    let ca = false;
    let k = 0;
    if (parts[k]?.tag === Tag.BOOLEAN) ca = contentOf(bcBytes, parts[k++]!)[0] === 0xff;
    const pl = parts[k];
    basicConstraints = pl ? { ca, pathLength: Number(decodeUnsignedInteger(contentOf(bcBytes, expectTag(pl, Tag.INTEGER, "pathLen")))) } : { ca };
  }

  let keyUsage: KeyUsage[] | null = null;
  const kuBytes = ext(OID.keyUsage);
  if (kuBytes) {
    const bits = contentOf(kuBytes, expectTag(readRoot(kuBytes), Tag.BIT_STRING, "keyUsage"));
    keyUsage = (Object.entries(KEY_USAGE_BITS) as [KeyUsage, number][]).filter(([, bit]) => ((bits[1 + Math.floor(bit / 8)] ?? 0) & (0x80 >> (bit % 8))) !== 0).map(([u]) => u);
  }

  const skiBytes = ext(OID.subjectKeyIdentifier);
  const subjectKeyIdentifier = skiBytes ? Buffer.from(contentOf(skiBytes, expectTag(readRoot(skiBytes), Tag.OCTET_STRING, "subjectKeyIdentifier"))).toString("hex") : null;
  let authorityKeyIdentifier: string | null = null;
  const akiBytes = ext(OID.authorityKeyIdentifier);
  if (akiBytes) {
    const keyId = childrenOf(akiBytes, expectTag(readRoot(akiBytes), Tag.SEQUENCE, "authorityKeyIdentifier")).find((t) => t.tag === 0x80);
    if (keyId) authorityKeyIdentifier = Buffer.from(contentOf(akiBytes, keyId)).toString("hex");
  }
  let fabricAttributes: Record<string, string> | null = null;
  const fabBytes = ext(OID.fabricAttributes);
  if (fabBytes) {
    try {
      const parsed = JSON.parse(Buffer.from(fabBytes).toString("utf8")) as { attrs?: Record<string, string> };
      fabricAttributes = parsed.attrs ?? {};
    } catch {
      throw new DerError("Fabric attributes extension is not JSON");
    }
  }
  const algParts = childrenOf(der, algTlv);
  return {
    der,
    serialNumber: Buffer.from(contentOf(der, serialTlv)).toString("hex"),
    signatureAlgorithm: decodeOid(contentOf(der, expectTag(algParts[0], Tag.OID, "signature algorithm"))),
    issuer: decodeName(der, issuerTlv),
    subject: decodeName(der, subjectTlv),
    issuerDer: der.subarray(issuerTlv.start, issuerTlv.end),
    subjectDer: der.subarray(subjectTlv.start, subjectTlv.end),
    notBefore: decodeTime(notBeforeTlv.tag, contentOf(der, notBeforeTlv)),
    notAfter: decodeTime(notAfterTlv.tag, contentOf(der, notAfterTlv)),
    spki: Buffer.from(der.subarray(spkiTlv.start, spkiTlv.end)),
    extensions,
    basicConstraints,
    keyUsage,
    subjectKeyIdentifier,
    authorityKeyIdentifier,
    fabricAttributes,
  };
}

/** Values of one attribute type (e.g. "O", "OU", "CN") in a parsed name, in order. */
export function nameValues(name: readonly NameAttribute[], type: string): string[] {
  return name.filter((a) => a.type === type).map((a) => a.value);
}

/** Parses a PEM certificate with both node:crypto and the DER reader. */
export function loadCertificate(pem: string): { x509: X509Certificate; info: CertificateInfo } {
  const der = pemToDer(pem);
  return { x509: new X509Certificate(der), info: parseCertificate(der) };
}
