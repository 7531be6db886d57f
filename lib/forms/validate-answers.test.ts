import { describe, expect, test } from "vitest";
import { formDefinition, type FormDefinition } from "./definition";
import { DEMO_FORM } from "./demo-form";
import { priceSubmission } from "./pricing";
import { validateAnswers } from "./validate-answers";

const demo = formDefinition.parse(DEMO_FORM.definition);

const shop: FormDefinition = formDefinition.parse({
  fields: [
    { id: "name", type: "text", label: "姓名", required: true },
    { id: "email", type: "email", label: "邮箱" },
    { id: "age", type: "number", label: "年龄", min: 1, max: 120 },
    { id: "day", type: "date", label: "日期" },
    { id: "tags", type: "multiple_choice", label: "兴趣", options: [{ value: "a", label: "阅读" }, { value: "b", label: "音乐" }] },
    {
      id: "goods",
      type: "payment",
      label: "商品",
      payment: { mode: "items", items: [{ id: "tee", name: "T恤", priceFen: 3990, maxPerOrder: 5 }, { id: "cap", name: "帽子", priceFen: 1500 }] },
    },
  ],
  methods: ["wechat"],
});

describe("validateAnswers", () => {
  test("accepts the demo answers and drops unknown keys", () => {
    const result = validateAnswers(demo, { name: " 张三 ", phone: "13800138000", session: "sat", extra: "x" });
    expect(result).toEqual({ ok: true, answers: { name: "张三", phone: "13800138000", session: "sat" } });
  });

  test("names every missing or bad field in Chinese", () => {
    const result = validateAnswers(demo, { phone: "12345", session: "mon" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: "name", issue: "请填写姓名" },
      { field: "phone", issue: "手机号应为 11 位手机号码" },
      { field: "session", issue: "请从选项中选择参加场次" },
    ]);
  });

  test.each([
    [{ name: 123 }, "name"],
    [{ name: "a", email: "not-mail" }, "email"],
    [{ name: "a", age: 200 }, "age"],
    [{ name: "a", age: "abc" }, "age"],
    [{ name: "a", day: "2026-13-45" }, "day"],
    [{ name: "a", tags: ["a", "z"] }, "tags"],
    [{ name: "a", goods: { tee: 6 } }, "goods"],
    [{ name: "a", goods: { tee: -1 } }, "goods"],
    [{ name: "a", goods: { hat: 1 } }, "goods"],
    [{ name: "a", goods: { tee: 1.5 } }, "goods"],
    [{ name: "a", goods: "lots" }, "goods"],
    [{ name: "a" }, "goods"],
  ])("rejects %j at %s", (answers, field) => {
    const result = validateAnswers(shop, answers);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toContain(field);
  });

  test("rejects a body that is not an object", () => {
    expect(validateAnswers(demo, ["x"]).ok).toBe(false);
    expect(validateAnswers(demo, null).ok).toBe(false);
  });
});

describe("priceSubmission", () => {
  test("a fixed price ignores whatever amount the browser sent", () => {
    expect(priceSubmission(demo, {}, 1)).toEqual({ ok: true, amountFen: 5000, lines: [] });
  });

  test("items are priced on the server from the definition", () => {
    const answers = { name: "a", goods: { tee: 2, cap: 1 } };
    const result = priceSubmission(shop, answers, 1);
    expect(result).toMatchObject({ ok: true, amountFen: 2 * 3990 + 1500 });
  });

  test("a typed amount must be whole fen within min and max", () => {
    const custom = formDefinition.parse({
      fields: [{ id: "gift", type: "payment", label: "捐款", payment: { mode: "custom", minFen: 100, maxFen: 100000 } }],
    });
    expect(priceSubmission(custom, {}, 1230)).toMatchObject({ ok: true, amountFen: 1230 });
    expect(priceSubmission(custom, {}, 99).ok).toBe(false);
    expect(priceSubmission(custom, {}, 100001).ok).toBe(false);
    expect(priceSubmission(custom, {}, 12.5).ok).toBe(false);
    expect(priceSubmission(custom, {}, undefined).ok).toBe(false);
  });
});
