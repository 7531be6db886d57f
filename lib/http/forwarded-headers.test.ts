import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { normaliseForwardedHeaders } from "./forwarded-headers";
import { installForwardedHeadersHook } from "./forwarded-hook";

const forged = () => ({
  host: "pay.example.com",
  "x-forwarded-for": "6.6.6.6",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  forwarded: "for=6.6.6.6;host=evil.example",
});

describe("normaliseForwardedHeaders", () => {
  test("TRUST_PROXY=0: X-Forwarded-For is the socket's address, the rest is dropped", () => {
    const headers: http.IncomingHttpHeaders = forged();
    normaliseForwardedHeaders(headers, "203.0.113.9", 0);
    expect(headers).toEqual({ host: "pay.example.com", "x-forwarded-for": "203.0.113.9" });
  });

  test("TRUST_PROXY=0 and a request without forwarded headers: only the socket's address is added", () => {
    const headers: http.IncomingHttpHeaders = { host: "a" };
    normaliseForwardedHeaders(headers, "::1", 0);
    expect(headers).toEqual({ host: "a", "x-forwarded-for": "::1" });
  });

  test("TRUST_PROXY=n: what the proxies wrote is kept", () => {
    const headers: http.IncomingHttpHeaders = forged();
    normaliseForwardedHeaders(headers, "10.0.0.2", 1);
    expect(headers).toEqual(forged());
  });
});

describe("the hook in front of a real HTTP server", () => {
  let trustProxy = 0;
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    installForwardedHeadersHook(() => trustProxy);
    installForwardedHeadersHook(() => 99); // a second call is a no-op
    server = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const seen = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6", "x-forwarded-host": "evil.example" } });
    return (await res.json()) as Record<string, string>;
  };

  test("a forged X-Forwarded-For / -Host never reaches the handler when no proxy is trusted", async () => {
    trustProxy = 0;
    const headers = await seen();
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers).not.toHaveProperty("x-forwarded-host");
  });

  test("behind a trusted proxy they pass", async () => {
    trustProxy = 1;
    const headers = await seen();
    expect(headers["x-forwarded-for"]).toBe("6.6.6.6");
    expect(headers["x-forwarded-host"]).toBe("evil.example");
  });
});
