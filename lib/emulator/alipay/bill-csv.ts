// The trade bill's files in Alipay's layout: 业务明细 (one row per payment or refund, between `#`
// header and footer lines) and 业务明细(汇总), both GBK-encoded CSV in one zip. Values end with a
// tab, as Alipay's do (it keeps spreadsheets from turning long numbers into 2.02E+27); refund rows
// carry negative amounts and their 退款批次号/请求号. Pure.
import { zipSync } from "fflate";
import iconv from "iconv-lite";
import { fenToYuan } from "../money";
import type { BillRow } from "./bills";
import { beijingTime } from "./time";

export const DETAIL_COLUMNS = [
  "支付宝交易号", "商户订单号", "业务类型", "商品名称", "创建时间", "完成时间", "门店编号", "门店名称", "操作员", "终端号",
  "对方账户", "订单金额（元）", "商家实收（元）", "支付宝红包（元）", "集分宝（元）", "支付宝优惠（元）", "商家优惠（元）",
  "券核销金额（元）", "券名称", "商家红包消费金额（元）", "卡消费金额（元）", "退款批次号/请求号", "服务费（元）", "分润（元）", "备注",
];
const SUMMARY_COLUMNS = [
  "门店编号", "门店名称", "交易订单总笔数", "退款订单总笔数", "订单金额（元）", "商家实收（元）", "支付宝优惠（元）", "商家优惠（元）",
  "卡消费金额（元）", "服务费（元）", "分润（元）", "实收净额（元）",
];
const DETAIL_START = "#-----------------------------------------业务明细列表----------------------------------------";
const DETAIL_END = "#-----------------------------------------业务明细列表结束------------------------------------";
const SUMMARY_START = "#-----------------------------------------业务汇总列表----------------------------------------";
const SUMMARY_END = "#----------------------------------------业务汇总列表结束-------------------------------------";
const CRLF = "\r\n";

export interface BillFileInfo {
  /** The merchant's 2088… partner id. */
  sellerId: string;
  /** "yyyy-MM-dd", Beijing. */
  date: string;
  exportedAt: number;
}

/** Signed yuan: -3000 → "-30.00". */
function yuan(fen: number): string {
  return fen < 0 ? `-${fenToYuan(-fen)}` : fenToYuan(fen);
}

/** Alipay writes values bare; one with a comma, quote or line break is quoted, CSV style. */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** "2026年11月21日 00:00:00" */
function chineseTime(ms: number): string {
  const t = beijingTime(ms);
  return `${t.slice(0, 4)}年${t.slice(5, 7)}月${t.slice(8, 10)}日 ${t.slice(11)}`;
}

function headerLines(title: string, info: BillFileInfo, from: number): string[] {
  return [
    `#${title}`,
    // Alipay's bill account is the partner id followed by 0156.
    `#账号：[${info.sellerId}0156]`,
    `#起始日期：[${chineseTime(from)}]   终止日期：[${chineseTime(from + 86400_000)}]`,
  ];
}

function detailRow(row: BillRow): string {
  const sign = row.kind === "refund" ? -1 : 1;
  const amount = yuan(sign * row.amountFen);
  // The fee is taken from a payment (negative) and given back with a refund (positive).
  const fee = yuan(-sign * row.feeFen);
  const values = [
    row.tradeNo, row.outTradeNo, row.kind === "refund" ? "退款" : "交易", row.subject, beijingTime(row.createdAt), beijingTime(row.finishedAt),
    "", "", "", "", row.buyerLogonId, amount, amount, "0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00", "0.00",
    row.outRequestNo ?? "", fee, "0.00", "",
  ];
  // Creation time is the one value Alipay leaves without its trailing tab.
  return values.map((v, i) => (i === 4 ? cell(v) : `${cell(v)}\t`)).join(",");
}

export function detailCsv(rows: BillRow[], info: BillFileInfo, dayStart: number): string {
  const payments = rows.filter((r) => r.kind === "payment");
  const refunds = rows.filter((r) => r.kind === "refund");
  const sum = (list: BillRow[]) => list.reduce((fen, r) => fen + r.amountFen, 0);
  return [
    ...headerLines("支付宝业务明细查询", info, dayStart),
    DETAIL_START,
    DETAIL_COLUMNS.join(","),
    ...rows.map(detailRow),
    DETAIL_END,
    `#交易合计：${payments.length}笔，商家实收共${yuan(sum(payments))}元，商家优惠共0.00元`,
    `#退款合计：${refunds.length}笔，商家实收退款共${yuan(-sum(refunds))}元，商家优惠退款共0.00元`,
    `#导出时间：[${chineseTime(info.exportedAt)}]`,
  ].join(CRLF) + CRLF;
}

export function summaryCsv(rows: BillRow[], info: BillFileInfo, dayStart: number): string {
  const payments = rows.filter((r) => r.kind === "payment");
  const refunds = rows.filter((r) => r.kind === "refund");
  const orderFen = rows.reduce((fen, r) => fen + (r.kind === "refund" ? -r.amountFen : r.amountFen), 0);
  const feeFen = rows.reduce((fen, r) => fen + (r.kind === "refund" ? r.feeFen : -r.feeFen), 0);
  const totals = (store: string) =>
    [store, "", String(payments.length), String(refunds.length), yuan(orderFen), yuan(orderFen), "0.00", "0.00", "0.00", yuan(feeFen), "0.00", yuan(orderFen + feeFen)]
      .map((v) => `${v}\t`)
      .join(",");
  return [
    ...headerLines("支付宝业务汇总查询", info, dayStart),
    SUMMARY_START,
    SUMMARY_COLUMNS.join(","),
    totals(""),
    totals("合计"),
    SUMMARY_END,
    `#导出时间：[${chineseTime(info.exportedAt)}]`,
  ].join(CRLF) + CRLF;
}

/** The downloadable zip; its name and its entries' names as Alipay gives them. */
export function billZip(rows: BillRow[], info: BillFileInfo, dayStart: number): { fileName: string; bytes: Uint8Array } {
  const stem = `${info.sellerId}0156_${info.date.replaceAll("-", "")}`;
  const gbk = (text: string) => new Uint8Array(iconv.encode(text, "gbk"));
  const bytes = zipSync(
    {
      [`${stem}_业务明细.csv`]: gbk(detailCsv(rows, info, dayStart)),
      [`${stem}_业务明细(汇总).csv`]: gbk(summaryCsv(rows, info, dayStart)),
    },
    { mtime: new Date(info.exportedAt) },
  );
  return { fileName: `${stem}.csv.zip`, bytes };
}
