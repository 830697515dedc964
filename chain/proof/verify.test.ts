import { generateKeyPairSync, sign } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalize } from "./canonical.js";
import { anchorStatementBytes, isCanonicalP256Signature, parseEcdsaSignature, signEndorsement, toLowS } from "./endorse.js";
import { type Anchor, createVehicleProof, type Endorsement, proofSize, type VehicleProof } from "./format.js";
import { MerkleTree, maxAuditPathLength } from "./merkle.js";
import { buildBatch, createVehicleRecord, RecordError, type VehicleRecord } from "./records.js";
import {
  anchoredVehicleBatch,
  CERT_BODY,
  createConsortium,
  endorse,
  eventProofs,
  LOGISTICS,
  MAKER,
  org,
  PLATFORM,
  testAnchor,
  VALID_FROM,
  vehicleInputs,
  vehicleProof,
} from "./test-fixtures.js";
import { createTrustStore, TrustStoreError, type VerificationResult, type VerifyOptions, verifyProof } from "./verify.js";
import { createCertificateAuthority, createOrgCertificateAuthority, derToPem, issueCertificate, issueOrgIdentity, pemToDer } from "./x509.js";

const NOW = new Date("2025-06-01T00:00:00Z");
const consortium = createConsortium();
const roots = createTrustStore(consortium.rootsPem);
const anchored = anchoredVehicleBatch(consortium, 300);
const good = vehicleProof(anchored, 123);
const goodWithEvents = vehicleProof(anchored, 123, eventProofs(consortium, anchored.batch.records[123]!));

function verify(proof: unknown, options: Partial<VerifyOptions> = {}): VerificationResult {
  return verifyProof(proof, { roots, now: NOW, requiredEndorsers: [PLATFORM], ...options });
}

function failures(result: VerificationResult): string[] {
  return result.checks.filter((c) => !c.ok).map((c) => `${c.name}:${c.code}`);
}

function mutate(proof: VehicleProof, change: (p: VehicleProof) => void): VehicleProof {
  const copy = structuredClone(proof);
  change(copy);
  return copy;
}

/** A proof of vehicle 123 whose endorsements are replaced by `endorsements` (signed over the right statement). */
function withEndorsements(endorsements: Endorsement[]): VehicleProof {
  return mutate(good, (p) => {
    p.endorsements = endorsements;
  });
}

function endorsementBy(identity: { certificatePem: string; privateKeyPem: string }, mspId: string, extra: { intermediates?: string[] } = {}): Endorsement {
  return signEndorsement({
    privateKey: identity.privateKeyPem,
    certificatePem: identity.certificatePem,
    mspId,
    root: good.root,
    treeSize: good.treeSize,
    anchor: good.anchor,
    ...extra,
  });
}

const platformEndorsement = () => good.endorsements.find((e) => e.mspId === PLATFORM)!;

describe("verifyProof on good proofs", () => {
  it("accepts a proof and reports every check", () => {
    const result = verify(good);
    expect(failures(result)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.vehicle).toEqual(anchored.batch.records[123]);
    expect(result.anchor).toEqual(anchored.anchor);
    expect(result.checks.map((c) => c.name)).toEqual([
      "format",
      "record",
      "record.canonical",
      "record.binding",
      "merkle.inclusion",
      "anchor.time",
      ...[MAKER, PLATFORM].flatMap((m) => ["certificate", "chain", "validity", "msp", "signature"].map((n) => `endorsement[${m}].${n}`)),
      "policy",
    ]);
  });

  it("accepts certification and custody events about the vehicle, each with its own anchor", () => {
    const result = verify(goodWithEvents);
    expect(failures(result)).toEqual([]);
    expect(result.events.map((e) => [e.kind, e.valid])).toEqual([
      ["certification", true],
      ["custody", true],
    ]);
    expect(result.checks.find((c) => c.name === "events[0].policy")?.reason).toBe(`endorsed by ${CERT_BODY} and ${PLATFORM}`);
    expect(result.checks.find((c) => c.name === "events[1].policy")?.reason).toBe(`endorsed by ${LOGISTICS} and ${PLATFORM}`);
  });

  it("survives a JSON round trip, key order and whitespace included", () => {
    const text = JSON.stringify(goodWithEvents, null, 2);
    expect(verify(JSON.parse(text)).valid).toBe(true);
    const reordered = JSON.parse(canonicalize(goodWithEvents));
    expect(verify(reordered).valid).toBe(true);
  });

  it("accepts proofs for random batch sizes and positions (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.nat(), (size, seed) => {
        const batch = buildBatch("vehicle", `B-${size}`, vehicleInputs(size));
        const anchor = testAnchor(`B-${size}`);
        const index = seed % size;
        const proof = createVehicleProof({ record: batch.records[index]!, tree: batch.tree, anchor, endorsements: endorse(consortium, [MAKER, PLATFORM], batch, anchor) });
        const result = verify(proof);
        if (!result.valid) throw new Error(`${size}/${index}: ${failures(result).join(", ")}`);
        expect(proofSize(proof).auditPathBytes).toBeLessThanOrEqual(32 * maxAuditPathLength(size));
      }),
      { numRuns: 30 },
    );
  });
});

describe("verifyProof on tampered proofs", () => {
  const cases: [string, (p: VehicleProof) => void, string[]][] = [
    ["a record field", (p) => (p.record.batterySerial = "BAT-99999999"), ["merkle.inclusion:ROOT_MISMATCH"]],
    ["the record's leaf index", (p) => (p.record.leafIndex = 124), ["record.binding:LEAF_INDEX_MISMATCH", "merkle.inclusion:ROOT_MISMATCH"]],
    ["a record string into another normalization form", (p) => (p.record.modelCode = "E\u0301"), ["record.canonical:RECORD_NOT_CANONICAL", "merkle.inclusion:NO_LEAF_HASH"]],
    ["a record with an extra field", (p) => Object.assign(p.record, { color: "red" }), ["record:RECORD_INVALID", "merkle.inclusion:ROOT_MISMATCH"]],
    ["an audit path hash", (p) => (p.auditPath[3] = `${p.auditPath[3]!.slice(0, 63)}${p.auditPath[3]!.endsWith("0") ? "1" : "0"}`), ["merkle.inclusion:ROOT_MISMATCH"]],
    ["a truncated audit path", (p) => p.auditPath.pop(), ["merkle.inclusion:AUDIT_PATH_INVALID"]],
    ["the leaf index", (p) => (p.leafIndex = 122), ["record.binding:LEAF_INDEX_MISMATCH", "merkle.inclusion:ROOT_MISMATCH"]],
    [
      "the root",
      (p) => (p.root = `${"0".repeat(63)}1`),
      [
        "merkle.inclusion:ROOT_MISMATCH",
        `endorsement[${MAKER}].signature:SIGNATURE_INVALID`,
        `endorsement[${PLATFORM}].signature:SIGNATURE_INVALID`,
        "policy:POLICY_NOT_SATISFIED",
      ],
    ],
    [
      "the tree size",
      (p) => (p.treeSize = 301),
      [`endorsement[${MAKER}].signature:SIGNATURE_INVALID`, `endorsement[${PLATFORM}].signature:SIGNATURE_INVALID`, "policy:POLICY_NOT_SATISFIED"],
    ],
    [
      "the block number",
      (p) => (p.anchor.blockNumber = 43),
      [`endorsement[${MAKER}].signature:SIGNATURE_INVALID`, `endorsement[${PLATFORM}].signature:SIGNATURE_INVALID`, "policy:POLICY_NOT_SATISFIED"],
    ],
    [
      "the anchor's batch",
      (p) => (p.anchor.batchId = "B-2025-0002"),
      ["record.binding:BATCH_MISMATCH", `endorsement[${MAKER}].signature:SIGNATURE_INVALID`, `endorsement[${PLATFORM}].signature:SIGNATURE_INVALID`, "policy:POLICY_NOT_SATISFIED"],
    ],
    [
      "a signature",
      (p) => {
        const sig = Buffer.from(p.endorsements[0]!.signature, "base64");
        sig[sig.length - 1]! ^= 0x01;
        p.endorsements[0]!.signature = sig.toString("base64");
      },
      [`endorsement[${MAKER}].signature:SIGNATURE_INVALID`, "policy:POLICY_NOT_SATISFIED"],
    ],
    [
      "a signature into its high-S twin",
      (p) => {
        const { r, s } = parseEcdsaSignature(Buffer.from(p.endorsements[0]!.signature, "base64"));
        const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
        const int = (v: bigint) => {
          let h = v.toString(16);
          if (h.length % 2) h = `0${h}`;
          const b = Buffer.from(h, "hex");
          return b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
        };
        const rb = int(r);
        const sb = int(n - s);
        const body = Buffer.concat([Buffer.from([2, rb.length]), rb, Buffer.from([2, sb.length]), sb]);
        p.endorsements[0]!.signature = Buffer.concat([Buffer.from([0x30, body.length]), body]).toString("base64");
      },
      [`endorsement[${MAKER}].signature:SIGNATURE_NOT_CANONICAL`, "policy:POLICY_NOT_SATISFIED"],
    ],
    [
      "the endorser's MSP id",
      (p) => (p.endorsements[0]!.mspId = LOGISTICS),
      [`endorsement[${LOGISTICS}].msp:MSP_MISMATCH`, `endorsement[${LOGISTICS}].signature:SIGNATURE_INVALID`, "policy:POLICY_NOT_SATISFIED"],
    ],
    [
      "a certificate swapped for another org's",
      (p) => (p.endorsements[0]!.certificate = org(consortium, LOGISTICS).signer.certificatePem),
      [`endorsement[${MAKER}].msp:MSP_MISMATCH`, `endorsement[${MAKER}].signature:SIGNATURE_INVALID`, "policy:POLICY_NOT_SATISFIED"],
    ],
    [
      "a certificate into CRLF PEM",
      (p) => (p.endorsements[0]!.certificate = p.endorsements[0]!.certificate.replace(/\n/g, "\r\n")),
      [`endorsement[${MAKER}].certificate:CERTIFICATE_INVALID`, "policy:POLICY_NOT_SATISFIED"],
    ],
    ["the anchor time into the future", (p) => (p.anchor.timestamp = "2025-07-01T00:00:00Z"), ["anchor.time:ANCHOR_IN_FUTURE"]],
  ];

  it.each(cases)("fails when %s changes", (_, change, expected) => {
    const result = verify(mutate(good, change));
    expect(result.valid).toBe(false);
    const got = failures(result);
    for (const f of expected) expect(got).toContain(f);
  });

  it("fails when the maker or a required endorser is missing", () => {
    const onlyPlatform = withEndorsements([platformEndorsement()]);
    expect(failures(verify(onlyPlatform))).toEqual(["policy:POLICY_NOT_SATISFIED"]);
    expect(verify(onlyPlatform).checks.at(-1)?.reason).toBe(`no valid endorsement from ${MAKER} (required: ${MAKER}, ${PLATFORM})`);
    expect(failures(verify(good, { requiredEndorsers: [PLATFORM, LOGISTICS] }))).toEqual(["policy:POLICY_NOT_SATISFIED"]);
    expect(verify(good, { requiredEndorsers: [] }).valid).toBe(true);
  });

  it("fails an event about another vehicle, or a tampered event, without failing the vehicle", () => {
    const otherEvents = eventProofs(consortium, anchored.batch.records[5]!);
    const result = verify(vehicleProof(anchored, 123, otherEvents));
    expect(failures(result)).toEqual(["events[0].subject:EVENT_OTHER_VEHICLE", "events[1].subject:EVENT_OTHER_VEHICLE"]);
    const tampered = mutate(goodWithEvents, (p) => {
      (p.events![0]!.record as { status: string }).status = "revoked";
    });
    const r2 = verify(tampered);
    expect(failures(r2)).toEqual(["events[0].merkle.inclusion:ROOT_MISMATCH"]);
    expect(r2.events.map((e) => e.valid)).toEqual([false, true]);
    const wrongKind = mutate(goodWithEvents, (p) => {
      p.events![0]!.record = p.record as never;
    });
    expect(failures(verify(wrongKind))).toContain("events[0].record:RECORD_INVALID");
  });

  it.each([
    ["not an object", 42, "proof must be a JSON object"],
    ["another version", { ...good, version: 2 }, "version must be 1"],
    ["an unknown field", { ...good, note: "hi" }, "note is not a known field"],
    ["an uppercase root", { ...good, root: good.root.toUpperCase() }, "root must be 64 lowercase hex digits"],
    ["no endorsements", { ...good, endorsements: [] }, "endorsements must be a non-empty array"],
    ["a duplicate endorser", { ...good, endorsements: [good.endorsements[0], good.endorsements[0]] }, `endorsements[1].mspId ${MAKER} endorses twice`],
    [
      "a non-canonical base64 signature",
      mutate(good, (p) => (p.endorsements[0]!.signature = p.endorsements[0]!.signature.replace(/=*$/, ""))),
      "signature must be canonical base64",
    ],
    ["a leaf index past the tree", { ...good, leafIndex: 300 }, "leafIndex must be less than treeSize"],
    ["a bad anchor time", mutate(good, (p) => (p.anchor.timestamp = "yesterday")), "anchor.timestamp must be an RFC 3339 UTC time"],
  ])("rejects %s as malformed", (_, proof, message) => {
    const result = verify(proof);
    expect(result.valid).toBe(false);
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ name: "format", ok: false, code: "FORMAT_INVALID" });
    expect(result.checks[0]!.reason).toContain(message);
  });
});

describe("verifyProof on endorsing certificates", () => {
  const maker = org(consortium, MAKER);

  it("rejects a certificate from a CA that is not a trusted root, even with the right O", () => {
    const rogueCa = createOrgCertificateAuthority(MAKER, { notBefore: VALID_FROM });
    const rogue = issueOrgIdentity(rogueCa, { mspId: MAKER, commonName: "peer0", role: "peer", notBefore: VALID_FROM });
    const result = verify(withEndorsements([endorsementBy(rogue, MAKER), platformEndorsement()]));
    expect(failures(result)).toEqual([`endorsement[${MAKER}].chain:CHAIN_UNTRUSTED`, "policy:POLICY_NOT_SATISFIED"]);
    expect(result.checks.find((c) => c.code === "CHAIN_UNTRUSTED")?.reason).toMatch(/^no trusted root issued O=YadeaMSP,OU=peer,CN=peer0/);
  });

  it("rejects one org's CA vouching for another org's MSP id", () => {
    const forged = issueOrgIdentity(org(consortium, PLATFORM).ca, { mspId: MAKER, commonName: "peer9", role: "peer", notBefore: VALID_FROM });
    const result = verify(withEndorsements([endorsementBy(forged, MAKER), platformEndorsement()]));
    expect(failures(result)).toEqual([`endorsement[${MAKER}].msp:MSP_MISMATCH`, "policy:POLICY_NOT_SATISFIED"]);
    expect(result.checks.find((c) => c.code === "MSP_MISMATCH")?.reason).toBe(`root CA subject O is ${PLATFORM}, not ${MAKER}`);
  });

  it("binds MSP ids to roots by a map when the CAs' O is not the MSP id (cryptogen style)", () => {
    const ca = createCertificateAuthority({ subject: { commonName: "ca.yadea.example.com", organization: "yadea.example.com" }, notBefore: VALID_FROM });
    const peer = issueCertificate({
      issuer: ca,
      subject: { commonName: "peer0.yadea.example.com", organization: "yadea.example.com", organizationalUnits: ["peer"] },
      notBefore: VALID_FROM,
    });
    const proof = withEndorsements([endorsementBy(peer, MAKER), platformEndorsement()]);
    const mapped = { [MAKER]: ca.certificatePem, [PLATFORM]: org(consortium, PLATFORM).ca.certificatePem };
    expect(failures(verify(proof, { roots: mapped }))).toEqual([]);
    expect(failures(verify(proof, { roots: [consortium.rootsPem, ca.certificatePem] }))).toEqual([`endorsement[${MAKER}].msp:MSP_MISMATCH`, "policy:POLICY_NOT_SATISFIED"]);
    expect(failures(verify(proof, { roots: { [LOGISTICS]: ca.certificatePem, [PLATFORM]: org(consortium, PLATFORM).ca.certificatePem } }))).toContain(
      `endorsement[${MAKER}].msp:MSP_MISMATCH`,
    );
  });

  it("follows intermediate CAs and enforces path length", () => {
    const inter = issueCertificate({ issuer: maker.ca, subject: { commonName: "ica.yadea", organization: MAKER }, ca: true, pathLength: 0, notBefore: VALID_FROM });
    const peer = issueOrgIdentity(inter, { mspId: MAKER, commonName: "peer1", role: "peer", notBefore: VALID_FROM });
    expect(failures(verify(withEndorsements([endorsementBy(peer, MAKER, { intermediates: [inter.certificatePem] }), platformEndorsement()])))).toEqual([]);
    expect(failures(verify(withEndorsements([endorsementBy(peer, MAKER), platformEndorsement()])))).toContain(`endorsement[${MAKER}].chain:CHAIN_UNTRUSTED`);
    const inter2 = issueCertificate({ issuer: inter, subject: { commonName: "ica2.yadea", organization: MAKER }, ca: true, notBefore: VALID_FROM });
    const deep = issueOrgIdentity(inter2, { mspId: MAKER, commonName: "peer2", role: "peer", notBefore: VALID_FROM });
    const result = verify(withEndorsements([endorsementBy(deep, MAKER, { intermediates: [inter2.certificatePem, inter.certificatePem] }), platformEndorsement()]));
    expect(failures(result)).toContain(`endorsement[${MAKER}].chain:CHAIN_UNTRUSTED`);
    expect(result.checks.find((c) => c.code === "CHAIN_UNTRUSTED")?.reason).toMatch(/allows 0 intermediate/);
  });

  it("rejects a certificate that was not valid at the anchor time", () => {
    const expired = issueOrgIdentity(maker.ca, { mspId: MAKER, commonName: "old", role: "peer", notBefore: VALID_FROM, validityDays: 30 });
    const notYet = issueOrgIdentity(maker.ca, { mspId: MAKER, commonName: "new", role: "peer", notBefore: new Date("2025-04-01T00:00:00Z") });
    for (const id of [expired, notYet]) {
      const result = verify(withEndorsements([endorsementBy(id, MAKER), platformEndorsement()]));
      expect(failures(result)).toEqual([`endorsement[${MAKER}].validity:CERTIFICATE_NOT_VALID_AT_ANCHOR`, "policy:POLICY_NOT_SATISFIED"]);
    }
  });

  it("rejects CA certificates, certificates without digitalSignature, and keys other than P-256", () => {
    const asCa = verify(withEndorsements([endorsementBy(maker.ca, MAKER), platformEndorsement()]));
    expect(failures(asCa)).toContain(`endorsement[${MAKER}].certificate:CERTIFICATE_IS_CA`);
    const noSign = issueCertificate({ issuer: maker.ca, subject: { commonName: "kex", organization: MAKER }, keyUsage: ["keyAgreement"], notBefore: VALID_FROM });
    expect(failures(verify(withEndorsements([endorsementBy(noSign, MAKER), platformEndorsement()])))).toContain(`endorsement[${MAKER}].certificate:KEY_USAGE`);
    const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" });
    const cert384 = issueCertificate({
      issuer: maker.ca,
      subject: { commonName: "p384", organization: MAKER },
      publicKeyPem: p384.publicKey.export({ type: "spki", format: "pem" }).toString(),
      notBefore: VALID_FROM,
    });
    const sig = sign("sha256", anchorStatementBytes({ mspId: MAKER, root: good.root, treeSize: good.treeSize, anchor: good.anchor }), p384.privateKey).toString("base64");
    const result = verify(withEndorsements([{ mspId: MAKER, certificate: cert384.certificatePem, signature: sig }, platformEndorsement()]));
    expect(failures(result)).toContain(`endorsement[${MAKER}].certificate:KEY_NOT_P256`);
    expect(() => signEndorsement({ privateKey: p384.privateKey, certificatePem: cert384.certificatePem, mspId: MAKER, root: good.root, treeSize: 1, anchor: good.anchor })).toThrow(
      /P-256/,
    );
  });
});

describe("tamper-evidence (property): changing any single byte makes the proof invalid", () => {
  const flipByte = (bytes: Buffer, position: number, mask: number) => {
    const copy = Buffer.from(bytes);
    copy[position % copy.length]! ^= mask;
    return copy;
  };

  function outcome(text: string): boolean {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return false; // not JSON: not a valid proof either
    }
    return verify(parsed).valid;
  }

  it("anywhere in the compact proof file", () => {
    const file = Buffer.from(JSON.stringify(good));
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (position, mask) => {
        const text = new TextDecoder().decode(flipByte(file, position, mask));
        if (outcome(text)) throw new Error(`still valid after flipping byte ${position % file.length} with ${mask}`);
      }),
      { numRuns: 1500 },
    );
  });

  it("anywhere in a proof file with events", () => {
    const file = Buffer.from(JSON.stringify(goodWithEvents));
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (position, mask) => {
        expect(outcome(new TextDecoder().decode(flipByte(file, position, mask)))).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  type Target = "record" | "auditPath" | "root" | "signature" | "certificate";
  const targets: Target[] = ["record", "auditPath", "root", "signature", "certificate"];

  it.each(targets)("in the decoded %s bytes", (target) => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat({ max: 1 }), (position, mask, which) => {
        const p = structuredClone(good);
        const e = p.endorsements[which]!;
        let expectPrefix: string;
        switch (target) {
          case "record": {
            // A byte of the record's canonical JSON; the result must still decode to something to check.
            const text = new TextDecoder().decode(flipByte(Buffer.from(canonicalize(p.record)), position, mask));
            try {
              p.record = JSON.parse(text);
            } catch {
              return;
            }
            expectPrefix = "";
            break;
          }
          case "auditPath": {
            const i = position % p.auditPath.length;
            p.auditPath[i] = flipByte(Buffer.from(p.auditPath[i]!, "hex"), position >> 5, mask).toString("hex");
            expectPrefix = "merkle.inclusion";
            break;
          }
          case "root":
            p.root = flipByte(Buffer.from(p.root, "hex"), position, mask).toString("hex");
            expectPrefix = "merkle.inclusion";
            break;
          case "signature":
            e.signature = flipByte(Buffer.from(e.signature, "base64"), position, mask).toString("base64");
            expectPrefix = `endorsement[${e.mspId}]`;
            break;
          case "certificate":
            e.certificate = derToPem(flipByte(pemToDer(e.certificate), position, mask));
            expectPrefix = `endorsement[${e.mspId}]`;
            break;
        }
        const result = verify(p);
        expect(result.valid).toBe(false);
        const failed = result.checks.filter((c) => !c.ok);
        expect(failed.some((c) => c.name.startsWith(expectPrefix) || c.name === "format" || c.name.startsWith("record"))).toBe(true);
        for (const c of failed) expect(c.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: target === "certificate" ? 600 : 300 },
    );
  });
});

describe("signing helpers and inputs", () => {
  it("signs low-S signatures bound to the MSP id", () => {
    const maker = org(consortium, MAKER);
    for (let i = 0; i < 30; i++) {
      const e = endorsementBy(maker.signer, MAKER);
      expect(isCanonicalP256Signature(Buffer.from(e.signature, "base64"))).toBe(true);
    }
    const sig = Buffer.from(good.endorsements[0]!.signature, "base64");
    expect(toLowS(sig).equals(sig)).toBe(true);
    expect(() => endorsementBy({ certificatePem: maker.signer.certificatePem, privateKeyPem: org(consortium, PLATFORM).signer.privateKeyPem }, MAKER)).toThrow(/does not match/);
  });

  it("refuses to build a proof for a record that is not the tree's leaf", () => {
    const record = anchored.batch.records[7]!;
    expect(() => createVehicleProof({ record: { ...record, motorNumber: "X" }, tree: anchored.batch.tree, anchor: anchored.anchor, endorsements: anchored.endorsements })).toThrow(
      /not leaf 7/,
    );
    expect(() => createVehicleProof({ record, tree: MerkleTree.fromLeaves(["x"]), anchor: anchored.anchor, endorsements: [] })).toThrow(/outside/);
    expect(() => createVehicleProof({ record, tree: anchored.batch.tree, anchor: { ...anchored.anchor, batchId: "other" } as Anchor, endorsements: [] })).toThrow(/batch/);
  });

  it("normalizes and validates vehicle input", () => {
    const v: VehicleRecord = createVehicleRecord({
      vin: " lyd12345678901234 ",
      makerMspId: MAKER,
      modelCode: "E8S\u0301",
      productionDate: "2025-02-14",
      batterySerial: "B1",
      motorNumber: "M1",
      batchId: "B",
      leafIndex: 0,
    });
    expect(v.vin).toBe("LYD12345678901234");
    expect(v.modelCode).toBe("E8Ś");
    expect(() => createVehicleRecord({ ...v, vin: "LYD1234567890123O" })).toThrow(RecordError);
    expect(() => createVehicleRecord({ ...v, productionDate: "2025-02-30" })).toThrow(/calendar date/);
    const { vin: _, ...noId } = v;
    expect(() => createVehicleRecord(noId)).toThrow(/vin or frameNumber/);
    expect(createVehicleRecord({ ...noId, frameNumber: "tdr-2025-000123" }).frameNumber).toBe("TDR-2025-000123");
    expect(() => buildBatch("vehicle", "B", [vehicleInputs(1)[0]!, vehicleInputs(1)[0]!])).toThrow(/appears twice/);
  });

  it("refuses unusable roots", () => {
    expect(() => createTrustStore("")).toThrow(TrustStoreError);
    expect(() => createTrustStore(org(consortium, MAKER).signer.certificatePem)).toThrow(/not a CA/);
    const inter = issueCertificate({ issuer: org(consortium, MAKER).ca, subject: { commonName: "ica" }, ca: true });
    expect(() => createTrustStore(inter.certificatePem)).toThrow(/not self-signed/);
  });
});

describe("proof size", () => {
  let sizes: { n: number; path: number; json: number }[] = [];
  beforeAll(() => {
    sizes = [1, 2, 1000, 4096, 5000].map((n) => {
      const a = n === 300 ? anchored : anchoredVehicleBatch(consortium, n);
      const p = vehicleProof(a, n - 1);
      return { n, path: proofSize(p).auditPathBytes, json: proofSize(p).jsonBytes };
    });
  });

  it("is at most 32·⌈log2 N⌉ bytes of path plus a fixed envelope", () => {
    for (const { n, path } of sizes) expect(path).toBeLessThanOrEqual(32 * maxAuditPathLength(n));
    const envelope = sizes.map(({ json, path }) => json - (path / 32) * 67);
    // The JSON envelope (record, anchor, two endorsements with certificates) does not grow with N.
    expect(Math.max(...envelope) - Math.min(...envelope)).toBeLessThan(64);
  });
});
