CREATE TABLE "admin_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"admin_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"expires_at" bigint NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admins" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "admins_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"definition_json" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deadline_at" bigint,
	"max_paid_submissions" integer,
	"wechat_account_id" integer,
	"alipay_account_id" integer,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "forms_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "job_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"job_id" integer NOT NULL,
	"attempt" integer NOT NULL,
	"runner" text NOT NULL,
	"started_at" bigint NOT NULL,
	"finished_at" bigint,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"unique_key" text NOT NULL,
	"payload_json" text DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_at" bigint NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"leased_by" text,
	"lease_until" bigint,
	"last_error" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "jobs_unique_key_unique" UNIQUE("unique_key")
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" bigint,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_journal" (
	"id" serial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"order_no" text,
	"headers_json" text NOT NULL,
	"body" text NOT NULL,
	"verified" boolean NOT NULL,
	"outcome" text NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"type" text NOT NULL,
	"message" text NOT NULL,
	"detail_json" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"submission_id" integer NOT NULL,
	"form_id" integer NOT NULL,
	"provider" text NOT NULL,
	"channel" text NOT NULL,
	"account_ref" text NOT NULL,
	"app_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"code_url" text,
	"pay_url" text,
	"platform_trade_no" text,
	"paid_at" bigint,
	"closed_at" bigint,
	"expires_at" bigint NOT NULL,
	"failure_reason" text,
	"late_payment" boolean DEFAULT false NOT NULL,
	"has_anomaly" boolean DEFAULT false NOT NULL,
	"refunded_fen" bigint DEFAULT 0 NOT NULL,
	"last_queried_at" bigint,
	"next_query_at" bigint,
	"query_count" integer DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "payment_orders_order_no_unique" UNIQUE("order_no")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" bigint NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receiving_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"name" text NOT NULL,
	"app_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"config_json" text NOT NULL,
	"secrets_encrypted" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_holds" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_id" integer NOT NULL,
	"submission_id" integer NOT NULL,
	"item_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"hold_until" bigint NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_id" integer NOT NULL,
	"form_version" integer NOT NULL,
	"fields_snapshot_json" text NOT NULL,
	"answers_json" text NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"payment_status" text NOT NULL,
	"hold_started_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "admin_sessions" ADD CONSTRAINT "admin_sessions_admin_id_admins_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."admins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_attempts" ADD CONSTRAINT "job_attempts_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_holds" ADD CONSTRAINT "stock_holds_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_holds" ADD CONSTRAINT "stock_holds_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_sessions_admin_idx" ON "admin_sessions" USING btree ("admin_id");--> statement-breakpoint
CREATE INDEX "job_attempts_job_idx" ON "job_attempts" USING btree ("job_id","id");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "notify_journal_order_idx" ON "notify_journal" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "notify_journal_received_idx" ON "notify_journal" USING btree ("verified","received_at");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "orders_submission_idx" ON "payment_orders" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_one_pending_uq" ON "payment_orders" USING btree ("submission_id") WHERE "payment_orders"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "payment_orders" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "orders_due_idx" ON "payment_orders" USING btree ("next_query_at") WHERE "payment_orders"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "payment_orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "orders_status_created_idx" ON "payment_orders" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_form_created_idx" ON "payment_orders" USING btree ("form_id","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_provider_created_idx" ON "payment_orders" USING btree ("provider","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_paid_at_idx" ON "payment_orders" USING btree ("paid_at");--> statement-breakpoint
CREATE INDEX "orders_attention_idx" ON "payment_orders" USING btree ("created_at","id") WHERE "payment_orders"."has_anomaly" = true OR "payment_orders"."late_payment" = true;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_platform_trade_uq" ON "payment_orders" USING btree ("provider","platform_trade_no");--> statement-breakpoint
CREATE INDEX "stock_holds_form_item_idx" ON "stock_holds" USING btree ("form_id","item_id");--> statement-breakpoint
CREATE INDEX "stock_holds_submission_idx" ON "stock_holds" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "submissions_form_idx" ON "submissions" USING btree ("form_id","id");