import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // No rewrite for /graphql: src/app/graphql/route.ts forwards it with the API URL read at run
  // time (a rewrite's destination is fixed when `next build` runs).
};

export default nextConfig;
