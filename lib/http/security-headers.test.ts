import { describe, expect, test } from "vitest";
import { applySecurityHeaders, contentSecurityPolicy, newNonce, nonceOf, securityHeaders, type SecurityHeaderOptions } from "./security-headers";

const page = (overrides: Partial<SecurityHeaderOptions> = {}): SecurityHeaderOptions => ({
  pathname: "/pay/P123",
  serverBaseUrl: "http://localhost:3000",
  nonce: "bm9uY2Utb25l",
  ...overrides,
});

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe("content security policy of a page", () => {
  test("scripts only by the request's nonce (and what they load), no inline or eval", () => {
    const d = directives(contentSecurityPolicy(page()));
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2Utb25l'", "'strict-dynamic'"]);
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("script-src")).not.toContain("'unsafe-eval'");
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
  });

  test("styles: stylesheets and nonced <style>, plus React's style attributes", () => {
    const d = directives(contentSecurityPolicy(page()));
    expect(d.get("style-src")).toEqual(["'self'", "'nonce-bm9uY2Utb25l'"]);
    expect(d.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
  });

  test("nothing may frame the admin console, even with the emulator on", () => {
    for (const emulatorOn of [false, true]) {
      const options = page({ pathname: "/admin/orders", emulatorOn });
      expect(directives(contentSecurityPolicy(options)).get("frame-ancestors")).toEqual(["'none'"]);
      expect(securityHeaders(options)["x-frame-options"]).toBe("DENY");
    }
  });

  test.each([
    ["/f/demo", true, "'self'", "SAMEORIGIN"],
    ["/pay/P1", true, "'self'", "SAMEORIGIN"],
    ["/sandbox/wechat/h5", true, "'self'", "SAMEORIGIN"],
    ["/f/demo", false, "'none'", "DENY"],
    ["/", true, "'none'", "DENY"],
  ])("%s with the emulator %s: frame-ancestors %s", (pathname, emulatorOn, ancestors, xfo) => {
    const options = page({ pathname, emulatorOn });
    expect(directives(contentSecurityPolicy(options)).get("frame-ancestors")).toEqual([ancestors]);
    expect(securityHeaders(options)["x-frame-options"]).toBe(xfo);
  });

  test("forms post to ourselves and SERVER_BASE_URL; the emulator's cashier may redirect a post anywhere", () => {
    const ours = directives(contentSecurityPolicy(page({ serverBaseUrl: "https://pay.example.com/base" })));
    expect(ours.get("form-action")).toEqual(["'self'", "https://pay.example.com"]);
    const cashier = directives(contentSecurityPolicy(page({ pathname: "/sandbox/alipay/cashier/t1" })));
    expect(cashier.get("form-action")).toEqual(["'self'", "http:", "https:"]);
    // The emulator's plain HTML pages carry <style> blocks without a nonce.
    expect(cashier.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(cashier.get("script-src")).toContain("'nonce-bm9uY2Utb25l'");
  });

  test("next dev gets 'unsafe-eval', production does not", () => {
    expect(directives(contentSecurityPolicy(page({ dev: true }))).get("script-src")).toContain("'unsafe-eval'");
  });

  test("without a nonce (build-time headers) scripts are same-origin files only", () => {
    const d = directives(contentSecurityPolicy(page({ nonce: null, serverBaseUrl: null })));
    expect(d.get("script-src")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(false);
  });

  test("APIs load and frame nothing", () => {
    const policy = contentSecurityPolicy(page({ pathname: "/api/payment/orders" }));
    expect(directives(policy).get("default-src")).toEqual(["'none'"]);
    expect(directives(policy).get("frame-ancestors")).toEqual(["'none'"]);
    expect(nonceOf(policy)).toBeNull();
  });
});

describe("the other headers", () => {
  test("http: nosniff, strict referrer, DENY, no HSTS, no upgrade", () => {
    const headers = securityHeaders(page());
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers).not.toHaveProperty("strict-transport-security");
    expect(headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
  });

  test("https SERVER_BASE_URL: HSTS for a year and upgrade-insecure-requests", () => {
    const headers = securityHeaders(page({ serverBaseUrl: "https://pay.example.com" }));
    expect(headers["strict-transport-security"]).toBe("max-age=31536000");
    expect(headers["content-security-policy"]).toContain("upgrade-insecure-requests");
    expect(securityHeaders(page({ pathname: "/api/x", serverBaseUrl: "https://pay.example.com" }))["strict-transport-security"]).toBe(
      "max-age=31536000",
    );
  });

  test("applySecurityHeaders replaces what a response had", () => {
    const target = new Headers({ "X-Frame-Options": "ALLOWALL", "content-type": "text/html" });
    applySecurityHeaders(target, page());
    expect(target.get("x-frame-options")).toBe("DENY");
    expect(target.get("content-type")).toBe("text/html");
    expect(nonceOf(target.get("content-security-policy")!)).toBe("bm9uY2Utb25l");
  });

  test("nonces are fresh, 128-bit, base64", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
