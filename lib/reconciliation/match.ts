// Matching one day's bill against our own books, pure: payment lines against the orders we show
// paid that day (by order number, amounts summed so a duplicated line shows as a wrong amount),
// refund lines against the refunds that succeeded that day (by refund number). Anything on one
// side only, or with another amount, is a difference.
import type { BillLine } from "@/lib/payments/types";
import type { DifferenceKind } from "@/db/schema";

export interface OurPayment {
  orderNo: string;
  platformTradeNo: string | null;
  amountFen: number;
}

export interface OurRefund {
  refundNo: string;
  orderNo: string;
  amountFen: number;
}

export interface Difference {
  /** kind + order number + refund number: what a re-run matches to keep a resolution. */
  key: string;
  kind: DifferenceKind;
  orderNo: string;
  platformTradeNo?: string;
  refundNo?: string;
  ourAmountFen?: number;
  platformAmountFen?: number;
}

export interface OurTotals {
  /** Payments and refunds, as the bill's count counts all its lines. */
  count: number;
  paymentFen: number;
  refundFen: number;
}

export interface MatchResult {
  ours: OurTotals;
  differences: Difference[];
}

export function differenceKey(kind: DifferenceKind, orderNo: string, refundNo?: string): string {
  return `${kind}:${orderNo}:${refundNo ?? ""}`;
}

function difference(d: Omit<Difference, "key">): Difference {
  const out: Difference = { key: differenceKey(d.kind, d.orderNo, d.refundNo), kind: d.kind, orderNo: d.orderNo };
  if (d.platformTradeNo) out.platformTradeNo = d.platformTradeNo;
  if (d.refundNo) out.refundNo = d.refundNo;
  if (d.ourAmountFen !== undefined) out.ourAmountFen = d.ourAmountFen;
  if (d.platformAmountFen !== undefined) out.platformAmountFen = d.platformAmountFen;
  return out;
}

/** Lines of one kind grouped by a number, amounts summed, in the bill's order. */
function grouped(lines: BillLine[], keyOf: (line: BillLine) => string): Map<string, { first: BillLine; amountFen: number }> {
  const groups = new Map<string, { first: BillLine; amountFen: number }>();
  for (const line of lines) {
    const key = keyOf(line);
    const group = groups.get(key);
    if (group) group.amountFen += line.amountFen;
    else groups.set(key, { first: line, amountFen: line.amountFen });
  }
  return groups;
}

/** A refund line without our refund number (never from our own refunds) is keyed by the platform's id. */
const refundKeyOf = (line: BillLine) => line.refundNo ?? line.platformRefundId ?? `${line.orderNo}#${line.occurredAt.getTime()}`;

export function matchDay(lines: BillLine[], payments: OurPayment[], refunds: OurRefund[]): MatchResult {
  const differences: Difference[] = [];

  const paymentLines = grouped(lines.filter((l) => l.kind === "payment"), (l) => l.orderNo);
  const ourPayments = new Map(payments.map((p) => [p.orderNo, p]));
  for (const [orderNo, { first, amountFen }] of paymentLines) {
    const ours = ourPayments.get(orderNo);
    if (!ours) differences.push(difference({ kind: "missing_local", orderNo, platformTradeNo: first.platformTradeNo, platformAmountFen: amountFen }));
    else if (ours.amountFen !== amountFen) {
      differences.push(difference({ kind: "amount_mismatch", orderNo, platformTradeNo: first.platformTradeNo, ourAmountFen: ours.amountFen, platformAmountFen: amountFen }));
    }
  }
  for (const ours of payments) {
    if (!paymentLines.has(ours.orderNo)) {
      differences.push(difference({ kind: "missing_platform", orderNo: ours.orderNo, platformTradeNo: ours.platformTradeNo ?? undefined, ourAmountFen: ours.amountFen }));
    }
  }

  const refundLines = grouped(lines.filter((l) => l.kind === "refund"), refundKeyOf);
  const ourRefunds = new Map(refunds.map((r) => [r.refundNo, r]));
  for (const [refundNo, { first, amountFen }] of refundLines) {
    const ours = ourRefunds.get(refundNo);
    const where = { orderNo: first.orderNo, platformTradeNo: first.platformTradeNo, refundNo, platformAmountFen: amountFen };
    if (!ours) differences.push(difference({ kind: "refund_missing_local", ...where }));
    else if (ours.amountFen !== amountFen) differences.push(difference({ kind: "refund_amount_mismatch", ...where, ourAmountFen: ours.amountFen }));
  }
  for (const ours of refunds) {
    if (!refundLines.has(ours.refundNo)) {
      differences.push(difference({ kind: "refund_missing_platform", orderNo: ours.orderNo, refundNo: ours.refundNo, ourAmountFen: ours.amountFen }));
    }
  }

  const sum = (items: { amountFen: number }[]) => items.reduce((total, item) => total + item.amountFen, 0);
  return { ours: { count: payments.length + refunds.length, paymentFen: sum(payments), refundFen: sum(refunds) }, differences };
}
