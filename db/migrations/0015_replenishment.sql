CREATE TYPE "public"."fill_to" AS ENUM('capacity', 'par');--> statement-breakpoint
CREATE TABLE "replenishment_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"visit_cost_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"fill_to" "fill_to" DEFAULT 'capacity' NOT NULL,
	"sellout_threshold" real DEFAULT 0.5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "replenishment_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "route_machines" (
	"org_id" text NOT NULL,
	"route_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "route_machines_route_id_machine_id_pk" PRIMARY KEY("route_id","machine_id")
);
--> statement-breakpoint
ALTER TABLE "route_machines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "route_visits" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"visit_key" text NOT NULL,
	"route_id" text,
	"machine_id" text NOT NULL,
	"technician_id" text,
	"event_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"counts" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "route_visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "routes" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"technician_id" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "routes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "slot_forecasts" (
	"org_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"slot_code" text NOT NULL,
	"product_id" text,
	"model_version" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"days_used" integer NOT NULL,
	"censored_days" integer NOT NULL,
	"level" real NOT NULL,
	"weekday_factors" jsonb NOT NULL,
	"dispersion" real,
	"stock" integer NOT NULL,
	"days_to_empty" real,
	"next_visit_date" date,
	"sellout_probability" real NOT NULL,
	CONSTRAINT "slot_forecasts_machine_id_slot_code_pk" PRIMARY KEY("machine_id","slot_code")
);
--> statement-breakpoint
ALTER TABLE "slot_forecasts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "replenishment_settings" ADD CONSTRAINT "replenishment_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_machines" ADD CONSTRAINT "route_machines_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_machines" ADD CONSTRAINT "route_machines_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_machines" ADD CONSTRAINT "route_machines_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_visits" ADD CONSTRAINT "route_visits_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_visits" ADD CONSTRAINT "route_visits_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_visits" ADD CONSTRAINT "route_visits_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_visits" ADD CONSTRAINT "route_visits_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_forecasts" ADD CONSTRAINT "slot_forecasts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_forecasts" ADD CONSTRAINT "slot_forecasts_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "route_machines_machine_key" ON "route_machines" USING btree ("machine_id");--> statement-breakpoint
CREATE INDEX "route_machines_org_route_idx" ON "route_machines" USING btree ("org_id","route_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "route_visits_org_key" ON "route_visits" USING btree ("org_id","visit_key");--> statement-breakpoint
CREATE INDEX "route_visits_org_machine_idx" ON "route_visits" USING btree ("org_id","machine_id","occurred_at");--> statement-breakpoint
CREATE INDEX "route_visits_org_route_idx" ON "route_visits" USING btree ("org_id","route_id","occurred_at") WHERE "route_visits"."route_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "routes_org_name_key" ON "routes" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "slot_forecasts_org_machine_idx" ON "slot_forecasts" USING btree ("org_id","machine_id");--> statement-breakpoint
CREATE POLICY "org_isolation" ON "replenishment_settings" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "route_machines" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "route_visits" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "routes" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "slot_forecasts" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));