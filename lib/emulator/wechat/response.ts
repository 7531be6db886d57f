// Platform answers. Everything the platform authenticated is signed (2xx, 204 with its empty body,
// 4xx, 5xx); a request it could not authenticate gets an unsigned 401.
import crypto from "node:crypto";
import type { PlatformSigningKey } from "./credentials";
import { signatureHeaders } from "./sign";

export interface ErrorBody {
  code: string;
  message: string;
  detail?: { location: string; value?: unknown; field?: string };
}

/** An answer the platform refuses with; thrown inside handlers, turned into a signed error. */
export class WechatApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: ErrorBody["detail"],
  ) {
    super(message);
    this.name = "WechatApiError";
  }

  body(): ErrorBody {
    return this.detail ? { code: this.code, message: this.message, detail: this.detail } : { code: this.code, message: this.message };
  }
}

export const paramError = (message: string, field?: string, value?: unknown) =>
  new WechatApiError(400, "PARAM_ERROR", message, field ? { location: "body", field, value } : undefined);

/** Request-ID's suffix after the last "-" is WeChat's internal error number (0 = fine). */
function requestId(status: number): string {
  const code = status < 300 ? 0 : 268_000_000 + status;
  return `${crypto.randomBytes(16).toString("hex").toUpperCase()}-${code}`;
}

function baseHeaders(status: number): Record<string, string> {
  return { "Content-Type": "application/json; charset=utf-8", "Request-ID": requestId(status) };
}

export function signedResponse(status: number, body: unknown, key: PlatformSigningKey): Response {
  const text = body === null || body === undefined ? "" : JSON.stringify(body);
  const headers = { ...baseHeaders(status), ...signatureHeaders(text, key) };
  return new Response(status === 204 ? null : text, { status, headers });
}

export function unsignedResponse(status: number, body: ErrorBody): Response {
  return new Response(JSON.stringify(body), { status, headers: baseHeaders(status) });
}
