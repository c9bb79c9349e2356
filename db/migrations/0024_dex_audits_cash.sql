CREATE TYPE "public"."audit_sale_flag" AS ENUM('first_read', 'new_selection', 'reset', 'went_back', 'no_value', 'missing_read');--> statement-breakpoint
CREATE TYPE "public"."audit_source" AS ENUM('machine', 'upload', 'visit');--> statement-breakpoint
CREATE TABLE "audit_sales" (
	"audit_id" text NOT NULL,
	"selection" text NOT NULL,
	"org_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"previous_audit_id" text,
	"slot_code" text,
	"period_start" timestamp with time zone,
	"period_end" timestamp with time zone NOT NULL,
	"units" integer,
	"value_minor" bigint,
	"flag" "audit_sale_flag",
	"recorded_units" integer,
	CONSTRAINT "audit_sales_audit_id_selection_pk" PRIMARY KEY("audit_id","selection")
);
--> statement-breakpoint
ALTER TABLE "audit_sales" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_selection_slots" (
	"machine_id" text NOT NULL,
	"selection" text NOT NULL,
	"org_id" text NOT NULL,
	"slot_code" text,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_selection_slots_machine_id_selection_pk" PRIMARY KEY("machine_id","selection")
);
--> statement-breakpoint
ALTER TABLE "audit_selection_slots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "machine_audits" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"source" "audit_source" NOT NULL,
	"uploaded_by" text,
	"visit_id" text,
	"file_name" text,
	"raw" "bytea" NOT NULL,
	"machine_serial" text,
	"read_at_local" text,
	"read_at" timestamp with time zone NOT NULL,
	"decimals" integer NOT NULL,
	"currency" text,
	"paid_count" bigint,
	"paid_value_minor" bigint,
	"cash_sales_minor" bigint,
	"cashless_sales_minor" bigint,
	"selections" jsonb NOT NULL,
	"crc" text NOT NULL,
	"quality" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"details" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "machine_audits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sales" ADD COLUMN "inferred" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_settings" ADD COLUMN "audit_missed_vends" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_settings" ADD COLUMN "cash_variance_percent" real DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_settings" ADD COLUMN "cash_variance_min_minor" integer DEFAULT 200 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_sales" ADD CONSTRAINT "audit_sales_audit_id_machine_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."machine_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_sales" ADD CONSTRAINT "audit_sales_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_sales" ADD CONSTRAINT "audit_sales_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_selection_slots" ADD CONSTRAINT "audit_selection_slots_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_selection_slots" ADD CONSTRAINT "audit_selection_slots_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machine_audits" ADD CONSTRAINT "machine_audits_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machine_audits" ADD CONSTRAINT "machine_audits_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machine_audits" ADD CONSTRAINT "machine_audits_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_sales_org_machine_period_idx" ON "audit_sales" USING btree ("org_id","machine_id","period_end");--> statement-breakpoint
CREATE INDEX "audit_selection_slots_org_idx" ON "audit_selection_slots" USING btree ("org_id","machine_id");--> statement-breakpoint
CREATE UNIQUE INDEX "machine_audits_machine_content_key" ON "machine_audits" USING btree ("machine_id","content_hash");--> statement-breakpoint
CREATE INDEX "machine_audits_org_machine_read_idx" ON "machine_audits" USING btree ("org_id","machine_id","read_at");--> statement-breakpoint
CREATE INDEX "machine_audits_org_received_idx" ON "machine_audits" USING btree ("org_id","received_at");--> statement-breakpoint
CREATE POLICY "org_isolation" ON "audit_sales" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "audit_selection_slots" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "machine_audits" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
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
