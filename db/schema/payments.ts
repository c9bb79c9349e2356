import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { products } from "./catalog";
import { machineIdColumn } from "./fleet";
import { paymentMethod, sales } from "./sales";
import { consumerRead, orgIdColumn, orgIsolation } from "./tenancy";

/**
 * awaiting_payment -> paid (a vend command waits for the machine) -> dispensed | failed (refunded);
 * paid -> expired (not vended in time: refunded); awaiting_payment -> canceled (never paid).
 */
export const orderStatus = pgEnum("order_status", ["awaiting_payment", "paid", "dispensed", "failed", "expired", "canceled"]);

/**
 * An online order placed on a machine's checkout page. Once paid it is a vend command in the
 * machine's events responses until the machine reports the vend or the command expires.
 * Its id is unguessable: the order link is how a guest comes back to it.
 */
export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    slotCode: text("slot_code").notNull(),
    productId: text("product_id").references(() => products.id, { onDelete: "set null" }),
    productName: text("product_name").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    /** The VAT rate (basis points) of the product when the order was placed. */
    vatRateBp: integer("vat_rate_bp").notNull().default(0),
    status: orderStatus("status").notNull().default("awaiting_payment"),
    provider: text("provider").notNull(),
    checkoutSessionId: text("checkout_session_id"),
    checkoutUrl: text("checkout_url"),
    /** A code the order page shows as a QR code while awaiting payment (WeChat Pay Native, Alipay precreate). */
    checkoutQrCode: text("checkout_qr_code"),
    checkoutExpiresAt: timestamp("checkout_expires_at", { withTimezone: true }).notNull(),
    paymentMethod: paymentMethod("payment_method"),
    paymentReference: text("payment_reference"),
    consumerId: text("consumer_id").references(() => users.id, { onDelete: "set null" }),
    commandId: text("command_id").notNull(),
    commandExpiresAt: timestamp("command_expires_at", { withTimezone: true }),
    saleId: text("sale_id").references(() => sales.id, { onDelete: "set null" }),
    failureReason: text("failure_reason"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_checkout_session_key").on(t.checkoutSessionId),
    uniqueIndex("orders_command_key").on(t.commandId),
    index("orders_org_created_idx").on(t.orgId, t.createdAt),
    index("orders_org_machine_status_idx").on(t.orgId, t.machineId, t.status),
    index("orders_status_due_idx").on(t.status, t.commandExpiresAt).where(sql`${t.status} in ('paid', 'awaiting_payment')`),
    index("orders_consumer_idx").on(t.consumerId, t.createdAt).where(sql`${t.consumerId} is not null`),
    orgIsolation(t.orgId),
    consumerRead(t.consumerId),
  ],
).enableRLS();

export type Order = typeof orders.$inferSelect;
export type OrderStatus = (typeof orderStatus.enumValues)[number];

export const refundStatus = pgEnum("refund_status", ["pending", "processing", "succeeded", "failed"]);
/** Why a refund exists: a failed vend or expired order, a manager by hand, or an approved request. */
export const refundOrigin = pgEnum("refund_origin", ["automatic", "manual", "request"]);

/**
 * Refunds are their own outbox: a row is created in the same transaction as the failed vend or
 * expired order that owes it, and a worker sends it. One sale, one order: at most one refund each
 * (unique `saleId`, unique `orderId`), whoever or whatever asks for it and however often.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    saleId: text("sale_id").references(() => sales.id, { onDelete: "cascade" }),
    orderId: text("order_id").references(() => orders.id, { onDelete: "cascade" }),
    consumerId: text("consumer_id"),
    origin: refundOrigin("origin").notNull().default("automatic"),
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
    uniqueIndex("refunds_order_key").on(t.orderId),
    index("refunds_org_status_idx").on(t.orgId, t.status, t.nextAttemptAt),
    index("refunds_org_created_idx").on(t.orgId, t.createdAt),
    index("refunds_consumer_idx").on(t.consumerId).where(sql`${t.consumerId} is not null`),
    check("refunds_owed_for", sql`${t.saleId} is not null or ${t.orderId} is not null`),
    orgIsolation(t.orgId),
    consumerRead(t.consumerId),
  ],
).enableRLS();

export type Refund = typeof refunds.$inferSelect;
export type RefundStatus = (typeof refundStatus.enumValues)[number];

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

/**
 * An org's own merchant account with WeChat Pay or Alipay, one per provider. `settings` is what may
 * be shown (merchant and app ids, certificate serials, public keys); `sealedSecrets` holds the
 * private key and API key as JSON, sealed with AES-256-GCM under PAYMENT_CREDENTIALS_KEY, and is
 * never sent back to a browser.
 */
export const orgPaymentProviders = pgTable(
  "org_payment_providers",
  {
    orgId: orgIdColumn(),
    provider: text("provider").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    settings: jsonb("settings").$type<Record<string, string>>().notNull(),
    sealedSecrets: text("sealed_secrets").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.provider] }),
    check("org_payment_providers_provider_known", sql`${t.provider} in ('wechatpay', 'alipay')`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type OrgPaymentProvider = typeof orgPaymentProviders.$inferSelect;
