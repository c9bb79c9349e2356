-- The role host transactions switch to with SET LOCAL ROLE (withHost). Like vendops_app it is
-- created only where it is missing (roles are cluster-wide), can never log in, owns nothing and
-- does not bypass row-level security. It gets no default privileges: only the grants of the host
-- portal's migration, table by table and column by column.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vendops_host') THEN
    CREATE ROLE vendops_host NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;--> statement-breakpoint
-- The connecting (owner) role must be a member to SET ROLE to it.
GRANT vendops_host TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO vendops_host;
