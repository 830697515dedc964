/**
 * The web server's configuration, read once. Only server code imports this; the browser reaches
 * the API through the same-origin `/graphql` rewrite in next.config.ts.
 */
function apiUrlFromEnv(): string {
  const raw = process.env.CORRIDOR_API_URL ?? "http://127.0.0.1:4000";
  try {
    return new URL(raw).toString().replace(/\/+$/, "");
  } catch {
    throw new Error(`CORRIDOR_API_URL is not a valid URL: ${raw}`);
  }
}

export const env = {
  /** Base URL of the Corridor API, without a trailing slash. */
  apiUrl: apiUrlFromEnv(),
  /** Show the demo accounts on the login page: CORRIDOR_DEMO=1, or any non-production run. */
  showDemoHint: process.env.CORRIDOR_DEMO ? process.env.CORRIDOR_DEMO === "1" : process.env.NODE_ENV !== "production",
};
