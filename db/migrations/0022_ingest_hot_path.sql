CREATE TABLE "alert_announcements" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"alert_id" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_announcements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "machine_request_windows" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "machine_request_windows" CASCADE;--> statement-breakpoint
ALTER TABLE "machines" ADD COLUMN "credentials_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "machines" ADD COLUMN "request_window_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "machines" ADD COLUMN "request_window_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_announcements" ADD CONSTRAINT "alert_announcements_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_announcements" ADD CONSTRAINT "alert_announcements_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_announcements_org_created_idx" ON "alert_announcements" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "machine_secrets_by_machine_idx" ON "machine_secrets" USING btree ("machine_id");--> statement-breakpoint
CREATE POLICY "org_isolation" ON "alert_announcements" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
ALTER TABLE "alert_announcements" FORCE ROW LEVEL SECURITY;
