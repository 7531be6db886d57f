CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`admin_id` integer,
	`admin_name` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`detail_json` text,
	`ip` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `notification_channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`form_id` integer,
	`events_json` text NOT NULL,
	`secrets_encrypted` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reconciliation_days` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`account_ref` text NOT NULL,
	`bill_date` text NOT NULL,
	`status` text NOT NULL,
	`message` text,
	`bill_count` integer DEFAULT 0 NOT NULL,
	`bill_payment_fen` integer DEFAULT 0 NOT NULL,
	`bill_refund_fen` integer DEFAULT 0 NOT NULL,
	`bill_fee_fen` integer DEFAULT 0 NOT NULL,
	`bill_net_fen` integer DEFAULT 0 NOT NULL,
	`our_count` integer DEFAULT 0 NOT NULL,
	`our_payment_fen` integer DEFAULT 0 NOT NULL,
	`our_refund_fen` integer DEFAULT 0 NOT NULL,
	`ran_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reconciliation_days_uq` ON `reconciliation_days` (`provider`,`account_ref`,`bill_date`);--> statement-breakpoint
CREATE INDEX `reconciliation_days_date_idx` ON `reconciliation_days` (`bill_date`);--> statement-breakpoint
CREATE TABLE `reconciliation_differences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day_id` integer NOT NULL,
	`difference_key` text NOT NULL,
	`kind` text NOT NULL,
	`order_no` text NOT NULL,
	`platform_trade_no` text,
	`refund_no` text,
	`our_amount_fen` integer,
	`platform_amount_fen` integer,
	`resolved_at` integer,
	`resolved_by_name` text,
	`resolution` text,
	`resolution_note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`day_id`) REFERENCES `reconciliation_days`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reconciliation_differences_uq` ON `reconciliation_differences` (`day_id`,`difference_key`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`refund_no` text NOT NULL,
	`order_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`platform_refund_id` text,
	`requested_by_admin_id` integer,
	`requested_by_name` text NOT NULL,
	`failure_reason` text,
	`next_check_at` integer,
	`check_count` integer DEFAULT 0 NOT NULL,
	`succeeded_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `payment_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_refund_no_unique` ON `refunds` (`refund_no`);--> statement-breakpoint
CREATE INDEX `refunds_order_idx` ON `refunds` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `refunds_created_idx` ON `refunds` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `refunds_check_idx` ON `refunds` (`next_check_at`);--> statement-breakpoint
ALTER TABLE `admins` ADD `role` text DEFAULT 'admin' NOT NULL;--> statement-breakpoint
ALTER TABLE `admins` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `payment_orders` ADD `refunding_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payment_orders` ADD `prepay_id` text;--> statement-breakpoint
ALTER TABLE `payment_orders` ADD `payer_open_id` text;