import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import type { Db } from "~/db/client";
import { alertAnnouncements, alertEvents, alerts, type Alert } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { jobContext, type ServiceCtx } from "../context";
import { notifyAlerts, publishAlertEvent } from "~/server/notifications";
import type { WebhookEventType } from "~/server/notifications/contract";
import { describeAlerts, noticeOf } from "./describe";
import { publishMachineStatusChanges, statusesBefore } from "./machine-status-events";
import { eventTime } from "./timeline";

export type AlertChange = { kind: "raised" | "reopened" | "escalated" | "repeated"; alert: Alert };

/** People hear about one alert at most once in this long (re-opening, flapping). */
export const NOTIFY_COOLDOWN_MS = 30 * 60_000;
/** Occurrences older than this when they arrive (a backlog a machine delivers late) are recorded, not announced. */
export const NOTIFY_MAX_AGE_MS = 6 * 60 * 60_000;

const eventOf = { raised: "alert.raised", reopened: "alert.raised", escalated: "alert.escalated" } as const;

/**
 * Tells people and webhook endpoints about these changes (new, re-opened, more severe), at most
 * once per alert within the cooldown, and records in each alert's timeline who was told.
 * Rows only: they are sent after the transaction commits. Answers how many alerts were announced.
 */
export async function announceAlerts(ctx: ServiceCtx, changes: AlertChange[]): Promise<number> {
  const now = Date.now();
  const due = changes.filter(
    (c): c is AlertChange & { kind: keyof typeof eventOf } =>
      c.kind !== "repeated" &&
      now - c.alert.lastSeenAt.getTime() <= NOTIFY_MAX_AGE_MS &&
      (c.kind === "escalated" || !c.alert.notifiedAt || now - c.alert.notifiedAt.getTime() >= NOTIFY_COOLDOWN_MS),
  );
  if (due.length === 0) return 0;
  // Locked in id order first, as ingest locks a machine's alerts, so the two never wait on each other.
  const ids = due.map((c) => c.alert.id);
  await ctx.db
    .update(alerts)
    .set({ notifiedAt: sql`now()` })
    .where(
      and(
        eq(alerts.orgId, ctx.orgId),
        inArray(alerts.id, sql`(select a.id from alerts a where a.org_id = ${ctx.orgId} and a.id in ${ids} order by a.id for update)`),
      ),
    );

  const payloads = await describeAlerts(ctx, due.map((c) => c.alert));
  const told = await notifyAlerts(ctx, { alerts: due.map((c, i) => ({ event: eventOf[c.kind], notice: noticeOf(payloads[i]!, due[i]!.alert) })) });
  const entries = told
    .filter((t) => t.members + t.emails + t.webhooks > 0)
    .map(({ alertId, members, emails, webhooks }) => ({
      id: newId("ale"),
      orgId: ctx.orgId,
      alertId,
      type: "notified",
      actorType: "system",
      actorLabel: "Notifications",
      data: { members, emails, webhooks },
      createdAt: eventTime,
    }));
  if (entries.length > 0) await ctx.db.insert(alertEvents).values(entries);
  return due.length;
}

/** Tells the org's webhook endpoints that alerts resolved by themselves (people are not paged for good news). */
export async function announceResolved(ctx: ServiceCtx, resolved: Alert[]): Promise<void> {
  await announceToEndpoints(ctx, { type: "alert.resolved", alerts: resolved });
}

/** Tells the org's webhook endpoints what happened to these alerts. */
export async function announceToEndpoints(ctx: ServiceCtx, input: { type: WebhookEventType; alerts: Alert[] }): Promise<void> {
  for (const payload of await describeAlerts(ctx, input.alerts)) await publishAlertEvent(ctx, { type: input.type, notice: noticeOf(payload) });
}

/**
 * Makes the announcements ingest batches queued (alert_announcements), org by org: notifications
 * and webhooks for raised, re-opened and escalated alerts, webhooks for those that resolved by
 * themselves. Each row is deleted in the transaction that announces it, so each is made once; rows
 * another server is announcing are skipped. Returns how many it made.
 */
export async function announcePendingAlerts(db: Db, options: { limit?: number } = {}): Promise<number> {
  const orgs = await db.selectDistinct({ orgId: alertAnnouncements.orgId }).from(alertAnnouncements);
  let made = 0;
  for (const { orgId } of orgs) {
    made += await withTenant(db, { orgId }, async (tx) => {
      const ctx = jobContext(tx, { orgId, name: "alert-announcements", label: "Notifications" });
      const taken = await tx
        .delete(alertAnnouncements)
        .where(
          inArray(
            alertAnnouncements.id,
            sql`(select a.id from alert_announcements a where a.org_id = ${orgId} order by a.created_at, a.id limit ${options.limit ?? 500} for update skip locked)`,
          ),
        )
        .returning({ alertId: alertAnnouncements.alertId, kind: alertAnnouncements.kind, createdAt: alertAnnouncements.createdAt });
      if (taken.length === 0) return 0;
      const rows = await tx.select().from(alerts).where(and(eq(alerts.orgId, orgId), inArray(alerts.id, [...new Set(taken.map((t) => t.alertId))])));
      const byId = new Map(rows.map((a) => [a.id, a]));
      const changes: AlertChange[] = [];
      const resolved: Alert[] = [];
      for (const t of taken) {
        const alert = byId.get(t.alertId);
        if (!alert) continue;
        if (t.kind === "resolved") resolved.push(alert);
        else changes.push({ kind: t.kind as AlertChange["kind"], alert });
      }
      // One announcement per alert and kind: a batch that raised and escalated one alert tells people once.
      const unique = [...new Map(changes.map((c) => [c.alert.id, c])).values()];
      if (unique.length > 0) await announceAlerts(ctx, unique);
      if (resolved.length > 0) await announceResolved(ctx, resolved);
      const statusChanges = await statusesBefore(ctx, { raised: unique.filter((c) => c.kind !== "repeated").map((c) => c.alert), resolved });
      await publishMachineStatusChanges(ctx, { changes: statusChanges, at: new Date() });
      return taken.length;
    });
  }
  return made;
}
