// How fast the admin order list pages through a million orders: first and deep keyset pages, with
// and without filters, before and after ANALYZE; and the dashboard's queries beside it. Prints figures (median of three runs); never asserts a timing.
// Run with `npx tsx bench/orders-list.ts [orders]`. SQLite only: the orders are written through a
// bench-owned better-sqlite3 connection (a million rows through the async layer would take the
// whole run); the list and dashboard are then read through the app's own data layer.
import fs from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-orders-"));
process.env.DATABASE_URL = path.join(dir, "app.db");

const COUNT = Number(process.argv[2] ?? 1_000_000);
const BATCH = 20_000;
const FORMS = 20;
const YEAR_MS = 365 * 86_400_000;
const START_MS = Date.UTC(2025, 5, 1);
const END_MS = START_MS + YEAR_MS;

async function main() {
  const { closeDb, databaseReady } = await import("../db/client");
  const { listOrders, ordersQuery, encodeCursor } = await import("../lib/admin/orders-list");
  const { dashboardData } = await import("../lib/admin/dashboard");
  await databaseReady(); // creates the file and applies the migrations
  const sqlite = new BetterSqlite3(process.env.DATABASE_URL!);
  sqlite.pragma("journal_mode = WAL");

  const started = performance.now();
  fill(sqlite);
  console.log(`filled ${COUNT.toLocaleString()} orders (+ submissions) in ${((performance.now() - started) / 1000).toFixed(1)} s → ${process.env.DATABASE_URL}`);

  // A cursor 90% of the way down, as a "deep page" would carry. (OFFSET only here, to find it.)
  const deepRow = sqlite
    .prepare("SELECT created_at AS createdAt, id FROM payment_orders ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?")
    .get(Math.floor(COUNT * 0.9)) as { createdAt: number; id: number };
  const deep = encodeCursor(deepRow);
  const sample = sqlite.prepare("SELECT order_no, platform_trade_no FROM payment_orders WHERE platform_trade_no IS NOT NULL LIMIT 1 OFFSET ?").get(Math.floor(COUNT / 3)) as {
    order_no: string;
    platform_trade_no: string;
  };

  const cases: [string, Record<string, string>][] = [
    ["no filter", {}],
    ["status=paid (70%)", { status: "paid" }],
    ["status=refunded (1%)", { status: "refunded" }],
    ["provider=alipay", { provider: "alipay" }],
    ["formId=1 (busy form)", { formId: "1" }],
    [`formId=${FORMS} (0.1% of orders)`, { formId: String(FORMS) }],
    ["one Beijing month", { from: "2026-03-01", to: "2026-03-31" }],
    ["status=paid + provider + month", { status: "paid", provider: "wechat", from: "2026-03-01", to: "2026-03-31" }],
    ["q=order number", { q: sample.order_no }],
    ["q=platform trade number", { q: sample.platform_trade_no }],
    ["q=phone (LIKE, one match)", { q: "13900012345" }],
    ["q=name fragment (LIKE, many)", { q: "学员99" }],
  ];

  const run = async (label: string) => {
    console.log(`\n${label}`);
    console.log(`${"case".padEnd(36)} ${"first page".padStart(12)} ${"deep page".padStart(12)}  rows`);
    for (const [name, params] of cases) {
      const first = await time(() => listOrders(ordersQuery.parse(params)));
      const deepPage = await time(() => listOrders(ordersQuery.parse({ ...params, cursor: deep })));
      console.log(`${name.padEnd(36)} ${fmt(first.ms).padStart(12)} ${fmt(deepPage.ms).padStart(12)}  ${first.rows}/${deepPage.rows}`);
    }
    const dashboard = await time(async () => ({ items: (await dashboardData(END_MS)).attention }));
    console.log(`${"dashboard (all figures)".padEnd(36)} ${fmt(dashboard.ms).padStart(12)}`);
  };

  await run("migrated indexes (db/migrations/sqlite/0002_order_list_indexes.sql)");

  // Statistics tell the planner that status='paid' is most rows; production databases get them
  // from SQLite's own `PRAGMA optimize` over time.
  sqlite.exec("ANALYZE");
  sqlite.close();
  await closeDb(); // the app's next query opens a fresh connection, which reads the new statistics
  await run("migrated indexes after ANALYZE");

  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}

function fill(sqlite: BetterSqlite3.Database) {
  const start = START_MS;
  const insertForm = sqlite.prepare(
    "INSERT INTO forms (slug, title, status, definition_json, created_at, updated_at) VALUES (?, ?, 'published', '{\"fields\":[],\"methods\":[\"wechat\"]}', ?, ?)",
  );
  for (let f = 1; f <= FORMS; f++) insertForm.run(`bench-${f}`, `表单 ${f}`, start, start);
  const insertSubmission = sqlite.prepare(
    "INSERT INTO submissions (form_id, form_version, fields_snapshot_json, answers_json, search_text, amount_fen, payment_status, created_at) VALUES (?, 1, '[]', ?, ?, ?, ?, ?)",
  );
  const insertOrder = sqlite.prepare(
    `INSERT INTO payment_orders (order_no, submission_id, form_id, provider, channel, account_ref, app_id, merchant_id, amount_fen,
       description, status, platform_trade_no, paid_at, expires_at, has_anomaly, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'env', 'app', 'mch', ?, 'bench', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const statusOf = (n: number) => {
    const r = n % 100;
    return r < 70 ? "paid" : r < 90 ? "closed" : r < 98 ? "pending" : r < 99 ? "failed" : "refunded";
  };
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      // Ascending time with ties every few orders, as bursts produce.
      const createdAt = start + Math.floor((n / COUNT) * YEAR_MS / 1000) * 1000;
      const formId = n % 1000 === 0 ? FORMS : 1 + (n % (FORMS - 1));
      const status = statusOf(n);
      const provider = n % 5 < 3 ? "wechat" : "alipay";
      const phone = `139${String(n).padStart(8, "0")}`;
      const amountFen = 100 + (n % 10_000);
      const submission = insertSubmission.run(
        formId,
        JSON.stringify({ name: `学员${n}`, phone }),
        `学员${n} ${phone}`,
        amountFen,
        status === "paid" || status === "refunded" ? "paid" : "unpaid",
        createdAt,
      );
      const paid = status === "paid" || status === "refunded";
      insertOrder.run(
        `B${String(n).padStart(23, "0")}`,
        submission.lastInsertRowid,
        formId,
        provider,
        provider === "wechat" ? "native" : "page",
        amountFen,
        status,
        paid ? `4200${String(n).padStart(24, "0")}` : null,
        paid ? createdAt + 30_000 : null,
        createdAt + 900_000,
        n % 10_000 === 7 ? 1 : 0, // anomalies are rare
        createdAt,
        createdAt,
      );
    }
  });
  for (let from = 0; from < COUNT; from += BATCH) batch(from, Math.min(COUNT, from + BATCH));
}

async function time(fn: () => Promise<{ items: unknown[] }>): Promise<{ ms: number; rows: number }> {
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    rows = (await fn()).items.length;
    runs.push(performance.now() - t);
  }
  return { ms: runs.sort((a, b) => a - b)[1], rows };
}

const fmt = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`);

void main();
