DROP INDEX "api_idempotency_keys_key_key";--> statement-breakpoint
CREATE UNIQUE INDEX "api_idempotency_keys_key_key" ON "api_idempotency_keys" USING btree ("org_id","api_key_id","key");