import { toHex } from "./format";

/**
 * SHA-256 of a file, computed in the browser with WebCrypto: the file itself is never uploaded.
 * Documents are at most a few megabytes, so one digest over the whole buffer is fine.
 */
export async function sha256OfFile(file: Blob): Promise<string> {
  const buffer = await file.arrayBuffer();
  return toHex(await crypto.subtle.digest("SHA-256", buffer));
}

/** Whether a chosen file looks like a PDF: its type, or its name when the browser gives no type. */
export function looksLikePdf(file: { name: string; type: string }): boolean {
  return file.type === "application/pdf" || (file.type === "" || file.type === "application/octet-stream" ? /\.pdf$/i.test(file.name) : false);
}
