// What strangers holding an order number see: the status API carries no answers at all, and the
// pay page's data (what /pay/{orderNo} renders) carries only masked personal data.
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, type Harness } from "./harness";

let h: Harness;
let db: typeof import("@/db/client");
let forms: typeof import("@/db/queries/forms");
let orderView: typeof import("@/lib/payments/order-view");

beforeAll(async () => {
  h = await startHarness();
  db = await import("@/db/client");
  forms = await import("@/db/queries/forms");
  orderView = await import("@/lib/payments/order-view");
});
afterAll(() => h.close());

const SECRETS = ["13800138000", "张三", "zhangsan@", "海淀区", "1990-01-01"];

async function createOrder(formSlug: string, answers: Record<string, unknown>): Promise<string> {
  const created = await h.postJson("/api/payment/orders", { formSlug, answers, provider: "wechat" });
  expect(created.status).toBe(201);
  const body = await created.json();
  for (const secret of SECRETS) expect(JSON.stringify(body)).not.toContain(secret);
  return body.orderNo;
}

test("the status API shows the order, nothing of the payer", async () => {
  const orderNo = await createOrder("demo", DEMO_ANSWERS);
  const status = await h.fetch(`/api/payment/orders/${orderNo}`);
  expect(status.status).toBe(200);
  const text = await status.text();
  expect(JSON.parse(text)).toMatchObject({ orderNo, status: "pending", amountFen: 5000 });
  for (const secret of [...SECRETS, "138****8000", "张**"]) expect(text).not.toContain(secret);
});

test("the pay page's data: name and phone masked, the choice shown, nothing unmasked", async () => {
  const orderNo = await createOrder("demo", { ...DEMO_ANSWERS, note: "住在海淀区" });
  const data = await orderView.payPageData(orderNo);
  expect(data?.answers).toEqual([
    { label: "姓名", value: "张**" },
    { label: "手机号", value: "138****8000" },
    { label: "参加场次", value: "周六下午" },
  ]);
  for (const secret of SECRETS) expect(JSON.stringify(data)).not.toContain(secret);
});

test("free text is masked; long text, numbers and dates are left out; items are shown", async () => {
  const now = Date.now();
  await forms.insertForm(db.getDb(), {
    slug: "privacy-all-types",
    title: "全部类型",
    status: "published",
    definitionJson: JSON.stringify({
      fields: [
        { id: "name", type: "text", label: "联系人", required: true },
        { id: "mail", type: "email", label: "邮箱" },
        { id: "addr", type: "textarea", label: "地址" },
        { id: "age", type: "number", label: "年龄" },
        { id: "born", type: "date", label: "生日" },
        { id: "goods", type: "payment", label: "商品", payment: { mode: "items", items: [{ id: "tee", name: "T恤", priceFen: 100 }] } },
      ],
      methods: ["wechat"],
    }),
    createdAt: now,
    updatedAt: now,
  });
  const orderNo = await createOrder("privacy-all-types", {
    name: "张三",
    mail: "zhangsan@example.com",
    addr: "北京市海淀区",
    age: 35,
    born: "1990-01-01",
    goods: { tee: 2 },
  });
  const data = await orderView.payPageData(orderNo);
  expect(data?.answers).toEqual([
    { label: "联系人", value: "张**" },
    { label: "邮箱", value: "z***@example.com" },
    { label: "商品", value: "T恤 × 2" },
  ]);
  for (const secret of [...SECRETS, "35"]) expect(JSON.stringify(data?.answers)).not.toContain(secret);
});
