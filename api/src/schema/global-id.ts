import { ValidationError } from "../errors.js";

/** Relay global IDs: base64url("Type:id"). Opaque to clients, stable for bookmarks. */
export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${String(id)}`, "utf8").toString("base64url");
}

const shape = /^[A-Za-z0-9_-]{4,512}$/;

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const text = shape.test(globalId) ? Buffer.from(globalId, "base64url").toString("utf8") : "";
  const sep = text.indexOf(":");
  const typename = text.slice(0, sep);
  const id = text.slice(sep + 1);
  if (sep < 1 || !/^[A-Z][A-Za-z0-9]*$/.test(typename) || !id || encodeGlobalId(typename, id) !== globalId) {
    throw new ValidationError(`"${globalId.slice(0, 64)}" is not a valid ID.`, [{ path: ["id"], message: "not a valid ID" }]);
  }
  return { typename, id };
}

/** Decodes an ID that must be of one type, e.g. a Membership ID passed to removeMember. */
export function decodeIdOf(globalId: string, typename: string, path = "id"): string {
  const decoded = decodeGlobalId(globalId);
  if (decoded.typename !== typename) {
    throw new ValidationError(`The ID given for ${path} is a ${decoded.typename} ID, not a ${typename} ID.`, [{ path: [path], message: `expected a ${typename} ID` }]);
  }
  return decoded.id;
}
