import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { ServiceCtx } from "../context";
import type { AlertBatch } from "./batch";
import { defaultAlertSettings, type ObservedEvent, type OrgAlertSettings } from "./contract";

type Heartbeat = Extract<ObservedEvent, { type: "machine.heartbeat" }>;
type Vend = Extract<ObservedEvent, { type: "vend.succeeded" | "vend.failed" }>;
type FailedVend = Extract<ObservedEvent, { type: "vend.failed" }>;

const latest = <T extends { occurredAt: Date }>(list: T[]): T | undefined => list.reduce<T | undefined>((a, b) => (!a || b.occurredAt > a.occurredAt ? b : a), undefined);
const isHeartbeat = (e: ObservedEvent): e is Heartbeat => e.type === "machine.heartbeat";
const isVend = (e: ObservedEvent): e is Vend => e.type === "vend.succeeded" || e.type === "vend.failed";
const iso = (d: Date) => d.toISOString();

/** What the rules read besides the batch: thresholds, the machine's range, door and failure history. */
export interface RuleReads {
  settings: OrgAlertSettings;
  range: { min: number | null; max: number | null };
  /** Stored heartbeats around the batch's newest one, when it says the door is open. */
  door: { lastClosedAt: Date | null; openSince: Date | null } | null;
  /** Failed vends already recorded on the slots whose newest vend in the batch failed, in their windows. */
  failures: { slot: string; at: Date }[];
}

/** The door history the rules need: the newest closed heartbeat before `at` in the batch, if any. */
function batchDoor(events: readonly ObservedEvent[]) {
  const heartbeats = events.filter(isHeartbeat);
  const newest = latest(heartbeats);
  if (newest?.data.doorOpen !== true) return null;
  const closed = latest(heartbeats.filter((h) => h.data.doorOpen !== true && h.occurredAt <= newest.occurredAt));
  return { newest, closedAt: closed?.occurredAt ?? null, heartbeats };
}

/** The slots whose newest vend in the batch failed, and each slot's newest vend. */
function failureWindow(events: readonly ObservedEvent[]) {
  const lastBySlot = new Map<string, Vend>();
  for (const v of events.filter(isVend)) {
    const seen = lastBySlot.get(v.data.slot);
    if (!seen || v.occurredAt > seen.occurredAt) lastBySlot.set(v.data.slot, v);
  }
  return { lastBySlot, failing: [...lastBySlot.values()].filter((v): v is FailedVend => v.type === "vend.failed") };
}

/**
 * What the ingest rules read, as one JSON value of the batch's read, built from the batch's
 * well-formed events (a superset of those it accepts).
 */
export function ruleReadsJson(ctx: ServiceCtx, input: { machineId: string; events: readonly ObservedEvent[] }): SQL {
  const { machineId, events } = input;
  const door = batchDoor(events);
  const doorJson = door
    ? sql`(with closed as (
          select max(c.occurred_at) as at from machine_events c where c.org_id = ${ctx.orgId} and c.machine_id = ${machineId}
            and c.type = 'machine.heartbeat' and (c.data->>'doorOpen')::boolean is not true and c.occurred_at <= ${iso(door.newest.occurredAt)}::timestamptz)
        select json_build_object('lastClosedAt', (select at from closed), 'openSince', (
          select min(e.occurred_at) from machine_events e where e.org_id = ${ctx.orgId} and e.machine_id = ${machineId}
            and e.type = 'machine.heartbeat' and (e.data->>'doorOpen')::boolean is true and e.occurred_at <= ${iso(door.newest.occurredAt)}::timestamptz
            and e.occurred_at > greatest((select at from closed), ${door.closedAt ? iso(door.closedAt) : null}::timestamptz, '-infinity'::timestamptz))))`
    : sql`null`;
  // Every failed vend of the batch, not only each slot's newest: the read covers whichever of the
  // batch's events turn out new (the widest window setting is a day).
  const failed = events.filter((e): e is FailedVend => e.type === "vend.failed");
  const times = failed.map((v) => v.occurredAt.getTime());
  const failuresJson =
    failed.length > 0
      ? sql`(select coalesce(json_agg(json_build_object('slot', s.slot_code, 'at', s.occurred_at)), '[]') from sales s
        where s.org_id = ${ctx.orgId} and s.machine_id = ${machineId} and s.status = 'failed'
          and s.slot_code in (select jsonb_array_elements_text(${JSON.stringify([...new Set(failed.map((v) => v.data.slot))])}::jsonb))
          and s.occurred_at between ${iso(new Date(Math.min(...times) - 24 * 3_600_000))}::timestamptz and ${iso(new Date(Math.max(...times)))}::timestamptz)`
      : sql`'[]'::json`;
  return sql`json_build_object(
    'settings', (select json_build_object('offlineMinutes', s.offline_minutes, 'lowStockShare', s.low_stock_share, 'noSalesSensitivity', s.no_sales_sensitivity,
      'doorOpenMinutes', s.door_open_minutes, 'vendFailureCount', s.vend_failure_count, 'vendFailureWindowMinutes', s.vend_failure_window_minutes,
      'temperatureMinC', s.temperature_min_c, 'temperatureMaxC', s.temperature_max_c) from alert_settings s where s.org_id = ${ctx.orgId}),
    'range', (select json_build_object('min', m.temperature_min_c, 'max', m.temperature_max_c) from machine_alert_settings m
      where m.org_id = ${ctx.orgId} and m.machine_id = ${machineId}),
    'door', ${doorJson},
    'failures', ${failuresJson})`;
}

/** The rule reads `ruleReadsJson` returned. */
export function ruleReadsOf(json: unknown): RuleReads {
  const r = json as {
    settings: OrgAlertSettings | null;
    range: { min: number | null; max: number | null } | null;
    door: { lastClosedAt: string | null; openSince: string | null } | null;
    failures: { slot: string; at: string }[];
  };
  const settings = r.settings ?? { ...defaultAlertSettings };
  return {
    settings,
    range: { min: r.range?.min ?? settings.temperatureMinC, max: r.range?.max ?? settings.temperatureMaxC },
    door: r.door && { lastClosedAt: r.door.lastClosedAt ? new Date(r.door.lastClosedAt) : null, openSince: r.door.openSince ? new Date(r.door.openSince) : null },
    failures: r.failures.map((f) => ({ slot: f.slot, at: new Date(f.at) })),
  };
}

/** A slot after the batch, for the low-stock rule. */
export interface SlotLevel {
  code: string;
  stock: number;
  par: number;
  hasProduct: boolean;
}

/**
 * The alert rules evaluated as a machine's events arrive, on the batch's alerts: back online,
 * temperature, door open too long, repeated vend failures on a slot, a sale after a silence, and
 * low stock. Faults and cash refunds owed are raised by the event effects themselves.
 */
export function evaluateIngestRules(
  alerts: AlertBatch,
  input: { events: readonly ObservedEvent[]; receivedAt: Date; fromMachine: boolean; reads: RuleReads; slots: SlotLevel[] },
): void {
  const { events, receivedAt, reads } = input;
  if (events.length === 0) return;
  const open = alerts.open();
  // Any event from the machine means it is talking again (a restock recorded in the app does not).
  if (open.has("machine_offline") && input.fromMachine) alerts.resolve({ rule: "machine_offline", code: null, at: receivedAt });
  const heartbeat = latest(events.filter(isHeartbeat));
  if (heartbeat) {
    checkTemperature(alerts, open, reads, heartbeat);
    checkDoor(alerts, open, reads, events, heartbeat);
  }
  const vends = events.filter(isVend);
  if (vends.length > 0) checkVendFailures(alerts, open, reads, events);
  const sold = latest(vends.filter((e) => e.type === "vend.succeeded"));
  if (sold && open.has("no_sales")) alerts.resolve({ rule: "no_sales", code: null, at: sold.occurredAt });
  if (vends.length > 0 || events.some((e) => e.type === "inventory.restocked")) checkLowStock(alerts, open, reads.settings, input.slots, receivedAt);
}

type Open = ReturnType<AlertBatch["open"]>;

function checkTemperature(alerts: AlertBatch, open: Open, { range }: RuleReads, heartbeat: Heartbeat) {
  const t = heartbeat.data.temperatureC;
  if (t === undefined || t === null) return;
  const code = range.max !== null && t > range.max ? "too_warm" : range.min !== null && t < range.min ? "too_cold" : null;
  if (open.has("temperature")) {
    const cleared = code === "too_warm" ? "too_cold" : code === "too_cold" ? "too_warm" : null;
    alerts.resolve({ rule: "temperature", code: cleared, at: heartbeat.occurredAt });
  }
  if (!code) return;
  alerts.raise({ machineId: alerts.machineId, rule: "temperature", code, severity: "critical", at: heartbeat.occurredAt, data: { temperatureC: t, ...range }, mode: "state" });
}

function checkDoor(alerts: AlertBatch, open: Open, reads: RuleReads, events: readonly ObservedEvent[], heartbeat: Heartbeat) {
  if (heartbeat.data.doorOpen !== true) {
    if (heartbeat.data.doorOpen === false && open.has("door_open")) alerts.resolve({ rule: "door_open", code: "door_open", at: heartbeat.occurredAt });
    return;
  }
  // Open since the first heartbeat with the door open after the last one with it closed, stored or in this batch.
  const door = batchDoor(events)!;
  const stored = reads.door;
  const closedAt = [stored?.lastClosedAt ?? null, door.closedAt].reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
  const opens = door.heartbeats.filter((h) => h.data.doorOpen === true && h.occurredAt <= heartbeat.occurredAt && (!closedAt || h.occurredAt > closedAt)).map((h) => h.occurredAt);
  if (stored?.openSince) opens.push(stored.openSince);
  const openSince = opens.reduce((a, b) => (b < a ? b : a), heartbeat.occurredAt);
  const minutes = Math.floor((heartbeat.occurredAt.getTime() - openSince.getTime()) / 60_000);
  if (minutes < reads.settings.doorOpenMinutes) return;
  alerts.raise({
    machineId: alerts.machineId,
    rule: "door_open",
    code: "door_open",
    severity: "warning",
    at: heartbeat.occurredAt,
    data: { openSince: openSince.toISOString(), openMinutes: minutes },
    mode: "state",
  });
}

function checkVendFailures(alerts: AlertBatch, open: Open, { settings, failures }: RuleReads, events: readonly ObservedEvent[]) {
  const window = failureWindow(events);
  const openSlots = open.get("vend_failures");
  for (const v of window.lastBySlot.values()) {
    if (v.type === "vend.succeeded" && openSlots?.has(v.data.slot)) alerts.resolve({ rule: "vend_failures", code: v.data.slot, at: v.occurredAt });
  }
  // The failures recorded before this batch and the batch's own, counted per slot's own window.
  const all = [...failures, ...events.filter((e): e is FailedVend => e.type === "vend.failed").map((v) => ({ slot: v.data.slot, at: v.occurredAt }))];
  const windowMs = settings.vendFailureWindowMinutes * 60_000;
  for (const last of window.failing) {
    const slot = last.data.slot;
    const since = last.occurredAt.getTime() - windowMs;
    const count = all.filter((f) => f.slot === slot && f.at.getTime() >= since && f.at.getTime() <= last.occurredAt.getTime()).length;
    if (count < settings.vendFailureCount) continue;
    alerts.raise({
      machineId: alerts.machineId,
      rule: "vend_failures",
      code: slot,
      severity: "warning",
      at: last.occurredAt,
      data: { slot, failures: count, reason: last.data.reason, windowMinutes: settings.vendFailureWindowMinutes },
    });
  }
}

function checkLowStock(alerts: AlertBatch, open: Open, settings: OrgAlertSettings, slots: SlotLevel[], at: Date) {
  const low = slots.filter((s) => s.hasProduct && s.par > 0 && s.stock <= s.par * settings.lowStockShare);
  const lowCodes = new Set(low.map((s) => s.code));
  const openLow = open.get("low_stock") ?? new Map<string, string>();
  const cleared = [...openLow.keys()].filter((code) => !lowCodes.has(code));
  if (cleared.length > 0) alerts.resolve({ rule: "low_stock", code: cleared, at });
  for (const s of low) {
    const severity = s.stock === 0 ? "warning" : "info";
    // Still low at the same severity: nothing to write.
    if (openLow.get(s.code) === severity) continue;
    alerts.raise({ machineId: alerts.machineId, rule: "low_stock", code: s.code, severity, at, data: { slot: s.code, stock: s.stock, par: s.par }, mode: "state" });
  }
}
