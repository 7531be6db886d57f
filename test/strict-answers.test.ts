// Loose input refused through the real routes: numbers that are not numbers, text that is only
// spaces, item quantities over the limit, and an amountFen that is not a positive integer
// whatever the form's payment mode.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, type Harness } from "./harness";

let h: Harness;
let db: typeof import("@/db/client");
let forms: typeof import("@/db/queries/forms");

beforeAll(async () => {
  h = await startHarness();
  db = await import("@/db/client");
  forms = await import("@/db/queries/forms");
  const now = Date.now();
  const add = (slug: string, definition: unknown) =>
    forms.insertForm(db.getDb(), { slug, title: slug, status: "published", definitionJson: JSON.stringify(definition), createdAt: now, updatedAt: now });
  await add("count-free", {
    fields: [
      { id: "name", type: "text", label: "姓名", required: true },
      { id: "count", type: "number", label: "人数", required: true, min: 1, max: 10 },
    ],
    methods: ["wechat"],
  });
  await add("gift-custom", { fields: [{ id: "gift", type: "payment", label: "捐款", payment: { mode: "custom", minFen: 100, maxFen: 100000 } }], methods: ["wechat"] });
  await add("tee-items", {
    fields: [{ id: "goods", type: "payment", label: "商品", payment: { mode: "items", items: [{ id: "tee", name: "T恤", priceFen: 3990, maxPerOrder: 5 }] } }],
    methods: ["wechat"],
  });
});
afterAll(() => h.close());

const submitFree = (answers: unknown) => h.postJson("/api/forms/count-free/submissions", { answers });
const order = (body: Record<string, unknown>) => h.postJson("/api/payment/orders", { provider: "wechat", ...body });
const detailsOf = async (response: Response) => {
  expect(response.status).toBe(422);
  return (await response.json()).error.details;
};

describe("numbers and text", () => {
  test.each([
    ["true", true, "人数应为数字"],
    ["[5]", [5], "人数应为数字"],
    ["1e3", "1e3", "人数应为数字"],
    ["0x10", "0x10", "人数应为数字"],
    ["12abc", "12abc", "人数应为数字"],
    ["a space", " ", "请填写人数"],
    ["empty", "", "请填写人数"],
    ["null", null, "请填写人数"],
    ["over max", "11", "人数不能大于 10"],
  ])("a number answer of %s is refused: %s", async (_label, count, issue) => {
    expect(await detailsOf(await submitFree({ name: "赵六", count }))).toEqual([{ field: "count", issue }]);
  });

  test.each([
    ["a JSON number", 3],
    ["a numeric string", "3"],
  ])("a number answer as %s is taken", async (_label, count) => {
    expect((await submitFree({ name: "赵六", count })).status).toBe(201);
  });

  test("required text of only spaces is missing, on the free and the paid path", async () => {
    expect(await detailsOf(await submitFree({ name: "   ", count: 1 }))).toEqual([{ field: "name", issue: "请填写姓名" }]);
    expect(await detailsOf(await order({ formSlug: "demo", answers: { ...DEMO_ANSWERS, name: " \u3000 " } }))).toEqual([{ field: "name", issue: "请填写姓名" }]);
  });

  test("a quantity over the per-order limit names the limit", async () => {
    expect(await detailsOf(await order({ formSlug: "tee-items", answers: { goods: { tee: "6" } } }))).toEqual([{ field: "goods", issue: "T恤每单最多 5 件" }]);
    expect(await detailsOf(await order({ formSlug: "tee-items", answers: { goods: { tee: "-1" } } }))).toEqual([
      { field: "goods", issue: "T恤的数量应为不小于 0 的整数" },
    ]);
  });
});

describe("amountFen", () => {
  test.each([
    ["-100", -100],
    ["0", 0],
    ["1.5", 1.5],
    ["a string", "100"],
    ["null", null],
    ["true", true],
  ])("%s is refused with 422 for a fixed-price form and a typed-amount form", async (_label, amountFen) => {
    for (const formSlug of ["demo", "gift-custom"]) {
      const answers = formSlug === "demo" ? DEMO_ANSWERS : {};
      expect(await detailsOf(await order({ formSlug, answers, amountFen }))).toEqual([{ field: "amountFen", issue: "amountFen 应为正整数（分）" }]);
    }
  });

  test("absent on a fixed-price form, or a positive integer on a typed one, is taken", async () => {
    const fixed = await order({ formSlug: "demo", answers: DEMO_ANSWERS });
    expect(fixed.status).toBe(201);
    expect((await fixed.json()).amountFen).toBe(5000);
    const typed = await order({ formSlug: "gift-custom", answers: {}, amountFen: 1230 });
    expect(typed.status).toBe(201);
    expect((await typed.json()).amountFen).toBe(1230);
  });
});
