import { and, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { alerts, machineEvents, sales, slots } from "~/db/schema";
import type { ServiceCtx } from "../context";
import type { MachineEvent } from "~/server/ingest";
import { raiseAlert, resolveAlert } from "./raise";
import type { OrgAlertSettings } from "./contract";
import { effectiveTemperatureRange, getAlertSettings } from "./settings";

type Of<T extends MachineEvent["type"]> = Extract<MachineEvent, { type: T }>;
const latest = <T extends { occurredAt: Date }>(list: T[]): T | undefined => list.reduce<T | undefined>((a, b) => (!a || b.occurredAt > a.occurredAt ? b : a), undefined);

/**
 * The alert rules evaluated as a machine's events arrive, in the ingest transaction: back online,
 * temperature, door open too long, repeated vend failures on a slot, a sale after a silence, and
 * low stock. Faults and cash refunds owed are raised by the event effects themselves.
 */
export async function evaluateIngestRules(ctx: ServiceCtx, machineId: string, accepted: MachineEvent[], receivedAt: Date): Promise<void> {
  if (accepted.length === 0) return;
  const open = await openAlertsOf(ctx, machineId);
  // Any event from the machine means it is talking again (a restock recorded in the app does not).
  if (open.has("machine_offline") && ctx.actor.type === "machine") await resolveAlert(ctx, machineId, "machine_offline", null, receivedAt);
  const settings = await getAlertSettings(ctx);
  const heartbeat = latest(accepted.filter((e): e is Of<"machine.heartbeat"> => e.type === "machine.heartbeat"));
  if (heartbeat) {
    await checkTemperature(ctx, machineId, heartbeat, settings, open);
    await checkDoor(ctx, machineId, heartbeat, settings, open);
  }
  const vends = accepted.filter((e): e is Of<"vend.succeeded"> | Of<"vend.failed"> => e.type === "vend.succeeded" || e.type === "vend.failed");
  if (vends.length > 0) await checkVendFailures(ctx, machineId, vends, settings, open);
  const sold = latest(vends.filter((e) => e.type === "vend.succeeded"));
  if (sold && open.has("no_sales")) await resolveAlert(ctx, machineId, "no_sales", null, sold.occurredAt);
  if (vends.length > 0 || accepted.some((e) => e.type === "inventory.restocked")) await checkLowStock(ctx, machineId, settings, receivedAt, open);
}

/** The machine's unresolved alerts: rule -> code -> severity. Rules only write when something changes. */
type OpenAlerts = Map<string, Map<string, string>>;

async function openAlertsOf(ctx: ServiceCtx, machineId: string): Promise<OpenAlerts> {
  const rows = await ctx.db
    .select({ rule: alerts.rule, code: alerts.code, severity: alerts.severity })
    .from(alerts)
    .where(and(eq(alerts.orgId, ctx.orgId), eq(alerts.machineId, machineId), ne(alerts.status, "resolved")));
  const open: OpenAlerts = new Map();
  for (const r of rows) open.set(r.rule, (open.get(r.rule) ?? new Map()).set(r.code, r.severity));
  return open;
}

async function checkTemperature(ctx: ServiceCtx, machineId: string, heartbeat: Of<"machine.heartbeat">, settings: OrgAlertSettings, open: OpenAlerts) {
  const t = heartbeat.data.temperatureC;
  if (t === undefined || t === null) return;
  const range = await effectiveTemperatureRange(ctx, machineId, settings);
  const code = range.max !== null && t > range.max ? "too_warm" : range.min !== null && t < range.min ? "too_cold" : null;
  if (open.has("temperature")) await resolveAlert(ctx, machineId, "temperature", code === "too_warm" ? "too_cold" : code === "too_cold" ? "too_warm" : null, heartbeat.occurredAt);
  if (!code) return;
  const bound = code === "too_warm" ? `above ${range.max} °C` : `below ${range.min} °C`;
  await raiseAlert(
    ctx,
    { machineId, rule: "temperature", code, severity: "critical", message: `Temperature ${t} °C, ${bound}.`, at: heartbeat.occurredAt, data: { temperatureC: t, ...range } },
    { mode: "state" },
  );
}

async function checkDoor(ctx: ServiceCtx, machineId: string, heartbeat: Of<"machine.heartbeat">, settings: OrgAlertSettings, open: OpenAlerts) {
  if (heartbeat.data.doorOpen !== true) {
    if (heartbeat.data.doorOpen === false && open.has("door_open")) await resolveAlert(ctx, machineId, "door_open", "door_open", heartbeat.occurredAt);
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
  await raiseAlert(
    ctx,
    { machineId, rule: "door_open", code: "door_open", severity: "warning", message: `The door has been open for ${minutes} minutes.`, at: heartbeat.occurredAt, data: { openSince: openSince.toISOString() } },
    { mode: "state" },
  );
}

async function checkVendFailures(ctx: ServiceCtx, machineId: string, vends: (Of<"vend.succeeded"> | Of<"vend.failed">)[], settings: OrgAlertSettings, open: OpenAlerts) {
  const lastBySlot = new Map<string, Of<"vend.succeeded"> | Of<"vend.failed">>();
  for (const v of vends) {
    const seen = lastBySlot.get(v.data.slot);
    if (!seen || v.occurredAt > seen.occurredAt) lastBySlot.set(v.data.slot, v);
  }
  const windowMs = settings.vendFailureWindowMinutes * 60_000;
  const failing = [...lastBySlot.values()].filter((v): v is Of<"vend.failed"> => v.type === "vend.failed");
  const openSlots = open.get("vend_failures");
  for (const v of lastBySlot.values()) {
    if (v.type === "vend.succeeded" && openSlots?.has(v.data.slot)) await resolveAlert(ctx, machineId, "vend_failures", v.data.slot, v.occurredAt);
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
      message: `${count} failed vends on slot ${slot} within ${settings.vendFailureWindowMinutes} minutes (last: ${last.data.reason}).`,
      at: last.occurredAt,
      data: { slot, failures: count, reason: last.data.reason },
    });
  }
}

async function checkLowStock(ctx: ServiceCtx, machineId: string, settings: OrgAlertSettings, at: Date, open: OpenAlerts) {
  const planogram = await ctx.db
    .select({ code: slots.code, stock: slots.stock, par: slots.parLevel })
    .from(slots)
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, machineId), sql`${slots.productId} is not null`));
  const low = planogram.filter((s) => s.par > 0 && s.stock <= s.par * settings.lowStockShare);
  const lowCodes = new Set(low.map((s) => s.code));
  const openLow = open.get("low_stock") ?? new Map<string, string>();
  await resolveAlert(ctx, machineId, "low_stock", [...openLow.keys()].filter((code) => !lowCodes.has(code)), at);
  for (const s of low) {
    // Still low at the same severity: nothing to write.
    if (openLow.get(s.code) === (s.stock === 0 ? "warning" : "info")) continue;
    await raiseAlert(
      ctx,
      {
        machineId,
        rule: "low_stock",
        code: s.code,
        severity: s.stock === 0 ? "warning" : "info",
        message: s.stock === 0 ? `Slot ${s.code} is empty (par ${s.par}).` : `Slot ${s.code} is low: ${s.stock} of par ${s.par}.`,
        at,
        data: { slot: s.code, stock: s.stock, par: s.par },
      },
      { mode: "state" },
    );
  }
}
