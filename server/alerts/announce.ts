import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { alertEvents, alerts, type Alert } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notifyAlerts, publishAlertEvent } from "~/server/notifications";
import type { WebhookEventType } from "~/server/notifications/contract";
import { describeAlerts, noticeOf } from "./describe";
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
  await ctx.db
    .update(alerts)
    .set({ notifiedAt: sql`now()` })
    .where(and(eq(alerts.orgId, ctx.orgId), inArray(alerts.id, due.map((c) => c.alert.id))));

  const payloads = await describeAlerts(ctx, due.map((c) => c.alert));
  const told = await notifyAlerts(ctx, { alerts: due.map((c, i) => ({ event: eventOf[c.kind], notice: noticeOf(payloads[i]!) })) });
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
