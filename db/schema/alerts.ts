import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { machines } from "./fleet";
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
