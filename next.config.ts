import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or Node-only packages: bundling breaks them (wechatpay-node-v3's superagent → formidable
  // does a dynamic require; better-sqlite3 and argon2 are native addons).
  serverExternalPackages: ["better-sqlite3", "wechatpay-node-v3", "@node-rs/argon2", "node-forge"],
  poweredByHeader: false,
};

export default nextConfig;
