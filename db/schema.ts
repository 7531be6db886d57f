import { sql } from "drizzle-orm";
import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";

// Timestamps are integer milliseconds since the epoch; money is integer fen. Both port to
// PostgreSQL as bigint without change.

export type FormStatus = "draft" | "published" | "closed";
export type OrderStatus =
  | "pending"
  | "paid"
  | "closed"
  | "failed"
  | "refunding"
  | "partially_refunded"
  | "refunded";
export type ProviderId = "wechat" | "alipay";
export type PayChannel = "native" | "jsapi" | "h5" | "page" | "wap";

export const forms = sqliteTable("forms", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  status: text("status").$type<FormStatus>().notNull().default("draft"),
  // The form definition (FormDefinition in lib/forms/definition.ts), stored as JSON text.
  definitionJson: text("definition_json").notNull(),
  // Bumped on each edit; submissions keep the version and a snapshot of the fields they answered.
  version: integer("version").notNull().default(1),
  deadlineAt: integer("deadline_at"),
  maxPaidSubmissions: integer("max_paid_submissions"),
  // Which receiving account takes each method's money; null means the account from the environment.
  wechatAccountId: integer("wechat_account_id"),
  alipayAccountId: integer("alipay_account_id"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const submissions = sqliteTable(
  "submissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    formId: integer("form_id").notNull().references(() => forms.id),
    formVersion: integer("form_version").notNull(),
    // Field definitions as they were when answered, so later edits never change what was asked.
    fieldsSnapshotJson: text("fields_snapshot_json").notNull(),
    answersJson: text("answers_json").notNull(),
    // Answers flattened to one searchable line (name, phone...), for admin search.
    searchText: text("search_text").notNull().default(""),
    amountFen: integer("amount_fen").notNull().default(0),
    paymentStatus: text("payment_status").$type<"none" | "unpaid" | "paid" | "refunded">().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("submissions_form_idx").on(t.formId, t.id)],
);

export const paymentOrders = sqliteTable(
  "payment_orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderNo: text("order_no").notNull().unique(),
    submissionId: integer("submission_id").notNull().references(() => submissions.id),
    formId: integer("form_id").notNull().references(() => forms.id),
    provider: text("provider").$type<ProviderId>().notNull(),
    channel: text("channel").$type<PayChannel>().notNull(),
    // "env" for the account from the environment, otherwise receiving_accounts.id as text.
    accountRef: text("account_ref").notNull(),
    appId: text("app_id").notNull(),
    merchantId: text("merchant_id").notNull(),
    amountFen: integer("amount_fen").notNull(),
    description: text("description").notNull(),
    status: text("status").$type<OrderStatus>().notNull(),
    codeUrl: text("code_url"),
    payUrl: text("pay_url"),
    platformTradeNo: text("platform_trade_no"),
    paidAt: integer("paid_at"),
    closedAt: integer("closed_at"),
    expiresAt: integer("expires_at").notNull(),
    failureReason: text("failure_reason"),
    // A payment that arrived after we had closed the order: the money is real, an admin must look.
    latePayment: integer("late_payment", { mode: "boolean" }).notNull().default(false),
    hasAnomaly: integer("has_anomaly", { mode: "boolean" }).notNull().default(false),
    refundedFen: integer("refunded_fen").notNull().default(0),
    lastQueriedAt: integer("last_queried_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("orders_submission_idx").on(t.submissionId),
    // The sweep walks pending orders by id.
    index("orders_status_idx").on(t.status, t.id),
    // The admin order list pages by (created_at, id) under each common filter.
    index("orders_created_idx").on(t.createdAt, t.id),
    index("orders_status_created_idx").on(t.status, t.createdAt, t.id),
    index("orders_form_created_idx").on(t.formId, t.createdAt, t.id),
    index("orders_provider_created_idx").on(t.provider, t.createdAt, t.id),
    // Dashboard revenue windows.
    index("orders_paid_at_idx").on(t.paidAt),
    // Orders needing an admin's attention, a tiny fraction of all.
    index("orders_attention_idx")
      .on(t.createdAt, t.id)
      .where(sql`${t.hasAnomaly} = 1 OR ${t.latePayment} = 1`),
    uniqueIndex("orders_platform_trade_uq").on(t.provider, t.platformTradeNo),
  ],
);

export type OrderEventType =
  | "created"
  | "create_failed"
  | "notify"
  | "query"
  | "state_change"
  | "anomaly"
  | "close"
  | "return";

export const orderEvents = sqliteTable(
  "order_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id").notNull().references(() => paymentOrders.id),
    type: text("type").$type<OrderEventType>().notNull(),
    message: text("message").notNull(),
    detailJson: text("detail_json"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);

// Every inbound notify, raw, whether or not it verified: the timeline and replays read it.
export const notifyJournal = sqliteTable(
  "notify_journal",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provider: text("provider").$type<ProviderId>().notNull(),
    orderNo: text("order_no"),
    headersJson: text("headers_json").notNull(),
    body: text("body").notNull(),
    verified: integer("verified", { mode: "boolean" }).notNull(),
    // Why it was rejected, or what applying it did ("applied", "duplicate", "anomaly"...).
    outcome: text("outcome").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [index("notify_journal_order_idx").on(t.orderNo)],
);

export const receivingAccounts = sqliteTable("receiving_accounts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  provider: text("provider").$type<ProviderId>().notNull(),
  name: text("name").notNull(),
  appId: text("app_id").notNull(),
  merchantId: text("merchant_id").notNull(),
  // Non-secret settings (serials, key ids, gateway, sandbox flag) as JSON.
  configJson: text("config_json").notNull(),
  // Secrets (private keys, APIv3 key) as AES-256-GCM ciphertext under APP_ENCRYPTION_KEY.
  secretsEncrypted: text("secrets_encrypted").notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const admins = sqliteTable("admins", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  username: text("username").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const adminSessions = sqliteTable(
  "admin_sessions",
  {
    // sha256 of the cookie token: a stolen database does not yield live sessions.
    tokenHash: text("token_hash").primaryKey(),
    adminId: integer("admin_id").notNull().references(() => admins.id),
    csrfToken: text("csrf_token").notNull(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("admin_sessions_admin_idx").on(t.adminId)],
);

export const loginThrottle = sqliteTable("login_throttle", {
  // The username tried (lower-cased); throttling by name stops guessing one account from many IPs.
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: integer("locked_until"),
  updatedAt: integer("updated_at").notNull(),
});

// Units of a priced item held by a submission. A hold counts against the item's stock while
// the submission is paid, or until holdUntil (the order's expiry plus a grace period) while it
// is not; an expired, unpaid hold frees its units without any cleanup job.
export const stockHolds = sqliteTable(
  "stock_holds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    formId: integer("form_id").notNull().references(() => forms.id),
    submissionId: integer("submission_id").notNull().references(() => submissions.id),
    itemId: text("item_id").notNull(),
    quantity: integer("quantity").notNull(),
    holdUntil: integer("hold_until").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("stock_holds_form_item_idx").on(t.formId, t.itemId), index("stock_holds_submission_idx").on(t.submissionId)],
);
