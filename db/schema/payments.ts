import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { paymentMethod, sales } from "./sales";
import { orgIdColumn, orgIsolation } from "./tenancy";

export const refundStatus = pgEnum("refund_status", ["pending", "processing", "succeeded", "failed"]);

/**
 * Refunds are their own outbox: a row is created in the same transaction as the failed vend that
 * owes it, and a worker sends it. One sale, at most one automatic refund (unique `saleId`).
 */
export const refunds = pgTable(
  "refunds",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    saleId: text("sale_id")
      .notNull()
      .references(() => sales.id, { onDelete: "cascade" }),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    paymentMethod: paymentMethod("payment_method").notNull(),
    paymentReference: text("payment_reference"),
    reason: text("reason").notNull(),
    status: refundStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    providerRefundId: text("provider_refund_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("refunds_sale_key").on(t.saleId),
    index("refunds_org_status_idx").on(t.orgId, t.status, t.nextAttemptAt),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type Refund = typeof refunds.$inferSelect;

/**
 * Webhook events received from payment providers. The primary key is the dedupe key: an event
 * delivered twice is processed once. Owner-only: events arrive before any tenant is known.
 */
export const paymentWebhookEvents = pgTable(
  "payment_webhook_events",
  {
    provider: text("provider").notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);
