import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import { DETAIL } from "./__fixtures__/generate-bill-fixture";
import { billNotExistResult, isBillDate } from "./bill";
import { BillFileError, detailCsvFromZip } from "./bill-file";
import { parseAlipayTradeBill, signedYuanToFen, splitCsvLine } from "./bill-parse";

const fixture = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "__fixtures__", "alipay-bill-20261121.zip"));
const at = (beijing: string) => new Date(`${beijing.replace(" ", "T")}+08:00`);

describe("the fixture zip (GBK CSVs, GBK entry names)", () => {
  const detail = detailCsvFromZip(new Uint8Array(fixture));
  const bill = parseAlipayTradeBill(detail.text, "2026-11-21");

  test("finds the 业务明细 file, not the 汇总, and decodes it from GBK", () => {
    expect(detail.name).toBe("20880000000000010156_20261121_业务明细.csv");
    expect(detail.text.startsWith("#支付宝业务明细查询\r\n")).toBe(true);
    expect(detail.text).toBe(DETAIL);
  });

  test("payments of 0.01, 0.10 and 99999.99 and the refund, exactly in fen, trailing tabs gone", () => {
    expect(bill.lines).toEqual([
      { kind: "payment", orderNo: "F20261121000001", platformTradeNo: "2026112122001400000000000001", amountFen: 1, feeFen: 0, occurredAt: at("2026-11-21 09:00:30") },
      { kind: "payment", orderNo: "F20261121000002", platformTradeNo: "2026112122001400000000000002", amountFen: 10, feeFen: 0, occurredAt: at("2026-11-21 10:15:42") },
      { kind: "payment", orderNo: "F20261121000003", platformTradeNo: "2026112122001400000000000003", amountFen: 9_999_999, feeFen: 60_000, occurredAt: at("2026-11-21 11:01:05") },
      {
        kind: "refund",
        orderNo: "F20261121000002",
        platformTradeNo: "2026112122001400000000000002",
        refundNo: "RF20261121000001",
        amountFen: 10,
        feeFen: 0,
        occurredAt: at("2026-11-21 16:20:00"),
      },
    ]);
    expect(bill.totals).toEqual({ count: 4, paymentFen: 10_000_010, refundFen: 10, feeFen: 60_000, netFen: 9_940_000 });
  });

  test("the malformed line is reported with its line number, and the footer no longer adds up", () => {
    expect(bill.malformed).toEqual([
      { line: 9, issue: "订单金额（元）“12.345”不是精确到分的金额" },
      { line: 12, issue: "交易合计 4 笔、100012.45 元，与解析出的 3 笔、100000.10 元不符" },
    ]);
  });
});

// A bill built from the fixture's text with chosen rows, for the cases one fixture cannot hold.
const lines = DETAIL.split("\r\n");
const HEAD = lines.slice(0, 5);
const ROW = { cent: lines[5], dime: lines[6], big: lines[7], bad: lines[8], refund: lines[9] };
function bill(rows: string[], footer = ["#交易合计：3笔，商家实收共100000.10元，商家优惠共0.00元", "#退款合计：1笔，商家实收退款共-0.10元，商家优惠退款共0.00元"]) {
  return [...HEAD, ...rows, lines[10], ...footer, "#导出时间：[2026年11月22日 09:03:12]", ""].join("\r\n");
}
const good = [ROW.cent, ROW.dime, ROW.big, ROW.refund];

describe("parseAlipayTradeBill", () => {
  test("a clean day: no issues, footer agrees (CRLF or LF, with a BOM or not)", () => {
    const text = bill(good);
    for (const variant of [text, text.replaceAll("\r\n", "\n"), `\uFEFF${text}`]) {
      const parsed = parseAlipayTradeBill(variant, "2026-11-21");
      expect(parsed.malformed).toEqual([]);
      expect(parsed.lines).toHaveLength(4);
    }
  });

  test("a day with no rows and zero totals", () => {
    const parsed = parseAlipayTradeBill(bill([], ["#交易合计：0笔，商家实收共0.00元，商家优惠共0.00元", "#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元"]), "2026-11-21");
    expect(parsed).toEqual({ lines: [], totals: { count: 0, paymentFen: 0, refundFen: 0, feeFen: 0, netFen: 0 }, malformed: [] });
  });

  test("columns are found by name: an added column elsewhere changes nothing", () => {
    const widen = (row: string) => row.replace(/,$/, ",\t,");
    const head = [...HEAD.slice(0, 4), `${HEAD[4]},实收净额（元）`];
    const text = [...head, ...good.map((r) => `${r},0.00\t`), lines[10], "#交易合计：3笔，商家实收共100000.10元，商家优惠共0.00元", "#退款合计：1笔，商家实收退款共-0.10元，商家优惠退款共0.00元"].join("\r\n");
    expect(widen("a,")).toBe("a,\t,");
    const parsed = parseAlipayTradeBill(text, "2026-11-21");
    expect(parsed.malformed).toEqual([]);
    expect(parsed.totals.paymentFen).toBe(10_000_010);
  });

  test.each([
    ["a row with too few columns", ROW.dime.split(",").slice(0, 20).join(","), "有 20 列，列标题有 25 列"],
    ["an unknown 业务类型", ROW.dime.replace("交易\t", "转账\t"), "未知的业务类型“转账”"],
    ["a payment with a negative amount", ROW.dime.replaceAll("0.10\t", "-0.10\t"), "交易行的订单金额须为正数：-0.10"],
    ["a refund with a positive amount", ROW.refund.replaceAll("-0.10\t", "0.10\t"), "退款行的商家实收须为负数：0.10"],
    ["a refund without its request number", ROW.refund.replace("RF20261121000001\t", "\t"), "退款行缺少退款批次号/请求号"],
    ["a row finished on another day", ROW.cent.replace("2026-11-21 09:00:30", "2026-11-22 09:00:30"), "完成时间 2026-11-22 09:00:30 不在账单日 2026-11-21 内"],
    ["a row with a bad time", ROW.cent.replace("2026-11-21 09:00:30", "2026/11/21 09:00:30"), "完成时间“2026/11/21 09:00:30”不是 yyyy-MM-dd HH:mm:ss"],
    ["an amount in float notation", ROW.cent.replaceAll("0.01\t", "1e-2\t"), "订单金额（元）“1e-2”不是精确到分的金额"],
    ["an unbalanced quote", ROW.cent.replace("读书会报名费", '"读书会报名费'), "引号不配对"],
  ])("%s is reported, never skipped silently", (_label, row, issue) => {
    const parsed = parseAlipayTradeBill(bill([row]), "2026-11-21");
    expect(parsed.lines).toEqual([]);
    expect(parsed.malformed[0]).toEqual({ line: 6, issue });
  });

  test("a quoted subject with a comma parses", () => {
    const row = ROW.cent.replace("读书会报名费\t", '"读书会,报名费"\t');
    const parsed = parseAlipayTradeBill(bill([row], ["#交易合计：1笔，商家实收共0.01元，", "#退款合计：0笔，商家实收退款共0.00元，"]), "2026-11-21");
    expect(parsed.malformed).toEqual([]);
    expect(parsed.lines[0].amountFen).toBe(1);
  });

  test("footer: missing lines, wrong counts, wrong sums are all reported", () => {
    expect(parseAlipayTradeBill(bill(good, []), "2026-11-21").malformed.map((m) => m.issue)).toEqual([
      "缺少“交易合计”行，无法核对合计",
      "缺少“退款合计”行，无法核对合计",
    ]);
    const wrong = parseAlipayTradeBill(bill(good, ["#交易合计：3笔，商家实收共100000.11元，", "#退款合计：2笔，商家实收退款共-0.10元，"]), "2026-11-21");
    expect(wrong.malformed.map((m) => m.issue)).toEqual([
      "交易合计 3 笔、100000.11 元，与解析出的 3 笔、100000.10 元不符",
      "退款合计 2 笔、-0.10 元，与解析出的 1 笔、-0.10 元不符",
    ]);
    expect(wrong.lines).toHaveLength(4);
  });

  test("a file cut short, a missing column, another day's bill, not a bill at all", () => {
    const cut = [...HEAD, ROW.cent].join("\r\n");
    expect(parseAlipayTradeBill(cut, "2026-11-21").malformed).toEqual([{ line: 6, issue: "缺少“业务明细列表结束”行：文件可能不完整" }]);
    const noFee = [...HEAD.slice(0, 4), HEAD[4].replace("服务费（元）", "手续费")].join("\r\n");
    expect(parseAlipayTradeBill(noFee, "2026-11-21").malformed).toEqual([{ line: 5, issue: "列标题缺少 服务费（元）" }]);
    expect(parseAlipayTradeBill(bill(good), "2026-11-20").malformed[0]).toEqual({ line: 3, issue: "账单起始日期 2026-11-21 不是所请求的 2026-11-20" });
    expect(parseAlipayTradeBill("交易号,金额\r\n1,2", "2026-11-21").malformed).toEqual([{ line: 1, issue: "找不到“业务明细列表”开始行：不是支付宝业务明细文件" }]);
  });
});

describe("detailCsvFromZip", () => {
  const gbk = (text: string) => new Uint8Array(iconv.encode(text, "gbk"));

  test("UTF-8 entry names work too", () => {
    const zip = zipSync({ "x_业务明细(汇总).csv": gbk("#汇总\r\n#-----业务汇总列表-----"), "x_业务明细.csv": gbk(DETAIL) });
    expect(detailCsvFromZip(zip).name).toBe("x_业务明细.csv");
  });

  test("found by content when the names say nothing", () => {
    const zip = zipSync({ "a.csv": gbk("#-----业务汇总列表-----"), "b.csv": gbk(DETAIL) });
    expect(detailCsvFromZip(zip).name).toBe("b.csv");
  });

  test("not a zip, no detail file, a detail file not in GBK", () => {
    expect(() => detailCsvFromZip(new Uint8Array([1, 2, 3]))).toThrow(BillFileError);
    expect(() => detailCsvFromZip(zipSync({ "readme.txt": gbk("你好") }))).toThrow(/没有业务明细文件/);
    const utf16 = new Uint8Array(Buffer.from(DETAIL, "utf16le"));
    expect(() => detailCsvFromZip(zipSync({ "x_业务明细.csv": utf16 }))).toThrow(/编码可能不是 GBK/);
  });
});

describe("helpers", () => {
  test.each([
    ["0.01", 1],
    ["0.10", 10],
    ["99999.99", 9_999_999],
    ["-600.00", -60_000],
    ["-0.05", -5],
    ["0", 0],
    ["-0.00", 0],
  ])("signedYuanToFen(%s) = %i", (yuan, fen) => {
    expect(Object.is(signedYuanToFen(yuan), fen)).toBe(true);
  });

  test.each(["", "-", "1.005", "1e3", "+1", "--1", "0.1.0", " 1"])("signedYuanToFen(%j) throws", (yuan) => {
    expect(() => signedYuanToFen(yuan)).toThrow();
  });

  test("splitCsvLine trims tabs and spaces and honours quotes", () => {
    expect(splitCsvLine('a\t, b ,"c,d"\t,"e""f",')).toEqual(["a", "b", "c,d", 'e"f', ""]);
    expect(splitCsvLine('"a')).toBeNull();
    expect(splitCsvLine('"a"x,b')).toBeNull();
  });

  test("isp.bill_not_exist is not_ready until 10:00 Beijing the next day, then no_trades", () => {
    expect(billNotExistResult("2026-11-21", at("2026-11-22 09:59:59").getTime()).status).toBe("not_ready");
    expect(billNotExistResult("2026-11-21", at("2026-11-21 15:00:00").getTime()).status).toBe("not_ready");
    expect(billNotExistResult("2026-11-21", at("2026-11-22 10:00:00").getTime()).status).toBe("no_trades");
  });

  test("isBillDate", () => {
    expect(isBillDate("2026-11-21")).toBe(true);
    for (const bad of ["2026-02-30", "2026-11", "20261121", "2026-11-21 "]) expect(isBillDate(bad)).toBe(false);
  });
});
