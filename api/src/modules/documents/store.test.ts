import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalDocumentStore, storageKeyOf } from "./store.js";

const root = mkdtempSync(join(tmpdir(), "corridor-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("LocalDocumentStore", () => {
  const store = new LocalDocumentStore(root);
  const bytes = Buffer.from("%PDF-1.7 local");
  const sha = createHash("sha256").update(bytes).digest("hex");

  it("stores bytes under documents/<sha[0..2]>/<sha>.pdf, idempotently, leaving no temporary files", async () => {
    const key = await store.put(sha, bytes);
    expect(key).toBe(`documents/${sha.slice(0, 2)}/${sha}.pdf`);
    const path = join(root, key);
    const mtime = statSync(path).mtimeMs;
    await Promise.all([store.put(sha, bytes), store.put(sha, bytes)]);
    expect(statSync(path).mtimeMs).toBe(mtime);
    expect(readFileSync(path)).toEqual(bytes);
    expect(readdirSync(join(root, "documents", sha.slice(0, 2)))).toEqual([`${sha}.pdf`]);
    expect(await store.get(key)).toEqual(bytes);
    const opened = await store.open(key);
    expect(opened?.size).toBe(bytes.length);
    expect(Buffer.from(await new Response(opened?.stream).arrayBuffer())).toEqual(bytes);
  });

  it("answers null for missing documents and refuses keys that are not content addresses", async () => {
    expect(await store.get(storageKeyOf("0".repeat(64)))).toBeNull();
    expect(await store.open(storageKeyOf("0".repeat(64)))).toBeNull();
    await expect(store.get("../../etc/passwd")).rejects.toThrow(/outside the store/);
    expect(() => storageKeyOf("../x")).toThrow(/not a sha256/);
  });
});
