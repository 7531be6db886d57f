// How fast the order service applies facts: first applications and duplicates (the common case
// when a platform retries), with throughput and p99, on SQLite and (when BENCH_POSTGRES_URL names
// a server) on PostgreSQL side by side, each in its own process. Beside them, a raw baseline in
// the same run: the same conditional UPDATE through the driver alone, no service around it.
// Run with `npm run bench [orders]`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

interface Figures {
  engine: string;
  orders: number;
  firstPerSecond: number;
  firstP99Ms: number;
  duplicatePerSecond: number;
  duplicateP99Ms: number;
  rawUpdatePerSecond: number;
}

const count = Number(process.argv[2] ?? 3000);

async function measure(): Promise<Figures> {
  const { getDb, databaseEngine, closeDb, databaseReady, rawRows } = await import("../db/client");
  const { sql } = await import("drizzle-orm");
  await databaseReady();
  const { applyFact } = await import("../lib/payments/order-state");
  const { makePendingOrder } = await import("../test/fixtures");
  const orders: { orderNo: string }[] = [];
  for (let i = 0; i < count; i++) orders.push(await makePendingOrder());
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
  const timed = async (run: (orderNo: string) => Promise<unknown>) => {
    const each: number[] = [];
    const started = process.hrtime.bigint();
    for (const order of orders) {
      const t = process.hrtime.bigint();
      await run(order.orderNo);
      each.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
    each.sort((a, b) => a - b);
    return { perSecond: Math.round((count / totalMs) * 1000), p99Ms: each[Math.floor(each.length * 0.99)] };
  };
  const first = await timed((orderNo) => applyFact(fact(orderNo)));
  const duplicate = await timed((orderNo) => applyFact(fact(orderNo)));
  // Raw: one conditional UPDATE per order (it changes nothing, as a duplicate's does).
  const raw = await timed((orderNo) =>
    rawRows(getDb(), sql`update payment_orders set updated_at = updated_at where order_no = ${orderNo} and status = 'pending'`),
  );
  await closeDb();
  return {
    engine: databaseEngine,
    orders: count,
    firstPerSecond: first.perSecond,
    firstP99Ms: first.p99Ms,
    duplicatePerSecond: duplicate.perSecond,
    duplicateP99Ms: duplicate.p99Ms,
    rawUpdatePerSecond: raw.perSecond,
  };
}

function runChild(databaseUrl: string): Figures {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, String(count)], {
    env: { ...process.env, BENCH_CHILD: "1", DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as Figures;
}

async function main() {
  if (process.env.BENCH_CHILD) {
    console.log(JSON.stringify(await measure()));
    return;
  }
  const results = [runChild(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-apply-")), "app.db"))];
  if (process.env.BENCH_POSTGRES_URL) results.push(runChild(process.env.BENCH_POSTGRES_URL));
  else console.log("(set BENCH_POSTGRES_URL=postgres://… to an empty database to measure PostgreSQL too)");
  console.log(`apply-fact, ${count} orders, one at a time`);
  console.log("engine    first/s  first p99   duplicate/s  dup p99   raw UPDATE/s  duplicate vs raw");
  for (const r of results) {
    console.log(
      `${r.engine.padEnd(9)} ${String(r.firstPerSecond).padStart(7)}  ${r.firstP99Ms.toFixed(2).padStart(7)} ms  ${String(r.duplicatePerSecond).padStart(11)}  ${r.duplicateP99Ms.toFixed(2).padStart(6)} ms  ${String(r.rawUpdatePerSecond).padStart(12)}  ${((r.duplicatePerSecond / r.rawUpdatePerSecond) * 100).toFixed(0).padStart(5)}%`,
    );
  }
}

void main();
