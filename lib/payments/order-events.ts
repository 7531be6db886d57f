// "An order changed state", announced after the change commits, to every app instance: the pay
// page's live updates listen to it. Payloads carry no personal data.
import { listeningOn, publishChange, subscribeChanges } from "@/db/change-events";
import type { DbOrTx } from "@/db/client";
import type { OrderStatus } from "@/db/schema";

const CHANNEL = "order_changes";

export interface OrderChange {
  orderNo: string;
  status: OrderStatus;
}

export async function announceOrderChange(tx: DbOrTx, change: OrderChange): Promise<void> {
  await publishChange(tx, CHANNEL, JSON.stringify({ orderNo: change.orderNo, status: change.status }));
}

export function onOrderChange(listener: (change: OrderChange) => void): () => void {
  return subscribeChanges(CHANNEL, (payload) => {
    try {
      listener(JSON.parse(payload) as OrderChange);
    } catch {
      // A payload we cannot read is not ours to act on.
    }
  });
}

/** Resolves once changes announced from now on reach this process's onOrderChange listeners. */
export function orderChangesListening(): Promise<void> {
  return listeningOn(CHANNEL);
}
