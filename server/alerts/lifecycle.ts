import "server-only";
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { alerts, locations, machines, memberships, users } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { recordAudit } from "~/server/tenancy";
import { announceToEndpoints } from "./announce";
import {
  alertsMessages,
  listAlertsInput,
  type acknowledgeInput,
  type acknowledgeManyInput,
  type alertIdInput,
  type assignInput,
  type resolveInput,
  type resolveManyInput,
} from "./contract";
import { alertTimeline, recordAlertEvent } from "./timeline";

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
      data: alerts.data,
      // Read only for alerts raised before their data told the whole story (see alertText).
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

/** One alert with its machine, people and timeline. */
export async function getAlert(ctx: ServiceCtx, input: z.infer<typeof alertIdInput>) {
  const alert = await findAlert(ctx, input.alertId);
  const [machine] = alert.machineId
    ? await ctx.db
        .select({ id: machines.id, name: machines.name, serial: machines.serial, locationName: locations.name })
        .from(machines)
        .leftJoin(locations, eq(locations.id, machines.locationId))
        .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, alert.machineId)))
    : [];
  return { alert, machine: machine ?? null, timeline: await alertTimeline(ctx, { alertId: alert.id }) };
}

async function assertMember(ctx: ServiceCtx, userId: string) {
  const [member] = await ctx.db
    .select({ userId: memberships.userId, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, userId)));
  if (!member) throw new ServiceError("BAD_REQUEST", alertsMessages.assignee_not_member, {}, { field: "assigneeId" });
  return member;
}

const assignedEvent = (assignee: { name: string } | null, assigneeId: string | null) =>
  assignee ? ({ type: "assigned", data: { assigneeId, assigneeName: assignee.name } } as const) : ({ type: "unassigned" } as const);

/**
 * Someone is on it: acknowledged, and assigned to the member named, if any. Without one, an alert
 * already assigned keeps its assignee (a manager may acknowledge on behalf of the technician it was
 * given to); an unassigned one goes to whoever acknowledges.
 */
export async function acknowledgeAlert(ctx: ServiceCtx, input: z.infer<typeof acknowledgeInput>) {
  const alert = await findAlert(ctx, input.alertId, true);
  if (alert.status === "resolved") throw new ServiceError("CONFLICT", alertsMessages.already_resolved);
  const acknowledger = ctx.actor.type === "user" ? ctx.actor.id : null;
  const assigneeId = input.assigneeId === undefined ? (alert.assigneeId ?? acknowledger) : input.assigneeId;
  // Only a change of hands is checked: an assignee kept as it was needs no second look.
  const assignee = assigneeId && assigneeId !== alert.assigneeId ? await assertMember(ctx, assigneeId) : null;
  const wasAcknowledged = alert.status === "acknowledged";
  const [updated] = await ctx.db
    .update(alerts)
    .set({ status: "acknowledged", acknowledgedAt: alert.acknowledgedAt ?? sql`now()`, acknowledgedBy: alert.acknowledgedBy ?? acknowledger, assigneeId })
    .where(eq(alerts.id, alert.id))
    .returning();
  if (!wasAcknowledged) await recordAlertEvent(ctx, { alertId: alert.id, type: "acknowledged" });
  if (assigneeId !== alert.assigneeId) await recordAlertEvent(ctx, { alertId: alert.id, ...assignedEvent(assignee, assigneeId) });
  await recordAudit(ctx, { action: "alert.acknowledged", targetType: "alert", targetId: alert.id, data: { assigneeId } });
  if (!wasAcknowledged) await announceToEndpoints(ctx, { type: "alert.acknowledged", alerts: [updated!] });
  return updated!;
}

export async function assignAlert(ctx: ServiceCtx, input: z.infer<typeof assignInput>) {
  const alert = await findAlert(ctx, input.alertId, true);
  if (alert.status === "resolved") throw new ServiceError("CONFLICT", alertsMessages.already_resolved);
  const assignee = input.assigneeId ? await assertMember(ctx, input.assigneeId) : null;
  if (input.assigneeId === alert.assigneeId) return alert;
  const [updated] = await ctx.db.update(alerts).set({ assigneeId: input.assigneeId }).where(eq(alerts.id, alert.id)).returning();
  await recordAlertEvent(ctx, { alertId: alert.id, ...assignedEvent(assignee, input.assigneeId) });
  await recordAudit(ctx, { action: "alert.assigned", targetType: "alert", targetId: alert.id, data: { assigneeId: input.assigneeId } });
  return updated!;
}

/** Resolved by hand; the same condition later raises a new alert. */
export async function resolveByHand(ctx: ServiceCtx, input: z.infer<typeof resolveInput>) {
  const alert = await findAlert(ctx, input.alertId, true);
  if (alert.status === "resolved") return alert;
  const [updated] = await ctx.db.update(alerts).set({ status: "resolved", resolvedAt: sql`now()`, resolution: "manual" }).where(eq(alerts.id, alert.id)).returning();
  const note = input.note ? { note: input.note } : {};
  await recordAlertEvent(ctx, { alertId: alert.id, type: "resolved", data: note });
  await recordAudit(ctx, { action: "alert.resolved", targetType: "alert", targetId: alert.id, data: note });
  await announceToEndpoints(ctx, { type: "alert.resolved", alerts: [updated!] });
  return updated!;
}

/**
 * Locks the alerts named, in id order (two bulk actions never wait on each other crosswise); any id
 * that is not an alert of this org makes the whole call NOT_FOUND before anything changes.
 */
async function findAlerts(ctx: ServiceCtx, alertIds: readonly string[]) {
  const ids = [...new Set(alertIds)];
  const found = await ctx.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.orgId, ctx.orgId), inArray(alerts.id, ids)))
    .orderBy(asc(alerts.id))
    .for("update");
  if (found.length !== ids.length) throw notFound("Alert");
  return found;
}

/**
 * Acknowledges the open alerts among those named, each as `acknowledgeAlert` would without an
 * assignee (kept if set, else whoever acknowledges), with its timeline event and audit entry.
 * Alerts already acknowledged or resolved are left as they are, so a repeat changes nothing.
 */
export async function acknowledgeAlerts(ctx: ServiceCtx, input: z.infer<typeof acknowledgeManyInput>) {
  const open = (await findAlerts(ctx, input.alertIds)).filter((a) => a.status === "open");
  const acknowledger = ctx.actor.type === "user" ? ctx.actor.id : null;
  const changed: (typeof alerts.$inferSelect)[] = [];
  for (const alert of open) {
    const assigneeId = alert.assigneeId ?? acknowledger;
    const assignee = assigneeId && assigneeId !== alert.assigneeId ? await assertMember(ctx, assigneeId) : null;
    const [updated] = await ctx.db
      .update(alerts)
      .set({ status: "acknowledged", acknowledgedAt: alert.acknowledgedAt ?? sql`now()`, acknowledgedBy: alert.acknowledgedBy ?? acknowledger, assigneeId })
      .where(eq(alerts.id, alert.id))
      .returning();
    await recordAlertEvent(ctx, { alertId: alert.id, type: "acknowledged" });
    if (assigneeId !== alert.assigneeId) await recordAlertEvent(ctx, { alertId: alert.id, ...assignedEvent(assignee, assigneeId) });
    await recordAudit(ctx, { action: "alert.acknowledged", targetType: "alert", targetId: alert.id, data: { assigneeId } });
    changed.push(updated!);
  }
  if (changed.length) await announceToEndpoints(ctx, { type: "alert.acknowledged", alerts: changed });
  return { changed: changed.map((a) => a.id) };
}

/**
 * Resolves by hand the unresolved alerts among those named, each as `resolveByHand` would (the
 * note on each one's timeline and audit entry). Resolved ones are left as they are.
 */
export async function resolveAlertsByHand(ctx: ServiceCtx, input: z.infer<typeof resolveManyInput>) {
  const unresolved = (await findAlerts(ctx, input.alertIds)).filter((a) => a.status !== "resolved");
  const note = input.note ? { note: input.note } : {};
  const changed: (typeof alerts.$inferSelect)[] = [];
  for (const alert of unresolved) {
    const [updated] = await ctx.db.update(alerts).set({ status: "resolved", resolvedAt: sql`now()`, resolution: "manual" }).where(eq(alerts.id, alert.id)).returning();
    await recordAlertEvent(ctx, { alertId: alert.id, type: "resolved", data: note });
    await recordAudit(ctx, { action: "alert.resolved", targetType: "alert", targetId: alert.id, data: note });
    changed.push(updated!);
  }
  if (changed.length) await announceToEndpoints(ctx, { type: "alert.resolved", alerts: changed });
  return { changed: changed.map((a) => a.id) };
}
