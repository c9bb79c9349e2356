CREATE TYPE "public"."order_status" AS ENUM('awaiting_payment', 'paid', 'dispensed', 'failed', 'expired', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."refund_origin" AS ENUM('automatic', 'manual', 'request');--> statement-breakpoint
CREATE TYPE "public"."point_entry_kind" AS ENUM('earn', 'reverse');--> statement-breakpoint
CREATE TYPE "public"."refund_request_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"slot_code" text NOT NULL,
	"product_id" text,
	"product_name" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"status" "order_status" DEFAULT 'awaiting_payment' NOT NULL,
	"provider" text NOT NULL,
	"checkout_session_id" text,
	"checkout_url" text,
	"checkout_expires_at" timestamp with time zone NOT NULL,
	"payment_method" "payment_method",
	"payment_reference" text,
	"consumer_id" text,
	"command_id" text NOT NULL,
	"command_expires_at" timestamp with time zone,
	"sale_id" text,
	"failure_reason" text,
	"paid_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "loyalty_members" (
	"org_id" text NOT NULL,
	"consumer_id" text NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_members_org_id_consumer_id_pk" PRIMARY KEY("org_id","consumer_id")
);
--> statement-breakpoint
ALTER TABLE "loyalty_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "loyalty_programs" (
	"org_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"points_per_unit" integer DEFAULT 1 NOT NULL,
	"tiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "loyalty_programs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "point_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"consumer_id" text NOT NULL,
	"sale_id" text NOT NULL,
	"kind" "point_entry_kind" NOT NULL,
	"points" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "point_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "refund_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"consumer_id" text NOT NULL,
	"sale_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" "refund_request_status" DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"refund_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "refund_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "refunds" ALTER COLUMN "sale_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "order_id" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "consumer_id" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "origin" "refund_origin" DEFAULT 'automatic' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_consumer_id_users_id_fk" FOREIGN KEY ("consumer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_members" ADD CONSTRAINT "loyalty_members_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD CONSTRAINT "loyalty_programs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_consumer_id_users_id_fk" FOREIGN KEY ("consumer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_checkout_session_key" ON "orders" USING btree ("checkout_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_command_key" ON "orders" USING btree ("command_id");--> statement-breakpoint
CREATE INDEX "orders_org_created_idx" ON "orders" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_org_machine_status_idx" ON "orders" USING btree ("org_id","machine_id","status");--> statement-breakpoint
CREATE INDEX "orders_status_due_idx" ON "orders" USING btree ("status","command_expires_at") WHERE "orders"."status" in ('paid', 'awaiting_payment');--> statement-breakpoint
CREATE INDEX "orders_consumer_idx" ON "orders" USING btree ("consumer_id","created_at") WHERE "orders"."consumer_id" is not null;--> statement-breakpoint
CREATE INDEX "loyalty_members_consumer_idx" ON "loyalty_members" USING btree ("consumer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "point_entries_sale_kind_key" ON "point_entries" USING btree ("sale_id","kind");--> statement-breakpoint
CREATE INDEX "point_entries_org_consumer_idx" ON "point_entries" USING btree ("org_id","consumer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "refund_requests_sale_key" ON "refund_requests" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "refund_requests_org_status_idx" ON "refund_requests" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "refund_requests_consumer_idx" ON "refund_requests" USING btree ("consumer_id","created_at");--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_consumer_idx" ON "sales" USING btree ("consumer_id","occurred_at") WHERE "sales"."consumer_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_order_key" ON "refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_org_created_idx" ON "refunds" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "refunds_consumer_idx" ON "refunds" USING btree ("consumer_id") WHERE "refunds"."consumer_id" is not null;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_owed_for" CHECK ("refunds"."sale_id" is not null or "refunds"."order_id" is not null);--> statement-breakpoint
CREATE POLICY "consumer_read" ON "sales" AS PERMISSIVE FOR SELECT TO "vendops_app" USING ("consumer_id" = nullif(current_setting('app.consumer_id', true), ''));--> statement-breakpoint
CREATE POLICY "consumer_read" ON "refunds" AS PERMISSIVE FOR SELECT TO "vendops_app" USING ("consumer_id" = nullif(current_setting('app.consumer_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "orders" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "consumer_read" ON "orders" AS PERMISSIVE FOR SELECT TO "vendops_app" USING ("consumer_id" = nullif(current_setting('app.consumer_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "loyalty_members" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "consumer_read" ON "loyalty_members" AS PERMISSIVE FOR SELECT TO "vendops_app" USING ("consumer_id" = nullif(current_setting('app.consumer_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "loyalty_programs" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "point_entries" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "consumer_read" ON "point_entries" AS PERMISSIVE FOR SELECT TO "vendops_app" USING ("consumer_id" = nullif(current_setting('app.consumer_id', true), ''));--> statement-breakpoint
CREATE POLICY "org_isolation" ON "refund_requests" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "consumer_read" ON "refund_requests" AS PERMISSIVE FOR SELECT TO "vendops_app" USING ("consumer_id" = nullif(current_setting('app.consumer_id', true), ''));