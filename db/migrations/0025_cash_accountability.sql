CREATE TYPE "public"."cash_collection_source" AS ENUM('machine', 'technician');--> statement-breakpoint
CREATE TABLE "cash_payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"alert_id" text NOT NULL,
	"sale_id" text,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"paid_by" text,
	"paid_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "cash_payouts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "source" "cash_collection_source" DEFAULT 'machine' NOT NULL;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "counted_minor" integer;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "expected_minor" bigint;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "variance_minor" bigint GENERATED ALWAYS AS (counted_minor - expected_minor) STORED;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "period_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "count_key" text;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "technician_id" text;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "counted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "route_id" text;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "visit_id" text;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD COLUMN "variance_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cash_payouts" ADD CONSTRAINT "cash_payouts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_payouts" ADD CONSTRAINT "cash_payouts_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_payouts" ADD CONSTRAINT "cash_payouts_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_payouts" ADD CONSTRAINT "cash_payouts_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cash_payouts_alert_key" ON "cash_payouts" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "cash_payouts_org_machine_paid_idx" ON "cash_payouts" USING btree ("org_id","machine_id","paid_at");--> statement-breakpoint
ALTER TABLE "cash_collections" ADD CONSTRAINT "cash_collections_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD CONSTRAINT "cash_collections_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_collections" ADD CONSTRAINT "cash_collections_visit_id_route_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."route_visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cash_collections_org_occurred_idx" ON "cash_collections" USING btree ("org_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cash_collections_machine_event_key" ON "cash_collections" USING btree ("machine_id","event_id") WHERE source = 'machine';--> statement-breakpoint
CREATE UNIQUE INDEX "cash_collections_org_count_key" ON "cash_collections" USING btree ("org_id","count_key") WHERE count_key is not null;--> statement-breakpoint
CREATE INDEX "cash_collections_variance_pending_idx" ON "cash_collections" USING btree ("org_id") WHERE variance_pending;--> statement-breakpoint
CREATE POLICY "org_isolation" ON "cash_payouts" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
-- Collections recorded before: counted is what the machine reported, and expected is computed the
-- way ingest computes it now (succeeded cash vends of the period; none paid back yet). No alerts for them.
UPDATE "cash_collections" c SET
  "counted_minor" = c."amount_minor",
  "period_start" = p.prev,
  "expected_minor" = (
    SELECT coalesce(sum(s."price_minor"), 0) FROM "sales" s
    WHERE s."org_id" = c."org_id" AND s."machine_id" = c."machine_id" AND s."payment_method" = 'cash' AND s."status" = 'succeeded' AND s."currency" = c."currency"
      AND s."occurred_at" <= c."occurred_at" AND (p.prev IS NULL OR s."occurred_at" > p.prev)
  )
FROM (SELECT "id", lag("occurred_at") OVER (PARTITION BY "machine_id" ORDER BY "occurred_at", "id") AS prev FROM "cash_collections") p
WHERE p."id" = c."id";--> statement-breakpoint
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
