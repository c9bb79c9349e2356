import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { writerXid } from "./analytics";
import { products } from "./catalog";
import { locations, machineIdColumn } from "./fleet";
import { consumerRead, orgIdColumn, orgIsolation } from "./tenancy";

export const paymentMethod = pgEnum("payment_method", ["cash", "card", "alipay", "wechat_pay", "online", "free"]);
export const saleStatus = pgEnum("sale_status", ["succeeded", "failed"]);
export const vendFailureReason = pgEnum("vend_failure_reason", ["dispense_failed", "jammed", "sold_out", "timeout", "other"]);

/**
 * One vend, succeeded or failed, as the machine reported it. Product, location and cost are
 * snapshots taken when it was recorded, so later planogram or price changes do not rewrite history.
 */
export const sales = pgTable(
  "sales",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    eventId: text("event_id").notNull(),
    locationId: text("location_id").references(() => locations.id, { onDelete: "set null" }),
    slotCode: text("slot_code").notNull(),
    productId: text("product_id").references(() => products.id, { onDelete: "set null" }),
    status: saleStatus("status").notNull(),
    failureReason: vendFailureReason("failure_reason"),
    priceMinor: integer("price_minor").notNull(),
    costMinor: integer("cost_minor").notNull().default(0),
    currency: text("currency").notNull(),
    /** The VAT rate (basis points) of the product when the sale was recorded: a receipt never changes with a later rate. */
    vatRateBp: integer("vat_rate_bp").notNull().default(0),
    paymentMethod: paymentMethod("payment_method").notNull(),
    paymentReference: text("payment_reference"),
    orderId: text("order_id"),
    consumerId: text("consumer_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** Inferred from the difference of two audits (a machine without telemetry), spread over the time between the reads. */
    inferred: boolean("inferred").notNull().default(false),
    /** The inserting transaction: rollups read sales by it (server/analytics/rollup.ts). */
    writerXid: writerXid("writer_xid"),
  },
  (t) => [
    uniqueIndex("sales_machine_event_key").on(t.machineId, t.eventId),
    index("sales_org_occurred_idx").on(t.orgId, t.occurredAt),
    index("sales_org_machine_occurred_idx").on(t.orgId, t.machineId, t.occurredAt),
    index("sales_org_product_occurred_idx").on(t.orgId, t.productId, t.occurredAt),
    // The public API's sales list by location, in time order (server/sales/sale-pages.ts).
    index("sales_org_location_occurred_idx").on(t.orgId, t.locationId, t.occurredAt),
    index("sales_org_order_idx").on(t.orgId, t.orderId).where(sql`${t.orderId} is not null`),
    index("sales_consumer_idx").on(t.consumerId, t.occurredAt).where(sql`${t.consumerId} is not null`),
    index("sales_org_writer_xid_idx").on(t.orgId, t.writerXid),
    orgIsolation(t.orgId),
    consumerRead(t.consumerId),
  ],
).enableRLS();

export type Sale = typeof sales.$inferSelect;
export type PaymentMethod = (typeof paymentMethod.enumValues)[number];
export type VendFailureReason = (typeof vendFailureReason.enumValues)[number];
