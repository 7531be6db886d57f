// Issue 7's web protections through the real route handlers: request bodies are refused past
// their limit before they are read whole, and a forged X-Forwarded-Host does not pass the Origin check.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const NOTIFY_ROUTES = ["/api/payment/wechat/notify", "/api/payment/alipay/notify", "/api/payment/wechat/notify/1", "/api/payment/alipay/notify/1"];

describe("body limits", () => {
  test.each(NOTIFY_ROUTES)("%s refuses a notify over 64 KB with 413 in the platform's rejection shape", async (route) => {
    const res = await h.fetch(route, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(64 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    if (route.includes("wechat")) expect(await res.json()).toEqual({ code: "FAIL", message: "payload too large" });
    else expect(await res.text()).toBe("fail");
  });

  test("a notify of ordinary size still gets to the verifier (refused there as unsigned, not 413)", async () => {
    const res = await h.fetch("/api/payment/wechat/notify", { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(4096) });
    expect(res.status).not.toBe(413);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  test("POST /api/payment/orders refuses a JSON body over 1 MB with 413 and a Chinese message", async () => {
    const answers = { name: "张三", phone: "13800138000", session: "sat", filler: "x".repeat(1024 * 1024) };
    const res = await h.postJson("/api/payment/orders", { formSlug: "demo", answers, provider: "wechat" });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error.code).toBe("payload_too_large");
    expect(body.error.message).toBe("请求内容过大");
  });

  /**
   * Streams up to 100 MB in chunks without a Content-Length, as slowly as a real upload; resolves
   * with the answer's status and how much had been sent when it came. The server answers 413 and
   * closes the connection; a client still sending then may see the close as a reset (EPIPE,
   * ECONNRESET) before it reads the 413, as any HTTP client does: status 0, still a refusal.
   */
  function streamHuge(pathname: string, contentType: string): Promise<{ status: number; sentBytes: number; ms: number }> {
    const totalBytes = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const started = Date.now();
    return new Promise((resolve, reject) => {
      let sentBytes = 0;
      let answered = false;
      const req = http.request(new URL(pathname, h.baseUrl), { method: "POST", headers: { "content-type": contentType } }, (res) => {
        answered = true;
        res.resume();
        resolve({ status: res.statusCode ?? 0, sentBytes, ms: Date.now() - started });
        req.destroy();
      });
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (answered) return;
        answered = true;
        if (error.code === "EPIPE" || error.code === "ECONNRESET") resolve({ status: 0, sentBytes, ms: Date.now() - started });
        else reject(error);
      });
      const pump = () => {
        if (answered) return;
        if (sentBytes >= totalBytes) return void req.end();
        sentBytes += chunk.length;
        req.write(chunk);
        setTimeout(pump, 2); // ~30 MB/s: 100 MB would take seconds
      };
      pump();
    });
  }

  test("a 100 MB notify streamed without a length is cut off at the limit, long before it is all sent", async () => {
    const { status, sentBytes, ms } = await streamHuge("/api/payment/alipay/notify", "application/x-www-form-urlencoded");
    expect([413, 0]).toContain(status);
    expect(sentBytes).toBeLessThan(10 * 1024 * 1024);
    expect(ms).toBeLessThan(3000);
  });

  test("a 100 MB JSON body streamed without a length is cut off at the limit", async () => {
    const { status, sentBytes } = await streamHuge("/api/payment/orders", "application/json");
    expect([413, 0]).toContain(status);
    expect(sentBytes).toBeLessThan(10 * 1024 * 1024);
  });
});

describe("Origin check behind proxies", () => {
  const signIn = (headers: Record<string, string>) => h.postJson("/api/admin/login", { username: "nobody", password: "wrong-password" }, headers);

  test("a forged X-Forwarded-Host does not make a foreign Origin ours (TRUST_PROXY=0)", async () => {
    const res = await signIn({ origin: "http://evil.example", "x-forwarded-host": "evil.example" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/CSRF/);
  });

  test("our own origin passes the check (and the sign-in is then judged on the password)", async () => {
    const res = await signIn({ origin: new URL(h.baseUrl).origin, "x-forwarded-host": "evil.example" });
    expect(res.status).toBe(401);
  });

  test("behind a trusted proxy, the host the proxy forwarded is ours", async () => {
    const { resetSettingsCache } = await import("@/lib/env");
    process.env.TRUST_PROXY = "1";
    resetSettingsCache();
    try {
      const viaProxy = await signIn({ origin: "https://pay.example.com", "x-forwarded-host": "pay.example.com" });
      expect(viaProxy.status).toBe(401);
      // The proxy overwrote or appended the host: only its (last) value counts.
      const appended = await signIn({ origin: "http://evil.example", "x-forwarded-host": "evil.example, pay.example.com" });
      expect(appended.status).toBe(403);
    } finally {
      delete process.env.TRUST_PROXY;
      resetSettingsCache();
    }
  });
});
