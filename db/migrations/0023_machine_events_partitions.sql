-- How long each organization keeps raw machine events.
ALTER TABLE "organizations" ADD COLUMN "event_retention_months" integer DEFAULT 13 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_event_retention_months_range" CHECK ("organizations"."event_retention_months" between 1 and 120);--> statement-breakpoint
-- Raw machine events become a table partitioned by month of occurred_at (UTC): one partition per
-- month, machine_events_pYYYYMM, and machine_events_default for months that have none yet. The
-- partitions after this migration are made, filled from the default and retired by
-- server/ingest/partitions.ts. The old table steps aside first; index names are schema-wide, so its
-- key and index are renamed with it. It is read as the owner, for whom row-level security is
-- lifted on it for the copy only.
ALTER TABLE "machine_events" RENAME TO "machine_events_unpartitioned";--> statement-breakpoint
ALTER TABLE "machine_events_unpartitioned" RENAME CONSTRAINT "machine_events_machine_id_event_id_pk" TO "machine_events_unpartitioned_pk";--> statement-breakpoint
ALTER INDEX "machine_events_org_machine_occurred_idx" RENAME TO "machine_events_unpartitioned_org_machine_occurred_idx";--> statement-breakpoint
ALTER TABLE "machine_events_unpartitioned" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- A partitioned table's keys must hold the partition key: the key is (machine, event id, occurred
-- at). Ingest finds a repeated (machine, event id) across all partitions under the machine's lock.
CREATE TABLE "machine_events" (
	"machine_id" text NOT NULL,
	"event_id" text NOT NULL,
	"org_id" text NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "machine_events_machine_id_event_id_occurred_at_pk" PRIMARY KEY("machine_id","event_id","occurred_at")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
ALTER TABLE "machine_events" ADD CONSTRAINT "machine_events_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machine_events" ADD CONSTRAINT "machine_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "machine_events_org_machine_occurred_idx" ON "machine_events" USING btree ("org_id","machine_id","occurred_at");--> statement-breakpoint
-- The months the kept events need, from the oldest event's month through two months after this
-- one, and the default partition.
DO $$
DECLARE
  m timestamp := date_trunc('month', coalesce((SELECT min("occurred_at") FROM "machine_events_unpartitioned"), now()) AT TIME ZONE 'UTC');
  last_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months';
BEGIN
  WHILE m <= last_month LOOP
    EXECUTE format(
      'CREATE TABLE public.%I PARTITION OF public.machine_events FOR VALUES FROM (%L) TO (%L)',
      'machine_events_p' || to_char(m, 'YYYYMM'),
      to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00',
      to_char(m + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00'
    );
    m := m + interval '1 month';
  END LOOP;
  CREATE TABLE public.machine_events_default PARTITION OF public.machine_events DEFAULT;
END
$$;--> statement-breakpoint
INSERT INTO "machine_events" ("machine_id", "event_id", "org_id", "type", "occurred_at", "received_at", "data")
SELECT "machine_id", "event_id", "org_id", "type", "occurred_at", "received_at", "data" FROM "machine_events_unpartitioned";--> statement-breakpoint
DROP TABLE "machine_events_unpartitioned";--> statement-breakpoint
-- The same tenant isolation as before, on the table and on each partition (a partition read by
-- its own name is as closed as the table), and the same grants to the app role.
ALTER TABLE "machine_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "machine_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "org_isolation" ON "machine_events" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "machine_events" TO vendops_app;--> statement-breakpoint
DO $$
DECLARE p record;
BEGIN
  FOR p IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'public.machine_events'::regclass
  LOOP
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', p.relname);
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', p.relname);
    EXECUTE format(
      'CREATE POLICY org_isolation ON public.%I AS PERMISSIVE FOR ALL TO vendops_app USING (org_id = nullif(current_setting(%L, true), %L)) WITH CHECK (org_id = nullif(current_setting(%L, true), %L))',
      p.relname, 'app.org_id', '', 'app.org_id', ''
    );
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.%I TO vendops_app', p.relname);
  END LOOP;
END
$$;
