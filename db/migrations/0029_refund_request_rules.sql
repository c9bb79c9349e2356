CREATE TABLE "refund_request_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"auto_approve_failed_vends" boolean DEFAULT false NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "refund_request_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD COLUMN "auto_approved" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD COLUMN "decision_mailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refund_request_settings" ADD CONSTRAINT "refund_request_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_request_settings" ADD CONSTRAINT "refund_request_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "org_isolation" ON "refund_request_settings" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
-- Decisions made before decision e-mails existed are not mailed now.
UPDATE "refund_requests" SET "decision_mailed_at" = coalesce("decided_at", now()) WHERE "status" <> 'pending';--> statement-breakpoint
-- Row-level security applies to table owners too (FORCE), on every table that enables it.
DO $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relrowsecurity AND NOT c.relforcerowsecurity
  LOOP
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname);
  END LOOP;
END
$$;
