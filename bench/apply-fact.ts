// How fast the order service applies facts: first applications and duplicates (the common case
// when a platform retries). Prints figures; run with `npm run bench`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

process.env.DATABASE_URL = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-apply-")), "app.db");

async function main() {
  const { getDb } = await import("../db/client");
  const { applyFact } = await import("../lib/payments/order-state");
  const { makePendingOrder } = await import("../test/fixtures");
  const count = Number(process.argv[2] ?? 5000);
  const db = getDb();
  const orders = Array.from({ length: count }, () => makePendingOrder());
  const fact = (orderNo: string) => ({
    kind: "paid" as const,
    orderNo,
    platformTradeNo: `4200${orderNo}`,
    amountFen: 5000,
    paidAt: new Date(),
    appId: "wxd678efh567hg6787",
    merchantId: "1900000109",
    source: "notify" as const,
  });

  let started = process.hrtime.bigint();
  for (const order of orders) applyFact(db, fact(order.orderNo));
  const firstMs = Number(process.hrtime.bigint() - started) / 1e6;

  started = process.hrtime.bigint();
  for (const order of orders) applyFact(db, fact(order.orderNo));
  const duplicateMs = Number(process.hrtime.bigint() - started) / 1e6;

  console.log(`orders: ${count}`);
  console.log(`first application: ${(firstMs / count).toFixed(3)} ms each, ${Math.round((count / firstMs) * 1000)} per second`);
  console.log(`duplicate (no-op): ${(duplicateMs / count).toFixed(3)} ms each, ${Math.round((count / duplicateMs) * 1000)} per second`);
}

main();
