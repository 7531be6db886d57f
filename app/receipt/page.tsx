import type { Metadata } from "next";
import { ReceiptLookup } from "./receipt-lookup";

export const metadata: Metadata = { title: "查找收据" };

export default function ReceiptPage() {
  return (
    <main className="page">
      <div className="card">
        <h1>查找收据</h1>
        <p className="muted">输入订单号和填写表单时所留手机号的后四位，即可再次打开付款收据（支付、退款情况）。</p>
        <ReceiptLookup />
      </div>
    </main>
  );
}
