import type { Plugin } from "graphql-yoga";
import type { Config } from "../../config.js";
import type { Db } from "../../db/index.js";
import { decodeGlobalId } from "../../schema/global-id.js";
import { authenticate } from "../identity/authenticate.js";
import { visibleDocument } from "./access.js";
import { documentStoreFor } from "./store.js";

const PATH = /^\/documents\/([A-Za-z0-9_-]{4,512})\/download$/;

/**
 * GET /documents/:id/download: the PDF of an issued document, for those who may see it,
 * authenticated like GraphQL (bearer token, API key or session cookie). Anything else is 404,
 * so another org's document IDs reveal nothing.
 */
export function documentDownloads(opts: { db: Db; config: Config }): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const m = PATH.exec(url.pathname);
      if (!m) return;
      const notFound = () =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ error: "NOT_FOUND", message: "Document was not found." }), { status: 404, headers: { "content-type": "application/json" } }),
        );
      if (request.method !== "GET" && request.method !== "HEAD") {
        return endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: "GET, HEAD" } }));
      }
      let id: string;
      try {
        const decoded = decodeGlobalId(m[1] ?? "");
        if (decoded.typename !== "IssuedDocument") return notFound();
        id = decoded.id;
      } catch {
        return notFound();
      }
      const { actor } = await authenticate(opts.db, request.headers);
      const doc = await visibleDocument(opts.db, actor, id);
      if (!doc) return notFound();
      const etag = `"${doc.sha256}"`;
      const headers = {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${doc.number.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf"`,
        etag,
        "cache-control": "private, no-cache",
        "x-content-type-options": "nosniff",
      };
      if (
        request.headers
          .get("if-none-match")
          ?.split(",")
          .some((t) => t.trim() === etag)
      ) {
        return endResponse(new fetchAPI.Response(null, { status: 304, headers: { etag } }));
      }
      const file = await documentStoreFor(opts.config).open(doc.storageKey);
      if (!file) return notFound();
      if (request.method === "HEAD") {
        await file.stream.cancel();
        return endResponse(new fetchAPI.Response(null, { status: 200, headers: { ...headers, "content-length": String(file.size) } }));
      }
      return endResponse(new fetchAPI.Response(file.stream, { status: 200, headers: { ...headers, "content-length": String(file.size) } }));
    },
  };
}
