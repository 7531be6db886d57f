import { Writable } from "node:stream";
import { afterEach, expect, test } from "vitest";
import { createLogger, log, rootLogger, replaceRootLogger, withRequestLog } from "./log";

const original = rootLogger;
afterEach(() => replaceRootLogger(original));

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  replaceRootLogger(createLogger(stream, "info"));
  return lines;
}

test("secrets are redacted by the logger itself, wherever they sit", () => {
  const lines = capture();
  log().info({ account: { privateKeyPem: "-----BEGIN PRIVATE KEY-----x", apiV3Key: "k".repeat(32) }, headers: { authorization: "WECHATPAY2 x", cookie: "s=1" } }, "x");
  const text = JSON.stringify(lines);
  expect(text).not.toContain("BEGIN PRIVATE KEY");
  expect(text).not.toContain("kkkk");
  expect(text).not.toContain("WECHATPAY2");
  expect(lines[0]).toMatchObject({ account: { privateKeyPem: "[redacted]", apiV3Key: "[redacted]" }, headers: { authorization: "[redacted]" } });
});

test("every line a request writes carries its request id, and the request ends with one line: method, path, status, duration", async () => {
  const lines = capture();
  const response = await withRequestLog(new Request("http://x/api/payment/orders?token=secret"), async () => {
    log().warn("inside");
    return new Response(null, { status: 418 });
  });
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toMatch(/^[0-9a-f]{16}$/);
  expect(lines.map((l) => l.requestId)).toEqual([requestId, requestId]);
  expect(lines[1]).toMatchObject({ method: "GET", path: "/api/payment/orders", status: 418 });
  expect(typeof lines[1].durationMs).toBe("number");
  expect(JSON.stringify(lines)).not.toContain("secret");
});

test("an unhandled error is logged with its stack and answered as a generic 500 without it", async () => {
  const lines = capture();
  const { handleRoute } = await import("./errors");
  const route = handleRoute(async () => {
    throw new Error("database exploded at line 42");
  });
  const response = await route(new Request("http://x/api/x"), {});
  expect(response.status).toBe(500);
  const body = await response.text();
  expect(body).not.toContain("exploded");
  expect(body).toContain("服务器内部错误");
  expect(lines.find((l) => l.msg === "unhandled error")).toMatchObject({ err: { message: "database exploded at line 42" } });
  expect(JSON.stringify(lines)).toContain("stack");
});
