// The text of a WeChat Pay ALL trade bill: UTF-8 with BOM, a plain header line, one row per
// payment or refund with every field prefixed by a backtick, yuan amounts (fees with 5 decimals),
// then the summary header and a backtick-prefixed summary row. Pure.
// https://pay.weixin.qq.com/doc/v3/merchant/4012556654
import { fenToYuan } from "../money";

export const BILL_HEADER = [
  "交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态",
  "付款银行", "货币种类", "应结订单金额", "代金券金额", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态",
  "商品名称", "商户数据包", "手续费", "费率", "订单金额", "申请退款金额", "费率备注",
];
export const SUMMARY_HEADER = ["总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额"];

interface RowBase {
  /** Epoch ms: the payment's success time, or the refund's. */
  at: number;
  appId: string;
  mchId: string;
  transactionId: string;
  outTradeNo: string;
  openId: string;
  tradeType: string;
  bankType: string;
  description: string;
  attach: string;
}

export interface BillPaymentRow extends RowBase {
  kind: "payment";
  amountFen: number;
  feeFen: number;
}

export interface BillRefundRow extends RowBase {
  kind: "refund";
  refundId: string;
  outRefundNo: string;
  refundFen: number;
  /** The fee given back, positive (written negative in the bill). */
  feeReturnedFen: number;
}

export type BillRow = BillPaymentRow | BillRefundRow;

/**
 * WeChat's fee on one payment: amount × rate, rounded half up to a whole fen. rateBp is in basis
 * points (60 = 0.60%), so the arithmetic stays in integers.
 */
export function feeFen(amountFen: number, rateBp: number): number {
  return Math.floor((amountFen * rateBp + 5000) / 10000);
}

/** 60 → "0.60%". */
export function rateText(rateBp: number): string {
  return `${Math.floor(rateBp / 100)}.${String(rateBp % 100).padStart(2, "0")}%`;
}

/** Fees are written with five decimals: 36 → "0.36000", -36 → "-0.36000". */
function feeText(fen: number): string {
  return `${fen < 0 ? "-" : ""}${fenToYuan(Math.abs(fen))}000`;
}

/** "2026-11-22 15:29:35", Beijing time. */
export function billTime(ms: number): string {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace("T", " ");
}

// A backtick or a line break inside a free-text field would break the row apart.
const clean = (text: string) => text.replace(/[`\r\n]/g, " ");

const line = (fields: string[]) => `\`${fields.join(",`")}`;

function rowFields(row: BillRow, rateBp: number): string[] {
  const common = [billTime(row.at), row.appId, row.mchId, "0", "", row.transactionId, row.outTradeNo, row.openId, row.tradeType];
  if (row.kind === "payment") {
    const yuan = fenToYuan(row.amountFen);
    return [
      ...common, "SUCCESS", row.bankType, "CNY", yuan, "0.00", "0", "0", "0.00", "0.00", "", "",
      clean(row.description), clean(row.attach), feeText(row.feeFen), rateText(rateBp), yuan, "0.00", "",
    ];
  }
  const yuan = fenToYuan(row.refundFen);
  return [
    ...common, "REFUND", row.bankType, "CNY", "0.00", "0.00", row.refundId, row.outRefundNo, yuan, "0.00", "ORIGINAL", "SUCCESS",
    clean(row.description), clean(row.attach), feeText(-row.feeReturnedFen), rateText(rateBp), "0.00", yuan, "",
  ];
}

/** The whole file, rows in the given order, ending with a newline. */
export function billText(rows: BillRow[], rateBp: number): string {
  let settledFen = 0;
  let refundFen = 0;
  let feeTotalFen = 0;
  for (const row of rows) {
    if (row.kind === "payment") {
      settledFen += row.amountFen;
      feeTotalFen += row.feeFen;
    } else {
      refundFen += row.refundFen;
      feeTotalFen -= row.feeReturnedFen;
    }
  }
  const lines = [
    BILL_HEADER.join(","),
    ...rows.map((row) => line(rowFields(row, rateBp))),
    SUMMARY_HEADER.join(","),
    line([String(rows.length), fenToYuan(settledFen), fenToYuan(refundFen), "0.00", feeText(feeTotalFen), fenToYuan(settledFen), fenToYuan(refundFen)]),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
