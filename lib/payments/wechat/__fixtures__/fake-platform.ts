// TEST-ONLY: a minimal WeChat Pay v3 on node:http, for the adapter's end-to-end tests. It checks
// the merchant's Authorization signature and answers signed. (The full emulator lives elsewhere.)
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encryptResource, platformSignatureHeaders, type PlatformSigner } from "./platform";

export interface SeenRequest {
  method: string;
  /** The raw request target, prefix included. */
  target: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** "valid" (default), "none", "rogue" (another key), "probe" (WECHATPAY/SIGNTEST/), or a timestamp offset. */
  signing?: "valid" | "none" | "rogue" | "probe" | { timestampOffsetSeconds: number };
}

export interface FakePlatformOptions {
  prefix: string;
  merchantCertPem: string;
  mchId: string;
  apiV3Key: string;
  signer: PlatformSigner;
  rogueKeyPem: string;
  /** Certificate mode: served (encrypted) on GET /v3/certificates. */
  platformCertPem?: string;
  route: (method: string, path: string, body: string) => Reply;
}

export async function startFakePlatform(options: FakePlatformOptions) {
  const seen: SeenRequest[] = [];
  const merchantCert = new crypto.X509Certificate(options.merchantCertPem);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const target = req.url ?? "";
      seen.push({ method: req.method ?? "", target, headers: req.headers, body });
      const path = target.startsWith(options.prefix) ? target.slice(options.prefix.length) : target;
      const send = (reply: Reply) => {
        const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
        const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8" };
        const signing = reply.signing ?? "valid";
        if (signing !== "none") {
          const offset = typeof signing === "object" ? signing.timestampOffsetSeconds : 0;
          const signer = signing === "rogue" ? { ...options.signer, privateKeyPem: options.rogueKeyPem } : options.signer;
          Object.assign(
            headers,
            platformSignatureHeaders(text, signer, {
              timestamp: Math.floor(Date.now() / 1000) + offset,
              signature: signing === "probe" ? "WECHATPAY/SIGNTEST/c2lnbmF0dXJlLXRlc3Q=" : undefined,
            }),
          );
        }
        res.writeHead(reply.status, headers).end(text);
      };

      // Verified over the target as received (prefix included), as WeChat and the emulator do.
      const authError = checkAuthorization(req, target, body, merchantCert, options.mchId);
      if (authError) return send({ status: 401, body: { code: "SIGN_ERROR", message: authError }, signing: "none" });
      if (req.method === "GET" && path === "/v3/certificates" && options.platformCertPem) {
        return send({ status: 200, body: { data: [encryptedCertificate(options.platformCertPem, options.apiV3Key)] } });
      }
      send(options.route(req.method ?? "", path, body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${options.prefix}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function checkAuthorization(
  req: http.IncomingMessage,
  target: string,
  body: string,
  merchantCert: crypto.X509Certificate,
  mchId: string,
): string | null {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("WECHATPAY2-SHA256-RSA2048 ")) return "Http头Authorization值格式错误";
  const fields = Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  if (fields.mchid !== mchId) return "mchid 不符";
  if (fields.serial_no?.toUpperCase() !== merchantCert.serialNumber.toUpperCase()) return "商户证书序列号有误";
  const message = `${req.method}\n${target}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
  const ok = crypto.verify("RSA-SHA256", Buffer.from(message), merchantCert.publicKey, Buffer.from(fields.signature ?? "", "base64"));
  return ok ? null : "签名信息错误，验签失败";
}

function encryptedCertificate(certPem: string, apiV3Key: string) {
  const nonce = crypto.randomBytes(6).toString("hex");
  const cert = new crypto.X509Certificate(certPem);
  return {
    serial_no: cert.serialNumber,
    effective_time: "2024-01-01T08:00:00+08:00",
    expire_time: "2049-01-01T08:00:00+08:00",
    encrypt_certificate: {
      algorithm: "AEAD_AES_256_GCM",
      nonce,
      associated_data: "certificate",
      ciphertext: encryptResource(certPem, apiV3Key, nonce, "certificate"),
    },
  };
}
