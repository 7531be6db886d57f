import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { formDefinition, idIssue, parseDefinition } from "./definition";
import { DEMO_FORM } from "./demo-form";

const withField = (id: string) => ({ fields: [{ id, type: "text", label: "问题" }] });
const withItem = (id: string) => ({
  fields: [{ id: "fee", type: "payment", label: "费用", payment: { mode: "items", items: [{ id, name: "票", priceFen: 100 }] } }],
});
const PATTERN = "应以小写字母开头，只能包含小写字母、数字和下划线，最多 32 个字符";

describe("field and item ids", () => {
  test.each([
    ["constructor", "「constructor」是保留字，不能用作字段标识"],
    ["__proto__", `字段标识${PATTERN}`],
    ["toString", `字段标识${PATTERN}`],
    ["Name", `字段标识${PATTERN}`],
    ["1a", `字段标识${PATTERN}`],
    ["a".repeat(33), `字段标识${PATTERN}`],
    ["", `字段标识${PATTERN}`],
    ["t-shirt", `字段标识${PATTERN}`],
  ])("field id %j is refused: %s", (id, message) => {
    const result = formDefinition.safeParse(withField(id));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: ["fields", 0, "id"], message }));
  });

  test.each([
    ["constructor", "「constructor」是保留字，不能用作商品标识"],
    ["__proto__", `商品标识${PATTERN}`],
    ["hasOwnProperty", `商品标识${PATTERN}`],
    ["9lives", `商品标识${PATTERN}`],
  ])("item id %j is refused: %s", (id, message) => {
    const result = formDefinition.safeParse(withItem(id));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: ["fields", 0, "payment", "items", 0, "id"], message }));
  });

  test.each(["a", "name", "f_x7k2pq", "i9abcd", "a".repeat(32), "proto", "constructor_2"])("id %j is safe", (id) => {
    expect(idIssue(id, "字段")).toBeNull();
    expect(formDefinition.safeParse(withField(id)).success).toBe(true);
    expect(formDefinition.safeParse(withItem(id)).success).toBe(true);
  });

  test("two items with one id are refused", () => {
    const def = withItem("vip");
    const items = def.fields[0].payment.items;
    items.push({ ...items[0] });
    expect(formDefinition.safeParse(def).error?.issues[0]).toMatchObject({ message: "商品标识重复：vip" });
  });

  test("the demo form, as seeded, still parses", () => {
    expect(parseDefinition(JSON.stringify(DEMO_FORM.definition)).fields.map((f) => f.id)).toEqual(["name", "phone", "session", "note", "fee"]);
  });

  test.each([
    ["a stored field named constructor", JSON.stringify(withField("constructor"))],
    ["a stored item named __proto__", JSON.stringify(withItem("__proto__"))],
    ["not JSON", "{"],
  ])("%s is a 422 AppError, not a crash", (_label, json) => {
    let thrown: unknown;
    try {
      parseDefinition(json);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).status).toBe(422);
    expect((thrown as AppError).message).toBe("表单设置有误，暂时无法使用，请联系表单发布者");
  });
});
