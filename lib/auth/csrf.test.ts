import { afterEach, describe, expect, test } from "vitest";
import { resetSettingsCache } from "@/lib/env";
import { originAllowed } from "./csrf";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetSettingsCache();
});

function withSettings(trustProxy: number) {
  process.env = { ...saved, NODE_ENV: "test", SERVER_BASE_URL: "https://pay.example.com", TRUST_PROXY: String(trustProxy) };
  resetSettingsCache();
}

const post = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/admin/forms", { method: "POST", headers });

describe("originAllowed", () => {
  test.each([
    // [label, TRUST_PROXY, headers, allowed]
    ["no Origin (same-origin GET-like, curl)", 0, { host: "127.0.0.1:3000" }, true],
    ["SERVER_BASE_URL's origin", 0, { origin: "https://pay.example.com", host: "10.0.0.5:3000" }, true],
    ["the Host it was sent to, reached directly", 0, { origin: "http://10.0.0.5:3000", host: "10.0.0.5:3000" }, true],
    ["a foreign Origin", 0, { origin: "https://evil.example", host: "10.0.0.5:3000" }, false],
    ["a foreign Origin with a forged X-Forwarded-Host, no proxy trusted", 0, { origin: "https://evil.example", host: "10.0.0.5:3000", "x-forwarded-host": "evil.example" }, false],
    ["the opaque origin", 0, { origin: "null", host: "10.0.0.5:3000" }, false],
    ["not a URL", 0, { origin: "::", host: "10.0.0.5:3000" }, false],
    ["behind a trusted proxy, the host it forwarded", 1, { origin: "https://shop.example.com", host: "app:3000", "x-forwarded-host": "shop.example.com" }, true],
    ["behind a trusted proxy, only its own (last) entry counts", 1, { origin: "https://evil.example", host: "app:3000", "x-forwarded-host": "evil.example, shop.example.com" }, false],
    ["behind a trusted proxy that sent no X-Forwarded-Host, the Host", 1, { origin: "http://app:3000", host: "app:3000" }, true],
  ])("%s", (_label, trustProxy, headers, allowed) => {
    withSettings(trustProxy);
    expect(originAllowed(post(headers))).toBe(allowed);
  });
});
