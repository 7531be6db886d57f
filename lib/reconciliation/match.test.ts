import { describe, expect, test } from "vitest";
import type { BillLine } from "@/lib/payments/types";
import { matchDay, type Difference, type OurPayment, type OurRefund } from "./match";

const at = new Date("2026-03-01T02:00:00Z");
const pay = (orderNo: string, amountFen: number): BillLine => ({ kind: "payment", orderNo, platformTradeNo: `T-${orderNo}`, amountFen, feeFen: 0, occurredAt: at });
const refundLine = (orderNo: string, refundNo: string, amountFen: number): BillLine => ({
  kind: "refund",
  orderNo,
  platformTradeNo: `T-${orderNo}`,
  refundNo,
  amountFen,
  feeFen: 0,
  occurredAt: at,
});
const paid = (orderNo: string, amountFen: number): OurPayment => ({ orderNo, platformTradeNo: `T-${orderNo}`, amountFen });
const refunded = (orderNo: string, refundNo: string, amountFen: number): OurRefund => ({ orderNo, refundNo, amountFen });
const kinds = (differences: Difference[]) => differences.map((d) => `${d.kind} ${d.orderNo}${d.refundNo ? ` ${d.refundNo}` : ""}`);

describe("matchDay", () => {
  test.each<[string, BillLine[], OurPayment[], OurRefund[], string[]]>([
    ["an empty day on both sides balances", [], [], [], []],
    ["the same payment on both sides balances", [pay("A", 5000)], [paid("A", 5000)], [], []],
    ["paid at the platform only (a lost notify)", [pay("A", 5000)], [], [], ["missing_local A"]],
    ["paid here only", [], [paid("A", 5000)], [], ["missing_platform A"]],
    ["a no-trades day with our own paid orders", [], [paid("A", 1), paid("B", 2)], [], ["missing_platform A", "missing_platform B"]],
    ["another amount", [pay("A", 5001)], [paid("A", 5000)], [], ["amount_mismatch A"]],
    ["a payment line twice is a wrong amount", [pay("A", 5000), pay("A", 5000)], [paid("A", 5000)], [], ["amount_mismatch A"]],
    ["a partial refund on both sides balances", [pay("A", 5000), refundLine("A", "R1", 100)], [paid("A", 5000)], [refunded("A", "R1", 100)], []],
    ["a refund of an earlier day's order balances on its own", [refundLine("A", "R1", 100)], [], [refunded("A", "R1", 100)], []],
    ["a refund at the platform only", [refundLine("A", "R1", 100)], [], [], ["refund_missing_local A R1"]],
    ["a refund here only", [], [], [refunded("A", "R1", 100)], ["refund_missing_platform A R1"]],
    ["a refund of another amount", [refundLine("A", "R1", 101)], [], [refunded("A", "R1", 100)], ["refund_amount_mismatch A R1"]],
    [
      "two refunds of one order are told apart by number",
      [refundLine("A", "R1", 100), refundLine("A", "R2", 200)],
      [],
      [refunded("A", "R1", 100), refunded("A", "R3", 200)],
      ["refund_missing_local A R2", "refund_missing_platform A R3"],
    ],
  ])("%s", (_label, lines, payments, refunds, expected) => {
    expect(kinds(matchDay(lines, payments, refunds).differences)).toEqual(expected);
  });

  test("a difference carries both amounts and the trade number, under a stable key", () => {
    const [mismatch] = matchDay([pay("A", 5001)], [paid("A", 5000)], []).differences;
    expect(mismatch).toEqual({ key: "amount_mismatch:A:", kind: "amount_mismatch", orderNo: "A", platformTradeNo: "T-A", ourAmountFen: 5000, platformAmountFen: 5001 });
    const [missing] = matchDay([pay("A", 10)], [], []).differences;
    expect(missing).toEqual({ key: "missing_local:A:", kind: "missing_local", orderNo: "A", platformTradeNo: "T-A", platformAmountFen: 10 });
    const [refund] = matchDay([], [], [refunded("A", "R1", 100)]).differences;
    expect(refund).toEqual({ key: "refund_missing_platform:A:R1", kind: "refund_missing_platform", orderNo: "A", refundNo: "R1", ourAmountFen: 100 });
  });

  test.each<[string, OurPayment[], OurRefund[], { count: number; paymentFen: number; refundFen: number }]>([
    ["nothing", [], [], { count: 0, paymentFen: 0, refundFen: 0 }],
    ["payments and refunds counted as the bill counts its lines", [paid("A", 1), paid("B", 9_999_999)], [refunded("B", "R", 10_000)], { count: 3, paymentFen: 10_000_000, refundFen: 10_000 }],
  ])("our totals: %s", (_label, payments, refunds, ours) => {
    expect(matchDay([], payments, refunds).ours).toEqual(ours);
  });
});
