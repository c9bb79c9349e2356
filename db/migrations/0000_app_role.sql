-- The application role that tenant transactions switch to with SET LOCAL ROLE. Roles are
-- cluster-wide, so create it only where it is missing; it can never log in, owns nothing and
-- does not bypass row-level security.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vendops_app') THEN
    CREATE ROLE vendops_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;--> statement-breakpoint
-- The connecting (owner) role must be a member to SET ROLE to it.
GRANT vendops_app TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO vendops_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vendops_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO vendops_app;
