ALTER TABLE "webhook_endpoints" ADD COLUMN "sales_seen_snapshot" text DEFAULT pg_current_snapshot()::text NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "sales_target_snapshot" text;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "sales_cursor_xid" "xid8";--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "sales_cursor_id" text;