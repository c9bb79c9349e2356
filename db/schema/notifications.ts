import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";
import { alertSeverity, alerts } from "./alerts";
import { users } from "./auth";
import { machineIdColumn } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

/** What happened to an alert, by whom: raised, repeated, reopened, acknowledged, assigned, resolved, auto_resolved, notified. */
export const alertEvents = pgTable(
  "alert_events",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    alertId: text("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Insertion order: breaks ties between entries written at the same clock reading. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
  },
  (t) => [index("alert_events_org_alert_idx").on(t.orgId, t.alertId, t.createdAt), orgIsolation(t.orgId)],
).enableRLS();

export const noSalesSensitivity = pgEnum("no_sales_sensitivity", ["off", "low", "normal", "high"]);

/** An organization's alert thresholds; a missing row means the defaults. */
export const alertSettings = pgTable(
  "alert_settings",
  {
    orgId: orgIdColumn().primaryKey(),
    offlineMinutes: integer("offline_minutes").notNull().default(15),
    /** A slot is low at or below this share of its par level. */
    lowStockShare: real("low_stock_share").notNull().default(0.2),
    noSalesSensitivity: noSalesSensitivity("no_sales_sensitivity").notNull().default("normal"),
    doorOpenMinutes: integer("door_open_minutes").notNull().default(10),
    vendFailureCount: integer("vend_failure_count").notNull().default(3),
    vendFailureWindowMinutes: integer("vend_failure_window_minutes").notNull().default(60),
    /** The temperature range of machines without their own; null bounds are not checked. */
    temperatureMinC: real("temperature_min_c"),
    temperatureMaxC: real("temperature_max_c"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [orgIsolation(t.orgId)],
).enableRLS();

/** A machine's own temperature range, overriding the organization's. */
export const machineAlertSettings = pgTable(
  "machine_alert_settings",
  {
    machineId: machineIdColumn().primaryKey(),
    orgId: orgIdColumn(),
    temperatureMinC: real("temperature_min_c"),
    temperatureMaxC: real("temperature_max_c"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("machine_alert_settings_org_idx").on(t.orgId, t.machineId), orgIsolation(t.orgId)],
).enableRLS();

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

export type AlertEvent = typeof alertEvents.$inferSelect;
export type AlertSettings = typeof alertSettings.$inferSelect;
export type NotificationPreferences = typeof notificationPreferences.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
export type NotificationThreshold = (typeof notificationThreshold.enumValues)[number];
