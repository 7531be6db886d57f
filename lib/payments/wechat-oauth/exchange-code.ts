// code → openid at the token endpoint, server to server. The answer is plain unsigned JSON: it is
// trusted because we fetched it over TLS from WeChat ourselves, never because a browser said so.
import { z } from "zod";
import type { OAuthApp } from "./oauth-app";

const TIMEOUT_MS = 10_000;

const tokenAnswer = z.object({
  openid: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  scope: z.string().optional(),
  is_snapshotuser: z.number().optional(),
});
const errorAnswer = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });

export type ExchangeResult =
  | { ok: true; openid: string; snapshotUser: boolean }
  | { ok: false; kind: "errcode"; errcode: number; errmsg: string }
  | { ok: false; kind: "unavailable"; detail: string };

export async function exchangeCode(app: OAuthApp, code: string, fetchImpl: typeof fetch = fetch): Promise<ExchangeResult> {
  const url = new URL(app.tokenUrl);
  url.searchParams.set("appid", app.appId);
  url.searchParams.set("secret", app.appSecret);
  url.searchParams.set("code", code);
  url.searchParams.set("grant_type", "authorization_code");
  let body: unknown;
  try {
    const response = await fetchImpl(url, { redirect: "error", signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: "application/json" } });
    if (!response.ok) return { ok: false, kind: "unavailable", detail: `HTTP ${response.status}` };
    body = JSON.parse(await response.text());
  } catch (error) {
    // The URL holds the secret: never put it (or the error, which may quote it) in a message.
    return { ok: false, kind: "unavailable", detail: error instanceof Error && error.name === "TimeoutError" ? "timeout" : "network or format error" };
  }
  const failed = errorAnswer.safeParse(body);
  if (failed.success && failed.data.errcode !== 0) return { ok: false, kind: "errcode", errcode: failed.data.errcode, errmsg: failed.data.errmsg ?? "" };
  const parsed = tokenAnswer.safeParse(body);
  if (!parsed.success) return { ok: false, kind: "unavailable", detail: "answer without openid" };
  return { ok: true, openid: parsed.data.openid, snapshotUser: parsed.data.is_snapshotuser === 1 };
}
