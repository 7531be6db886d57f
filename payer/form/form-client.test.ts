// The public form rendered to HTML with ids an old row could hold ("constructor", "__proto__"):
// nothing may be read from Object.prototype (it made /f/{slug} a 500 for every payer).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import type { PublicFormView } from "@/lib/forms/public-form";


const { FormClient } = await import("./form-client");

const view = (itemIds: string[]): PublicFormView => ({
  slug: "old-row",
  title: "旧表单",
  description: "",
  deadlineAt: null,
  fields: [
    { id: "constructor", type: "text", label: "姓名", required: true, help: null, options: null, min: null, max: null, payment: null },
    {
      id: "__proto__",
      type: "payment",
      label: "商品",
      required: false,
      help: null,
      options: null,
      min: null,
      max: null,
      payment: { mode: "items", items: itemIds.map((id) => ({ id, name: `商品${id}`, priceFen: 1000, maxPerOrder: null, remaining: null })) },
    },
  ],
  methods: ["wechat"],
});

test.each([
  ["constructor", "toString"],
  ["__proto__", "valueOf"],
])("items %s and %s render with quantity 0 and a total of ¥0.00", (...ids) => {
  const html = renderToStaticMarkup(createElement(FormClient, { form: view(ids) }));
  expect(html).toContain('data-testid="total">¥0.00<');
  expect(html).not.toContain("NaN");
  expect(html).not.toContain("function");
  // Quantity boxes start empty (counted as 0), so a payer can type over them without a leading 0.
  expect(html.match(/aria-label="商品[^"]*数量" type="text" inputMode="numeric"[^>]*value=""/g)).toHaveLength(2);
  expect(html).toMatch(/<input id="f-constructor" type="text" value=""/);
});
