"use client";
// When this browser already submitted the form: a paid order shows 已支付 with its receipt link
// (no second payment by mistake); a pending one offers to continue it.
import { useEffect, useState } from "react";
import { recentOrders } from "@/lib/payer/recent-orders";
import { formatFenGrouped } from "@/lib/ui/format";

interface Status {
  orderNo: string;
  status: string;
  amountFen: number;
}

async function statusOf(orderNo: string): Promise<Status | null> {
  try {
    const res = await fetch(`/api/payment/orders/${encodeURIComponent(orderNo)}`, { cache: "no-store" });
    return res.ok ? ((await res.json()) as Status) : null;
  } catch {
    return null;
  }
}

export function RecentSubmission({ slug }: { slug: string }) {
  const [found, setFound] = useState<Status | null>(null);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const statuses = (await Promise.all(recentOrders(slug).map(statusOf))).filter((s): s is Status => s !== null);
      // A paid (or refunded) order says most; else a pending one.
      const best = statuses.find((s) => ["paid", "refunding", "partially_refunded", "refunded"].includes(s.status)) ?? statuses.find((s) => s.status === "pending") ?? null;
      if (!cancelled) setFound(best);
    })();
    return () => {
      cancelled = true;
    };
  }, [slug]);
  if (!found) return null;
  if (found.status === "pending") {
    return (
      <div className="card notice-card" role="status" data-testid="recent-pending">
        <strong>您有一笔待支付的订单</strong>（{formatFenGrouped(found.amountFen)}）。若刚才取消了付款，可以继续支付，无需重新填写。
        <p>
          <a href={`/pay/${found.orderNo}`}>继续支付</a>
        </p>
      </div>
    );
  }
  return (
    <div className="card notice-card" role="status" data-testid="recent-paid">
      <strong>您已提交并{found.status === "paid" ? "已支付" : "支付（已退款或退款中）"}</strong>（{formatFenGrouped(found.amountFen)}，订单号 {found.orderNo}）。无需重复支付。
      <p>
        <a href={`/pay/${found.orderNo}`}>查看收据</a>
      </p>
    </div>
  );
}
