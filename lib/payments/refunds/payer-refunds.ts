// What the payer's receipt shows of refunds: how much went back, and when (or that it is on its way).
import type { DbOrTx } from "@/db/client";
import { refundsOfOrder } from "@/db/queries/refunds";

export interface PayerRefund {
  amountFen: number;
  status: "succeeded" | "processing";
  /** When it succeeded, or when it was asked for while still on its way (ISO). */
  at: string;
}

export async function payerRefunds(db: DbOrTx, orderId: number): Promise<PayerRefund[]> {
  const rows = await refundsOfOrder(db, orderId);
  return rows.flatMap((r): PayerRefund[] => {
    if (r.status === "succeeded") return [{ amountFen: r.amountFen, status: "succeeded", at: new Date(r.succeededAt ?? r.updatedAt).toISOString() }];
    if (r.status === "pending" || r.status === "processing") return [{ amountFen: r.amountFen, status: "processing", at: new Date(r.createdAt).toISOString() }];
    return [];
  });
}
