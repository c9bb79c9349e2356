-- Location rows (machine '*') were added to sales_daily_machine: start the rollups over, so the
-- next run rebuilds every rollup from the sales themselves.
DELETE FROM sales_daily;--> statement-breakpoint
DELETE FROM sales_daily_org;--> statement-breakpoint
DELETE FROM sales_daily_product;--> statement-breakpoint
DELETE FROM sales_daily_machine;--> statement-breakpoint
DELETE FROM stockout_daily;--> statement-breakpoint
DELETE FROM rollup_watermarks;
