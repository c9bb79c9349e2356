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
$$;--> statement-breakpoint
-- Sign-in throttling is the owner's business only.
REVOKE ALL ON TABLE sign_in_throttle FROM vendops_app;--> statement-breakpoint
-- The app role may read who a fellow member is, never a password hash.
REVOKE ALL ON TABLE users FROM vendops_app;--> statement-breakpoint
GRANT SELECT (id, email, name, created_at) ON TABLE users TO vendops_app;--> statement-breakpoint
-- Organizations are created by the owner path at sign-up; members may read and rename theirs.
REVOKE INSERT, DELETE ON TABLE organizations FROM vendops_app;
