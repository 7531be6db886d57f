// The CSV export opens in Excel as written: BOM, CRLF, RFC 4180 quoting, no formulas.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness";
import { signInAsAdmin } from "./admin";

let h: Harness;
let headers: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  ({ headers } = await signInAsAdmin(h));
});
afterAll(() => h.close());

/** A small RFC 4180 parser: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else if (c === "\n" || c === "\r" || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else cell += c;
  }
  if (cell !== "" || row.length) throw new Error("the last line has no CRLF");
  return rows;
}

test("an export with Chinese, commas, quotes and line breaks round-trips through a CSV parser", async () => {
  const send = (method: string, path: string, body?: unknown) =>
    h.fetch(path, { method, headers: { ...headers, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const created = await send("POST", "/api/admin/forms", {
    title: "活动报名, \"2026\"",
    fields: [
      { id: "name", type: "text", label: "姓名", required: true },
      { id: "note", type: "textarea", label: "备注, 说明" },
      { id: "pick", type: "multiple_choice", label: "兴趣", options: [{ value: "a", label: "读书" }, { value: "b", label: "电影，音乐" }] },
      { id: "fee", type: "payment", label: "报名费", payment: { mode: "fixed", amountYuan: "12.3" } },
    ],
    methods: ["wechat"],
  });
  expect(created.status).toBe(201);
  const form = await created.json();
  expect((await send("POST", `/api/admin/forms/${form.id}/publish`)).status).toBe(200);

  const answers = [
    { name: "张三", note: "第一行\n第二行, 带逗号", pick: ["a", "b"] },
    { name: '李"四"', note: "=HYPERLINK(\"http://evil\")", pick: [] },
    { name: "+8613800138000", note: "@SUM(A1)" },
  ];
  for (const a of answers) {
    const res = await h.postJson("/api/payment/orders", { formSlug: form.slug, answers: a, provider: "wechat" });
    expect(res.status).toBe(201);
  }

  const res = await h.fetch(`/api/admin/forms/${form.id}/submissions/export`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith("\uFEFF")).toBe(true);

  const rows = parseCsv(text.slice(1));
  expect(rows[0]).toEqual([
    "提交编号", "提交时间（北京时间）", "姓名", "备注, 说明", "兴趣", "报名费", "金额（元）", "支付状态",
    "支付方式", "订单号", "平台交易号", "支付时间（北京时间）", "已退款（元）", "最近退款时间（北京时间）",
  ]);
  expect(rows).toHaveLength(4);
  expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
  const [third, second, first] = rows.slice(1); // newest first
  // The payment column holds the amount (it was empty); the order number is ="…" so Excel keeps it text.
  expect(first.slice(2, 9)).toEqual(["张三", "第一行\n第二行, 带逗号", "读书、电影，音乐", "12.30", "12.30", "未支付", "微信支付 · 扫码支付"]);
  expect(first[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  expect(first[9]).toMatch(/^="\d{20,32}"$/);
  expect(second.slice(2, 4)).toEqual(['李"四"', "'=HYPERLINK(\"http://evil\")"]);
  expect(third.slice(2, 4)).toEqual(["'+8613800138000", "'@SUM(A1)"]);

  // The list's filters apply to the export too.
  const paidOnly = await h.fetch(`/api/admin/forms/${form.id}/submissions/export?status=paid`, { headers });
  expect(parseCsv((await paidOnly.text()).replace(/^\uFEFF/, ""))).toHaveLength(1);
  const searched = await h.fetch(`/api/admin/forms/${form.id}/submissions?q=${encodeURIComponent("张三")}`, { headers });
  expect((await searched.json()).submissions).toHaveLength(1);
});
