import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { newId } from "~/db/ids";
import type { Alert } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { actorColumns } from "~/server/tenancy";
import { alertSeverities, alertText, type AlertEventType, type AlertRule, type AlertSeverity, type AlertSignal } from "./contract";
import { FLAP_WINDOW_MS, type RaiseOptions } from "./raise";

// Alerts of one machine changed by one ingest batch, decided in memory from what the batch's read
// returned and written by three statements of its script. The rules are those of `raiseAlert` and
// `resolveAlert`, which act on the database one alert at a time; announcements go to the outbox
// (alert_announcements) and are made after the transaction commits.

/**
 * Locks the machine's alerts a batch may change: those `machineAlertsJson` reads (unresolved, and
 * auto-resolved since `flapSince`, which a flap re-opens). In id order, as every writer of several
 * alerts locks them, so two transactions never wait on each other's alerts.
 */
export function lockMachineAlertsStatement(ctx: ServiceCtx, input: { machineId: string; flapSince: Date }): SQL {
  return sql`select a.id from alerts a where ${machineAlertsWhere(ctx, input)} order by a.id for update`;
}

const machineAlertsWhere = (ctx: ServiceCtx, input: { machineId: string; flapSince: Date }) =>
  sql`a.org_id = ${ctx.orgId} and a.machine_id = ${input.machineId}
    and (a.status <> 'resolved' or (a.resolution = 'auto' and a.resolved_at >= ${input.flapSince.toISOString()}::timestamptz))`;

/** The machine's unresolved alerts and those that resolved by themselves since `flapSince`, as JSON. */
export function machineAlertsJson(ctx: ServiceCtx, input: { machineId: string; flapSince: Date }): SQL {
  return sql`(select coalesce(json_agg(a), '[]') from alerts a where ${machineAlertsWhere(ctx, input)})`;
}

type Row = Record<string, unknown>;
const dateOf = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function alertOf(r: Row): Alert {
  return {
    id: r.id as string,
    orgId: r.org_id as string,
    machineId: (r.machine_id as string | null) ?? null,
    rule: r.rule as string,
    code: r.code as string,
    severity: r.severity as AlertSeverity,
    status: r.status as Alert["status"],
    message: r.message as string,
    count: Number(r.count),
    data: (r.data as Record<string, unknown>) ?? {},
    firstSeenAt: dateOf(r.first_seen_at)!,
    lastSeenAt: dateOf(r.last_seen_at)!,
    resolvedAt: dateOf(r.resolved_at),
    resolution: (r.resolution as string | null) ?? null,
    acknowledgedAt: dateOf(r.acknowledged_at),
    acknowledgedBy: (r.acknowledged_by as string | null) ?? null,
    assigneeId: (r.assignee_id as string | null) ?? null,
    notifiedAt: dateOf(r.notified_at),
    createdAt: dateOf(r.created_at)!,
  };
}

const isMoreSevere = (a: AlertSeverity, b: AlertSeverity) => alertSeverities.indexOf(a) > alertSeverities.indexOf(b);

/** A machine's alerts as one batch changes them. */
export class AlertBatch {
  private readonly rows: Alert[];
  private readonly created = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly timeline: { alertId: string; type: AlertEventType; data: Record<string, unknown> }[] = [];
  private readonly announcements: { alertId: string; kind: "raised" | "reopened" | "escalated" | "resolved" }[] = [];

  constructor(
    private readonly ctx: ServiceCtx,
    readonly machineId: string,
    json: unknown,
  ) {
    this.rows = (json as Row[]).map(alertOf);
  }

  /** The unresolved alerts: rule -> code -> severity. */
  open(): Map<string, Map<string, string>> {
    const open = new Map<string, Map<string, string>>();
    for (const a of this.rows) if (a.status !== "resolved") open.set(a.rule, (open.get(a.rule) ?? new Map()).set(a.code, a.severity));
    return open;
  }

  private openOf(rule: string, code: string) {
    return this.rows.find((a) => a.rule === rule && a.code === code && a.status !== "resolved");
  }

  private touch(alert: Alert) {
    if (!this.created.has(alert.id)) this.changed.add(alert.id);
  }

  /** As `raiseAlert`: opens, repeats, escalates or re-opens the alert for (machine, rule, code). */
  raise(signal: AlertSignal & Pick<RaiseOptions, "mode">): void {
    const { mode = "event", ...s } = signal;
    const fields = { severity: s.severity, message: alertText(s as AlertSignal), data: s.data as Record<string, unknown> };
    const open = this.openOf(s.rule, s.code);
    if (open) {
      const before = open.severity;
      Object.assign(open, fields, {
        count: mode === "event" ? open.count + 1 : open.count,
        firstSeenAt: s.at < open.firstSeenAt ? s.at : open.firstSeenAt,
        lastSeenAt: s.at > open.lastSeenAt ? s.at : open.lastSeenAt,
      });
      this.touch(open);
      if (isMoreSevere(s.severity, before)) {
        this.timeline.push({ alertId: open.id, type: "escalated", data: { from: before, to: s.severity } });
        this.announcements.push({ alertId: open.id, kind: "escalated" });
      } else if (mode === "event") {
        this.timeline.push({ alertId: open.id, type: "repeated", data: { count: open.count } });
      }
      return;
    }
    const flapSince = s.at.getTime() - FLAP_WINDOW_MS;
    const flapped = this.rows
      .filter((a) => a.rule === s.rule && a.code === s.code && a.status === "resolved" && a.resolution === "auto" && a.resolvedAt!.getTime() >= flapSince)
      .sort((a, b) => b.resolvedAt!.getTime() - a.resolvedAt!.getTime())[0];
    if (flapped) {
      Object.assign(flapped, fields, {
        status: "open",
        resolvedAt: null,
        resolution: null,
        count: flapped.count + 1,
        lastSeenAt: s.at > flapped.lastSeenAt ? s.at : flapped.lastSeenAt,
      });
      this.touch(flapped);
      this.timeline.push({ alertId: flapped.id, type: "reopened", data: { severity: s.severity } });
      this.announcements.push({ alertId: flapped.id, kind: "reopened" });
      return;
    }
    const alert: Alert = {
      id: newId("alr"),
      orgId: this.ctx.orgId,
      machineId: s.machineId,
      rule: s.rule,
      code: s.code,
      ...fields,
      status: "open",
      count: 1,
      firstSeenAt: s.at,
      lastSeenAt: s.at,
      resolvedAt: null,
      resolution: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      assigneeId: null,
      notifiedAt: null,
      createdAt: new Date(),
    };
    this.rows.push(alert);
    this.created.add(alert.id);
    this.timeline.push({ alertId: alert.id, type: "raised", data: { severity: s.severity } });
    this.announcements.push({ alertId: alert.id, kind: "raised" });
  }

  /** As `resolveAlert`: resolves the unresolved alert of (rule, code), or every code of the rule when `code` is null. */
  resolve(input: { rule: AlertRule; code: string | string[] | null; at: Date }): void {
    const codes = input.code === null ? null : Array.isArray(input.code) ? input.code : [input.code];
    for (const a of this.rows) {
      if (a.rule !== input.rule || a.status === "resolved" || (codes && !codes.includes(a.code))) continue;
      Object.assign(a, { status: "resolved", resolvedAt: input.at, resolution: "auto" });
      this.touch(a);
      this.timeline.push({ alertId: a.id, type: "auto_resolved", data: {} });
      this.announcements.push({ alertId: a.id, kind: "resolved" });
    }
  }

  /** How many announcements the batch queued (the work to do once it commits). */
  get announced(): number {
    return this.announcements.length;
  }

  /** The statements that write the batch's alert changes, their timelines and announcements. */
  statements(): SQL[] {
    const { ctx } = this;
    const state = (a: Alert) => ({
      id: a.id,
      machineId: a.machineId,
      rule: a.rule,
      code: a.code,
      severity: a.severity,
      status: a.status,
      message: a.message,
      count: a.count,
      data: a.data,
      firstSeenAt: a.firstSeenAt.toISOString(),
      lastSeenAt: a.lastSeenAt.toISOString(),
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
      resolution: a.resolution,
    });
    const columns = sql`id text, "machineId" text, rule text, code text, severity alert_severity, status alert_status, message text, count int,
      data jsonb, "firstSeenAt" timestamptz, "lastSeenAt" timestamptz, "resolvedAt" timestamptz, resolution text`;
    const statements: SQL[] = [];
    // Changes first: an alert this batch resolved makes room for the new one of the same key.
    const changed = this.rows.filter((a) => this.changed.has(a.id)).map(state);
    if (changed.length > 0) {
      statements.push(sql`update alerts a set severity = r.severity, status = r.status, message = r.message, count = r.count, data = r.data,
          first_seen_at = r."firstSeenAt", last_seen_at = r."lastSeenAt", resolved_at = r."resolvedAt", resolution = r.resolution
        from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as r(${columns})
        where a.org_id = ${ctx.orgId} and a.id = r.id`);
    }
    const created = this.rows.filter((a) => this.created.has(a.id)).map(state);
    if (created.length > 0) {
      statements.push(sql`insert into alerts (id, org_id, machine_id, rule, code, severity, status, message, count, data, first_seen_at, last_seen_at, resolved_at, resolution)
        select r.id, ${ctx.orgId}, r."machineId", r.rule, r.code, r.severity, r.status, r.message, r.count, r.data, r."firstSeenAt", r."lastSeenAt",
          r."resolvedAt", r.resolution
        from jsonb_to_recordset(${JSON.stringify(created)}::jsonb) as r(${columns})`);
    }
    if (this.timeline.length > 0) {
      const actor = actorColumns(ctx.actor);
      const entries = JSON.stringify(this.timeline.map((e, n) => ({ id: newId("ale"), n, ...e })));
      // In the batch's order: entries written within one clock tick keep their order by `seq`.
      statements.push(sql`insert into alert_events (id, org_id, alert_id, type, actor_type, actor_id, actor_label, data, created_at)
        select e.id, ${ctx.orgId}, e."alertId", e.type, ${actor.actorType}, ${actor.actorId}, ${actor.actorLabel}, e.data, clock_timestamp()
        from jsonb_to_recordset(${entries}::jsonb) as e(id text, n int, "alertId" text, type text, data jsonb)
        order by e.n`);
    }
    if (this.announcements.length > 0) {
      const rows = JSON.stringify(this.announcements.map((a, n) => ({ id: newId("aan"), n, ...a })));
      statements.push(sql`insert into alert_announcements (id, org_id, alert_id, kind)
        select a.id, ${ctx.orgId}, a."alertId", a.kind from jsonb_to_recordset(${rows}::jsonb) as a(id text, n int, "alertId" text, kind text)
        order by a.n`);
    }
    return statements;
  }
}
