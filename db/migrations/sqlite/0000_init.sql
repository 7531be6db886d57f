CREATE TABLE `admin_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`admin_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`admin_id`) REFERENCES `admins`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `admin_sessions_admin_idx` ON `admin_sessions` (`admin_id`);--> statement-breakpoint
CREATE TABLE `admins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admins_username_unique` ON `admins` (`username`);--> statement-breakpoint
CREATE TABLE `forms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`definition_json` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deadline_at` integer,
	`max_paid_submissions` integer,
	`wechat_account_id` integer,
	`alipay_account_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forms_slug_unique` ON `forms` (`slug`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notify_journal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`order_no` text,
	`headers_json` text NOT NULL,
	`body` text NOT NULL,
	`verified` integer NOT NULL,
	`outcome` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notify_journal_order_idx` ON `notify_journal` (`order_no`);--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`type` text NOT NULL,
	`message` text NOT NULL,
	`detail_json` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `payment_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`,`id`);--> statement-breakpoint
CREATE TABLE `payment_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_no` text NOT NULL,
	`submission_id` integer NOT NULL,
	`form_id` integer NOT NULL,
	`provider` text NOT NULL,
	`channel` text NOT NULL,
	`account_ref` text NOT NULL,
	`app_id` text NOT NULL,
	`merchant_id` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`code_url` text,
	`pay_url` text,
	`platform_trade_no` text,
	`paid_at` integer,
	`closed_at` integer,
	`expires_at` integer NOT NULL,
	`failure_reason` text,
	`late_payment` integer DEFAULT false NOT NULL,
	`has_anomaly` integer DEFAULT false NOT NULL,
	`refunded_fen` integer DEFAULT 0 NOT NULL,
	`last_queried_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`form_id`) REFERENCES `forms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_orders_order_no_unique` ON `payment_orders` (`order_no`);--> statement-breakpoint
CREATE INDEX `orders_submission_idx` ON `payment_orders` (`submission_id`);--> statement-breakpoint
CREATE INDEX `orders_status_idx` ON `payment_orders` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `orders_form_idx` ON `payment_orders` (`form_id`,`id`);--> statement-breakpoint
CREATE INDEX `orders_created_idx` ON `payment_orders` (`created_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_platform_trade_uq` ON `payment_orders` (`provider`,`platform_trade_no`);--> statement-breakpoint
CREATE TABLE `receiving_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`name` text NOT NULL,
	`app_id` text NOT NULL,
	`merchant_id` text NOT NULL,
	`config_json` text NOT NULL,
	`secrets_encrypted` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`form_id` integer NOT NULL,
	`form_version` integer NOT NULL,
	`fields_snapshot_json` text NOT NULL,
	`answers_json` text NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`amount_fen` integer DEFAULT 0 NOT NULL,
	`payment_status` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`form_id`) REFERENCES `forms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `submissions_form_idx` ON `submissions` (`form_id`,`id`);