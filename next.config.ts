import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers";

// The nonce-less security headers, for what proxy.ts does not see (requests with a body, static
// assets). Built at build time, so no HSTS here: proxy.ts adds it from the runtime settings, and
// replaces these on every request it sees (same lower-case names).
const staticHeaders = (pathname: string) =>
  Object.entries(securityHeaders({ pathname, serverBaseUrl: null, nonce: null })).map(
    ([key, value]) => ({ key, value }),
  );

const nextConfig: NextConfig = {
  // Native or Node-only packages: bundling breaks them (wechatpay-node-v3's superagent → formidable
  // does a dynamic require; better-sqlite3 and argon2 are native addons).
  serverExternalPackages: ["better-sqlite3", "wechatpay-node-v3", "@node-rs/argon2", "node-forge", "pino", "pg"],
  poweredByHeader: false,
  async headers() {
    // Later entries win for the same header: the most specific last.
    return [
      { source: "/:path*", headers: staticHeaders("/") },
      { source: "/sandbox/:path*", headers: staticHeaders("/sandbox/") },
      { source: "/api/:path*", headers: staticHeaders("/api/") },
      // The payer islands' bundles: content-hashed names, so a name never changes its content.
      { source: "/payer-assets/:file*", headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }] },
    ];
  },
};

export default nextConfig;
