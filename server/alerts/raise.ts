import { and, desc, eq, gte, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import { newId } from "~/db/ids";
import { alerts, type Alert } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notifyAlerts, notifyResolved, type AlertChange } from "./notify";
import { isHigher, type AlertSeverity } from "./severity";
import { recordAlertEvent } from "./timeline";

export interface AlertSignal {
  machineId: string | null;
  rule: string;
  code: string;
  severity: AlertSeverity;
  message: string;
  at: Date;
  data?: Record<string, unknown>;
}

export interface RaiseOptions {
  /**
   * "event": each signal is an occurrence (a fault, a failed vend) and counts a repeat;
   * "state": a condition seen again (still offline, still too warm) only moves `last seen`.
   */
  mode?: "event" | "state";
  /** "now" (default) queues notifications; "defer" leaves them to the caller (`notifyAlerts`), e.g. for a digest. */
  notify?: "now" | "defer";
}

/** An alert that auto-resolved less than this ago re-opens, instead of a new alert: flapping stays one alert. */
export const FLAP_WINDOW_MS = 30 * 60_000;

const keyOf = (ctx: ServiceCtx, s: { machineId: string | null; rule: string; code: string }): SQL =>
  and(
    eq(alerts.orgId, ctx.orgId),
    s.machineId === null ? isNull(alerts.machineId) : eq(alerts.machineId, s.machineId),
    eq(alerts.rule, s.rule),
    eq(alerts.code, s.code),
  )!;

/**
 * Opens an alert, counts a repeat on the one unresolved for (machine, rule, code), or re-opens
 * one that auto-resolved within the flap window; records the change in its timeline and queues
 * notifications for what people should hear about (new, re-opened, more severe).
 */
export async function raiseAlert(ctx: ServiceCtx, signal: AlertSignal, options: RaiseOptions = {}): Promise<AlertChange> {
  const change = await upsertAlert(ctx, signal, options.mode ?? "event");
  if (options.notify !== "defer" && change.kind !== "repeated") await notifyAlerts(ctx, [change]);
  return change;
}

async function upsertAlert(ctx: ServiceCtx, signal: AlertSignal, mode: "event" | "state"): Promise<AlertChange> {
  const key = keyOf(ctx, signal);
  const fields = { severity: signal.severity, message: signal.message, data: signal.data ?? {} };
  const [open] = await ctx.db
    .select({ id: alerts.id, severity: alerts.severity })
    .from(alerts)
    .where(and(key, ne(alerts.status, "resolved")))
    .for("update");
  if (open) return repeat(ctx, open, signal, mode, fields);

  const [flapped] = await ctx.db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(key, eq(alerts.status, "resolved"), eq(alerts.resolution, "auto"), gte(alerts.resolvedAt, new Date(signal.at.getTime() - FLAP_WINDOW_MS))))
    .orderBy(desc(alerts.resolvedAt))
    .limit(1)
    .for("update");
  if (flapped) {
    const [alert] = await ctx.db
      .update(alerts)
      .set({
        ...fields,
        status: "open",
        resolvedAt: null,
        resolution: null,
        count: sql`${alerts.count} + 1`,
        lastSeenAt: sql`greatest(${alerts.lastSeenAt}, ${signal.at.toISOString()}::timestamptz)`,
      })
      .where(eq(alerts.id, flapped.id))
      .returning();
    await recordAlertEvent(ctx, alert!.id, "reopened", { severity: signal.severity });
    return { kind: "reopened", alert: alert! };
  }

  const [created] = await ctx.db
    .insert(alerts)
    .values({ id: newId("alr"), orgId: ctx.orgId, machineId: signal.machineId, rule: signal.rule, code: signal.code, ...fields, firstSeenAt: signal.at, lastSeenAt: signal.at })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    // Raised by a concurrent transaction a moment ago: this one is a repeat of it.
    const [again] = await ctx.db.select({ id: alerts.id, severity: alerts.severity }).from(alerts).where(and(key, ne(alerts.status, "resolved"))).for("update");
    return repeat(ctx, again!, signal, mode, fields);
  }
  await recordAlertEvent(ctx, created.id, "raised", { severity: signal.severity });
  return { kind: "raised", alert: created };
}

async function repeat(
  ctx: ServiceCtx,
  open: { id: string; severity: AlertSeverity },
  signal: AlertSignal,
  mode: "event" | "state",
  fields: { severity: AlertSeverity; message: string; data: Record<string, unknown> },
): Promise<AlertChange> {
  const [alert] = await ctx.db
    .update(alerts)
    .set({
      ...fields,
      count: mode === "event" ? sql`${alerts.count} + 1` : alerts.count,
      firstSeenAt: sql`least(${alerts.firstSeenAt}, ${signal.at.toISOString()}::timestamptz)`,
      lastSeenAt: sql`greatest(${alerts.lastSeenAt}, ${signal.at.toISOString()}::timestamptz)`,
    })
    .where(eq(alerts.id, open.id))
    .returning();
  if (isHigher(signal.severity, open.severity)) {
    await recordAlertEvent(ctx, open.id, "escalated", { from: open.severity, to: signal.severity });
    return { kind: "escalated", alert: alert! };
  }
  if (mode === "event") await recordAlertEvent(ctx, open.id, "repeated", { count: alert!.count });
  return { kind: "repeated", alert: alert! };
}

/**
 * Resolves, because its condition cleared, the unresolved alert for (machine, rule, code), or every
 * code of the rule when `code` is null. Returns the alerts it resolved.
 */
export async function resolveAlert(ctx: ServiceCtx, machineId: string, rule: string, code: string | string[] | null, at: Date): Promise<Alert[]> {
  const codes = code === null ? undefined : Array.isArray(code) ? code : [code];
  if (codes?.length === 0) return [];
  const resolved = await ctx.db
    .update(alerts)
    .set({ status: "resolved", resolvedAt: at, resolution: "auto" })
    .where(
      and(
        eq(alerts.orgId, ctx.orgId),
        eq(alerts.machineId, machineId),
        eq(alerts.rule, rule),
        codes ? inArray(alerts.code, codes) : undefined,
        ne(alerts.status, "resolved"),
      ),
    )
    .returning();
  for (const alert of resolved) await recordAlertEvent(ctx, alert.id, "auto_resolved", {});
  if (resolved.length > 0) await notifyResolved(ctx, resolved);
  return resolved;
}
