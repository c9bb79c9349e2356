import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { alertSeverity, alerts } from "./alerts";
import { xid8 } from "./analytics";
import { users } from "./auth";
import { orgIdColumn, orgIsolation } from "./tenancy";

export const notificationThreshold = pgEnum("notification_threshold", ["info", "warning", "critical", "off"]);

/** A member's notification preferences in one organization: the least severity per channel. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    orgId: orgIdColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    inAppMinSeverity: notificationThreshold("in_app_min_severity").notNull().default("warning"),
    emailMinSeverity: notificationThreshold("email_min_severity").notNull().default("critical"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), orgIsolation(t.orgId)],
).enableRLS();

/** The in-app inbox: one row per member and thing to tell them. */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    alertId: text("alert_id").references(() => alerts.id, { onDelete: "cascade" }),
    severity: alertSeverity("severity").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** Where the notification leads, relative to the organization: "/alerts/alr_..." */
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_org_user_idx").on(t.orgId, t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.orgId, t.userId).where(sql`${t.readAt} is null`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/** An organization's outbound webhook endpoint, signed with its own Standard Webhooks secret. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** Event types it receives; empty means all. */
    eventTypes: text("event_types").array().notNull().default(sql`'{}'::text[]`),
    /** The whsec_ secret, encrypted like machine secrets. */
    secretCiphertext: text("secret_ciphertext").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    disabledReason: text("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /**
     * Where its `sale.recorded` feed stands (server/notifications/sales-feed.ts): the sales committed
     * in `sales_seen_snapshot` were sent (or came before the endpoint subscribed); those committed
     * since, up to `sales_target_snapshot`, are being sent in (writing transaction, id) order, the
     * last sent being (`sales_cursor_xid`, `sales_cursor_id`).
     */
    salesSeenSnapshot: text("sales_seen_snapshot")
      .notNull()
      .default(sql`pg_current_snapshot()::text`),
    salesTargetSnapshot: text("sales_target_snapshot"),
    salesCursorXid: xid8("sales_cursor_xid"),
    salesCursorId: text("sales_cursor_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_org_idx").on(t.orgId, t.createdAt), orgIsolation(t.orgId)],
).enableRLS();

export const deliveryChannel = pgEnum("delivery_channel", ["email", "webhook"]);
export const deliveryStatus = pgEnum("delivery_status", ["pending", "sending", "delivered", "failed", "cancelled"]);

/**
 * The notification outbox: written in the transaction that changed the alert, sent after the
 * response and by the sweep job, retried with exponential backoff. Its rows are the delivery log.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    channel: deliveryChannel("channel").notNull(),
    endpointId: text("endpoint_id").references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    alertId: text("alert_id").references(() => alerts.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    responseStatus: integer("response_status"),
    latencyMs: integer("latency_ms"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notification_deliveries_org_idx").on(t.orgId, t.endpointId, t.createdAt),
    index("notification_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type NotificationPreferences = typeof notificationPreferences.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
export type NotificationThreshold = (typeof notificationThreshold.enumValues)[number];
