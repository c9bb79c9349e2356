CREATE TABLE "sales_daily_machine" (
	"org_id" text NOT NULL,
	"day" date NOT NULL,
	"machine_id" text NOT NULL,
	"location_id" text NOT NULL,
	"currency" text NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	"cost_minor" bigint DEFAULT 0 NOT NULL,
	"failed_vends" integer DEFAULT 0 NOT NULL,
	"refunds" integer DEFAULT 0 NOT NULL,
	"refund_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_daily_machine_org_id_day_machine_id_location_id_currency_pk" PRIMARY KEY("org_id","day","machine_id","location_id","currency")
);
--> statement-breakpoint
ALTER TABLE "sales_daily_machine" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_daily_org" (
	"org_id" text NOT NULL,
	"day" date NOT NULL,
	"payment_method" text NOT NULL,
	"currency" text NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	"cost_minor" bigint DEFAULT 0 NOT NULL,
	"failed_vends" integer DEFAULT 0 NOT NULL,
	"refunds" integer DEFAULT 0 NOT NULL,
	"refund_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_daily_org_org_id_day_payment_method_currency_pk" PRIMARY KEY("org_id","day","payment_method","currency")
);
--> statement-breakpoint
ALTER TABLE "sales_daily_org" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_daily_product" (
	"org_id" text NOT NULL,
	"day" date NOT NULL,
	"product_id" text NOT NULL,
	"location_id" text NOT NULL,
	"currency" text NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	"cost_minor" bigint DEFAULT 0 NOT NULL,
	"failed_vends" integer DEFAULT 0 NOT NULL,
	"refunds" integer DEFAULT 0 NOT NULL,
	"refund_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_daily_product_org_id_day_product_id_location_id_currency_pk" PRIMARY KEY("org_id","day","product_id","location_id","currency")
);
--> statement-breakpoint
ALTER TABLE "sales_daily_product" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sales_daily_machine" ADD CONSTRAINT "sales_daily_machine_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_daily_org" ADD CONSTRAINT "sales_daily_org_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_daily_product" ADD CONSTRAINT "sales_daily_product_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_daily_product_org_location_idx" ON "sales_daily_product" USING btree ("org_id","location_id","day");--> statement-breakpoint
CREATE POLICY "org_isolation" ON "sales_daily_machine" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "sales_daily_org" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "sales_daily_product" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));