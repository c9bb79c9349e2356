CREATE TABLE "machine_report_hours" (
	"org_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	CONSTRAINT "machine_report_hours_org_id_machine_id_hour_pk" PRIMARY KEY("org_id","machine_id","hour")
);
--> statement-breakpoint
ALTER TABLE "machine_report_hours" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "machine_report_hours" ADD CONSTRAINT "machine_report_hours_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machine_report_hours" ADD CONSTRAINT "machine_report_hours_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "org_isolation" ON "machine_report_hours" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));