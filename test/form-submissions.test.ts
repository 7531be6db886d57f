// Forms that ask for no money, and the cap on places, through the real route handlers.
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, type Harness } from "./harness";

let h: Harness;
let db: typeof import("@/db/client");
let forms: typeof import("@/db/queries/forms");
let schema: typeof import("@/db/schema");

beforeAll(async () => {
  h = await startHarness();
  db = await import("@/db/client");
  forms = await import("@/db/queries/forms");
  schema = await import("@/db/schema");
});
afterAll(() => h.close());

async function addForm(slug: string, definition: unknown, maxPaidSubmissions: number | null = null) {
  const now = Date.now();
  await forms.insertForm(db.getDb(), {
    slug,
    title: slug,
    status: "published",
    definitionJson: JSON.stringify(definition),
    maxPaidSubmissions,
    createdAt: now,
    updatedAt: now,
  });
}

test("a form without a payment field is submitted as it is, validated on the server", async () => {
  await addForm("signup", { fields: [{ id: "name", type: "text", label: "姓名", required: true }], methods: ["wechat"] });
  const bad = await h.postJson("/api/forms/signup/submissions", { answers: {} });
  expect(bad.status).toBe(422);
  expect((await bad.json()).error.details).toEqual([{ field: "name", issue: "请填写姓名" }]);
  const ok = await h.postJson("/api/forms/signup/submissions", { answers: { name: "赵六" } });
  expect(ok.status).toBe(201);
  const { submissionId } = await ok.json();
  const row = (await db.getDb().select().from(schema.submissions)).find((s) => s.id === submissionId)!;
  expect(row).toMatchObject({ paymentStatus: "none", amountFen: 0 });
  expect(JSON.parse(row.answersJson)).toEqual({ name: "赵六" });
  // A paid form cannot be submitted this way, nor a free one through the payment API.
  expect((await h.postJson("/api/forms/demo/submissions", { answers: DEMO_ANSWERS })).status).toBe(422);
  expect((await h.postJson("/api/payment/orders", { formSlug: "signup", answers: { name: "x" }, provider: "wechat" })).status).toBe(422);
  expect((await h.postJson("/api/forms/signup/submissions", { nope: 1 })).status).toBe(422);
});

test("the cap counts places being paid for right now, so the last place is not sold twice", async () => {
  await addForm("one-seat", { fields: [{ id: "fee", type: "payment", label: "费用", payment: { mode: "fixed", amountFen: 100 } }], methods: ["wechat"] }, 1);
  const first = await h.postJson("/api/payment/orders", { formSlug: "one-seat", answers: {}, provider: "wechat" });
  expect(first.status).toBe(201);
  const second = await h.postJson("/api/payment/orders", { formSlug: "one-seat", answers: {}, provider: "wechat" });
  expect(second.status).toBe(409);
  expect((await second.json()).error.message).toContain("名额已满");
});

test("concurrent payers for the last place: exactly one order", async () => {
  await addForm("last-seat", { fields: [{ id: "fee", type: "payment", label: "费用", payment: { mode: "fixed", amountFen: 100 } }], methods: ["wechat"] }, 1);
  const statuses = await Promise.all(
    Array.from({ length: 6 }, () => h.postJson("/api/payment/orders", { formSlug: "last-seat", answers: {}, provider: "wechat" }).then((r) => r.status)),
  );
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(5);
});
