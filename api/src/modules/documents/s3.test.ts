import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMPTY_SHA256, S3DocumentStore, signV4 } from "./s3.js";

const AWS_EXAMPLE = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

describe("SigV4", () => {
  it("matches the GET Object example of the Amazon S3 documentation", () => {
    const headers = signV4({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { Range: "bytes=0-9" },
      payloadSha256: EMPTY_SHA256,
      now: new Date("2013-05-24T00:00:00Z"),
      region: "us-east-1",
      ...AWS_EXAMPLE,
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });
});

describe("S3DocumentStore against a minimal S3 server", () => {
  const objects = new Map<string, Buffer>();
  const seen: { method: string; url: string; signedBy: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const auth = String(req.headers.authorization ?? "");
      seen.push({ method: req.method ?? "", url: req.url ?? "", signedBy: /Credential=([^/]+)/.exec(auth)?.[1] ?? "" });
      const key = req.url ?? "";
      if (req.method === "PUT") {
        objects.set(key, body);
        res.writeHead(200).end();
      } else if (objects.has(key)) {
        const obj = objects.get(key) as Buffer;
        res.writeHead(200, { "content-length": String(obj.length), "content-type": "application/pdf" });
        res.end(req.method === "HEAD" ? undefined : obj);
      } else res.writeHead(404).end();
    });
  });
  let store: S3DocumentStore;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    store = new S3DocumentStore({ endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", bucket: "docs", forcePathStyle: true, ...AWS_EXAMPLE });
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("puts once under the content address, then reads and streams the bytes", async () => {
    const bytes = Buffer.from("%PDF-1.7 example");
    const sha = (await import("node:crypto")).createHash("sha256").update(bytes).digest("hex");
    const key = await store.put(sha, bytes);
    expect(key).toBe(`documents/${sha.slice(0, 2)}/${sha}.pdf`);
    expect(await store.put(sha, bytes)).toBe(key);
    expect(seen.filter((r) => r.method === "PUT")).toHaveLength(1);
    expect(seen.every((r) => r.signedBy === AWS_EXAMPLE.accessKeyId)).toBe(true);
    expect(objects.get(`/docs/${key}`)).toEqual(bytes);
    expect(await store.get(key)).toEqual(bytes);
    const opened = await store.open(key);
    expect(opened?.size).toBe(bytes.length);
    expect(Buffer.from(await new Response(opened?.stream).arrayBuffer())).toEqual(bytes);
    expect(await store.get(`documents/00/${"0".repeat(64)}.pdf`)).toBeNull();
    expect(await store.open(`documents/00/${"0".repeat(64)}.pdf`)).toBeNull();
  });
});

describe("documentStoreFor", () => {
  it("uses the local folder by default, the bucket with DOCUMENT_STORE=s3, and names missing settings", async () => {
    const { documentStoreFor, LocalDocumentStore } = await import("./store.js");
    expect(documentStoreFor({ CORRIDOR_DATA_DIR: "/tmp/corridor-test" })).toBeInstanceOf(LocalDocumentStore);
    expect(() => documentStoreFor({ CORRIDOR_DATA_DIR: "/tmp/x", DOCUMENT_STORE: "s3", S3_BUCKET: "docs" })).toThrow(
      /S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/,
    );
    const s3 = documentStoreFor({
      CORRIDOR_DATA_DIR: "/tmp/x",
      DOCUMENT_STORE: "s3",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_BUCKET: "docs",
      ...{ S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s" },
    });
    expect(s3).toBeInstanceOf(S3DocumentStore);
  });
});
