-- What a host may read, and the per-location lock on it. vendops_host has no default privileges:
-- each grant below names its columns (no costs, secrets, consumers or payment references), and
-- each table it reads carries a policy for it alone: the org of the transaction and one of the
-- host's locations (app.location_ids, comma-separated, set by withHost). The org_isolation
-- policies are for vendops_app only, so they let nothing through to a host.
GRANT SELECT (id, name, slug, time_zone, currency) ON organizations TO vendops_host;--> statement-breakpoint
CREATE POLICY "host_read" ON "organizations" AS PERMISSIVE FOR SELECT TO "vendops_host"
  USING ("id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
GRANT SELECT (id, org_id, name, address, kind) ON locations TO vendops_host;--> statement-breakpoint
CREATE POLICY "host_read" ON "locations" AS PERMISSIVE FOR SELECT TO "vendops_host"
  USING ("org_id" = nullif(current_setting('app.org_id', true), '') and "id" = any(string_to_array(nullif(current_setting('app.location_ids', true), ''), ',')));--> statement-breakpoint
GRANT SELECT (id, org_id, location_id, name, serial, model, status, last_seen_at, disabled_at) ON machines TO vendops_host;--> statement-breakpoint
CREATE POLICY "host_read" ON "machines" AS PERMISSIVE FOR SELECT TO "vendops_host"
  USING ("org_id" = nullif(current_setting('app.org_id', true), '') and "location_id" = any(string_to_array(nullif(current_setting('app.location_ids', true), ''), ',')));--> statement-breakpoint
GRANT SELECT (id, org_id, machine_id, location_id, status, price_minor, currency, vat_rate_bp, payment_method, occurred_at) ON sales TO vendops_host;--> statement-breakpoint
CREATE POLICY "host_read" ON "sales" AS PERMISSIVE FOR SELECT TO "vendops_host"
  USING ("org_id" = nullif(current_setting('app.org_id', true), '') and "location_id" = any(string_to_array(nullif(current_setting('app.location_ids', true), ''), ',')));--> statement-breakpoint
-- Statements once approved: a draft is the operator's until they approve it.
GRANT SELECT ON host_statements TO vendops_host;--> statement-breakpoint
CREATE POLICY "host_read" ON "host_statements" AS PERMISSIVE FOR SELECT TO "vendops_host"
  USING ("org_id" = nullif(current_setting('app.org_id', true), '') and "location_id" = any(string_to_array(nullif(current_setting('app.location_ids', true), ''), ','))
    and "status" <> 'draft');--> statement-breakpoint
GRANT SELECT ON host_statement_adjustments TO vendops_host;--> statement-breakpoint
-- The statement's own policy decides: the subquery runs as vendops_host, under it.
CREATE POLICY "host_read" ON "host_statement_adjustments" AS PERMISSIVE FOR SELECT TO "vendops_host"
  USING ("org_id" = nullif(current_setting('app.org_id', true), '')
    and exists (select 1 from host_statements s where s.id = "statement_id"));--> statement-breakpoint
GRANT SELECT, INSERT ON host_problem_reports TO vendops_host;--> statement-breakpoint
-- An org's members see the names and addresses of the hosts of its places, as they see fellow members'.
CREATE POLICY "users_hosting_for_org" ON "users" AS PERMISSIVE FOR SELECT TO "vendops_app"
  USING (exists (select 1 from host_members h where h.user_id = "users"."id" and h.org_id = nullif(current_setting('app.org_id', true), '')));--> statement-breakpoint
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
