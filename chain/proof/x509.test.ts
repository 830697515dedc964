import { execFileSync } from "node:child_process";
import { createPublicKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DerError, readRoot, readTlv } from "./der.js";
import { sha256 } from "./hash.js";
import {
  canonicalPemToDer,
  createCertificateAuthority,
  createOrgCertificateAuthority,
  derToPem,
  issueCertificate,
  issueOrgIdentity,
  loadCertificate,
  nameValues,
  parseCertificate,
  pemBlocks,
  pemToDer,
} from "./x509.js";

const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("createCertificateAuthority / issueCertificate", () => {
  const ca = createOrgCertificateAuthority("YadeaMSP", { country: "CN" });
  const peer = issueOrgIdentity(ca, {
    mspId: "YadeaMSP",
    commonName: "peer0.yadea",
    role: "peer",
    fabricAttributes: { "corridor.role": "maker" },
    dnsNames: ["peer0.yadea.example"],
  });

  it("writes a self-signed P-256 CA that node:crypto accepts", () => {
    const x = new X509Certificate(ca.certificatePem);
    expect(x.ca).toBe(true);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.checkIssued(x)).toBe(true);
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    const info = parseCertificate(pemToDer(ca.certificatePem));
    expect(nameValues(info.subject, "O")).toEqual(["YadeaMSP"]);
    expect(nameValues(info.subject, "C")).toEqual(["CN"]);
    expect(info.basicConstraints).toEqual({ ca: true });
    expect(info.keyUsage).toEqual(["digitalSignature", "keyCertSign", "cRLSign"]);
    expect(info.subjectKeyIdentifier).toHaveLength(64);
    expect(info.authorityKeyIdentifier).toBeNull();
    expect(info.extensions.find((e) => e.oid === "2.5.29.19")?.critical).toBe(true);
  });

  it("issues an end-entity certificate chained to the CA, in Fabric's conventions", () => {
    const x = new X509Certificate(peer.certificatePem);
    const issuer = new X509Certificate(ca.certificatePem);
    expect(x.ca).toBe(false);
    expect(x.checkIssued(issuer)).toBe(true);
    expect(x.verify(issuer.publicKey)).toBe(true);
    expect(x.subjectAltName).toBe("DNS:peer0.yadea.example");
    const { info } = loadCertificate(peer.certificatePem);
    expect(nameValues(info.subject, "O")).toEqual(["YadeaMSP"]);
    expect(nameValues(info.subject, "OU")).toEqual(["peer"]);
    expect(nameValues(info.subject, "CN")).toEqual(["peer0.yadea"]);
    expect(info.issuer).toEqual(parseCertificate(pemToDer(ca.certificatePem)).subject);
    expect(info.keyUsage).toEqual(["digitalSignature"]);
    expect(info.basicConstraints).toEqual({ ca: false });
    expect(info.authorityKeyIdentifier).toBe(parseCertificate(pemToDer(ca.certificatePem)).subjectKeyIdentifier);
    expect(info.fabricAttributes).toEqual({ "corridor.role": "maker" });
    // Fabric's SKI: SHA-256 of the public key point.
    const point = createPublicKey(peer.privateKeyPem).export({ type: "spki", format: "der" }).subarray(-65);
    expect(info.subjectKeyIdentifier).toBe(sha256(point).toString("hex"));
    expect(info.signatureAlgorithm).toBe("1.2.840.10045.4.3.2");
  });

  it("is read by fabric-shim's ClientIdentity like a Fabric CA certificate", () => {
    const require = createRequire(import.meta.url);
    const { ClientIdentity } = require("fabric-shim") as {
      ClientIdentity: new (stub: unknown) => { getID(): string; getMSPID(): string; getAttributeValue(n: string): string | null };
    };
    const stub = { getChannelID: () => "corridor", getTxID: () => "tx1", getCreator: () => ({ mspid: "YadeaMSP", idBytes: Buffer.from(peer.certificatePem) }) };
    const id = new ClientIdentity(stub);
    expect(id.getMSPID()).toBe("YadeaMSP");
    expect(id.getID()).toBe("x509::/O=YadeaMSP/OU=peer/CN=peer0.yadea::/C=CN/O=YadeaMSP/CN=ca.yadeamsp");
    expect(id.getAttributeValue("corridor.role")).toBe("maker");
  });

  it.skipIf(!hasOpenssl)("passes `openssl verify -x509_strict`, with and without an intermediate", () => {
    const dir = mkdtempSync(join(tmpdir(), "corridor-x509-"));
    try {
      const inter = issueCertificate({ issuer: ca, subject: { commonName: "ica.yadea", organization: "YadeaMSP" }, ca: true, pathLength: 0 });
      const leaf = issueOrgIdentity(inter, { mspId: "YadeaMSP", commonName: "admin", role: "admin" });
      writeFileSync(join(dir, "ca.pem"), ca.certificatePem);
      writeFileSync(join(dir, "inter.pem"), inter.certificatePem);
      writeFileSync(join(dir, "leaf.pem"), leaf.certificatePem);
      writeFileSync(join(dir, "peer.pem"), peer.certificatePem);
      const verify = (...args: string[]) =>
        execFileSync("openssl", ["verify", "-x509_strict", "-CAfile", join(dir, "ca.pem"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(verify(join(dir, "peer.pem"))).toContain("OK");
      expect(verify("-untrusted", join(dir, "inter.pem"), join(dir, "leaf.pem"))).toContain("OK");
      expect(() => verify(join(dir, "leaf.pem"))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("certifies a given public key without returning a private key", () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const issued = issueCertificate({ issuer: ca, subject: { commonName: "hsm-key" }, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() });
    expect(Object.keys(issued)).toEqual(["certificatePem"]);
    expect(new X509Certificate(issued.certificatePem).publicKey.export({ type: "spki", format: "der" }).equals(publicKey.export({ type: "spki", format: "der" }))).toBe(true);
  });

  it("honours validity, clamped to the issuer's", () => {
    const root = createCertificateAuthority({
      subject: { commonName: "Root", organization: "X" },
      notBefore: new Date("2024-01-01T00:00:00Z"),
      notAfter: new Date("2030-01-01T00:00:00Z"),
    });
    const leaf = issueCertificate({ issuer: root, subject: { commonName: "l" }, notBefore: new Date("2025-06-01T12:34:56Z"), validityDays: 36500 });
    const info = loadCertificate(leaf.certificatePem).info;
    expect(info.notBefore.toISOString()).toBe("2025-06-01T12:34:56.000Z");
    expect(info.notAfter.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    const far = createCertificateAuthority({ subject: { commonName: "Far" }, notBefore: new Date("2049-01-01T00:00:00Z"), notAfter: new Date("2051-01-01T00:00:00Z") });
    const farInfo = loadCertificate(far.certificatePem).info;
    expect(farInfo.notAfter.toISOString()).toBe("2051-01-01T00:00:00.000Z"); // GeneralizedTime from 2050
    expect(new X509Certificate(far.certificatePem).validTo).toContain("2051");
  });

  it("encodes non-ASCII names as UTF8String", () => {
    const c = createCertificateAuthority({ subject: { commonName: "重庆渝车出海 CA", organization: "渝车出海" } });
    const info = loadCertificate(c.certificatePem).info;
    expect(nameValues(info.subject, "CN")).toEqual(["重庆渝车出海 CA"]);
    expect(new X509Certificate(c.certificatePem).subject).toContain("O=渝车出海");
  });

  it("refuses to issue from a non-CA, or with a key that is not the issuer's", () => {
    expect(() => issueCertificate({ issuer: peer, subject: { commonName: "x" } })).toThrow(/not a CA/);
    const other = createOrgCertificateAuthority("OtherMSP");
    expect(() => issueCertificate({ issuer: { certificatePem: ca.certificatePem, privateKeyPem: other.privateKeyPem }, subject: { commonName: "x" } })).toThrow(/does not match/);
    expect(() => createCertificateAuthority({ subject: { commonName: "" } })).toThrow(/empty CN/);
    expect(() => createCertificateAuthority({ subject: { commonName: "x", country: "China" } })).toThrow(/country/);
  });
});

describe("PEM and DER", () => {
  const ca = createOrgCertificateAuthority("AimaMSP");

  it("writes canonical PEM and accepts only that form when asked to", () => {
    const der = pemToDer(ca.certificatePem);
    expect(derToPem(der)).toBe(ca.certificatePem);
    expect(canonicalPemToDer(ca.certificatePem)?.equals(der)).toBe(true);
    expect(canonicalPemToDer(ca.certificatePem.replace(/\n/g, "\r\n"))).toBeNull();
    expect(canonicalPemToDer(ca.certificatePem.trimEnd())).toBeNull();
    const b64 = der.toString("base64");
    expect(canonicalPemToDer(`-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`)).toBeNull();
    // The lenient reader takes any of those.
    expect(pemToDer(ca.certificatePem.replace(/\n/g, "\r\n")).equals(der)).toBe(true);
    expect(pemBlocks(`junk\n${ca.certificatePem}more\n${ca.certificatePem}`)).toHaveLength(2);
    expect(() => pemToDer("nothing here")).toThrow(DerError);
  });

  it("reads strict DER only", () => {
    expect(() => readRoot(Buffer.from([0x30, 0x80, 0x00, 0x00]))).toThrow(/indefinite/);
    expect(() => readRoot(Buffer.from([0x04, 0x81, 0x01, 0x00]))).toThrow(/minimally/);
    expect(() => readRoot(Buffer.from([0x04, 0x02, 0x00]))).toThrow(/past its container/);
    expect(() => readRoot(Buffer.from([0x04, 0x01, 0x00, 0x00]))).toThrow(/trailing/);
    expect(() => readRoot(Buffer.from([0x1f, 0x01, 0x00]))).toThrow(/high tag/);
    expect(readTlv(Buffer.from([0x04, 0x01, 0xaa]), 0)).toEqual({ tag: 4, start: 0, valueStart: 2, end: 3 });
    expect(() => parseCertificate(Buffer.from([0x30, 0x00]))).toThrow(DerError);
  });
});
