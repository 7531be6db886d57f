// Alipay's 业务明细 (trade bill detail) CSV, already decoded from GBK → normalised bill lines. Pure.
// Layout: `#` header lines, the 业务明细列表 marker, a column header, one row per payment (交易)
// or refund (退款, negative amounts, with its 退款批次号/请求号), the end marker, then `#` footer
// lines with the day's totals, which are checked against the rows. Values carry trailing tabs
// and spaces; columns are found by name, not position (Alipay has added columns over the years).
// Amounts are yuan, converted exactly; a line that does not parse is reported, never skipped.
import { parseYuan, toYuan } from "@/lib/money";
import type { BillLine, BillTotals } from "../types";
import { formatBeijingTime, parseBeijingTime } from "./time";

export interface ParsedBill {
  lines: BillLine[];
  totals: BillTotals;
  malformed: { line: number; issue: string }[];
}

const START = /^#-+业务明细列表-+$/;
const END = /^#-+业务明细列表结束-+$/;
const COL = {
  tradeNo: "支付宝交易号",
  orderNo: "商户订单号",
  type: "业务类型",
  finishedAt: "完成时间",
  orderAmount: "订单金额（元）",
  received: "商家实收（元）",
  refundNo: "退款批次号/请求号",
  fee: "服务费（元）",
} as const;

/** "-12.30" → -1230, exactly; throws on anything else. */
export function signedYuanToFen(text: string): number {
  // 0 - x, never -x: "-0.00" is 0, not -0.
  return text.startsWith("-") ? 0 - parseYuan(text.slice(1)) : parseYuan(text);
}

/** One CSV record; quotes are honoured though Alipay writes values bare. Null if a quote is unbalanced. */
export function splitCsvLine(line: string): string[] | null {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let value = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      // After the closing quote only padding may come before the comma.
      while (i < line.length && line[i] !== ",") {
        if (line[i] !== "\t" && line[i] !== " ") return null;
        i++;
      }
    } else {
      while (i < line.length && line[i] !== ",") value += line[i++];
    }
    cells.push(value.trim());
    if (i >= line.length) return cells;
    i++; // the comma
  }
}

const fenText = (fen: number) => `${fen < 0 ? "-" : ""}${toYuan(Math.abs(fen))}`;

export function parseAlipayTradeBill(text: string, date: string): ParsedBill {
  const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const malformed: ParsedBill["malformed"] = [];
  const lines: BillLine[] = [];
  const report = (index: number, issue: string) => malformed.push({ line: index + 1, issue });
  const done = () => ({ lines, totals: totalsOf(lines), malformed });

  const start = rows.findIndex((r) => START.test(r.trim()));
  if (start < 0) {
    report(0, "找不到“业务明细列表”开始行：不是支付宝业务明细文件");
    return done();
  }
  for (let i = 0; i < start; i++) {
    const row = rows[i].trim();
    if (row !== "" && !row.startsWith("#")) report(i, "明细列表之前出现了非 # 开头的行");
    const period = /^#起始日期：\[(\d{4})年(\d{2})月(\d{2})日/.exec(row);
    if (period && `${period[1]}-${period[2]}-${period[3]}` !== date) report(i, `账单起始日期 ${period[1]}-${period[2]}-${period[3]} 不是所请求的 ${date}`);
  }

  const header = splitCsvLine(rows[start + 1] ?? "") ?? [];
  const index = Object.fromEntries(Object.entries(COL).map(([key, name]) => [key, header.indexOf(name)])) as Record<keyof typeof COL, number>;
  const missing = Object.entries(COL).filter(([key]) => index[key as keyof typeof COL] < 0).map(([, name]) => name);
  if (missing.length) {
    report(start + 1, `列标题缺少 ${missing.join("、")}`);
    return done();
  }

  let end = -1;
  const received = { payments: 0, refunds: 0, paymentCount: 0, refundCount: 0 };
  for (let i = start + 2; i < rows.length; i++) {
    const row = rows[i];
    if (END.test(row.trim())) {
      end = i;
      break;
    }
    if (row.trim() === "") continue;
    const cells = splitCsvLine(row);
    if (!cells) {
      report(i, "引号不配对");
      continue;
    }
    if (cells.length !== header.length) {
      report(i, `有 ${cells.length} 列，列标题有 ${header.length} 列`);
      continue;
    }
    const parsed = parseRow(cells, index, date);
    if (typeof parsed === "string") {
      report(i, parsed);
      continue;
    }
    lines.push(parsed.line);
    if (parsed.line.kind === "payment") {
      received.payments += parsed.receivedFen;
      received.paymentCount++;
    } else {
      received.refunds += parsed.receivedFen;
      received.refundCount++;
    }
  }
  if (end < 0) {
    report(rows.length - 1, "缺少“业务明细列表结束”行：文件可能不完整");
    return done();
  }
  checkFooter(rows, end, received, report);
  return done();
}

type Parsed = { line: BillLine; receivedFen: number } | string;

function parseRow(cells: string[], index: Record<keyof typeof COL, number>, date: string): Parsed {
  const get = (key: keyof typeof COL) => cells[index[key]];
  const type = get("type");
  if (type !== "交易" && type !== "退款") return `未知的业务类型“${type.slice(0, 20)}”`;
  const orderNo = get("orderNo");
  const platformTradeNo = get("tradeNo");
  if (!orderNo) return "缺少商户订单号";
  if (!platformTradeNo) return "缺少支付宝交易号";
  const occurredAt = parseBeijingTime(get("finishedAt"));
  if (!occurredAt) return `完成时间“${get("finishedAt").slice(0, 30)}”不是 yyyy-MM-dd HH:mm:ss`;
  if (formatBeijingTime(occurredAt).slice(0, 10) !== date) return `完成时间 ${get("finishedAt")} 不在账单日 ${date} 内`;

  const amounts: Record<string, number> = {};
  for (const key of ["orderAmount", "received", "fee"] as const) {
    const value = get(key);
    if (key === "fee" && value === "") {
      amounts[key] = 0;
      continue;
    }
    try {
      amounts[key] = signedYuanToFen(value);
    } catch {
      return `${COL[key]}“${value.slice(0, 30)}”不是精确到分的金额`;
    }
  }
  // Alipay shows the fee it takes as negative and the fee a refund gives back as positive.
  const feeFen = 0 - amounts.fee;
  if (type === "交易") {
    if (amounts.orderAmount <= 0) return `交易行的订单金额须为正数：${get("orderAmount")}`;
    return { line: { kind: "payment", orderNo, platformTradeNo, amountFen: amounts.orderAmount, feeFen, occurredAt }, receivedFen: amounts.received };
  }
  if (amounts.received >= 0) return `退款行的商家实收须为负数：${get("received")}`;
  const refundNo = get("refundNo");
  if (!refundNo) return "退款行缺少退款批次号/请求号";
  return {
    line: { kind: "refund", orderNo, platformTradeNo, refundNo, amountFen: 0 - amounts.received, feeFen, occurredAt },
    receivedFen: amounts.received,
  };
}

/** #交易合计：N笔，商家实收共X元… and #退款合计：M笔，商家实收退款共-Y元… must agree with the rows. */
function checkFooter(
  rows: string[],
  end: number,
  received: { payments: number; refunds: number; paymentCount: number; refundCount: number },
  report: (index: number, issue: string) => void,
): void {
  const find = (pattern: RegExp) => {
    for (let i = end + 1; i < rows.length; i++) {
      const m = pattern.exec(rows[i].trim());
      if (m) return { i, count: Number(m[1]), amount: m[2] };
    }
    return null;
  };
  const checks = [
    { label: "交易合计", pattern: /^#交易合计：(\d+)笔，商家实收共(-?[0-9.]+)元/, count: received.paymentCount, fen: received.payments },
    { label: "退款合计", pattern: /^#退款合计：(\d+)笔，商家实收退款共(-?[0-9.]+)元/, count: received.refundCount, fen: received.refunds },
  ];
  for (const check of checks) {
    const footer = find(check.pattern);
    if (!footer) {
      report(end, `缺少“${check.label}”行，无法核对合计`);
      continue;
    }
    let fen: number;
    try {
      fen = signedYuanToFen(footer.amount);
    } catch {
      report(footer.i, `${check.label}的金额“${footer.amount.slice(0, 30)}”不是精确到分的金额`);
      continue;
    }
    if (footer.count !== check.count || fen !== check.fen) {
      report(footer.i, `${check.label} ${footer.count} 笔、${fenText(fen)} 元，与解析出的 ${check.count} 笔、${fenText(check.fen)} 元不符`);
    }
  }
}

export function totalsOf(lines: BillLine[]): BillTotals {
  const totals = { count: lines.length, paymentFen: 0, refundFen: 0, feeFen: 0, netFen: 0 };
  for (const line of lines) {
    if (line.kind === "payment") totals.paymentFen += line.amountFen;
    else totals.refundFen += line.amountFen;
    totals.feeFen += line.feeFen;
  }
  totals.netFen = totals.paymentFen - totals.refundFen - totals.feeFen;
  return totals;
}
