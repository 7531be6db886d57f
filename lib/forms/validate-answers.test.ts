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

  const required = formDefinition.parse({
    fields: [
      { id: "name", type: "text", label: "姓名", required: true },
      { id: "count", type: "number", label: "人数", required: true },
      { id: "age", type: "number", label: "年龄" },
    ],
  });
  const ageOf = (age: unknown) => validateAnswers(required, { name: "张三", count: 1, age });

  test.each([
    ["a JSON number", 12, 12],
    ["a negative decimal", -3.5, -3.5],
    ["a numeric string from a form post", "12", 12],
    ["a negative decimal string", "-3.5", -3.5],
    ["a numeric string with spaces around", " 42 ", 42],
  ])("a number field takes %s: %j → %j", (_label, age, stored) => {
    expect(ageOf(age)).toEqual({ ok: true, answers: { name: "张三", count: 1, age: stored } });
  });

  test.each([
    ["true", true],
    ["false", false],
    ["an array", [5]],
    ["an object", { n: 5 }],
    ["exponent notation", "1e3"],
    ["hex", "0x10"],
    ["trailing letters", "12abc"],
    ["a bare dot", "."],
    ["a trailing dot", "12."],
    ["Infinity as text", "Infinity"],
  ])("a number field refuses %s (%j)", (_label, age) => {
    expect(ageOf(age)).toEqual({ ok: false, errors: [{ field: "age", issue: "年龄应为数字" }] });
  });

  test.each([
    ["empty", ""],
    ["only spaces", "   "],
    ["null", null],
  ])("an optional number left %s is not stored (never 0)", (_label, age) => {
    expect(ageOf(age)).toEqual({ ok: true, answers: { name: "张三", count: 1 } });
  });

  test.each([
    ["missing", undefined, "请填写人数"],
    ["null", null, "请填写人数"],
    ["empty", "", "请填写人数"],
    ["only spaces", " ", "请填写人数"],
    ["true", true, "人数应为数字"],
    ["[5]", [5], "人数应为数字"],
  ])("a required number %s is refused: %s", (_label, count, issue) => {
    expect(validateAnswers(required, { name: "张三", count })).toEqual({ ok: false, errors: [{ field: "count", issue }] });
  });

  test.each([
    ["only spaces", "   "],
    ["a full-width space", "\u3000"],
    ["tabs and newlines", "\t\n"],
  ])("required text of %s is missing", (_label, name) => {
    expect(validateAnswers(required, { name, count: 1 })).toEqual({ ok: false, errors: [{ field: "name", issue: "请填写姓名" }] });
  });

  test("text is stored trimmed", () => {
    expect(validateAnswers(required, { name: "  张三\n", count: "2" })).toEqual({ ok: true, answers: { name: "张三", count: 2 } });
  });

  test.each([
    ["a JSON integer", { tee: 2 }, { tee: 2 }],
    ["a digit string", { tee: "5", cap: "0" }, { tee: 5, cap: 0 }],
    ["the per-order limit exactly", { tee: 5 }, { tee: 5 }],
    ["the default limit exactly", { cap: 999 }, { cap: 999 }],
  ])("item quantities: %s", (_label, goods, stored) => {
    expect(validateAnswers(shop, { name: "a", goods })).toEqual({ ok: true, answers: { name: "a", goods: stored } });
  });

  test.each([
    ["over the per-order limit", { tee: 6 }, "T恤每单最多 5 件"],
    ["over it as text", { tee: "6" }, "T恤每单最多 5 件"],
    ["over the default limit", { cap: 1000 }, "帽子每单最多 999 件"],
    ["negative", { tee: -1 }, "T恤的数量应为不小于 0 的整数"],
    ["negative as text", { tee: "-1" }, "T恤的数量应为不小于 0 的整数"],
    ["a fraction", { tee: 1.5 }, "T恤的数量应为不小于 0 的整数"],
    ["exponent notation", { tee: "1e3" }, "T恤的数量应为不小于 0 的整数"],
    ["a leading zero", { tee: "01" }, "T恤的数量应为不小于 0 的整数"],
    ["true", { tee: true }, "T恤的数量应为不小于 0 的整数"],
    ["an array", { tee: [1] }, "T恤的数量应为不小于 0 的整数"],
    ["empty text", { tee: "" }, "T恤的数量应为不小于 0 的整数"],
    ["an unknown item", { hat: 1 }, "没有这个商品：hat"],
    ["a prototype name", { constructor: 1 }, "没有这个商品：constructor"],
    ["nothing chosen", { tee: 0, cap: "0" }, "请至少选择一件商品"],
    ["not an object", [1, 2], "请选择商品的数量"],
  ])("item quantities refused, %s: %s", (_label, goods, issue) => {
    expect(validateAnswers(shop, { name: "a", goods })).toEqual({ ok: false, errors: [{ field: "goods", issue }] });
  });

  test("answers never come from Object.prototype or an own __proto__ key", () => {
    const sneaky = JSON.parse('{"__proto__": {"name": "张三", "goods": {"tee": 1}}, "constructor": "x"}');
    const result = validateAnswers(shop, sneaky);
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: "name", issue: "请填写姓名" },
        { field: "goods", issue: "请至少选择一件商品" },
      ],
    });
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

  test("items with nothing chosen are refused, not priced from Object.prototype", () => {
    expect(priceSubmission(shop, { name: "a" }, undefined)).toEqual({ ok: false, errors: [{ field: "goods", issue: "请至少选择一件商品" }] });
    expect(priceSubmission(shop, { name: "a", goods: {} }, undefined).ok).toBe(false);
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
