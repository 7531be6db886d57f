import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "payer/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // Integration tests share real SQLite files and ports; files run in parallel, tests inside serially.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    setupFiles: ["./test/setup.ts"],
  },
});
