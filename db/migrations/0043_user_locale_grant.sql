-- The language a member reads mail and notifications in, for the services that write those to them
-- inside an org's transaction (row-level security still decides whose rows they see).
GRANT SELECT (locale) ON TABLE users TO vendops_app;
