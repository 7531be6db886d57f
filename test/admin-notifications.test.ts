// Being told: a payment sends a message to each matching channel by a job, retried when the
// robot answers 500; 钉钉's 加签 mode signs timestamp + "\n" + secret; a form's channel hears only
// its form; secrets are stored encrypted and never returned. The robots are a local stand-in.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, runJobsOnce, startHarness, waitFor, type Harness } from "./harness";
import { signInAsAdmin } from "./admin";

interface Received { path: string; query: URLSearchParams; body: { msgtype?: string; text?: { content: string }; event?: string }; headers: http.IncomingHttpHeaders }

let h: Harness;
let auth: Record<string, string>;
let robot: http.Server;
let robotUrl: string;
const received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  robot = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://robot");
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end("busy");
        return;
      }
      received.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(body), headers: req.headers });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
    });
  });
  await new Promise<void>((r) => robot.listen(0, "127.0.0.1", r));
  robotUrl = `http://127.0.0.1:${(robot.address() as AddressInfo).port}`;
  h = await startHarness();
  auth = (await signInAsAdmin(h)).headers;
});
afterAll(async () => {
  await h.close();
  await new Promise<void>((r) => robot.close(() => r()));
});

const send = (method: string, url: string, body?: unknown) =>
  h.fetch(url, { method, headers: { ...auth, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

async function payDemo(): Promise<string> {
  const res = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat" });
  const created = (await res.json()) as { orderNo: string; codeUrl: string };
  const emu = await import("@/lib/emulator/wechat");
  const { getDb } = await import("@/db/client");
  const { getOrderByNo } = await import("@/db/queries/orders");
  expect(emu.payByCodeUrl(created.codeUrl)).toBeTruthy();
  await waitFor("paid", async () => (await getOrderByNo(getDb(), created.orderNo))?.status === "paid");
  return created.orderNo;
}

describe("notification channels", () => {
  test("a payment reaches 企业微信 and signed 钉钉 by job, retried after a 500; an other form's channel stays quiet", async () => {
    const wecom = await send("POST", "/api/admin/notifications", { kind: "wecom", name: "财务群", events: ["payment", "anomaly"], url: `${robotUrl}/wecom?key=abc` });
    expect(wecom.status).toBe(201);
    const wecomBody = (await wecom.json()) as Record<string, unknown>;
    expect(JSON.stringify(wecomBody)).not.toContain("key=abc");
    expect(wecomBody).toMatchObject({ kindLabel: "企业微信群机器人", eventLabels: ["收到付款", "订单异常"], urlHost: expect.stringContaining("127.0.0.1") });
    const ding = await send("POST", "/api/admin/notifications", { kind: "dingtalk", name: "钉钉群", events: ["payment"], url: `${robotUrl}/ding?access_token=t1`, secret: "SECtest-secret" });
    expect(ding.status).toBe(201);
    const other = await send("POST", "/api/admin/forms", { title: "别的表单", slug: "elsewhere", fields: [{ id: "name", type: "text", label: "姓名" }] });
    const otherId = ((await other.json()) as { id: number }).id;
    expect((await send("POST", "/api/admin/notifications", { kind: "webhook", name: "只听别的表单", formId: otherId, events: ["payment"], url: `${robotUrl}/hook` })).status).toBe(201);

    const { getDb } = await import("@/db/client");
    const { getFormBySlug } = await import("@/db/queries/forms");
    expect((await getFormBySlug(getDb(), "demo"))!.id).not.toBe(otherId);

    const orderNo = await payDemo();
    failNext = 1; // the first send gets a 500
    await runJobsOnce(); // two sends, queued with the payment: one fails
    expect(received).toHaveLength(1);
    await runJobsOnce(Date.now() + 10 * 60_000); // the failed send again, past its backoff
    expect(received.map((r) => r.path).sort()).toEqual(["/ding", "/wecom"]);
    for (const r of received) {
      expect(r.body.msgtype).toBe("text");
      expect(r.body.text!.content).toContain("【收到付款】");
      expect(r.body.text!.content).toContain(orderNo);
      expect(r.body.text!.content).toContain("¥50.00");
    }
    const dingReq = received.find((r) => r.path === "/ding")!;
    const timestamp = dingReq.query.get("timestamp")!;
    const expected = crypto.createHmac("sha256", "SECtest-secret").update(`${timestamp}\nSECtest-secret`).digest("base64");
    expect(dingReq.query.get("sign")).toBe(expected);
    expect(dingReq.query.get("access_token")).toBe("t1");
    await runJobsOnce(Date.now() + 60 * 60_000);
    expect(received).toHaveLength(2); // nothing sent twice
  });

  test("the secrets are encrypted in the database", async () => {
    const { getDb } = await import("@/db/client");
    const { listChannels } = await import("@/db/queries/notification-channels");
    for (const row of await listChannels(getDb())) {
      expect(row.secretsEncrypted).not.toContain("127.0.0.1");
      expect(row.secretsEncrypted).not.toContain("SECtest");
    }
  });

  test("bad input is a 422 in Chinese; the test button reports delivery", async () => {
    const bad = await send("POST", "/api/admin/notifications", { kind: "wecom", name: "", events: [], url: "not a url" });
    expect(bad.status).toBe(422);
    const { error } = (await bad.json()) as { error: { details: Array<{ issue: string }> } };
    expect(error.details.map((d) => d.issue).join()).toMatch(/名称|地址|事件/);
    const { items } = (await (await send("GET", "/api/admin/notifications")).json()) as { items: Array<{ id: number; name: string }> };
    const wecom = items.find((i) => i.name === "财务群")!;
    const before = received.length;
    expect((await send("POST", `/api/admin/notifications/${wecom.id}/test`, {})).status).toBe(200);
    expect(received).toHaveLength(before + 1);
    failNext = 1;
    expect((await send("POST", `/api/admin/notifications/${wecom.id}/test`, {})).status).toBe(502);
  });
});
