// Forms through the admin API: build, publish, the payer sees it, edit after a submission,
// duplicate, close; and item stock that runs out.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness";
import { signInAsAdmin } from "./admin";

let h: Harness;
let headers: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  ({ headers } = await signInAsAdmin(h));
});
afterAll(() => h.close());

const send = (method: string, path: string, body?: unknown) =>
  h.fetch(path, { method, headers: { ...headers, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

export function ticketForm(overrides: Record<string, unknown> = {}) {
  return {
    title: "新年音乐会购票",
    description: "选择票档并付款",
    fields: [
      { id: "name", type: "text", label: "姓名", required: true },
      { id: "phone", type: "phone", label: "手机号", required: true },
      {
        id: "tickets",
        type: "payment",
        label: "门票",
        required: true,
        payment: {
          mode: "items",
          items: [
            { id: "vip", name: "VIP 票", priceYuan: "280.00", stock: 1, maxPerOrder: 2 },
            { id: "std", name: "普通票", priceYuan: "80.5", stock: null, maxPerOrder: null },
          ],
        },
      },
    ],
    methods: ["wechat", "alipay"],
    wechatAccountId: null,
    alipayAccountId: null,
    deadlineAt: null,
    maxPaidSubmissions: null,
    ...overrides,
  };
}

async function createAndPublish(body = ticketForm()) {
  const created = await send("POST", "/api/admin/forms", body);
  expect(created.status).toBe(201);
  const form = await created.json();
  const published = await send("POST", `/api/admin/forms/${form.id}/publish`);
  expect(published.status).toBe(200);
  return published.json();
}

const order = (slug: string, answers: Record<string, unknown>) =>
  h.postJson("/api/payment/orders", { formSlug: slug, answers, provider: "wechat" });

describe("forms through the admin API", () => {
  test("create with an item list stores fen, publish, and the payer sees it", async () => {
    const created = await send("POST", "/api/admin/forms", ticketForm());
    expect(created.status).toBe(201);
    const form = await created.json();
    expect(form.status).toBe("draft");
    expect(form.slug).toMatch(/^[a-z0-9]{8}$/);
    expect(form.input.fields[2].payment.items[1].priceYuan).toBe("80.50");

    expect((await h.fetch(`/api/forms/${form.slug}`)).status).toBe(404); // a draft is not public
    expect((await send("POST", `/api/admin/forms/${form.id}/publish`)).status).toBe(200);
    const pub = await (await h.fetch(`/api/forms/${form.slug}`)).json();
    expect(pub.title).toBe("新年音乐会购票");
    expect(pub.fields[2].payment.items).toEqual([
      { id: "vip", name: "VIP 票", priceFen: 28000, maxPerOrder: 2, remaining: 1 },
      { id: "std", name: "普通票", priceFen: 8050, maxPerOrder: null, remaining: null },
    ]);

    const list = await (await send("GET", "/api/admin/forms")).json();
    expect(list.forms.some((f: { id: number; status: string }) => f.id === form.id && f.status === "published")).toBe(true);
  });

  test("bad input is 422 with the failing fields, in Chinese", async () => {
    const bad = ticketForm({
      title: "",
      fields: [
        { id: "a", type: "single_choice", label: "颜色", options: [] },
        { id: "p", type: "payment", label: "费用", payment: { mode: "fixed", amountYuan: "12.345" } },
        { id: "q", type: "payment", label: "费用2", payment: { mode: "custom", minYuan: "10", maxYuan: "5" } },
      ],
    });
    const res = await send("POST", "/api/admin/forms", bad);
    expect(res.status).toBe(422);
    const details = (await res.json()).error.details as { field: string; issue: string }[];
    const byField = Object.fromEntries(details.map((d) => [d.field, d.issue]));
    expect(byField.title).toBe("请填写表单标题");
    expect(byField["fields.0.options"]).toBe("选择题至少需要一个选项");
    expect(byField["fields.1.payment.amountYuan"]).toMatch(/最多两位小数/);
    expect(byField["fields.2.payment.maxYuan"]).toBe("最高金额不能低于最低金额");
  });

  test("an account of the wrong provider or unknown id is refused", async () => {
    const res = await send("POST", "/api/admin/forms", ticketForm({ wechatAccountId: 999 }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].field).toBe("wechatAccountId");
  });

  test("editing after a submission bumps the version and keeps the old answers readable", async () => {
    const form = await createAndPublish();
    const res = await order(form.slug, { name: "李四", phone: "13900139000", tickets: { std: 2 } });
    expect(res.status).toBe(201);

    // Rename a field, drop the phone, change a price, add a question.
    const edited = ticketForm({ version: form.version });
    edited.fields = [
      { id: "name", type: "text", label: "联系人", required: true },
      edited.fields[2],
      { id: "size", type: "single_choice", label: "座位区", required: false, options: [{ value: "a", label: "A 区" }] } as never,
    ];
    (edited.fields[1] as { payment: { items: { priceYuan: string }[] } }).payment.items[1].priceYuan = "99";
    const saved = await send("PUT", `/api/admin/forms/${form.id}`, edited);
    expect(saved.status).toBe(200);
    expect((await saved.json()).version).toBe(form.version + 1);

    // A save from the stale version is refused rather than silently overwriting.
    expect((await send("PUT", `/api/admin/forms/${form.id}`, ticketForm({ version: form.version }))).status).toBe(409);

    const page = await (await send("GET", `/api/admin/forms/${form.id}/submissions`)).json();
    expect(page.columns.map((c: { label: string }) => c.label)).toEqual(["联系人", "门票", "座位区", "手机号（已移除）"]);
    const [row] = page.submissions;
    expect(row.cells).toEqual({ name: "李四", tickets: "普通票 ×2", size: "", phone: "13900139000" });
    expect(row.amountYuan).toBe("161.00"); // the price it was ordered at
    expect(row.orders).toHaveLength(1);
  });

  test("duplicate makes a new draft with its own link; close makes the public link 410", async () => {
    const form = await createAndPublish();
    const dup = await send("POST", `/api/admin/forms/${form.id}/duplicate`);
    expect(dup.status).toBe(201);
    const copy = await dup.json();
    expect(copy.status).toBe("draft");
    expect(copy.slug).not.toBe(form.slug);
    expect(copy.input.title).toBe("新年音乐会购票（副本）");
    expect(copy.input.fields).toEqual(form.input.fields);

    expect((await send("POST", `/api/admin/forms/${form.id}/close`)).status).toBe(200);
    expect((await h.fetch(`/api/forms/${form.slug}`)).status).toBe(410);
    expect((await order(form.slug, { name: "王五", phone: "13700137000", tickets: { std: 1 } })).status).toBe(410);
  });

  test("the slug is fixed once published", async () => {
    const form = await createAndPublish();
    const res = await send("PUT", `/api/admin/forms/${form.id}`, ticketForm({ slug: "another-link", version: form.version }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].field).toBe("slug");
  });

  test("racing creates for one slug: one form, the others 409 on the slug (the unique index decides, on any engine)", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => send("POST", "/api/admin/forms", ticketForm({ slug: "race-for-a-slug" }))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const res of results.filter((r) => r.status === 409)) expect((await res.json()).error.details[0].field).toBe("slug");
  });
});

describe("item stock", () => {
  test("an item with stock 1 can't be ordered twice", async () => {
    const form = await createAndPublish();
    const first = await order(form.slug, { name: "甲", phone: "13800000001", tickets: { vip: 1 } });
    expect(first.status).toBe(201);
    const second = await order(form.slug, { name: "乙", phone: "13800000002", tickets: { vip: 1 } });
    expect(second.status).toBe(409);
    const body = await second.json();
    expect(body.error.message).toBe("「VIP 票」已售罄");
    expect(body.error.details[0].field).toBe("tickets");
    // Unlimited items still sell, and the public view says the VIP ticket is gone.
    expect((await order(form.slug, { name: "丙", phone: "13800000003", tickets: { std: 1 } })).status).toBe(201);
    const pub = await (await h.fetch(`/api/forms/${form.slug}`)).json();
    expect(pub.fields[2].payment.items[0].remaining).toBe(0);
    // The refused order left no submission behind.
    const page = await (await send("GET", `/api/admin/forms/${form.id}/submissions`)).json();
    expect(page.submissions.map((s: { cells: Record<string, string> }) => s.cells.name).sort()).toEqual(["丙", "甲"]);
  });

  test("parallel orders for the last unit: exactly one wins", async () => {
    const form = await createAndPublish();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => order(form.slug, { name: `买家${i}`, phone: `1380000001${i}`, tickets: { vip: 1 } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  test("an expired, unpaid hold frees its unit", async () => {
    const form = await createAndPublish();
    expect((await order(form.slug, { name: "甲", phone: "13800000001", tickets: { vip: 1 } })).status).toBe(201);
    const { getDb } = await import("@/db/client");
    const { stockHolds } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await getDb().update(stockHolds).set({ holdUntil: Date.now() - 1 }).where(eq(stockHolds.formId, form.id));
    expect((await order(form.slug, { name: "乙", phone: "13800000002", tickets: { vip: 1 } })).status).toBe(201);
  });
});
