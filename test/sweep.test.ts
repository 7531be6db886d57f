// The pending-order sweep cannot be starved (issue 7): with 2,000 pending orders due at once and
// three payments whose notify was dropped, all three are paid within 60 s of sweep time, within
// the per-account budget of platform calls. Time is compressed: each round is called with the
// clock it would have (one round every SWEEP_ROUND_MS); every query is a real signed call to the
// emulator. Two runners sweeping at once query each order once per round.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, runJobsOnce, startHarness, type Harness } from "./harness";

let h: Harness;
let wechat: typeof import("@/lib/emulator/wechat");
let orders: typeof import("@/db/queries/orders");
let db: typeof import("@/db/client");
let schema: typeof import("@/db/schema");
let sweep: typeof import("@/lib/payments/sweep");

beforeAll(async () => {
  h = await startHarness({ env: { SWEEP_QUERIES_PER_SECOND: "40" } });
  wechat = await import("@/lib/emulator/wechat");
  orders = await import("@/db/queries/orders");
  db = await import("@/db/client");
  schema = await import("@/db/schema");
  sweep = await import("@/lib/payments/sweep");
});
afterAll(() => h.close());

/** Pending orders straight into the database (the platform has never heard of them). */
async function insertPending(count: number, dueAt: number) {
  const { getFormBySlug } = await import("@/db/queries/forms");
  const form = (await getFormBySlug(db.getDb(), "demo"))!;
  const { newOrderNo } = await import("@/lib/payments/order-no");
  const now = Date.now();
  for (let start = 0; start < count; start += 250) {
    const n = Math.min(250, count - start);
    await db.transaction(async (tx) => {
      const subs = await tx
        .insert(schema.submissions)
        .values(Array.from({ length: n }, () => ({ formId: form.id, formVersion: 1, fieldsSnapshotJson: "[]", answersJson: "{}", amountFen: 5000, paymentStatus: "unpaid" as const, createdAt: now })))
        .returning({ id: schema.submissions.id });
      await tx.insert(schema.paymentOrders).values(
        subs.map((s) => ({
          orderNo: newOrderNo(),
          submissionId: s.id,
          formId: form.id,
          provider: "wechat" as const,
          channel: "native" as const,
          accountRef: "env",
          appId: "x",
          merchantId: "x",
          amountFen: 5000,
          description: "x",
          status: "pending" as const,
          expiresAt: now + 15 * 60_000,
          nextQueryAt: dueAt,
          createdAt: now,
          updatedAt: now,
        })),
      );
    });
  }
}

async function createPaidWithoutNotify(): Promise<string> {
  const response = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat" });
  const { orderNo } = (await response.json()) as { orderNo: string };
  wechat.setWechatFault(orderNo, { notify: "drop" });
  wechat.payWechatTrade(orderNo);
  return orderNo;
}

describe("the sweep", () => {
  test("2,000 pending orders and 3 dropped notifies: all 3 paid within 60 s, budget kept", async () => {
    const t0 = Date.now();
    await insertPending(1997, t0);
    // The three real ones are the newest: an oldest-first sweep of 20 a round never reached them.
    const paidOrders = [await createPaidWithoutNotify(), await createPaidWithoutNotify(), await createPaidWithoutNotify()];
    const { sql } = await import("drizzle-orm");
    await db.rawRows(db.getDb(), sql`update payment_orders set next_query_at = ${t0} where status = 'pending'`);

    const budgetPerRound = 40 * (sweep.SWEEP_ROUND_MS / 1000);
    let round = 0;
    let paidAfterMs: number | null = null;
    while (round * sweep.SWEEP_ROUND_MS <= 60_000) {
      const now = t0 + round * sweep.SWEEP_ROUND_MS;
      const asked = await sweep.sweepRound(now);
      expect(asked).toBeLessThanOrEqual(budgetPerRound);
      const states = await Promise.all(paidOrders.map(async (no) => (await orders.getOrderByNo(db.getDb(), no))!.status));
      if (states.every((s) => s === "paid")) {
        paidAfterMs = round * sweep.SWEEP_ROUND_MS;
        break;
      }
      round++;
    }
    expect(paidAfterMs).not.toBeNull();
    expect(paidAfterMs!).toBeLessThanOrEqual(60_000);
  }, 120_000);

  test("two runners sweeping the same round query each due order once", async () => {
    const t0 = Date.now() + 10 * 60_000; // after the first test's orders are next due
    const { sql } = await import("drizzle-orm");
    await db.rawRows(db.getDb(), sql`update payment_orders set next_query_at = ${t0 + 3_600_000} where status = 'pending'`);
    await insertPending(150, t0);
    const before = await db.rawRows<{ n: number }>(db.getDb(), sql`select sum(query_count) as n from payment_orders where status = 'pending'`);
    const [a, b] = await Promise.all([sweep.sweepRound(t0), sweep.sweepRound(t0)]);
    expect(a + b).toBe(150);
    const after = await db.rawRows<{ n: number }>(db.getDb(), sql`select sum(query_count) as n from payment_orders where status = 'pending'`);
    expect(Number(after[0].n) - Number(before[0].n)).toBe(150);
  }, 60_000);

  test("the sweep runs as a recurring job: one job per round whoever runs it", async () => {
    const now = Date.now();
    await Promise.all([runJobsOnce(now), runJobsOnce(now)]);
    const { eq } = await import("drizzle-orm");
    const jobs = await db.getDb().select().from(schema.jobs).where(eq(schema.jobs.kind, "payments.sweep"));
    const slot = Math.floor(now / sweep.SWEEP_ROUND_MS);
    expect(jobs.filter((j) => j.uniqueKey === `payments.sweep:${slot}`)).toHaveLength(1);
    expect(jobs.find((j) => j.uniqueKey === `payments.sweep:${slot}`)?.status).toBe("succeeded");
  }, 60_000);
});
