// The request each kind of robot expects. 企业微信 and 钉钉 group robots take {msgtype:"text"};
// 钉钉's 加签 mode adds timestamp and sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret))
// to the URL; a generic webhook gets JSON, signed in X-Signature when a secret is set.
import crypto from "node:crypto";
import type { NotificationKind } from "@/db/tables";
import type { ChannelSecrets } from "./channel-secrets";

export interface NoticeContent {
  event: string;
  title: string;
  lines: string[];
  orderNo: string;
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return crypto.createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

export function buildRequest(kind: NotificationKind, secrets: ChannelSecrets, content: NoticeContent, now = Date.now()): { url: string; init: RequestInit } {
  const text = [content.title, ...content.lines].join("\n");
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (kind === "wecom") return { url: secrets.url, init: { method: "POST", headers, body: JSON.stringify({ msgtype: "text", text: { content: text } }) } };
  if (kind === "dingtalk") {
    const url = new URL(secrets.url);
    if (secrets.secret) {
      url.searchParams.set("timestamp", String(now));
      url.searchParams.set("sign", dingtalkSign(secrets.secret, now));
    }
    return { url: url.toString(), init: { method: "POST", headers, body: JSON.stringify({ msgtype: "text", text: { content: text } }) } };
  }
  const body = JSON.stringify({ event: content.event, orderNo: content.orderNo, title: content.title, text, sentAt: new Date(now).toISOString() });
  if (secrets.secret) {
    headers["x-timestamp"] = String(now);
    headers["x-signature"] = crypto.createHmac("sha256", secrets.secret).update(`${now}.${body}`).digest("hex");
  }
  return { url: secrets.url, init: { method: "POST", headers, body } };
}

/**
 * 企业微信 and 钉钉 answer HTTP 200 with {errcode} on failure: only errcode 0 is delivered.
 * A webhook is delivered on any 2xx.
 */
export async function deliveredOk(kind: NotificationKind, res: Response): Promise<{ ok: boolean; why: string }> {
  const text = await res.text();
  if (!res.ok) return { ok: false, why: `HTTP ${res.status}` };
  if (kind === "webhook") return { ok: true, why: "" };
  try {
    const { errcode, errmsg } = JSON.parse(text) as { errcode?: number; errmsg?: string };
    return errcode === 0 ? { ok: true, why: "" } : { ok: false, why: `errcode ${errcode}: ${errmsg ?? ""}` };
  } catch {
    return { ok: false, why: "应答不是 JSON" };
  }
}
