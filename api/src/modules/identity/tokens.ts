import { createHash, randomBytes } from "node:crypto";

/** Session tokens: `cor_s_<43 chars>`; API keys: `cor_k_<prefix>_<secret>`. Only SHA-256 digests are stored. */
export const SESSION_PREFIX = "cor_s_";
export const API_KEY_PREFIX = "cor_k_";

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function newSessionToken(): { token: string; hash: string } {
  const token = SESSION_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: sha256(token) };
}

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString("hex");
  const key = `${API_KEY_PREFIX}${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: sha256(key) };
}

export function parseApiKey(key: string): { prefix: string } | null {
  const m = /^cor_k_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key);
  return m?.[1] ? { prefix: m[1] } : null;
}

export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: sha256(token) };
}
