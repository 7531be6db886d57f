// The forms list's counts, option labels on the order list, the order and submission exports
// (xlsx read back with ExcelJS, CSV with long numbers kept as text), and closing an order by
// hand — all through the real routes, paid through the emulator.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, waitFor, type Harness } from "./harness";
import { signInAsAdmin } from "./admin";

let h: Harness;
let auth: Record<string, string>;
let emu: typeof import("@/lib/emulator/wechat");
let db: typeof import("@/db/client");
let orders: typeof import("@/db/queries/orders");

const send = (method: string, url: string, body?: unknown) =>
  h.fetch(url, { method, headers: { ...auth, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

interface Created { orderNo: string; codeUrl: string }
async function order(formSlug: string, answers: Record<string, unknown>): Promise<Created> {
  const res = await h.postJson("/api/payment/orders", { formSlug, answers, provider: "wechat" });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}
async function pay(created: Created) {
  expect(emu.payByCodeUrl(created.codeUrl)).toBeTruthy();
  await waitFor("paid", async () => (await orders.getOrderByNo(db.getDb(), created.orderNo))?.status === "paid");
}

let otherFormId: number;
const paidOrders: string[] = [];
let pendingOrder: string;
beforeAll(async () => {
  h = await startHarness();
  auth = (await signInAsAdmin(h)).headers;
  emu = await import("@/lib/emulator/wechat");
  db = await import("@/db/client");
  orders = await import("@/db/queries/orders");
  const created = await send("POST", "/api/admin/forms", {
    title: "第二个表单",
    slug: "second",
    fields: [
      { id: "name", type: "text", label: "姓名", required: true },
      { id: "fee", type: "payment", label: "报名费", payment: { mode: "fixed", amountYuan: "12.3" } },
    ],
    methods: ["wechat"],
  });
  expect(created.status).toBe(201);
  otherFormId = ((await created.json()) as { id: number }).id;
  expect((await send("POST", `/api/admin/forms/${otherFormId}/publish`)).status).toBe(200);
  // demo: three paid (¥50 each) and one pending; second: one paid (¥12.30), one pending.
  for (let i = 0; i < 3; i++) {
    const o = await order("demo", { ...DEMO_ANSWERS, session: i === 0 ? "sun" : "sat" });
    await pay(o);
    paidOrders.push(o.orderNo);
  }
  pendingOrder = (await order("demo", DEMO_ANSWERS)).orderNo;
  const second = await order("second", { name: "王五" });
  await pay(second);
  paidOrders.push(second.orderNo);
  await order("second", { name: "赵六" });
});
afterAll(() => h.close());

describe("lists", () => {
  test("each form counts its own submissions, paid ones and paid amount", async () => {
    const { forms: items } = (await (await send("GET", "/api/admin/forms")).json()) as { forms: Array<{ slug: string; submissionCount: number; paidCount: number; paidFen: number }> };
    expect(items.find((f) => f.slug === "demo")).toMatchObject({ submissionCount: 4, paidCount: 3, paidFen: 15000 });
    expect(items.find((f) => f.slug === "second")).toMatchObject({ submissionCount: 2, paidCount: 1, paidFen: 1230 });
  });

  test("the order list shows choices by their labels, never their values", async () => {
    const { items } = (await (await send("GET", "/api/admin/orders?formId=1")).json()) as { items: Array<{ orderNo: string; answersSummary: string }> };
    const summaries = items.map((i) => i.answersSummary).join("\n");
    expect(summaries).toContain("周六下午");
    expect(summaries).toContain("周日上午");
    expect(summaries).not.toMatch(/\b(sat|sun)\b/);
  });
});

describe("exports", () => {
  test("orders as xlsx, filtered as on screen: text order numbers, method, trade number, times", async () => {
    const res = await send("GET", "/api/admin/orders/export?format=xlsx&status=paid");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet("订单")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(["订单号", "表单", "支付方式", "状态", "金额（元）", "已退款（元）", "平台交易号", "下单时间（北京时间）", "支付时间（北京时间）", "最近退款时间（北京时间）", "提交内容"]);
    expect(sheet.rowCount).toBe(1 + paidOrders.length);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
    expect(rows.map((r) => r[0]).sort()).toEqual([...paidOrders].sort());
    for (const r of rows) {
      expect(typeof r[0]).toBe("string");
      expect(r[2]).toBe("微信支付 · 扫码支付");
      expect(r[3]).toBe("已支付");
      expect(typeof r[6]).toBe("string");
      expect(String(r[6]).length).toBeGreaterThan(10);
      expect(r[8]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    expect(rows.find((r) => r[1] === "第二个表单")?.[4]).toBe(12.3);
  });

  test("orders as CSV: long numbers written so Excel keeps them as text", async () => {
    const res = await send("GET", `/api/admin/orders/export?format=csv&q=${paidOrders[0]}`);
    expect(res.status).toBe(200);
    const text = (await res.text()).replace(/^\uFEFF/, "");
    const [, line] = text.split("\r\n");
    expect(line.startsWith(`"=""${paidOrders[0]}"""`)).toBe(true);
    expect(line).toContain("微信支付 · 扫码支付");
    expect(line).toContain(",50.00,");
  });

  test("submissions as xlsx: the payment column filled, with order facts", async () => {
    const res = await send("GET", `/api/admin/forms/${otherFormId}/submissions/export?format=xlsx`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet("提交记录")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const paid = (sheet.getRow(3).values as unknown[]).slice(1); // newest first: row 3 is 王五's
    const at = (name: string) => paid[header.indexOf(name)];
    expect(at("姓名")).toBe("王五");
    expect(at("报名费")).toBe("12.30");
    expect(at("支付状态")).toBe("已支付");
    expect(at("支付方式")).toBe("微信支付 · 扫码支付");
    expect(at("订单号")).toBe(paidOrders[3]);
    expect(String(at("平台交易号"))).toMatch(/^\d{10,}$/);
    expect(at("支付时间（北京时间）")).toMatch(/^\d{4}-\d{2}-\d{2} /);
  });
});

describe("closing an order by hand", () => {
  test("closes it at the platform first, then here, and records who did it", async () => {
    const res = await send("POST", `/api/admin/orders/${pendingOrder}/close`, {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "closed", message: "订单已关闭" });
    expect(emu.getWechatTrade(pendingOrder)).toMatchObject({ state: "CLOSED" });
    expect((await send("POST", `/api/admin/orders/${pendingOrder}/close`, {})).status).toBe(409);
    const { items } = (await (await send("GET", "/api/admin/audit")).json()) as { items: Array<{ action: string; target: string }> };
    expect(items.find((i) => i.action === "order.close")).toMatchObject({ target: pendingOrder });
  });
});
