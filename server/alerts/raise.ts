import "server-only";
import { and, desc, eq, gte, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import { newId } from "~/db/ids";
import { alerts, type Alert } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { announceAlerts, announceResolved, type AlertChange } from "./announce";
import { alertSeverities, alertText, type AlertRule, type AlertSeverity, type AlertSignal } from "./contract";
import { recordAlertEvent } from "./timeline";

export interface RaiseOptions {
  /**
   * "event": each signal is an occurrence (a fault, a failed vend) and counts a repeat;
   * "state": a condition seen again (still offline, still too warm) only moves `last seen`.
   */
  mode?: "event" | "state";
  /** "now" (default) queues notifications; "defer" leaves them to the caller (`announceAlerts`), e.g. for a digest. */
  notify?: "now" | "defer";
}

/** An alert that auto-resolved less than this ago re-opens, instead of a new alert: flapping stays one alert. */
export const FLAP_WINDOW_MS = 30 * 60_000;

const isMoreSevere = (a: AlertSeverity, b: AlertSeverity) => alertSeverities.indexOf(a) > alertSeverities.indexOf(b);

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
export async function raiseAlert(ctx: ServiceCtx, input: AlertSignal & RaiseOptions): Promise<AlertChange> {
  const { mode = "event", notify = "now", ...signal } = input;
  const change = await upsertAlert(ctx, signal as AlertSignal, mode);
  if (notify !== "defer" && change.kind !== "repeated") await announceAlerts(ctx, [change]);
  return change;
}

/** What a signal writes on its alert; the message column keeps the English text for older readers. */
type Fields = { severity: AlertSeverity; message: string; data: Record<string, unknown> };

async function upsertAlert(ctx: ServiceCtx, signal: AlertSignal, mode: "event" | "state"): Promise<AlertChange> {
  const key = keyOf(ctx, signal);
  const fields: Fields = { severity: signal.severity, message: alertText(signal), data: signal.data };
  const [open] = await ctx.db
    .select({ id: alerts.id, severity: alerts.severity })
    .from(alerts)
    .where(and(key, ne(alerts.status, "resolved")))
    .for("update");
  if (open) return repeat(ctx, { open, signal, mode, fields });

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
    await recordAlertEvent(ctx, { alertId: alert!.id, type: "reopened", data: { severity: signal.severity } });
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
    return repeat(ctx, { open: again!, signal, mode, fields });
  }
  await recordAlertEvent(ctx, { alertId: created.id, type: "raised", data: { severity: signal.severity } });
  return { kind: "raised", alert: created };
}

async function repeat(
  ctx: ServiceCtx,
  { open, signal, mode, fields }: { open: { id: string; severity: AlertSeverity }; signal: AlertSignal; mode: "event" | "state"; fields: Fields },
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
  if (isMoreSevere(signal.severity, open.severity)) {
    await recordAlertEvent(ctx, { alertId: open.id, type: "escalated", data: { from: open.severity, to: signal.severity } });
    return { kind: "escalated", alert: alert! };
  }
  if (mode === "event") await recordAlertEvent(ctx, { alertId: open.id, type: "repeated", data: { count: alert!.count } });
  return { kind: "repeated", alert: alert! };
}

/**
 * Resolves, because its condition cleared, the unresolved alert for (machine, rule, code), or every
 * code of the rule when `code` is null. Returns the alerts it resolved.
 */
export async function resolveAlert(ctx: ServiceCtx, input: { machineId: string; rule: AlertRule; code: string | string[] | null; at: Date }): Promise<Alert[]> {
  const { machineId, rule, code, at } = input;
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
  for (const alert of resolved) await recordAlertEvent(ctx, { alertId: alert.id, type: "auto_resolved" });
  if (resolved.length > 0) await announceResolved(ctx, resolved);
  return resolved;
}
