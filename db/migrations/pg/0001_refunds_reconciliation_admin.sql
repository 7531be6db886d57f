CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"admin_id" integer,
	"admin_name" text NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"detail_json" text,
	"ip" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_channels" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"form_id" integer,
	"events_json" text NOT NULL,
	"secrets_encrypted" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconciliation_days" (
	"id" serial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"account_ref" text NOT NULL,
	"bill_date" text NOT NULL,
	"status" text NOT NULL,
	"message" text,
	"bill_count" integer DEFAULT 0 NOT NULL,
	"bill_payment_fen" bigint DEFAULT 0 NOT NULL,
	"bill_refund_fen" bigint DEFAULT 0 NOT NULL,
	"bill_fee_fen" bigint DEFAULT 0 NOT NULL,
	"bill_net_fen" bigint DEFAULT 0 NOT NULL,
	"our_count" integer DEFAULT 0 NOT NULL,
	"our_payment_fen" bigint DEFAULT 0 NOT NULL,
	"our_refund_fen" bigint DEFAULT 0 NOT NULL,
	"ran_at" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconciliation_differences" (
	"id" serial PRIMARY KEY NOT NULL,
	"day_id" integer NOT NULL,
	"difference_key" text NOT NULL,
	"kind" text NOT NULL,
	"order_no" text NOT NULL,
	"platform_trade_no" text,
	"refund_no" text,
	"our_amount_fen" bigint,
	"platform_amount_fen" bigint,
	"resolved_at" bigint,
	"resolved_by_name" text,
	"resolution" text,
	"resolution_note" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" serial PRIMARY KEY NOT NULL,
	"refund_no" text NOT NULL,
	"order_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"platform_refund_id" text,
	"requested_by_admin_id" integer,
	"requested_by_name" text NOT NULL,
	"failure_reason" text,
	"next_check_at" bigint,
	"check_count" integer DEFAULT 0 NOT NULL,
	"succeeded_at" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "refunds_refund_no_unique" UNIQUE("refund_no")
);
--> statement-breakpoint
ALTER TABLE "admins" ADD COLUMN "role" text DEFAULT 'admin' NOT NULL;--> statement-breakpoint
ALTER TABLE "admins" ADD COLUMN "disabled_at" bigint;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "refunding_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "prepay_id" text;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "payer_open_id" text;--> statement-breakpoint
ALTER TABLE "reconciliation_differences" ADD CONSTRAINT "reconciliation_differences_day_id_reconciliation_days_id_fk" FOREIGN KEY ("day_id") REFERENCES "public"."reconciliation_days"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_days_uq" ON "reconciliation_days" USING btree ("provider","account_ref","bill_date");--> statement-breakpoint
CREATE INDEX "reconciliation_days_date_idx" ON "reconciliation_days" USING btree ("bill_date");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_differences_uq" ON "reconciliation_differences" USING btree ("day_id","difference_key");--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "refunds" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "refunds_created_idx" ON "refunds" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "refunds_check_idx" ON "refunds" USING btree ("next_check_at");