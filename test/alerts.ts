import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { alertEvents, alerts, notifications } from "~/db/schema";
import { eventId } from "./machines";

/** A machine's alerts of one rule, oldest first (owner connection). */
export async function alertsOf(db: Db, machineId: string, rule: string) {
  return db.select().from(alerts).where(and(eq(alerts.machineId, machineId), eq(alerts.rule, rule))).orderBy(alerts.createdAt);
}

/** The types of an alert's timeline entries, in order. */
export async function timelineOf(db: Db, alertId: string): Promise<string[]> {
  return (await db.select({ type: alertEvents.type }).from(alertEvents).where(eq(alertEvents.alertId, alertId)).orderBy(alertEvents.createdAt, alertEvents.seq)).map((e) => e.type);
}

/** In-app notifications of one member of an org. */
export async function inboxOf(db: Db, orgId: string, userId: string) {
  return db.select().from(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.userId, userId)));
}

export function heartbeat(data: { temperatureC?: number; doorOpen?: boolean }, at = new Date()) {
  return { id: eventId(), type: "machine.heartbeat", occurredAt: at.toISOString(), data };
}

export function fault(code: string, severity: "info" | "warning" | "critical" = "warning", at = new Date()) {
  return { id: eventId(), type: "machine.fault", occurredAt: at.toISOString(), data: { code, severity, message: `${code} reported` } };
}

export function faultCleared(code: string, at = new Date()) {
  return { id: eventId(), type: "machine.fault_cleared", occurredAt: at.toISOString(), data: { code } };
}

export const minutesAgo = (m: number, from = Date.now()) => new Date(from - m * 60_000);
