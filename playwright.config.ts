import { defineConfig, devices } from "@playwright/test";

// E2E_PORT: so two checkouts on one machine can run their suites side by side.
const PORT = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's chromium: Playwright cannot download a browser on this network.
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "bash e2e/start-server.sh",
    url: `${baseURL}/api/forms/demo`,
    timeout: 120_000,
    reuseExistingServer: false,
    // The specs pay many times with the demo answers from one address: lift the order rate limits.
    env: { PORT: String(PORT), SERVER_BASE_URL: baseURL, ORDER_RATE_LIMIT_PER_IP: "100000", ORDER_RATE_LIMIT_PER_PAYER: "100000" },
    stdout: "pipe",
    stderr: "pipe",
  },
});
