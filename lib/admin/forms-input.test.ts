import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { parseFormInput, toFormInput } from "./forms-input";

const base = {
  title: "报名",
  fields: [{ id: "fee", type: "payment", label: "费用", payment: { mode: "fixed", amountYuan: "0.1" } }],
  methods: ["alipay"],
};

describe("parseFormInput", () => {
  test("yuan strings become fen exactly; the deadline is Beijing time", () => {
    const changes = parseFormInput({ ...base, deadlineAt: "2026-01-31T18:00" });
    expect(changes.definition.fields[0].payment).toEqual({ mode: "fixed", amountFen: 10 });
    expect(changes.deadlineAt).toBe(Date.parse("2026-01-31T10:00:00Z"));
    expect(changes.definition.methods).toEqual(["alipay"]);
  });

  test.each([
    ["0", "金额必须大于 0"],
    ["1.999", "金额应为金额（元），最多两位小数，如 12.30"],
    ["-1", "金额应为金额（元），最多两位小数，如 12.30"],
    ["1e3", "金额应为金额（元），最多两位小数，如 12.30"],
    ["100000000.01", "金额应为金额（元），最多两位小数，如 12.30"],
  ])("amount %s is refused: %s", (amountYuan, issue) => {
    const body = { ...base, fields: [{ ...base.fields[0], payment: { mode: "fixed", amountYuan } }] };
    try {
      parseFormInput(body);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details).toContainEqual({ field: "fields.0.payment.amountYuan", issue });
    }
  });

  test("a form with a payment field needs a method; one without keeps no accounts", () => {
    expect(() => parseFormInput({ ...base, methods: [] })).toThrow(AppError);
    const free = parseFormInput({ title: "问卷", fields: [{ id: "q", type: "text", label: "问题" }], wechatAccountId: 3 });
    expect(free.wechatAccountId).toBeNull();
  });

  test("what the builder is given parses back to the same definition", () => {
    const changes = parseFormInput({
      ...base,
      fields: [
        { id: "n", type: "number", label: "人数", min: 1, max: 5, required: true },
        { id: "c", type: "multiple_choice", label: "兴趣", options: [{ value: "a", label: "读书" }] },
        { id: "fee", type: "payment", label: "商品", payment: { mode: "items", items: [{ id: "x", name: "票", priceYuan: "9.9", stock: 3, maxPerOrder: null }] } },
      ],
      deadlineAt: "2026-02-01T00:00",
    });
    const row = { title: changes.title, description: "", slug: "abc", version: 1, wechatAccountId: null, alipayAccountId: null, deadlineAt: changes.deadlineAt, maxPaidSubmissions: null };
    const again = parseFormInput(toFormInput(row, changes.definition));
    expect(again.definition).toEqual(changes.definition);
    expect(again.deadlineAt).toBe(changes.deadlineAt);
  });
});

describe("field and item ids", () => {
  const details = (body: unknown) => {
    try {
      parseFormInput(body);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      return (error as AppError).details;
    }
    return expect.unreachable("the body was accepted");
  };
  const rule = "应以小写字母开头，只能包含小写字母、数字和下划线，最多 32 个字符";
  const withFieldId = (id: unknown) => ({ ...base, fields: [{ id, type: "text", label: "问题" }, base.fields[0]] });
  const withItemId = (id: unknown) => ({
    ...base,
    fields: [{ id: "fee", type: "payment", label: "商品", payment: { mode: "items", items: [{ id, name: "票", priceYuan: "1" }] } }],
  });

  test.each([
    ["constructor", "「constructor」是保留字，不能用作字段标识"],
    ["__proto__", `字段标识${rule}`],
    ["toString", `字段标识${rule}`],
    ["Name", `字段标识${rule}`],
    ["1a", `字段标识${rule}`],
    ["a".repeat(33), `字段标识${rule}`],
    [42, "请填写字段标识"],
  ])("field id %j is refused: %s", (id, issue) => {
    expect(details(withFieldId(id))).toContainEqual({ field: "fields.0.id", issue });
  });

  test.each([
    ["constructor", "「constructor」是保留字，不能用作商品标识"],
    ["__proto__", `商品标识${rule}`],
    ["toString", `商品标识${rule}`],
    ["Name", `商品标识${rule}`],
    ["1a", `商品标识${rule}`],
    ["a".repeat(33), `商品标识${rule}`],
    ["t-shirt", `商品标识${rule}`],
  ])("item id %j is refused: %s", (id, issue) => {
    expect(details(withItemId(id))).toContainEqual({ field: "fields.0.payment.items.0.id", issue });
  });

  test("a 32-character id and one with digits and underscores are accepted", () => {
    expect(parseFormInput(withFieldId("a".repeat(32))).definition.fields[0].id).toBe("a".repeat(32));
    expect(parseFormInput(withItemId("vip_2026")).definition.fields[0].payment).toMatchObject({ items: [{ id: "vip_2026" }] });
  });
});
