import { and, eq, inArray, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { alertEvents, alerts, machines, memberships, notificationDeliveries, notificationPreferences, notifications, organizations, users, type Alert } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { appUrl } from "../mail/mailer";
import { ruleLabel } from "./contract";
import { reaches } from "./severity";
import { eventTime } from "./timeline";
import { queueWebhookEvent, type AlertPayload } from "./webhook-queue";

export type AlertChange = { kind: "raised" | "reopened" | "escalated" | "repeated"; alert: Alert };

/** People hear about one alert at most once in this long (re-opening, flapping). */
export const NOTIFY_COOLDOWN_MS = 30 * 60_000;
/** Occurrences older than this when they arrive (a backlog a machine delivers late) are recorded, not announced. */
export const NOTIFY_MAX_AGE_MS = 6 * 60 * 60_000;
/** More alerts than this in one go become one summary per person instead of one notification each. */
export const DIGEST_THRESHOLD = 3;

const webhookTypeOf = { raised: "alert.raised", reopened: "alert.raised", escalated: "alert.escalated" } as const;

/**
 * Queues what people should hear about these changes: in-app notifications and e-mails by each
 * member's preferences, and webhook deliveries to the org's endpoints. Rate-limited per alert.
 * Rows only: they are sent after the transaction commits.
 */
export async function notifyAlerts(ctx: ServiceCtx, changes: AlertChange[]): Promise<number> {
  const now = Date.now();
  const due = changes.filter(
    (c) =>
      c.kind !== "repeated" &&
      now - c.alert.lastSeenAt.getTime() <= NOTIFY_MAX_AGE_MS &&
      (c.kind === "escalated" || !c.alert.notifiedAt || now - c.alert.notifiedAt.getTime() >= NOTIFY_COOLDOWN_MS),
  );
  if (due.length === 0) return 0;
  const ids = due.map((c) => c.alert.id);
  await ctx.db.update(alerts).set({ notifiedAt: sql`now()` }).where(and(eq(alerts.orgId, ctx.orgId), inArray(alerts.id, ids)));

  const payloads = await describeAlerts(ctx, due.map((c) => c.alert));
  const people = await recipients(ctx);
  const inApp: (typeof notifications.$inferInsert)[] = [];
  const mails: (typeof notificationDeliveries.$inferInsert)[] = [];
  for (const person of people) {
    const forApp = payloads.filter((p) => reaches(p.severity, person.inApp));
    if (forApp.length > DIGEST_THRESHOLD) inApp.push({ ...digest(forApp), id: newId("ntf"), orgId: ctx.orgId, userId: person.userId, alertId: null });
    else for (const p of forApp) inApp.push({ id: newId("ntf"), orgId: ctx.orgId, userId: person.userId, alertId: p.id, severity: p.severity, title: p.title, body: p.message, link: `/alerts/${p.id}` });

    const forMail = payloads.filter((p) => reaches(p.severity, person.email));
    if (forMail.length > 0) {
      const summary = forMail.length === 1 ? { title: forMail[0]!.title, body: forMail[0]!.message } : digest(forMail);
      const text = [summary.body, "", ...forMail.map((p) => `- ${p.severity.toUpperCase()} ${p.title}\n  ${p.url}`), "", `Change what you receive: ${payloads[0]!.orgUrl}/notifications/preferences`].join("\n");
      mails.push({
        id: newId("dlv"),
        orgId: ctx.orgId,
        channel: "email",
        userId: person.userId,
        alertId: forMail.length === 1 ? forMail[0]!.id : null,
        eventType: "alert.raised",
        payload: { to: person.address, subject: `[VendOps] ${summary.title}`, text },
      });
    }
  }
  if (inApp.length > 0) await ctx.db.insert(notifications).values(inApp);
  if (mails.length > 0) await ctx.db.insert(notificationDeliveries).values(mails);
  const told: (typeof alertEvents.$inferInsert)[] = [];
  for (const change of due) {
    const payload = payloads.find((p) => p.id === change.alert.id)!;
    const webhooks = await queueWebhookEvent(ctx, webhookTypeOf[change.kind as keyof typeof webhookTypeOf], payload);
    const members = new Set(inApp.filter((n) => n.alertId === payload.id || n.alertId === null).map((n) => n.userId)).size;
    const emails = mails.filter((m) => m.alertId === payload.id || m.alertId === null).length;
    if (members + emails + webhooks === 0) continue;
    told.push({ id: newId("ale"), orgId: ctx.orgId, alertId: payload.id, type: "notified", actorType: "system", actorLabel: "Notifications", data: { members, emails, webhooks } });
  }
  if (told.length > 0) await ctx.db.insert(alertEvents).values(told.map((row) => ({ ...row, createdAt: eventTime })));
  return due.length;
}

/** Tells the org's webhook endpoints that alerts resolved (people are not paged for good news). */
export async function notifyResolved(ctx: ServiceCtx, resolved: Alert[]): Promise<void> {
  for (const payload of await describeAlerts(ctx, resolved)) await queueWebhookEvent(ctx, "alert.resolved", payload);
}

function digest(items: AlertPayload[]) {
  const worst = items.some((p) => p.severity === "critical") ? "critical" : items.some((p) => p.severity === "warning") ? "warning" : "info";
  const rules = [...new Set(items.map((p) => p.ruleLabel))].join(", ");
  return { severity: worst as AlertPayload["severity"], title: `${items.length} new alerts${rules.includes(",") ? "" : `: ${rules}`}`, body: `${rules}: ${items.slice(0, 5).map((p) => p.machineName ?? p.code).join(", ")}${items.length > 5 ? "…" : ""}`, link: "/alerts" };
}

async function recipients(ctx: ServiceCtx) {
  const rows = await ctx.db
    .select({ userId: memberships.userId, address: users.email, inApp: notificationPreferences.inAppMinSeverity, email: notificationPreferences.emailMinSeverity })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(notificationPreferences, and(eq(notificationPreferences.orgId, memberships.orgId), eq(notificationPreferences.userId, memberships.userId)))
    .where(eq(memberships.orgId, ctx.orgId));
  return rows.map((r) => ({ userId: r.userId, address: r.address, inApp: r.inApp ?? "warning", email: r.email ?? "critical" }));
}

/** The public description of alerts: what webhooks carry and notifications say. */
export async function describeAlerts(ctx: ServiceCtx, list: Alert[]): Promise<AlertPayload[]> {
  if (list.length === 0) return [];
  const machineIds = [...new Set(list.flatMap((a) => (a.machineId ? [a.machineId] : [])))];
  const names = new Map(
    machineIds.length === 0
      ? []
      : (await ctx.db.select({ id: machines.id, name: machines.name }).from(machines).where(and(eq(machines.orgId, ctx.orgId), inArray(machines.id, machineIds)))).map((m) => [m.id, m.name]),
  );
  const [org] = await ctx.db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, ctx.orgId));
  const orgUrl = `${appUrl()}/o/${org?.slug ?? ""}`;
  return list.map((a) => {
    const machineName = a.machineId ? (names.get(a.machineId) ?? null) : null;
    const label = ruleLabel(a.rule);
    return {
      id: a.id,
      rule: a.rule,
      ruleLabel: label,
      code: a.code,
      severity: a.severity,
      status: a.status,
      message: a.message,
      machineId: a.machineId,
      machineName,
      count: a.count,
      firstSeenAt: a.firstSeenAt.toISOString(),
      lastSeenAt: a.lastSeenAt.toISOString(),
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
      title: `${label}${a.rule === "machine_fault" ? ` ${a.code}` : ""}${machineName ? ` on ${machineName}` : ""}`,
      url: `${orgUrl}/alerts/${a.id}`,
      orgUrl,
    };
  });
}
