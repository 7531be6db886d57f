import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { buildRequest, deliveredOk, dingtalkSign } from "./messages";

const content = { event: "payment", title: "【收到付款】读书会", lines: ["金额：¥50.00"], orderNo: "202601010000000000000001" };

describe("robot requests", () => {
  test("钉钉 加签: timestamp and base64 HMAC-SHA256 of timestamp + \\n + secret on the URL", () => {
    const { url } = buildRequest("dingtalk", { url: "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: "SECxyz" }, content, 1700000000000);
    const u = new URL(url);
    expect(u.searchParams.get("access_token")).toBe("abc");
    expect(u.searchParams.get("timestamp")).toBe("1700000000000");
    expect(u.searchParams.get("sign")).toBe(crypto.createHmac("sha256", "SECxyz").update("1700000000000\nSECxyz").digest("base64"));
    expect(dingtalkSign("SECxyz", 1700000000000)).toBe(u.searchParams.get("sign"));
  });

  test("钉钉 without a secret and 企业微信 send the text as it is", () => {
    const ding = buildRequest("dingtalk", { url: "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: "" }, content);
    expect(new URL(ding.url).searchParams.has("sign")).toBe(false);
    const wecom = buildRequest("wecom", { url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", secret: "" }, content);
    expect(JSON.parse(wecom.init.body as string)).toEqual({ msgtype: "text", text: { content: "【收到付款】读书会\n金额：¥50.00" } });
  });

  test("a webhook with a secret is signed over timestamp.body", () => {
    const { init } = buildRequest("webhook", { url: "https://example.com/hook", secret: "s" }, content, 5);
    const headers = init.headers as Record<string, string>;
    expect(headers["x-signature"]).toBe(crypto.createHmac("sha256", "s").update(`5.${init.body as string}`).digest("hex"));
  });

  test("robots' errcode decides delivery; a webhook's status does", async () => {
    expect(await deliveredOk("wecom", new Response(JSON.stringify({ errcode: 0, errmsg: "ok" })))).toEqual({ ok: true, why: "" });
    expect((await deliveredOk("dingtalk", new Response(JSON.stringify({ errcode: 310000, errmsg: "sign not match" })))).ok).toBe(false);
    expect((await deliveredOk("webhook", new Response(null, { status: 204 }))).ok).toBe(true);
    expect((await deliveredOk("webhook", new Response("", { status: 500 }))).ok).toBe(false);
  });
});
