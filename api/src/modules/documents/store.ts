import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { type Config, ConfigError } from "../../config.js";
import { S3DocumentStore } from "./s3.js";

/**
 * Where document bytes live, addressed by their SHA-256: the same bytes always get the same key,
 * so a second `put` of a re-issued document is a no-op. Local folder by default; an
 * S3-compatible bucket with DOCUMENT_STORE=s3 (s3.ts).
 */
export interface DocumentStore {
  /** Stores the bytes (idempotent) and returns the storage key. */
  put(sha256: string, bytes: Uint8Array): Promise<string>;
  /** The bytes under a key, or null when they are missing. */
  get(key: string): Promise<Buffer | null>;
  /** A stream of the bytes and their size, or null when they are missing. */
  open(key: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** `documents/<sha256[0..2]>/<sha256>.pdf`, relative to the store's root. */
export function storageKeyOf(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
  return `documents/${sha256.slice(0, 2)}/${sha256}.pdf`;
}

/** A content-addressed folder: `<root>/documents/ab/ab…ef.pdf`, written to a temporary name and renamed. */
export class LocalDocumentStore implements DocumentStore {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error("storage key outside the store");
    return path;
  }

  async put(sha256: string, bytes: Uint8Array): Promise<string> {
    const key = storageKeyOf(sha256);
    const path = this.pathOf(key);
    const existing = await stat(path).catch(() => null);
    if (existing?.isFile() && existing.size === bytes.byteLength) return key;
    await mkdir(dirname(path), { recursive: true });
    const tmp = join(dirname(path), `.${sha256}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await writeFile(tmp, bytes, { flag: "wx" });
      // rename is atomic on one file system: readers see no file or the whole file
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return key;
  }

  async get(key: string): Promise<Buffer | null> {
    return readFile(this.pathOf(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return null;
      throw e;
    });
  }

  async open(key: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null> {
    const path = this.pathOf(key);
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) return null;
    return { stream: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, size: s.size };
  }
}

const stores = new Map<string, DocumentStore>();

type StoreSettings = Pick<Config, "CORRIDOR_DATA_DIR"> &
  Partial<Pick<Config, "DOCUMENT_STORE" | "S3_ENDPOINT" | "S3_REGION" | "S3_BUCKET" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE">>;

/** The store the settings name (local folder by default, or an S3-compatible bucket); one per process. */
export function documentStoreFor(config: StoreSettings): DocumentStore {
  if (config.DOCUMENT_STORE === "s3") {
    const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = config;
    if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) {
      throw new ConfigError("DOCUMENT_STORE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY; see .env.example.");
    }
    const id = `s3:${S3_ENDPOINT}/${S3_BUCKET}/${S3_ACCESS_KEY_ID}`;
    let store = stores.get(id);
    if (!store) {
      store = new S3DocumentStore({
        endpoint: S3_ENDPOINT,
        bucket: S3_BUCKET,
        region: config.S3_REGION || "us-east-1",
        accessKeyId: S3_ACCESS_KEY_ID,
        secretAccessKey: S3_SECRET_ACCESS_KEY,
        forcePathStyle: config.S3_FORCE_PATH_STYLE ?? true,
      });
      stores.set(id, store);
    }
    return store;
  }
  const root = config.CORRIDOR_DATA_DIR;
  let store = stores.get(root);
  if (!store) {
    store = new LocalDocumentStore(root);
    stores.set(root, store);
  }
  return store;
}
