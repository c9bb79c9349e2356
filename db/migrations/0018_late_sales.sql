ALTER TABLE "monthly_statistics" ADD COLUMN "stale" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_statistics" ADD COLUMN "revised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rollup_watermarks" ADD COLUMN "sales_pending" "xid8"[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_watermarks" ADD COLUMN "stockouts_pending" "xid8"[] DEFAULT '{}' NOT NULL;