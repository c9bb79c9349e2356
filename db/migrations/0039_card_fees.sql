CREATE TABLE "host_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"email" text NOT NULL,
	"location_ids" text[] NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" text,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" text,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_invitations_some_location" CHECK (cardinality("host_invitations"."location_ids") between 1 and 50)
);
--> statement-breakpoint
ALTER TABLE "host_invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "host_members" (
	"org_id" text NOT NULL,
	"location_id" text NOT NULL,
	"user_id" text NOT NULL,
	"invited_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_members_org_id_location_id_user_id_pk" PRIMARY KEY("org_id","location_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "host_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "host_problem_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"location_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"user_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_problem_reports_text" CHECK (length(trim("host_problem_reports"."text")) between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "host_problem_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "card_fees" (
	"org_id" text NOT NULL,
	"payment_method" "payment_method" NOT NULL,
	"percent_bp" integer NOT NULL,
	"fixed_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_fees_org_id_payment_method_pk" PRIMARY KEY("org_id","payment_method"),
	CONSTRAINT "card_fees_percent_range" CHECK ("card_fees"."percent_bp" between 0 and 10000),
	CONSTRAINT "card_fees_fixed_range" CHECK ("card_fees"."fixed_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "card_fees" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "host_invitations" ADD CONSTRAINT "host_invitations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_invitations" ADD CONSTRAINT "host_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_invitations" ADD CONSTRAINT "host_invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_members" ADD CONSTRAINT "host_members_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_members" ADD CONSTRAINT "host_members_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_members" ADD CONSTRAINT "host_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_members" ADD CONSTRAINT "host_members_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_problem_reports" ADD CONSTRAINT "host_problem_reports_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_problem_reports" ADD CONSTRAINT "host_problem_reports_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_problem_reports" ADD CONSTRAINT "host_problem_reports_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_problem_reports" ADD CONSTRAINT "host_problem_reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_fees" ADD CONSTRAINT "card_fees_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "host_invitations_token_hash_key" ON "host_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "host_invitations_org_idx" ON "host_invitations" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "host_members_user_idx" ON "host_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "host_problem_reports_org_machine_idx" ON "host_problem_reports" USING btree ("org_id","machine_id","created_at");--> statement-breakpoint
CREATE INDEX "host_problem_reports_user_idx" ON "host_problem_reports" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE POLICY "org_isolation" ON "host_invitations" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "host_members" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "host_problem_reports" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "host_read" ON "host_problem_reports" AS PERMISSIVE FOR SELECT TO "vendops_host" USING ("org_id" = nullif(current_setting('app.org_id', true), '') and "location_id" = any(string_to_array(nullif(current_setting('app.location_ids', true), ''), ',')) and "user_id" = nullif(current_setting('app.user_id', true), ''));--> statement-breakpoint
CREATE POLICY "host_insert" ON "host_problem_reports" AS PERMISSIVE FOR INSERT TO "vendops_host" WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), '') and "location_id" = any(string_to_array(nullif(current_setting('app.location_ids', true), ''), ',')) and "user_id" = nullif(current_setting('app.user_id', true), '')
        and exists (select 1 from machines m where m.id = machine_id and m.location_id = host_problem_reports.location_id));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "card_fees" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
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
