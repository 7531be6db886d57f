// A second app instance for the cross-instance tests: its own process, its own database pool and
// change-event connection, on the same DATABASE_URL. Applies a verified paid fact to one order,
// as a notify landing on that instance would, then exits.
// Usage: tsx --conditions=react-server test/other-instance.ts <orderNo>
import { closeChangeListener } from "@/db/change-events";
import { closeDb, databaseReady, getDb } from "@/db/client";
import { getOrderByNo } from "@/db/queries/orders";
import { applyFact } from "@/lib/payments/order-state";

async function main(): Promise<void> {
  const orderNo = process.argv[2];
  await databaseReady();
  const order = await getOrderByNo(getDb(), orderNo);
  if (!order) throw new Error(`no order ${orderNo}`);
  const { outcome } = await applyFact({
    kind: "paid",
    orderNo,
    platformTradeNo: `4200${Date.now()}${orderNo.slice(-10)}`,
    amountFen: order.amountFen,
    paidAt: new Date(),
    appId: order.appId,
    merchantId: order.merchantId,
    source: "notify",
  });
  process.stdout.write(`${outcome} pid=${process.pid}\n`);
  await closeChangeListener();
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
