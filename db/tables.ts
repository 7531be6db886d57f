// The one schema, built from a dialect's column types (db/columns/*): SQLite by default,
// PostgreSQL when DATABASE_URL says so. Timestamps are integer milliseconds since the epoch;
// money is integer fen.
import { sql } from "drizzle-orm";
import type { Columns } from "./columns/sqlite";

export type FormStatus = "draft" | "published" | "closed";
export type OrderStatus = "pending" | "paid" | "closed" | "failed" | "refunding" | "partially_refunded" | "refunded";
export type ProviderId = "wechat" | "alipay";
export type PayChannel = "native" | "jsapi" | "h5" | "page" | "wap";
export type OrderEventType =
  | "created"
  | "create_failed"
  | "notify"
  | "query"
  | "state_change"
  | "anomaly"
  | "close"
  | "return"
  | "refund"
  | "admin_action";
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "dead";
export type RefundStatus = "pending" | "processing" | "succeeded" | "closed" | "abnormal";
export type AdminRole = "admin" | "viewer";
export type ReconciliationStatus = "pending" | "balanced" | "differences" | "bill_not_ready" | "no_trades" | "unavailable" | "failed";
export type DifferenceKind =
  | "missing_local"
  | "missing_platform"
  | "amount_mismatch"
  | "refund_missing_local"
  | "refund_missing_platform"
  | "refund_amount_mismatch";
export type NotificationKind = "wecom" | "dingtalk" | "webhook";

export function buildSchema(c: Columns) {
  const forms = c.table("forms", {
    id: c.id("id"),
    slug: c.text("slug").notNull().unique(),
    title: c.text("title").notNull(),
    description: c.text("description").notNull().default(""),
    status: c.text("status").$type<FormStatus>().notNull().default("draft"),
    // The form definition (FormDefinition in lib/forms/definition.ts), stored as JSON text.
    definitionJson: c.text("definition_json").notNull(),
    // Bumped on each edit; submissions keep the version and a snapshot of the fields they answered.
    version: c.int("version").notNull().default(1),
    deadlineAt: c.ms("deadline_at"),
    maxPaidSubmissions: c.int("max_paid_submissions"),
    // Which receiving account takes each method's money; null means the account from the environment.
    wechatAccountId: c.int("wechat_account_id"),
    alipayAccountId: c.int("alipay_account_id"),
    createdAt: c.ms("created_at").notNull(),
    updatedAt: c.ms("updated_at").notNull(),
  });

  const submissions = c.table(
    "submissions",
    {
      id: c.id("id"),
      formId: c.int("form_id").notNull().references(() => forms.id),
      formVersion: c.int("form_version").notNull(),
      // Field definitions as they were when answered, so later edits never change what was asked.
      fieldsSnapshotJson: c.text("fields_snapshot_json").notNull(),
      answersJson: c.text("answers_json").notNull(),
      // Answers flattened to one searchable line (name, phone...), for admin search.
      searchText: c.text("search_text").notNull().default(""),
      amountFen: c.fen("amount_fen").notNull().default(0),
      paymentStatus: c.text("payment_status").$type<"none" | "unpaid" | "paid" | "refunded">().notNull(),
      // When its first order was opened: places and stock are held at most a settable time from then.
      holdStartedAt: c.ms("hold_started_at"),
      createdAt: c.ms("created_at").notNull(),
    },
    (t) => [c.index("submissions_form_idx").on(t.formId, t.id)],
  );

  const paymentOrders = c.table(
    "payment_orders",
    {
      id: c.id("id"),
      orderNo: c.text("order_no").notNull().unique(),
      submissionId: c.int("submission_id").notNull().references(() => submissions.id),
      formId: c.int("form_id").notNull().references(() => forms.id),
      provider: c.text("provider").$type<ProviderId>().notNull(),
      channel: c.text("channel").$type<PayChannel>().notNull(),
      // "env" for the account from the environment, otherwise receiving_accounts.id as text.
      accountRef: c.text("account_ref").notNull(),
      appId: c.text("app_id").notNull(),
      merchantId: c.text("merchant_id").notNull(),
      amountFen: c.fen("amount_fen").notNull(),
      description: c.text("description").notNull(),
      status: c.text("status").$type<OrderStatus>().notNull(),
      codeUrl: c.text("code_url"),
      payUrl: c.text("pay_url"),
      platformTradeNo: c.text("platform_trade_no"),
      paidAt: c.ms("paid_at"),
      closedAt: c.ms("closed_at"),
      expiresAt: c.ms("expires_at").notNull(),
      failureReason: c.text("failure_reason"),
      // A payment that arrived after we had closed the order: the money is real, an admin must look.
      latePayment: c.bool("late_payment").notNull().default(false),
      hasAnomaly: c.bool("has_anomaly").notNull().default(false),
      refundedFen: c.fen("refunded_fen").notNull().default(0),
      // Refunds asked for and not yet settled: held against the amount paid with refundedFen,
      // so the two together never exceed amountFen (a conditional update, see db/queries/refunds.ts).
      refundingFen: c.fen("refunding_fen").notNull().default(0),
      // WeChat JSAPI: the prepay id (fresh bridge parameters are signed from it) and the payer's openid.
      prepayId: c.text("prepay_id"),
      payerOpenId: c.text("payer_open_id"),
      lastQueriedAt: c.ms("last_queried_at"),
      // When the sweep should next ask the platform about this pending order, and how often it has.
      nextQueryAt: c.ms("next_query_at"),
      queryCount: c.int("query_count").notNull().default(0),
      createdAt: c.ms("created_at").notNull(),
      updatedAt: c.ms("updated_at").notNull(),
    },
    (t) => [
      c.index("orders_submission_idx").on(t.submissionId),
      // At most one payable order per submission, whatever races: the database refuses a second.
      c.uniqueIndex("orders_one_pending_uq").on(t.submissionId).where(sql`${t.status} = 'pending'`),
      // The sweep walks pending orders by when they are due.
      c.index("orders_status_idx").on(t.status, t.id),
      c.index("orders_due_idx").on(t.nextQueryAt).where(sql`${t.status} = 'pending'`),
      // The admin order list pages by (created_at, id) under each common filter.
      c.index("orders_created_idx").on(t.createdAt, t.id),
      c.index("orders_status_created_idx").on(t.status, t.createdAt, t.id),
      c.index("orders_form_created_idx").on(t.formId, t.createdAt, t.id),
      c.index("orders_provider_created_idx").on(t.provider, t.createdAt, t.id),
      // Dashboard revenue windows.
      c.index("orders_paid_at_idx").on(t.paidAt),
      // Orders needing an admin's attention, a tiny fraction of all.
      c
        .index("orders_attention_idx")
        .on(t.createdAt, t.id)
        .where(sql`${c.isTrue(t.hasAnomaly)} OR ${c.isTrue(t.latePayment)}`),
      c.uniqueIndex("orders_platform_trade_uq").on(t.provider, t.platformTradeNo),
    ],
  );

  const orderEvents = c.table(
    "order_events",
    {
      id: c.id("id"),
      orderId: c.int("order_id").notNull().references(() => paymentOrders.id),
      type: c.text("type").$type<OrderEventType>().notNull(),
      message: c.text("message").notNull(),
      detailJson: c.text("detail_json"),
      createdAt: c.ms("created_at").notNull(),
    },
    (t) => [c.index("order_events_order_idx").on(t.orderId, t.id)],
  );

  // Every inbound notify, whether or not it verified: the timeline and replays read it. Rejected
  // ones are kept truncated and pruned after a retention period.
  const notifyJournal = c.table(
    "notify_journal",
    {
      id: c.id("id"),
      provider: c.text("provider").$type<ProviderId>().notNull(),
      orderNo: c.text("order_no"),
      headersJson: c.text("headers_json").notNull(),
      body: c.text("body").notNull(),
      verified: c.bool("verified").notNull(),
      // Why it was rejected, or what applying it did ("applied", "duplicate", "anomaly"...).
      outcome: c.text("outcome").notNull(),
      receivedAt: c.ms("received_at").notNull(),
    },
    (t) => [c.index("notify_journal_order_idx").on(t.orderNo), c.index("notify_journal_received_idx").on(t.verified, t.receivedAt)],
  );

  const receivingAccounts = c.table("receiving_accounts", {
    id: c.id("id"),
    provider: c.text("provider").$type<ProviderId>().notNull(),
    name: c.text("name").notNull(),
    appId: c.text("app_id").notNull(),
    merchantId: c.text("merchant_id").notNull(),
    // Non-secret settings (serials, key ids, gateway, sandbox flag) as JSON.
    configJson: c.text("config_json").notNull(),
    // Secrets (private keys, APIv3 key) as AES-256-GCM ciphertext under APP_ENCRYPTION_KEY.
    secretsEncrypted: c.text("secrets_encrypted").notNull(),
    enabled: c.bool("enabled").notNull().default(true),
    createdAt: c.ms("created_at").notNull(),
    updatedAt: c.ms("updated_at").notNull(),
  });

  const admins = c.table("admins", {
    id: c.id("id"),
    username: c.text("username").notNull().unique(),
    passwordHash: c.text("password_hash").notNull(),
    // 管理员 (everything) or 查看者 (read only: no refunds, accounts or exports of personal data).
    role: c.text("role").$type<AdminRole>().notNull().default("admin"),
    disabledAt: c.ms("disabled_at"),
    createdAt: c.ms("created_at").notNull(),
  });

  const adminSessions = c.table(
    "admin_sessions",
    {
      // sha256 of the cookie token: a stolen database does not yield live sessions.
      tokenHash: c.text("token_hash").primaryKey(),
      adminId: c.int("admin_id").notNull().references(() => admins.id),
      csrfToken: c.text("csrf_token").notNull(),
      expiresAt: c.ms("expires_at").notNull(),
      createdAt: c.ms("created_at").notNull(),
    },
    (t) => [c.index("admin_sessions_admin_idx").on(t.adminId)],
  );

  const loginThrottle = c.table("login_throttle", {
    // "user:<name>|ip:<address or /64>" for one source's tries at one username, "global:<minute>" for all failures.
    key: c.text("key").primaryKey(),
    failures: c.int("failures").notNull().default(0),
    lockedUntil: c.ms("locked_until"),
    updatedAt: c.ms("updated_at").notNull(),
  });

  // Units of a priced item held by a submission. A hold counts against the item's stock while
  // the submission is paid, or until holdUntil (its pending order's expiry) while it is not.
  const stockHolds = c.table(
    "stock_holds",
    {
      id: c.id("id"),
      formId: c.int("form_id").notNull().references(() => forms.id),
      submissionId: c.int("submission_id").notNull().references(() => submissions.id),
      itemId: c.text("item_id").notNull(),
      quantity: c.int("quantity").notNull(),
      holdUntil: c.ms("hold_until").notNull(),
      createdAt: c.ms("created_at").notNull(),
    },
    (t) => [c.index("stock_holds_form_item_idx").on(t.formId, t.itemId), c.index("stock_holds_submission_idx").on(t.submissionId)],
  );

  // Fixed-window counters shared by every app process: rate limits on order creation and pay-again.
  const rateLimits = c.table("rate_limits", {
    key: c.text("key").primaryKey(),
    windowStartedAt: c.ms("window_started_at").notNull(),
    count: c.int("count").notNull(),
  });

  // Background work, claimed with a lease so two runners never run one job at once.
  const jobs = c.table(
    "jobs",
    {
      id: c.id("id"),
      kind: c.text("kind").notNull(),
      // Deduplicates: one job per key (a sweep round, a close of one order...).
      uniqueKey: c.text("unique_key").notNull().unique(),
      payloadJson: c.text("payload_json").notNull().default("{}"),
      status: c.text("status").$type<JobStatus>().notNull().default("queued"),
      runAt: c.ms("run_at").notNull(),
      attempts: c.int("attempts").notNull().default(0),
      maxAttempts: c.int("max_attempts").notNull().default(8),
      leasedBy: c.text("leased_by"),
      leaseUntil: c.ms("lease_until"),
      lastError: c.text("last_error"),
      createdAt: c.ms("created_at").notNull(),
      updatedAt: c.ms("updated_at").notNull(),
    },
    (t) => [c.index("jobs_due_idx").on(t.status, t.runAt)],
  );

  const jobAttempts = c.table(
    "job_attempts",
    {
      id: c.id("id"),
      jobId: c.int("job_id").notNull().references(() => jobs.id),
      attempt: c.int("attempt").notNull(),
      runner: c.text("runner").notNull(),
      startedAt: c.ms("started_at").notNull(),
      finishedAt: c.ms("finished_at"),
      error: c.text("error"),
    },
    (t) => [c.index("job_attempts_job_idx").on(t.jobId, t.id)],
  );

  // One refund of one order. Committed (pending) before the platform is called; its number is
  // the platform's idempotency key (WeChat out_refund_no, Alipay out_request_no).
  const refunds = c.table(
    "refunds",
    {
      id: c.id("id"),
      refundNo: c.text("refund_no").notNull().unique(),
      orderId: c.int("order_id").notNull().references(() => paymentOrders.id),
      amountFen: c.fen("amount_fen").notNull(),
      reason: c.text("reason").notNull(),
      status: c.text("status").$type<RefundStatus>().notNull(),
      platformRefundId: c.text("platform_refund_id"),
      requestedByAdminId: c.int("requested_by_admin_id"),
      requestedByName: c.text("requested_by_name").notNull(),
      failureReason: c.text("failure_reason"),
      // When the refund job should next retry the create or query the platform.
      nextCheckAt: c.ms("next_check_at"),
      checkCount: c.int("check_count").notNull().default(0),
      succeededAt: c.ms("succeeded_at"),
      createdAt: c.ms("created_at").notNull(),
      updatedAt: c.ms("updated_at").notNull(),
    },
    (t) => [
      c.index("refunds_order_idx").on(t.orderId, t.id),
      c.index("refunds_created_idx").on(t.createdAt, t.id),
      c.index("refunds_check_idx").on(t.nextCheckAt),
    ],
  );

  // One day's bill of one receiving account against our orders and refunds.
  const reconciliationDays = c.table(
    "reconciliation_days",
    {
      id: c.id("id"),
      provider: c.text("provider").$type<ProviderId>().notNull(),
      accountRef: c.text("account_ref").notNull(),
      // YYYY-MM-DD, Beijing time.
      billDate: c.text("bill_date").notNull(),
      status: c.text("status").$type<ReconciliationStatus>().notNull(),
      message: c.text("message"),
      billCount: c.int("bill_count").notNull().default(0),
      billPaymentFen: c.fen("bill_payment_fen").notNull().default(0),
      billRefundFen: c.fen("bill_refund_fen").notNull().default(0),
      billFeeFen: c.fen("bill_fee_fen").notNull().default(0),
      billNetFen: c.fen("bill_net_fen").notNull().default(0),
      ourCount: c.int("our_count").notNull().default(0),
      ourPaymentFen: c.fen("our_payment_fen").notNull().default(0),
      ourRefundFen: c.fen("our_refund_fen").notNull().default(0),
      ranAt: c.ms("ran_at"),
      createdAt: c.ms("created_at").notNull(),
      updatedAt: c.ms("updated_at").notNull(),
    },
    (t) => [c.uniqueIndex("reconciliation_days_uq").on(t.provider, t.accountRef, t.billDate), c.index("reconciliation_days_date_idx").on(t.billDate)],
  );

  const reconciliationDifferences = c.table(
    "reconciliation_differences",
    {
      id: c.id("id"),
      dayId: c.int("day_id").notNull().references(() => reconciliationDays.id),
      // kind + order number + refund number: what a re-run matches to keep a resolution.
      differenceKey: c.text("difference_key").notNull(),
      kind: c.text("kind").$type<DifferenceKind>().notNull(),
      orderNo: c.text("order_no").notNull(),
      platformTradeNo: c.text("platform_trade_no"),
      refundNo: c.text("refund_no"),
      ourAmountFen: c.fen("our_amount_fen"),
      platformAmountFen: c.fen("platform_amount_fen"),
      resolvedAt: c.ms("resolved_at"),
      resolvedByName: c.text("resolved_by_name"),
      resolution: c.text("resolution"),
      resolutionNote: c.text("resolution_note"),
      createdAt: c.ms("created_at").notNull(),
    },
    (t) => [c.uniqueIndex("reconciliation_differences_uq").on(t.dayId, t.differenceKey)],
  );

  // Every admin write: who, what, when, from where.
  const auditLog = c.table(
    "audit_log",
    {
      id: c.id("id"),
      adminId: c.int("admin_id"),
      adminName: c.text("admin_name").notNull(),
      action: c.text("action").notNull(),
      target: c.text("target"),
      detailJson: c.text("detail_json"),
      ip: c.text("ip"),
      createdAt: c.ms("created_at").notNull(),
    },
    (t) => [c.index("audit_log_created_idx").on(t.createdAt, t.id)],
  );

  // Where admins are told of payments, refunds and anomalies: a 企业微信 or 钉钉 group robot, or a webhook.
  const notificationChannels = c.table("notification_channels", {
    id: c.id("id"),
    kind: c.text("kind").$type<NotificationKind>().notNull(),
    name: c.text("name").notNull(),
    // null: every form.
    formId: c.int("form_id"),
    // Which events: JSON array of "payment" | "refund" | "anomaly".
    eventsJson: c.text("events_json").notNull(),
    // URL (it carries the robot's key) and signing secret, AES-256-GCM under APP_ENCRYPTION_KEY.
    secretsEncrypted: c.text("secrets_encrypted").notNull(),
    enabled: c.bool("enabled").notNull().default(true),
    createdAt: c.ms("created_at").notNull(),
    updatedAt: c.ms("updated_at").notNull(),
  });

  return {
    forms,
    submissions,
    paymentOrders,
    orderEvents,
    notifyJournal,
    receivingAccounts,
    admins,
    adminSessions,
    loginThrottle,
    stockHolds,
    rateLimits,
    jobs,
    jobAttempts,
    refunds,
    reconciliationDays,
    reconciliationDifferences,
    auditLog,
    notificationChannels,
  };
}
