CREATE TYPE "public"."host_commission_basis" AS ENUM('gross', 'net');--> statement-breakpoint
CREATE TYPE "public"."host_statement_status" AS ENUM('draft', 'approved', 'sent', 'paid');--> statement-breakpoint
CREATE TABLE "host_contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"location_id" text NOT NULL,
	"effective_from" date NOT NULL,
	"basis" "host_commission_basis" DEFAULT 'gross' NOT NULL,
	"percent_bp" integer,
	"cash_percent_bp" integer,
	"cashless_percent_bp" integer,
	"tiers" jsonb,
	"per_unit_minor" integer,
	"flat_rent_minor" integer,
	"minimum_guarantee_minor" integer,
	"currency" text NOT NULL,
	"contact_emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_contracts_first_of_month" CHECK (extract(day from "host_contracts"."effective_from") = 1)
);
--> statement-breakpoint
ALTER TABLE "host_contracts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "host_statement_adjustments" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"statement_id" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"reason" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_statement_adjustments_reason" CHECK (length(trim("host_statement_adjustments"."reason")) > 0)
);
--> statement-breakpoint
ALTER TABLE "host_statement_adjustments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "host_statements" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"location_id" text NOT NULL,
	"month" date NOT NULL,
	"contract_id" text NOT NULL,
	"contract" jsonb NOT NULL,
	"status" "host_statement_status" DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"figures" jsonb NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"gross_minor" integer DEFAULT 0 NOT NULL,
	"refunds_minor" integer DEFAULT 0 NOT NULL,
	"vat_minor" integer DEFAULT 0 NOT NULL,
	"net_minor" integer DEFAULT 0 NOT NULL,
	"commission_minor" integer DEFAULT 0 NOT NULL,
	"adjustments_minor" integer DEFAULT 0 NOT NULL,
	"total_minor" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revised_at" timestamp with time zone,
	"revision_note" text,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "host_statements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "host_contracts" ADD CONSTRAINT "host_contracts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_contracts" ADD CONSTRAINT "host_contracts_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_contracts" ADD CONSTRAINT "host_contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_statement_adjustments" ADD CONSTRAINT "host_statement_adjustments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_statement_adjustments" ADD CONSTRAINT "host_statement_adjustments_statement_id_host_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."host_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_statement_adjustments" ADD CONSTRAINT "host_statement_adjustments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_statements" ADD CONSTRAINT "host_statements_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_statements" ADD CONSTRAINT "host_statements_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_statements" ADD CONSTRAINT "host_statements_contract_id_host_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."host_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_statements" ADD CONSTRAINT "host_statements_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "host_contracts_org_location_month_key" ON "host_contracts" USING btree ("org_id","location_id","effective_from");--> statement-breakpoint
CREATE INDEX "host_statement_adjustments_org_statement_idx" ON "host_statement_adjustments" USING btree ("org_id","statement_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "host_statements_org_location_month_key" ON "host_statements" USING btree ("org_id","location_id","month");--> statement-breakpoint
CREATE INDEX "host_statements_org_month_idx" ON "host_statements" USING btree ("org_id","month","status");--> statement-breakpoint
CREATE INDEX "host_statements_org_contract_idx" ON "host_statements" USING btree ("org_id","contract_id");--> statement-breakpoint
CREATE POLICY "org_isolation" ON "host_contracts" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "host_statement_adjustments" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "host_statements" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
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
