-- The hours machines have already reported in, from the events kept so far (read as the owner,
-- for whom row-level security is lifted on the events for this statement only).
ALTER TABLE "machine_events" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
INSERT INTO "machine_report_hours" ("org_id", "machine_id", "hour")
SELECT DISTINCT "org_id", "machine_id", date_trunc('hour', "occurred_at", 'UTC') FROM "machine_events"
ON CONFLICT DO NOTHING;
--> statement-breakpoint
ALTER TABLE "machine_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
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
