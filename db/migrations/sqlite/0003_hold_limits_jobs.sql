CREATE TABLE `job_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` integer NOT NULL,
	`attempt` integer NOT NULL,
	`runner` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`error` text,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `job_attempts_job_idx` ON `job_attempts` (`job_id`,`id`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`unique_key` text NOT NULL,
	`payload_json` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`run_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 8 NOT NULL,
	`leased_by` text,
	`lease_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_unique_key_unique` ON `jobs` (`unique_key`);--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_started_at` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `payment_orders` ADD `next_query_at` integer;--> statement-breakpoint
ALTER TABLE `payment_orders` ADD `query_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `payment_orders` SET `next_query_at` = `created_at` + 15000 WHERE `status` = 'pending';--> statement-breakpoint
-- Before the one-pending-order rule: an older second pending order of a submission (the
-- pay-again race) is closed here; a payment that still lands on it is applied and flagged late.
UPDATE `payment_orders` SET `status` = 'closed', `failure_reason` = 'superseded by a newer order of the same submission'
WHERE `status` = 'pending' AND `id` NOT IN (SELECT max(`id`) FROM `payment_orders` WHERE `status` = 'pending' GROUP BY `submission_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_one_pending_uq` ON `payment_orders` (`submission_id`) WHERE "payment_orders"."status" = 'pending';--> statement-breakpoint
CREATE INDEX `orders_due_idx` ON `payment_orders` (`next_query_at`) WHERE "payment_orders"."status" = 'pending';--> statement-breakpoint
ALTER TABLE `submissions` ADD `hold_started_at` integer;--> statement-breakpoint
CREATE INDEX `notify_journal_received_idx` ON `notify_journal` (`verified`,`received_at`);