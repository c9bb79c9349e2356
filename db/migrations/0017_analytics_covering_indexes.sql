DROP INDEX "sales_daily_machine_org_machine_idx";--> statement-breakpoint
DROP INDEX "sales_daily_product_org_location_idx";--> statement-breakpoint
CREATE INDEX "sales_daily_machine_org_machine_idx" ON "sales_daily_machine" USING btree ("org_id","machine_id","day","location_id","currency","units","revenue_minor","cost_minor");--> statement-breakpoint
CREATE INDEX "sales_daily_product_org_location_idx" ON "sales_daily_product" USING btree ("org_id","location_id","day","product_id","currency","units","revenue_minor","cost_minor");