import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { alerts, locations, machines, memberships, users } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { recordAudit } from "~/server/tenancy";
import { describeAlerts } from "./notify";
import { severities } from "./severity";
import { alertTimeline, recordAlertEvent } from "./timeline";
import { queueWebhookEvent } from "./webhook-queue";

const id = z.string().min(1).max(64);
export const alertStates = ["open", "acknowledged", "resolved"] as const;

export const listAlertsInput = z.object({
  severity: z.array(z.enum(severities)).max(3).optional(),
  status: z.array(z.enum(alertStates)).max(3).optional(),
  rule: z.array(z.string().max(64)).max(20).optional(),
  machineId: id.optional(),
  locationId: id.optional(),
  sort: z.enum(["lastSeenAt", "firstSeenAt", "severity", "count", "machine"]).default("lastSeenAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  limit: z.number().int().min(1).max(500).default(200),
});

const severityRank = sql`case ${alerts.severity} when 'critical' then 3 when 'warning' then 2 else 1 end`;

/** The org's alerts, filtered and sorted; unresolved ones by default. */
export async function listAlerts(ctx: ServiceCtx, input: z.input<typeof listAlertsInput>) {
  const q = listAlertsInput.parse(input);
  const where: (SQL | undefined)[] = [eq(alerts.orgId, ctx.orgId)];
  if (q.severity?.length) where.push(inArray(alerts.severity, q.severity));
  where.push(q.status?.length ? inArray(alerts.status, q.status) : ne(alerts.status, "resolved"));
  if (q.rule?.length) where.push(inArray(alerts.rule, q.rule));
  if (q.machineId) where.push(eq(alerts.machineId, q.machineId));
  if (q.locationId) where.push(eq(machines.locationId, q.locationId));
  const column = { lastSeenAt: alerts.lastSeenAt, firstSeenAt: alerts.firstSeenAt, severity: severityRank, count: alerts.count, machine: machines.name }[q.sort];
  const order = q.dir === "asc" ? asc(column) : desc(column);
  return ctx.db
    .select({
      id: alerts.id,
      rule: alerts.rule,
      code: alerts.code,
      severity: alerts.severity,
      status: alerts.status,
      message: alerts.message,
      count: alerts.count,
      firstSeenAt: alerts.firstSeenAt,
      lastSeenAt: alerts.lastSeenAt,
      resolvedAt: alerts.resolvedAt,
      machineId: alerts.machineId,
      machineName: machines.name,
      locationId: machines.locationId,
      locationName: locations.name,
      assigneeId: alerts.assigneeId,
      assigneeName: users.name,
    })
    .from(alerts)
    .leftJoin(machines, eq(machines.id, alerts.machineId))
    .leftJoin(locations, eq(locations.id, machines.locationId))
    .leftJoin(users, eq(users.id, alerts.assigneeId))
    .where(and(...where))
    .orderBy(order, desc(alerts.lastSeenAt), asc(alerts.id))
    .limit(q.limit);
}

async function findAlert(ctx: ServiceCtx, alertId: string, lock = false) {
  const query = ctx.db.select().from(alerts).where(and(eq(alerts.orgId, ctx.orgId), eq(alerts.id, alertId)));
  const [alert] = lock ? await query.for("update") : await query;
  if (!alert) throw notFound("Alert");
  return alert;
}

export const alertIdInput = z.object({ alertId: id });

/** One alert with its machine, people and timeline. */
export async function getAlert(ctx: ServiceCtx, alertId: string) {
  const alert = await findAlert(ctx, alertId);
  const [machine] = alert.machineId
    ? await ctx.db
        .select({ id: machines.id, name: machines.name, serial: machines.serial, locationName: locations.name })
        .from(machines)
        .leftJoin(locations, eq(locations.id, machines.locationId))
        .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, alert.machineId)))
    : [];
  return { alert, machine: machine ?? null, timeline: await alertTimeline(ctx, alertId) };
}

async function assertMember(ctx: ServiceCtx, userId: string) {
  const [member] = await ctx.db
    .select({ userId: memberships.userId, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, userId)));
  if (!member) throw new ServiceError("BAD_REQUEST", "Assign the alert to a member of this organization.", { fieldErrors: { assigneeId: ["Not a member of this organization."] } });
  return member;
}

export const acknowledgeInput = z.object({ alertId: id, assigneeId: id.nullable().optional() });

/**
 * Someone is on it: acknowledged, and assigned to the member named, if any. Without one, an alert
 * already assigned keeps its assignee (a manager may acknowledge on behalf of the technician it was
 * given to); an unassigned one goes to whoever acknowledges.
 */
export async function acknowledgeAlert(ctx: ServiceCtx, input: z.infer<typeof acknowledgeInput>) {
  const alert = await findAlert(ctx, input.alertId, true);
  if (alert.status === "resolved") throw new ServiceError("CONFLICT", "This alert is already resolved.");
  const acknowledger = ctx.actor.type === "user" ? ctx.actor.id : null;
  const assigneeId = input.assigneeId === undefined ? (alert.assigneeId ?? acknowledger) : input.assigneeId;
  // Only a change of hands is checked: an assignee kept as it was needs no second look.
  const assignee = assigneeId && assigneeId !== alert.assigneeId ? await assertMember(ctx, assigneeId) : null;
  const wasAcknowledged = alert.status === "acknowledged";
  const [updated] = await ctx.db
    .update(alerts)
    .set({ status: "acknowledged", acknowledgedAt: alert.acknowledgedAt ?? sql`now()`, acknowledgedBy: alert.acknowledgedBy ?? (ctx.actor.id ?? null), assigneeId })
    .where(eq(alerts.id, alert.id))
    .returning();
  if (!wasAcknowledged) await recordAlertEvent(ctx, alert.id, "acknowledged", {});
  if (assigneeId !== alert.assigneeId) await recordAlertEvent(ctx, alert.id, assignee ? "assigned" : "unassigned", assignee ? { assigneeId, assigneeName: assignee.name } : {});
  await recordAudit(ctx, { action: "alert.acknowledged", targetType: "alert", targetId: alert.id, data: { assigneeId } });
  if (!wasAcknowledged) for (const p of await describeAlerts(ctx, [updated!])) await queueWebhookEvent(ctx, "alert.acknowledged", p);
  return updated!;
}

export const assignInput = z.object({ alertId: id, assigneeId: id.nullable() });

export async function assignAlert(ctx: ServiceCtx, input: z.infer<typeof assignInput>) {
  const alert = await findAlert(ctx, input.alertId, true);
  if (alert.status === "resolved") throw new ServiceError("CONFLICT", "This alert is already resolved.");
  const assignee = input.assigneeId ? await assertMember(ctx, input.assigneeId) : null;
  if (input.assigneeId === alert.assigneeId) return alert;
  const [updated] = await ctx.db.update(alerts).set({ assigneeId: input.assigneeId }).where(eq(alerts.id, alert.id)).returning();
  await recordAlertEvent(ctx, alert.id, assignee ? "assigned" : "unassigned", assignee ? { assigneeId: input.assigneeId, assigneeName: assignee.name } : {});
  await recordAudit(ctx, { action: "alert.assigned", targetType: "alert", targetId: alert.id, data: { assigneeId: input.assigneeId } });
  return updated!;
}

export const resolveInput = z.object({ alertId: id, note: z.string().trim().max(500, "Keep the note under 500 characters").optional() });

/** Resolved by hand; the same condition later raises a new alert. */
export async function resolveByHand(ctx: ServiceCtx, input: z.infer<typeof resolveInput>) {
  const alert = await findAlert(ctx, input.alertId, true);
  if (alert.status === "resolved") return alert;
  const [updated] = await ctx.db.update(alerts).set({ status: "resolved", resolvedAt: sql`now()`, resolution: "manual" }).where(eq(alerts.id, alert.id)).returning();
  await recordAlertEvent(ctx, alert.id, "resolved", input.note ? { note: input.note } : {});
  await recordAudit(ctx, { action: "alert.resolved", targetType: "alert", targetId: alert.id, data: input.note ? { note: input.note } : {} });
  for (const p of await describeAlerts(ctx, [updated!])) await queueWebhookEvent(ctx, "alert.resolved", p);
  return updated!;
}
