CREATE TABLE "monthly_statistics" (
	"org_id" text NOT NULL,
	"month" date NOT NULL,
	"time_zone" text NOT NULL,
	"currency" text NOT NULL,
	"figures" jsonb NOT NULL,
	"previous_month" jsonb,
	"previous_year" jsonb,
	"breakdowns" jsonb NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monthly_statistics_org_id_month_pk" PRIMARY KEY("org_id","month")
);
--> statement-breakpoint
ALTER TABLE "monthly_statistics" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "rollup_watermarks" (
	"org_id" text PRIMARY KEY NOT NULL,
	"sales_xid" "xid8" NOT NULL,
	"stockouts_xid" "xid8" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rollup_watermarks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_daily" (
	"org_id" text NOT NULL,
	"day" date NOT NULL,
	"machine_id" text NOT NULL,
	"slot_code" text NOT NULL,
	"product_id" text NOT NULL,
	"location_id" text NOT NULL,
	"payment_method" text NOT NULL,
	"currency" text NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	"cost_minor" bigint DEFAULT 0 NOT NULL,
	"failed_vends" integer DEFAULT 0 NOT NULL,
	"refunds" integer DEFAULT 0 NOT NULL,
	"refund_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_daily_org_id_day_machine_id_slot_code_product_id_location_id_payment_method_currency_pk" PRIMARY KEY("org_id","day","machine_id","slot_code","product_id","location_id","payment_method","currency")
);
--> statement-breakpoint
ALTER TABLE "sales_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "slot_stockouts" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"slot_code" text NOT NULL,
	"product_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"changed_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "slot_stockouts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stockout_daily" (
	"org_id" text NOT NULL,
	"day" date NOT NULL,
	"machine_id" text NOT NULL,
	"slot_code" text NOT NULL,
	"product_id" text NOT NULL,
	"location_id" text NOT NULL,
	"seconds" integer NOT NULL,
	CONSTRAINT "stockout_daily_org_id_day_machine_id_slot_code_pk" PRIMARY KEY("org_id","day","machine_id","slot_code")
);
--> statement-breakpoint
ALTER TABLE "stockout_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sales" ADD COLUMN "writer_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_statistics" ADD CONSTRAINT "monthly_statistics_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_watermarks" ADD CONSTRAINT "rollup_watermarks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_daily" ADD CONSTRAINT "sales_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_stockouts" ADD CONSTRAINT "slot_stockouts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_stockouts" ADD CONSTRAINT "slot_stockouts_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_stockouts" ADD CONSTRAINT "slot_stockouts_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stockout_daily" ADD CONSTRAINT "stockout_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_daily_org_product_day_idx" ON "sales_daily" USING btree ("org_id","product_id","day");--> statement-breakpoint
CREATE INDEX "sales_daily_org_location_day_idx" ON "sales_daily" USING btree ("org_id","location_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "slot_stockouts_one_open_key" ON "slot_stockouts" USING btree ("machine_id","slot_code") WHERE "slot_stockouts"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "slot_stockouts_org_machine_idx" ON "slot_stockouts" USING btree ("org_id","machine_id","slot_code","started_at");--> statement-breakpoint
CREATE INDEX "slot_stockouts_org_changed_idx" ON "slot_stockouts" USING btree ("org_id","changed_xid");--> statement-breakpoint
CREATE INDEX "stockout_daily_org_product_day_idx" ON "stockout_daily" USING btree ("org_id","product_id","day");--> statement-breakpoint
CREATE INDEX "sales_org_writer_xid_idx" ON "sales" USING btree ("org_id","writer_xid");--> statement-breakpoint
CREATE POLICY "org_isolation" ON "monthly_statistics" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "rollup_watermarks" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "sales_daily" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "slot_stockouts" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "stockout_daily" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));