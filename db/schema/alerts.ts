import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { machineIdColumn, machines } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

export const alertSeverity = pgEnum("alert_severity", ["info", "warning", "critical"]);
export const alertStatus = pgEnum("alert_status", ["open", "acknowledged", "resolved"]);

/**
 * Something an operator should know about a machine. At most one unresolved alert per
 * (machine, rule, code): repeats update it in place (count, last seen).
 */
export const alerts = pgTable(
  "alerts",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: text("machine_id").references(() => machines.id, { onDelete: "cascade" }),
    /** What raised it: "machine_fault", "cash_refund_owed", ... */
    rule: text("rule").notNull(),
    code: text("code").notNull(),
    severity: alertSeverity("severity").notNull(),
    status: alertStatus("status").notNull().default("open"),
    message: text("message").notNull().default(""),
    count: integer("count").notNull().default(1),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** "auto" when the condition cleared, "manual" when a member resolved it. */
    resolution: text("resolution"),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: text("acknowledged_by").references(() => users.id, { onDelete: "set null" }),
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** When people were last told about it: notifications of one alert are rate-limited. */
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("alerts_one_unresolved_key")
      .on(t.orgId, sql`coalesce(${t.machineId}, '')`, t.rule, t.code)
      .where(sql`${t.status} <> 'resolved'`),
    index("alerts_org_status_idx").on(t.orgId, t.status, t.lastSeenAt),
    index("alerts_org_key_idx").on(t.orgId, t.machineId, t.rule, t.code, t.resolvedAt),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type Alert = typeof alerts.$inferSelect;

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

/**
 * Alert changes still to be announced (notifications and webhooks), written in the transaction that
 * changed the alert and worked off after it commits: the transactional outbox of alert news.
 */
export const alertAnnouncements = pgTable(
  "alert_announcements",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    alertId: text("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    /** raised, reopened, escalated (people and endpoints) or resolved (endpoints only). */
    kind: text("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("alert_announcements_org_created_idx").on(t.orgId, t.createdAt), orgIsolation(t.orgId)],
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
    /** An audit that finds telemetry missed at least this many vends on one slot since the last audit raises an alert. */
    auditMissedVends: integer("audit_missed_vends").notNull().default(3),
    /** A cash collection whose counted amount is off the expected by at least this share (percent) and ... */
    cashVariancePercent: real("cash_variance_percent").notNull().default(2),
    /** ... at least this amount (minor units of the org's currency) raises an alert. */
    cashVarianceMinMinor: integer("cash_variance_min_minor").notNull().default(200),
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

export type AlertEvent = typeof alertEvents.$inferSelect;
export type AlertSettings = typeof alertSettings.$inferSelect;
