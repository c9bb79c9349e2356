import "server-only";
import { and, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { alerts, machineEvents, sales, slots } from "~/db/schema";
import type { ServiceCtx } from "../context";
import type { ObservedEvent, OrgAlertSettings } from "./contract";
import { raiseAlert, resolveAlert } from "./raise";
import { effectiveTemperatureRange, getAlertSettings } from "./settings";

type Heartbeat = Extract<ObservedEvent, { type: "machine.heartbeat" }>;
type Vend = Extract<ObservedEvent, { type: "vend.succeeded" | "vend.failed" }>;
type FailedVend = Extract<ObservedEvent, { type: "vend.failed" }>;
const latest = <T extends { occurredAt: Date }>(list: T[]): T | undefined => list.reduce<T | undefined>((a, b) => (!a || b.occurredAt > a.occurredAt ? b : a), undefined);

/** The machine's unresolved alerts: rule -> code -> severity. Rules only write when something changes. */
type OpenAlerts = Map<string, Map<string, string>>;
/** What every rule reads: the machine, the org's thresholds and what is already open. */
type Scope = { machineId: string; settings: OrgAlertSettings; open: OpenAlerts };

/**
 * The alert rules evaluated as a machine's events arrive, in the ingest transaction: back online,
 * temperature, door open too long, repeated vend failures on a slot, a sale after a silence, and
 * low stock. Faults and cash refunds owed are raised by the event effects themselves.
 */
export async function evaluateIngestRules(ctx: ServiceCtx, input: { machineId: string; events: readonly ObservedEvent[]; receivedAt: Date }): Promise<void> {
  const { machineId, events, receivedAt } = input;
  if (events.length === 0) return;
  const open = await openAlertsOf(ctx, machineId);
  // Any event from the machine means it is talking again (a restock recorded in the app does not).
  if (open.has("machine_offline") && ctx.actor.type === "machine") await resolveAlert(ctx, { machineId, rule: "machine_offline", code: null, at: receivedAt });
  const scope: Scope = { machineId, settings: await getAlertSettings(ctx), open };
  const heartbeat = latest(events.filter((e): e is Heartbeat => e.type === "machine.heartbeat"));
  if (heartbeat) {
    await checkTemperature(ctx, scope, heartbeat);
    await checkDoor(ctx, scope, heartbeat);
  }
  const vends = events.filter((e): e is Vend => e.type === "vend.succeeded" || e.type === "vend.failed");
  if (vends.length > 0) await checkVendFailures(ctx, scope, vends);
  const sold = latest(vends.filter((e) => e.type === "vend.succeeded"));
  if (sold && open.has("no_sales")) await resolveAlert(ctx, { machineId, rule: "no_sales", code: null, at: sold.occurredAt });
  if (vends.length > 0 || events.some((e) => e.type === "inventory.restocked")) await checkLowStock(ctx, scope, receivedAt);
}

async function openAlertsOf(ctx: ServiceCtx, machineId: string): Promise<OpenAlerts> {
  const rows = await ctx.db
    .select({ rule: alerts.rule, code: alerts.code, severity: alerts.severity })
    .from(alerts)
    .where(and(eq(alerts.orgId, ctx.orgId), eq(alerts.machineId, machineId), ne(alerts.status, "resolved")));
  const open: OpenAlerts = new Map();
  for (const r of rows) open.set(r.rule, (open.get(r.rule) ?? new Map()).set(r.code, r.severity));
  return open;
}

async function checkTemperature(ctx: ServiceCtx, { machineId, settings, open }: Scope, heartbeat: Heartbeat) {
  const t = heartbeat.data.temperatureC;
  if (t === undefined || t === null) return;
  const range = await effectiveTemperatureRange(ctx, { machineId, settings });
  const code = range.max !== null && t > range.max ? "too_warm" : range.min !== null && t < range.min ? "too_cold" : null;
  if (open.has("temperature")) {
    const cleared = code === "too_warm" ? "too_cold" : code === "too_cold" ? "too_warm" : null;
    await resolveAlert(ctx, { machineId, rule: "temperature", code: cleared, at: heartbeat.occurredAt });
  }
  if (!code) return;
  await raiseAlert(ctx, { machineId, rule: "temperature", code, severity: "critical", at: heartbeat.occurredAt, data: { temperatureC: t, ...range }, mode: "state" });
}

async function checkDoor(ctx: ServiceCtx, { machineId, settings, open }: Scope, heartbeat: Heartbeat) {
  if (heartbeat.data.doorOpen !== true) {
    if (heartbeat.data.doorOpen === false && open.has("door_open")) await resolveAlert(ctx, { machineId, rule: "door_open", code: "door_open", at: heartbeat.occurredAt });
    return;
  }
  // Open since the first heartbeat with the door open after the last one with it closed.
  const [since] = await ctx.db
    .select({ at: sql<Date | string | null>`min(${machineEvents.occurredAt})` })
    .from(machineEvents)
    .where(
      and(
        eq(machineEvents.orgId, ctx.orgId),
        eq(machineEvents.machineId, machineId),
        eq(machineEvents.type, "machine.heartbeat"),
        sql`(${machineEvents.data}->>'doorOpen')::boolean is true`,
        lte(machineEvents.occurredAt, heartbeat.occurredAt),
        sql`${machineEvents.occurredAt} > coalesce((select max(c.occurred_at) from machine_events c where c.org_id = ${ctx.orgId}
          and c.machine_id = ${machineId} and c.type = 'machine.heartbeat' and (c.data->>'doorOpen')::boolean is not true
          and c.occurred_at <= ${heartbeat.occurredAt.toISOString()}::timestamptz), '-infinity'::timestamptz)`,
      ),
    );
  const openSince = since?.at ? new Date(since.at) : heartbeat.occurredAt;
  const minutes = Math.floor((heartbeat.occurredAt.getTime() - openSince.getTime()) / 60_000);
  if (minutes < settings.doorOpenMinutes) return;
  await raiseAlert(ctx, {
    machineId,
    rule: "door_open",
    code: "door_open",
    severity: "warning",
    at: heartbeat.occurredAt,
    data: { openSince: openSince.toISOString(), openMinutes: minutes },
    mode: "state",
  });
}

async function checkVendFailures(ctx: ServiceCtx, { machineId, settings, open }: Scope, vends: Vend[]) {
  const lastBySlot = new Map<string, Vend>();
  for (const v of vends) {
    const seen = lastBySlot.get(v.data.slot);
    if (!seen || v.occurredAt > seen.occurredAt) lastBySlot.set(v.data.slot, v);
  }
  const windowMs = settings.vendFailureWindowMinutes * 60_000;
  const failing = [...lastBySlot.values()].filter((v): v is FailedVend => v.type === "vend.failed");
  const openSlots = open.get("vend_failures");
  for (const v of lastBySlot.values()) {
    if (v.type === "vend.succeeded" && openSlots?.has(v.data.slot)) await resolveAlert(ctx, { machineId, rule: "vend_failures", code: v.data.slot, at: v.occurredAt });
  }
  if (failing.length === 0) return;
  // One read of the failed vends of these slots around the batch, counted per slot's own window.
  const from = new Date(Math.min(...failing.map((v) => v.occurredAt.getTime())) - windowMs);
  const to = new Date(Math.max(...failing.map((v) => v.occurredAt.getTime())));
  const failures = await ctx.db
    .select({ slot: sales.slotCode, at: sales.occurredAt })
    .from(sales)
    .where(and(eq(sales.orgId, ctx.orgId), eq(sales.machineId, machineId), eq(sales.status, "failed"), inArray(sales.slotCode, failing.map((v) => v.data.slot)), gte(sales.occurredAt, from), lte(sales.occurredAt, to)));
  for (const last of failing) {
    const slot = last.data.slot;
    const since = last.occurredAt.getTime() - windowMs;
    const count = failures.filter((f) => f.slot === slot && f.at.getTime() >= since && f.at.getTime() <= last.occurredAt.getTime()).length;
    if (count < settings.vendFailureCount) continue;
    await raiseAlert(ctx, {
      machineId,
      rule: "vend_failures",
      code: slot,
      severity: "warning",
      at: last.occurredAt,
      data: { slot, failures: count, reason: last.data.reason, windowMinutes: settings.vendFailureWindowMinutes },
    });
  }
}

async function checkLowStock(ctx: ServiceCtx, { machineId, settings, open }: Scope, at: Date) {
  const planogram = await ctx.db
    .select({ code: slots.code, stock: slots.stock, par: slots.parLevel })
    .from(slots)
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, machineId), sql`${slots.productId} is not null`));
  const low = planogram.filter((s) => s.par > 0 && s.stock <= s.par * settings.lowStockShare);
  const lowCodes = new Set(low.map((s) => s.code));
  const openLow = open.get("low_stock") ?? new Map<string, string>();
  await resolveAlert(ctx, { machineId, rule: "low_stock", code: [...openLow.keys()].filter((code) => !lowCodes.has(code)), at });
  for (const s of low) {
    const severity = s.stock === 0 ? "warning" : "info";
    // Still low at the same severity: nothing to write.
    if (openLow.get(s.code) === severity) continue;
    await raiseAlert(ctx, { machineId, rule: "low_stock", code: s.code, severity, at, data: { slot: s.code, stock: s.stock, par: s.par }, mode: "state" });
  }
}
