// A minimal gateway.do on 127.0.0.1 for the adapter's tests: it merges query and form body,
// verifies the request's RSA2 signature with the test app public key, and answers the way Alipay
// does: {"<method>_response":<compact JSON, "/" escaped>,"sign":"<RSA2 over exactly that text>"}.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { REQUEST_EXCLUDE, rsa2Sign, signContent, type Params } from "../sign";
import { fixtureKeys } from "./keys";

export interface GatewayRequest {
  httpMethod: string;
  /** Query and body merged. */
  params: Params;
  /** Which parameters came in the URL query (the common ones, per the SDK). */
  queryKeys: string[];
  biz: Record<string, unknown>;
  signatureValid: boolean;
}

export type Reply =
  /** Signed like Alipay: the inner object under `<method>_response` (or `key`). */
  | { inner: Record<string, unknown>; key?: string; signWith?: string; certSn?: string }
  /** Exactly this body, HTTP 200 unless `status`. */
  | { raw: string; status?: number };

export type Handler = (request: GatewayRequest) => Reply;

export interface FakeGateway {
  url: string;
  requests: GatewayRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** The inner JSON as Alipay writes it: compact, raw UTF-8, "/" escaped as "\/". */
export function alipayJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, "\\/");
}

export function signedBody(key: string, inner: Record<string, unknown>, privatePem: string, certSn?: string): string {
  const innerText = alipayJson(inner);
  const sign = rsa2Sign(innerText, privatePem);
  const sn = certSn ? `,"alipay_cert_sn":"${certSn}"` : "";
  return `{"${key}":${innerText}${sn},"sign":"${sign}"}`;
}

export async function startFakeGateway(): Promise<FakeGateway> {
  const keys = fixtureKeys();
  const appPublicKey = crypto.createPublicKey(keys.appPublicPem);
  const requests: GatewayRequest[] = [];
  let handler: Handler = () => ({ raw: "no handler", status: 500 });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const params: Params = {};
      for (const [k, v] of url.searchParams) params[k] = v;
      for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString("utf8"))) params[k] = v;
      const signatureValid =
        Boolean(params.sign) &&
        crypto.verify("sha256", Buffer.from(signContent(params, REQUEST_EXCLUDE)), appPublicKey, Buffer.from(params.sign ?? "", "base64"));
      let biz: Record<string, unknown> = {};
      try {
        biz = params.biz_content ? JSON.parse(params.biz_content) : {};
      } catch {
        biz = {};
      }
      const request: GatewayRequest = {
        httpMethod: req.method ?? "",
        params,
        queryKeys: [...url.searchParams.keys()],
        biz,
        signatureValid,
      };
      requests.push(request);
      const responseKey = `${(params.method ?? "error").replaceAll(".", "_")}_response`;
      const reply: Reply = signatureValid
        ? handler(request)
        : {
            inner: {
              code: "40002",
              msg: "Invalid Arguments",
              sub_code: "isv.invalid-signature",
              sub_msg: `验签出错，验签字符串为：${signContent(params, REQUEST_EXCLUDE).slice(0, 100)}`,
            },
          };
      if ("raw" in reply) {
        res.writeHead(reply.status ?? 200, { "content-type": "text/html;charset=utf-8" });
        res.end(reply.raw);
        return;
      }
      res.writeHead(200, { "content-type": "text/html;charset=utf-8" });
      res.end(signedBody(reply.key ?? responseKey, reply.inner, reply.signWith ?? keys.alipayPrivatePem, reply.certSn));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/gateway.do`,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The SDK's client keeps connections alive.
        server.closeAllConnections();
      }),
  };
}
