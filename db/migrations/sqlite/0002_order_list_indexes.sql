DROP INDEX `orders_form_idx`;--> statement-breakpoint
CREATE INDEX `orders_status_created_idx` ON `payment_orders` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_form_created_idx` ON `payment_orders` (`form_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_provider_created_idx` ON `payment_orders` (`provider`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_paid_at_idx` ON `payment_orders` (`paid_at`);--> statement-breakpoint
CREATE INDEX `orders_attention_idx` ON `payment_orders` (`created_at`,`id`) WHERE "payment_orders"."has_anomaly" = 1 OR "payment_orders"."late_payment" = 1;