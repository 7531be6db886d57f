// The bill parser against hand-written files in WeChat's format (__fixtures__/wechat-bill-*.csv).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { parseWechatBill } from "./bill-parse";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "__fixtures__");
const fixture = (name: string) => fs.readFileSync(path.join(dir, name));
const plain = () => fixture("wechat-bill-all.csv").toString("utf8");

describe("an ALL bill with payments, refunds and the summary", () => {
  test("every row becomes a line, yuan converted to fen exactly", () => {
    const bill = parseWechatBill(plain());
    expect(bill.malformed).toEqual([]);
    expect(bill.lines).toEqual([
      { kind: "payment", orderNo: "20261121091500000000001", platformTradeNo: "4200000001202611210000000001", amountFen: 1, feeFen: 0, occurredAt: new Date("2026-11-21T01:15:02Z") },
      { kind: "payment", orderNo: "20261121103000000000002", platformTradeNo: "4200000002202611210000000002", amountFen: 10, feeFen: 0, occurredAt: new Date("2026-11-21T02:30:45Z") },
      { kind: "payment", orderNo: "20261121130200000000003", platformTradeNo: "4200000003202611210000000003", amountFen: 9_999_999, feeFen: 60_000, occurredAt: new Date("2026-11-21T05:02:11Z") },
      {
        kind: "refund",
        orderNo: "20261121130200000000003",
        platformTradeNo: "4200000003202611210000000003",
        refundNo: "R20261121164000001",
        platformRefundId: "50300000012026112100000000001",
        amountFen: 10_000,
        feeFen: -60,
        occurredAt: new Date("2026-11-21T08:40:00Z"),
      },
      {
        kind: "refund",
        orderNo: "20261121103000000000002",
        platformTradeNo: "4200000002202611210000000002",
        refundNo: "R20261121180500002",
        platformRefundId: "50300000022026112100000000002",
        amountFen: 10,
        feeFen: 0,
        occurredAt: new Date("2026-11-21T10:05:30Z"),
      },
    ]);
  });

  test("totals: count, payments, refunds, fees and net in fen", () => {
    expect(parseWechatBill(plain()).totals).toEqual({
      count: 5,
      paymentFen: 10_000_010,
      refundFen: 10_010,
      feeFen: 59_940,
      netFen: 10_000_010 - 10_010 - 59_940,
    });
  });

  test("the gzip file unpacks to the same bill", () => {
    const unpacked = zlib.gunzipSync(fixture("wechat-bill-all.csv.gz")).toString("utf8");
    expect(unpacked).toBe(plain());
    expect(parseWechatBill(unpacked)).toEqual(parseWechatBill(plain()));
  });

  test("without the BOM and with \\n line ends it reads the same", () => {
    expect(parseWechatBill(plain().replace(/^\uFEFF/, "").replaceAll("\r\n", "\n"))).toEqual(parseWechatBill(plain()));
  });
});

describe("what cannot be read is reported, never skipped", () => {
  test("a bad amount and a truncated row are malformed with their line numbers; the rest still parses", () => {
    const bill = parseWechatBill(fixture("wechat-bill-malformed.csv").toString("utf8"));
    expect(bill.malformed).toEqual([
      { line: 3, issue: expect.stringContaining("应结订单金额") },
      { line: 5, issue: "字段数为 3，应为 27" },
      // The summary still counts 5 rows; the file now has 6.
      { line: 9, issue: "汇总总交易单数为 5，逐行合计为 6" },
    ]);
    expect(bill.lines.map((l) => l.orderNo)).toEqual([
      "20261121091500000000001",
      "20261121130200000000003",
      "20261121130200000000003",
      "20261121103000000000002",
    ]);
  });

  const lines = () => plain().replace(/^\uFEFF/, "").split("\r\n");
  const withLines = (change: (l: string[]) => void) => {
    const l = lines();
    change(l);
    return l.join("\r\n");
  };

  test.each([
    ["a summary amount that disagrees with the rows", (l: string[]) => (l[7] = l[7].replace("`100.10,`0.00", "`100.11,`0.00")), 8, /退款总金额/],
    ["a summary count that disagrees", (l: string[]) => (l[7] = l[7].replace("`5,", "`4,")), 8, /总交易单数/],
    ["a fee below the fen", (l: string[]) => (l[1] = l[1].replace("`0.00000,", "`0.00600,")), 2, /手续费/],
    ["a row without its backticks", (l: string[]) => (l[2] = l[2].replaceAll("`", "")), 3, /反引号/],
    ["a time that is not a time", (l: string[]) => (l[1] = l[1].replace("2026-11-21 09:15:02", "2026/11/21 09:15")), 2, /交易时间/],
    ["a REVOKED row", (l: string[]) => (l[1] = l[1].replace("`SUCCESS,`OTHERS", "`REVOKED,`OTHERS")), 2, /REVOKED/],
    ["a refund still processing", (l: string[]) => (l[4] = l[4].replace("`ORIGINAL,`SUCCESS", "`ORIGINAL,`PROCESSING")), 5, /PROCESSING/],
    ["no summary at all", (l: string[]) => l.splice(6, 2), 7, /汇总/],
    ["a line after the summary", (l: string[]) => l.splice(8, 0, "`junk"), 9, /多余/],
  ])("%s", (_label, change, line, issue) => {
    const bill = parseWechatBill(withLines(change));
    expect(bill.malformed).toContainEqual({ line, issue: expect.stringMatching(issue) });
  });

  test("a header without the columns we need reports every row", () => {
    const bill = parseWechatBill(withLines((l) => (l[0] = l[0].replace("商户订单号", "订单号"))));
    expect(bill.malformed[0]).toEqual({ line: 1, issue: expect.stringContaining("商户订单号") });
    expect(bill.malformed.filter((m) => m.issue.includes("表头无法识别"))).toHaveLength(5);
    expect(bill.lines).toEqual([]);
  });
});
