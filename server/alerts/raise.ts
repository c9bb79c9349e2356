import { and, eq, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { alerts } from "~/db/schema";
import type { ServiceCtx } from "../context";

export interface AlertSignal {
  machineId: string | null;
  rule: string;
  code: string;
  severity: "info" | "warning" | "critical";
  message: string;
  at: Date;
  data?: Record<string, unknown>;
}

/** Opens an alert, or counts a repeat on the one already unresolved for (machine, rule, code). */
export async function raiseAlert(ctx: ServiceCtx, signal: AlertSignal): Promise<void> {
  // The conflict target is the partial unique index on unresolved alerts (machine may be null).
  await ctx.db.execute(sql`
    insert into alerts (id, org_id, machine_id, rule, code, severity, message, data, first_seen_at, last_seen_at)
    values (${newId("alr")}, ${ctx.orgId}, ${signal.machineId}, ${signal.rule}, ${signal.code}, ${signal.severity},
            ${signal.message}, ${JSON.stringify(signal.data ?? {})}::jsonb, ${signal.at.toISOString()}::timestamptz,
            ${signal.at.toISOString()}::timestamptz)
    on conflict (org_id, coalesce(machine_id, ''), rule, code) where status <> 'resolved'
    do update set count = alerts.count + 1,
                  severity = excluded.severity,
                  message = excluded.message,
                  data = excluded.data,
                  first_seen_at = least(alerts.first_seen_at, excluded.first_seen_at),
                  last_seen_at = greatest(alerts.last_seen_at, excluded.last_seen_at)`);
}

/** Resolves the unresolved alert for (machine, rule, code), if any. */
export async function resolveAlert(ctx: ServiceCtx, machineId: string, rule: string, code: string, at: Date): Promise<void> {
  await ctx.db
    .update(alerts)
    .set({ status: "resolved", resolvedAt: at })
    .where(
      and(
        eq(alerts.orgId, ctx.orgId),
        eq(alerts.machineId, machineId),
        eq(alerts.rule, rule),
        eq(alerts.code, code),
        sql`${alerts.status} <> 'resolved'`,
      ),
    );
}

