import { describe, expect, test } from "vitest";
import { parseFormInput } from "@/lib/admin/forms-input";
import { emptyForm, idProblems, localProblems, newField, newItem, toBody, type UiForm } from "./builder-state";

const rule = "应以小写字母开头，只能包含小写字母、数字和下划线，最多 32 个字符";

function formWith(fieldId: string, itemId = "vip"): UiForm {
  const form = emptyForm();
  const payment = newField("payment");
  payment.payment = { ...payment.payment!, mode: "items", items: [{ ...newItem(), id: itemId, name: "票", priceYuan: "1" }] };
  form.title = "报名";
  form.fields = [{ ...form.fields[0], id: fieldId }, payment];
  return form;
}

describe("the builder refuses unsafe ids before saving", () => {
  test.each([
    ["constructor", "「constructor」是保留字，不能用作字段标识"],
    ["__proto__", `字段标识${rule}`],
    ["toString", `字段标识${rule}`],
    ["Name", `字段标识${rule}`],
    ["1a", `字段标识${rule}`],
    ["a".repeat(33), `字段标识${rule}`],
    ["", `字段标识${rule}`],
  ])("field id %j: %s", (id, issue) => {
    expect(idProblems(formWith(id))).toEqual([{ field: "fields.0.id", issue }]);
  });

  test.each([
    ["constructor", "「constructor」是保留字，不能用作商品标识"],
    ["__proto__", `商品标识${rule}`],
    ["toString", `商品标识${rule}`],
    ["Name", `商品标识${rule}`],
    ["1a", `商品标识${rule}`],
    ["a".repeat(33), `商品标识${rule}`],
  ])("item id %j: %s", (id, issue) => {
    expect(idProblems(formWith("name", id))).toEqual([{ field: "fields.1.payment.items.0.id", issue }]);
  });

  test("duplicate field ids are reported at the second one", () => {
    const form = formWith("name");
    form.fields.push({ ...newField("text"), id: "name" });
    expect(idProblems(form)).toEqual([{ field: "fields.2.id", issue: "字段标识重复：name" }]);
  });

  test("the ids it makes itself are safe, and the server agrees", () => {
    const form = formWith("name");
    form.fields[0].id = newField("text").id;
    form.fields[1].payment!.items.push({ ...newItem(), name: "普通票", priceYuan: "2" });
    expect(idProblems(form)).toEqual([]);
    const body = toBody(form);
    expect(JSON.stringify(body)).not.toContain('"key"');
    expect(parseFormInput(body).definition.fields.map((f) => f.id)).toEqual(form.fields.map((f) => f.id));
  });
});

describe("the builder checks amounts before saving, in the server's words", () => {
  test.each([
    ["12.345", "单价应为金额（元），最多两位小数，如 12.30"],
    ["1e3", "单价应为金额（元），最多两位小数，如 12.30"],
    ["-1", "单价应为金额（元），最多两位小数，如 12.30"],
    ["0", "单价必须大于 0"],
    ["", "请填写单价"],
  ])("price %j", (priceYuan, issue) => {
    const form = formWith("name");
    form.fields[1].payment!.items[0].priceYuan = priceYuan;
    expect(localProblems(form)).toEqual([{ field: "fields.1.payment.items.0.priceYuan", issue }]);
    // The server says the same at the same path.
    let serverIssue: unknown;
    try {
      parseFormInput(toBody(form));
    } catch (error) {
      serverIssue = (error as { details?: { field: string; issue: string }[] }).details;
    }
    expect(serverIssue).toEqual(expect.arrayContaining([{ field: "fields.1.payment.items.0.priceYuan", issue }]));
  });

  test("a good price passes", () => {
    const form = formWith("name");
    form.fields[1].payment!.items[0].priceYuan = "12.30";
    expect(localProblems(form)).toEqual([]);
  });
});
