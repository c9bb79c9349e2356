ALTER TABLE "routes" ADD COLUMN "working_days" integer[];--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "max_stops" integer;--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "max_units" integer;--> statement-breakpoint
ALTER TABLE "replenishment_settings" ADD COLUMN "working_days" integer[] DEFAULT '{0,1,2,3,4}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "replenishment_settings" ADD COLUMN "work_start" time DEFAULT '07:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "replenishment_settings" ADD COLUMN "work_end" time DEFAULT '17:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "replenishment_settings" ADD COLUMN "same_day_cutoff" time DEFAULT '14:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_capacity_positive" CHECK (("routes"."max_stops" is null or "routes"."max_stops" > 0) and ("routes"."max_units" is null or "routes"."max_units" > 0));--> statement-breakpoint
ALTER TABLE "replenishment_settings" ADD CONSTRAINT "replenishment_settings_work_hours" CHECK ("replenishment_settings"."work_start" < "replenishment_settings"."work_end");