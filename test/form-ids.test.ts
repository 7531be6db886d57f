// Field and item ids that name something every object has ("constructor", "__proto__"): the
// builder's API refuses them, and a row that has one anyway (written before ids were checked, or
// around the builder) answers a 4xx or works, never a 500, through the real route handlers.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signInAsAdmin } from "./admin";
import { startHarness, type Harness } from "./harness";

let h: Harness;
let headers: Record<string, string>;
let db: typeof import("@/db/client");
let forms: typeof import("@/db/queries/forms");
let submissions: typeof import("@/db/queries/submissions");

beforeAll(async () => {
  h = await startHarness();
  ({ headers } = await signInAsAdmin(h));
  db = await import("@/db/client");
  forms = await import("@/db/queries/forms");
  submissions = await import("@/db/queries/submissions");
});
afterAll(() => h.close());

const sendAdmin = (method: string, path: string, body?: unknown) =>
  h.fetch(path, { method, headers: { ...headers, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

/** A published form stored as it is, bypassing every check. */
async function storeRawForm(slug: string, definition: unknown) {
  const now = Date.now();
  return forms.insertForm(db.getDb(), {
    slug,
    title: slug,
    status: "published",
    definitionJson: JSON.stringify(definition),
    createdAt: now,
    updatedAt: now,
  });
}

const fee = { id: "fee", type: "payment", label: "费用", payment: { mode: "fixed", amountFen: 100 } };
const itemsField = (itemId: string) => ({
  id: "goods",
  type: "payment",
  label: "商品",
  payment: { mode: "items", items: [{ id: itemId, name: "票", priceFen: 100 }, { id: "cap", name: "帽子", priceFen: 200 }] },
});

async function expectNo5xx(response: Response) {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  expect(text).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("stored forms with prototype ids", () => {
  test.each([
    ["a field named constructor (free form)", "raw-ctor-free", { fields: [{ id: "constructor", type: "text", label: "姓名", required: true }], methods: ["wechat"] }],
    ["a field named constructor (paid form)", "raw-ctor-paid", { fields: [{ id: "constructor", type: "text", label: "姓名", required: true }, fee], methods: ["wechat"] }],
    ["a field named __proto__", "raw-proto-field", { fields: [{ id: "__proto__", type: "text", label: "姓名" }, fee], methods: ["wechat"] }],
    ["an item named __proto__", "raw-proto-item", { fields: [itemsField("__proto__")], methods: ["wechat"] }],
    ["an item named constructor", "raw-ctor-item", { fields: [itemsField("constructor")], methods: ["wechat"] }],
  ])("%s: GET and submissions answer 4xx or work, never 500", async (_label, slug, definition) => {
    await storeRawForm(slug, definition);

    const view = await expectNo5xx(await h.fetch(`/api/forms/${slug}`));
    if (view.status !== 200) expect(view.body.error.message).toBe("表单设置有误，暂时无法使用，请联系表单发布者");

    const answers = JSON.parse('{"constructor": "张三", "__proto__": {"x": 1}, "goods": {"__proto__": 1, "constructor": 1, "cap": 1}}');
    for (const response of [
      await h.postJson(`/api/forms/${slug}/submissions`, { answers }),
      await h.postJson("/api/payment/orders", { formSlug: slug, answers, provider: "wechat" }),
      await h.postJson("/api/payment/orders", { formSlug: slug, answers: {}, provider: "wechat" }),
    ]) {
      const result = await expectNo5xx(response);
      if (result.status >= 400) expect(result.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test("the admin still gets the form's row and a 4xx, not a 500, when opening it", async () => {
    const row = await storeRawForm("raw-admin", { fields: [{ id: "constructor", type: "text", label: "姓名" }], methods: ["wechat"] });
    const result = await expectNo5xx(await sendAdmin("GET", `/api/admin/forms/${row.id}`));
    expect(result.status).toBe(422);
  });
});

describe("old submissions whose snapshot has prototype ids", () => {
  test("the submissions list and the CSV export show them as ordinary columns", async () => {
    const row = await storeRawForm("old-snapshot", { fields: [{ id: "name", type: "text", label: "姓名" }], methods: ["wechat"] });
    const snapshot = [
      { id: "name", type: "text", label: "姓名" },
      { id: "constructor", type: "text", label: "构造" },
      { id: "__proto__", type: "text", label: "原型" },
      { id: "tostring", type: "text", label: "未答" },
    ];
    await submissions.insertSubmission(db.getDb(), {
      formId: row.id,
      formVersion: 0,
      fieldsSnapshotJson: JSON.stringify(snapshot),
      answersJson: '{"name": "赵六", "constructor": "C值", "__proto__": "P值"}',
      searchText: "赵六",
      amountFen: 0,
      paymentStatus: "none",
      createdAt: Date.now(),
    });

    const list = await expectNo5xx(await sendAdmin("GET", `/api/admin/forms/${row.id}/submissions`));
    expect(list.status).toBe(200);
    const cells = list.body.submissions[0].cells;
    expect(cells).toEqual({ name: "赵六", constructor: "C值", ["__proto__"]: "P值", tostring: "" });
    expect(Object.hasOwn(cells, "__proto__")).toBe(true);

    const csv = await h.fetch(`/api/admin/forms/${row.id}/submissions/export`, { headers });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toContain("构造（已移除）,原型（已移除）,未答（已移除）");
    expect(lines[1]).toContain("赵六,C值,P值,,");
  });
});

describe("the builder's API", () => {
  const rule = "应以小写字母开头，只能包含小写字母、数字和下划线，最多 32 个字符";
  const body = (fieldId: string, itemId = "vip") => ({
    title: "购票",
    fields: [
      { id: fieldId, type: "text", label: "姓名", required: true },
      { id: "tickets", type: "payment", label: "门票", payment: { mode: "items", items: [{ id: itemId, name: "票", priceYuan: "1" }] } },
    ],
    methods: ["wechat"],
  });

  test.each([
    ["constructor", "「constructor」是保留字，不能用作字段标识"],
    ["__proto__", `字段标识${rule}`],
    ["toString", `字段标识${rule}`],
    ["Name", `字段标识${rule}`],
    ["1a", `字段标识${rule}`],
    ["a".repeat(33), `字段标识${rule}`],
  ])("refuses field id %j with 422: %s", async (id, issue) => {
    const response = await sendAdmin("POST", "/api/admin/forms", body(id));
    expect(response.status).toBe(422);
    expect((await response.json()).error.details).toContainEqual({ field: "fields.0.id", issue });
  });

  test.each([
    ["constructor", "「constructor」是保留字，不能用作商品标识"],
    ["__proto__", `商品标识${rule}`],
    ["toString", `商品标识${rule}`],
  ])("refuses item id %j with 422: %s", async (id, issue) => {
    const response = await sendAdmin("POST", "/api/admin/forms", body("name", id));
    expect(response.status).toBe(422);
    expect((await response.json()).error.details).toContainEqual({ field: "fields.1.payment.items.0.id", issue });
  });

  test("accepts safe ids, and the payer can then order by them", async () => {
    const created = await sendAdmin("POST", "/api/admin/forms", body("name", "vip_2026"));
    expect(created.status).toBe(201);
    const form = await created.json();
    expect((await sendAdmin("POST", `/api/admin/forms/${form.id}/publish`)).status).toBe(200);
    const order = await h.postJson("/api/payment/orders", { formSlug: form.slug, answers: { name: "王五", tickets: { vip_2026: "2" } }, provider: "wechat" });
    expect(order.status).toBe(201);
    expect((await order.json()).amountFen).toBe(200);
  });
});
