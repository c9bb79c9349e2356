ALTER TABLE "route_visits" ADD COLUMN "replaced_counts" jsonb;--> statement-breakpoint
ALTER TABLE "route_visits" ADD COLUMN "corrections" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "route_visits" ADD COLUMN "corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "route_visits" ADD COLUMN "undone_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "route_visits" ADD COLUMN "undone_by" text;--> statement-breakpoint
ALTER TABLE "route_visits" ADD CONSTRAINT "route_visits_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;