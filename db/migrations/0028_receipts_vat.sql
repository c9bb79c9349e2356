CREATE TABLE "receipt_emails" (
	"org_id" text NOT NULL,
	"consumer_id" text NOT NULL,
	"purchase_id" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipt_emails_consumer_id_purchase_id_pk" PRIMARY KEY("consumer_id","purchase_id")
);
--> statement-breakpoint
ALTER TABLE "receipt_emails" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "legal_address" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "vat_number" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "default_vat_rate_bp" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "vat_rate_bp" integer;--> statement-breakpoint
ALTER TABLE "sales" ADD COLUMN "vat_rate_bp" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "vat_rate_bp" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "receipt_emails" ADD CONSTRAINT "receipt_emails_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_emails" ADD CONSTRAINT "receipt_emails_consumer_id_users_id_fk" FOREIGN KEY ("consumer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "receipt_emails_org_idx" ON "receipt_emails" USING btree ("org_id");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_default_vat_rate_range" CHECK ("organizations"."default_vat_rate_bp" between 0 and 10000);--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_vat_rate_range" CHECK ("products"."vat_rate_bp" between 0 and 10000);--> statement-breakpoint
CREATE POLICY "org_isolation" ON "receipt_emails" AS PERMISSIVE FOR ALL TO "vendops_app" USING ("org_id" = nullif(current_setting('app.org_id', true), '')) WITH CHECK ("org_id" = nullif(current_setting('app.org_id', true), ''));--> statement-breakpoint
CREATE POLICY "consumer_read" ON "receipt_emails" AS PERMISSIVE FOR SELECT TO "vendops_app" USING ("consumer_id" = nullif(current_setting('app.consumer_id', true), ''));--> statement-breakpoint
-- Sales and orders recorded before rates existed take the current rates (product, else the org's default).
UPDATE "sales" SET "vat_rate_bp" = r."rate"
FROM (SELECT s."id", coalesce(p."vat_rate_bp", o."default_vat_rate_bp") AS "rate" FROM "sales" s
  JOIN "organizations" o ON o."id" = s."org_id" LEFT JOIN "products" p ON p."id" = s."product_id") r
WHERE r."id" = "sales"."id" AND r."rate" <> 0;--> statement-breakpoint
UPDATE "orders" SET "vat_rate_bp" = r."rate"
FROM (SELECT d."id", coalesce(p."vat_rate_bp", o."default_vat_rate_bp") AS "rate" FROM "orders" d
  JOIN "organizations" o ON o."id" = d."org_id" LEFT JOIN "products" p ON p."id" = d."product_id") r
WHERE r."id" = "orders"."id" AND r."rate" <> 0;--> statement-breakpoint
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
