/** Name of the httpOnly cookie the API sets on login and clears on logout. */
export const SESSION_COOKIE = "corridor_session";

/** Request header set by src/proxy.ts so server components know the path being rendered. */
export const PATHNAME_HEADER = "x-corridor-pathname";
