import { createHash, createHmac } from "node:crypto";
import { type DocumentStore, storageKeyOf } from "./store.js";

/** An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, OSS/COS in S3 mode). */
export interface S3Settings {
  /** e.g. https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000 */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** https://endpoint/bucket/key (MinIO and most self-hosted stores) instead of https://bucket.endpoint/key */
  forcePathStyle: boolean;
}

const hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
export const EMPTY_SHA256 = hex("");

/** RFC 3986 encoding as SigV4 wants it (unreserved characters stay). */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * AWS Signature Version 4 for one request: returns the headers to send (the given ones plus
 * host, x-amz-date, x-amz-content-sha256 and authorization).
 */
export function signV4(req: {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  payloadSha256: string;
  now: Date;
  region: string;
  service?: string;
  accessKeyId: string;
  secretAccessKey: string;
}): Record<string, string> {
  const service = req.service ?? "s3";
  const amzDate = req.now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v.trim().replace(/\s+/g, " ");
  headers.host = req.url.host;
  headers["x-amz-date"] = amzDate;
  headers["x-amz-content-sha256"] = req.payloadSha256;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(";");
  const query = [...req.url.searchParams.entries()]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const path = req.url.pathname
    .split("/")
    .map((seg) => encode(decodeURIComponent(seg)))
    .join("/");
  const canonical = [req.method, path, query, ...names.map((n) => `${n}:${headers[n]}`), "", signedHeaders, req.payloadSha256].join("\n");
  const scope = `${day}/${req.region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, hex(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${req.secretAccessKey}`, day), req.region), service), "aws4_request");
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  const { host: _host, ...rest } = headers;
  return { ...rest, authorization: `AWS4-HMAC-SHA256 Credential=${req.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
}

/** Documents in an S3-compatible bucket under the same content-addressed keys as the local folder. */
export class S3DocumentStore implements DocumentStore {
  constructor(
    private readonly s: S3Settings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private urlOf(key: string): URL {
    const base = new URL(this.s.endpoint);
    const path = key.split("/").map(encode).join("/");
    if (this.s.forcePathStyle) return new URL(`${base.origin}${base.pathname.replace(/\/+$/, "")}/${encode(this.s.bucket)}/${path}`);
    return new URL(`${base.protocol}//${this.s.bucket}.${base.host}${base.pathname.replace(/\/+$/, "")}/${path}`);
  }

  private send(method: string, key: string, body?: Uint8Array, payloadSha256 = EMPTY_SHA256, extra: Record<string, string> = {}) {
    const url = this.urlOf(key);
    const headers = signV4({
      method,
      url,
      headers: extra,
      payloadSha256,
      now: new Date(),
      region: this.s.region,
      accessKeyId: this.s.accessKeyId,
      secretAccessKey: this.s.secretAccessKey,
    });
    return this.fetchImpl(url, { method, headers, ...(body ? { body: body as unknown as BodyInit } : {}) });
  }

  async put(sha256: string, bytes: Uint8Array): Promise<string> {
    const key = storageKeyOf(sha256);
    const head = await this.send("HEAD", key);
    if (head.ok && Number(head.headers.get("content-length")) === bytes.byteLength) return key;
    // the payload's hash is the key's hash: S3 checks the bytes arrived whole
    const res = await this.send("PUT", key, bytes, hex(bytes), { "content-type": "application/pdf", "content-length": String(bytes.byteLength) });
    if (!res.ok) throw new Error(`S3 PUT ${key} failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
    return key;
  }

  async get(key: string): Promise<Buffer | null> {
    const res = await this.send("GET", key);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`S3 GET ${key} failed: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async open(key: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null> {
    const res = await this.send("GET", key);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok || !res.body) throw new Error(`S3 GET ${key} failed: ${res.status}`);
    return { stream: res.body, size: Number(res.headers.get("content-length") ?? 0) };
  }
}
