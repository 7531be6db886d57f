// Helpers for this folder's tests: a temporary emulator, a merchant that signs with node:crypto
// straight from the protocol, and local HTTP servers for the SDK and for notifies.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ensureEmulatorCredentials, readKeyFile } from "../keys";
import { handleAlipayBillDownload } from "./bill-api";
import { handleAlipayGateway } from "./gateway";
import { NOTIFY_EXCLUDE, signContent, type Params } from "./sign";
import { beijingTime } from "./time";

export { setUpTemporaryEmulator } from "../test-support";

export function merchantKeys() {
  const c = ensureEmulatorCredentials().alipay;
  return {
    appId: c.appId,
    sellerId: c.sellerId,
    appPrivateKeyPem: readKeyFile(c.appPrivateKeyPath),
    alipayPublicKeyPem: readKeyFile(c.alipayPublicKeyPath),
    appCertPem: readKeyFile(c.appCertPath),
    alipayPublicCertPem: readKeyFile(c.alipayPublicCertPath),
    alipayRootCertPem: readKeyFile(c.alipayRootCertPath),
  };
}

/** A merchant's signed request parameters: sign over everything but `sign`, RSA2. */
export function signedParams(method: string, biz: Record<string, unknown>, extra: Params = {}): Params {
  const keys = merchantKeys();
  const params: Params = {
    app_id: keys.appId,
    method,
    format: "JSON",
    charset: "utf-8",
    sign_type: "RSA2",
    timestamp: beijingTime(),
    version: "1.0",
    biz_content: JSON.stringify(biz),
    ...extra,
  };
  const content = Object.keys(params)
    .filter((k) => params[k] !== "")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
  params.sign = crypto.sign("sha256", Buffer.from(content), keys.appPrivateKeyPem).toString("base64");
  return params;
}

const GATEWAY = "http://127.0.0.1:3999/sandbox/alipay/gateway.do";

/** A server call the way alipay-sdk exec sends it: common params in the query, the rest in the body. */
export function apiRequest(params: Params): Request {
  const url = new URL(GATEWAY);
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) (k === "biz_content" ? body : url.searchParams).set(k, v);
  return new Request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: body.toString() });
}

export function pageUrl(params: Params): string {
  return `${GATEWAY}?${new URLSearchParams(params)}`;
}

export function verifyWithAlipayKey(content: string, sign: string): boolean {
  return crypto.verify("sha256", Buffer.from(content), merchantKeys().alipayPublicKeyPem, Buffer.from(sign, "base64"));
}

/** Verifies notify/return params as a merchant must: without sign and sign_type. */
export function verifyNotifyParams(params: Params): boolean {
  return verifyWithAlipayKey(signContent(params, NOTIFY_EXCLUDE), params.sign);
}

/** Pulls the `…_response` text out of a gateway body exactly as it appears, and the sign. */
export function splitSigned(body: string, key: string): { inner: string; sign: string } {
  const m = new RegExp(`^\\{"${key}":(\\{.*\\})(?:,"alipay_cert_sn":"[0-9a-f]+")?,"sign":"([A-Za-z0-9+/=]+)"\\}$`).exec(body);
  if (!m) throw new Error(`not a signed gateway body: ${body}`);
  return { inner: m[1], sign: m[2] };
}

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function closer(server: http.Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** A local HTTP face for handleAlipayGateway (and the bill links beside it), for the real alipay-sdk to talk to. */
export async function startGatewayServer(): Promise<LocalServer> {
  const { server, url } = await listen(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    // The Host header keeps the port, as a real server's request URL does (the bill link needs it).
    const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`), {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    // The bill download link is served beside the gateway, as the sandbox routes do.
    const response = request.url.includes("/downloadBillFile.resource") ? handleAlipayBillDownload(request) : await handleAlipayGateway(request);
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
  });
  return { url: `${url}/sandbox/alipay/gateway.do`, close: closer(server) };
}

export interface NotifyReceiver extends LocalServer {
  received: { contentType: string; body: string }[];
}

/** Records every notify; answers with answers[i] for the i-th (the last answer repeats). */
export async function startNotifyReceiver(answers: string[] = ["success"]): Promise<NotifyReceiver> {
  const received: NotifyReceiver["received"] = [];
  const { server, url } = await listen(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ contentType: String(req.headers["content-type"]), body: Buffer.concat(chunks).toString("utf8") });
    res.writeHead(200, { "Content-Type": "text/plain" }).end(answers[Math.min(received.length, answers.length) - 1]);
  });
  return { url: `${url}/notify`, received, close: closer(server) };
}

export async function waitUntil<T>(label: string, check: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
