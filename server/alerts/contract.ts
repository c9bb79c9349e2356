import { z } from "zod";
import { DEFAULT_OFFLINE_MINUTES } from "~/server/fleet/contract";
import { defineMessages, renderMessage as render, type Message, type MessageParams } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { pageCursor } from "~/server/input/cursor";
import { roundedTo } from "~/server/input/decimals";
import { formatMoney } from "~/server/money";

export const alertSeverities = ["info", "warning", "critical"] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

export const alertStatuses = ["open", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof alertStatuses)[number];

/** What an alert's timeline records. */
export const alertEventTypes = ["raised", "repeated", "escalated", "reopened", "acknowledged", "assigned", "unassigned", "resolved", "auto_resolved", "notified"] as const;
export type AlertEventType = (typeof alertEventTypes)[number];

interface AlertRuleDefinition {
  rule: string;
  label: string;
  description: string;
  /** "ingest": evaluated as events arrive; "schedule": by a job; "external": raised by another domain. */
  evaluated: "ingest" | "schedule" | "external";
  severity: AlertSeverity;
}

/** Every alert rule the product knows, in the order the settings and filters list them. */
export const alertRules = [
  { rule: "machine_fault", label: "Machine fault", description: "The machine reported a fault code; it resolves when the machine reports it cleared.", evaluated: "ingest", severity: "warning" },
  { rule: "machine_offline", label: "Offline", description: "No event for longer than the offline threshold; the next event resolves it.", evaluated: "schedule", severity: "warning" },
  { rule: "low_stock", label: "Low stock", description: "A slot at or below its share of par level; empty slots are warnings.", evaluated: "ingest", severity: "info" },
  { rule: "temperature", label: "Temperature", description: "The last heartbeat's temperature is outside the machine's range.", evaluated: "ingest", severity: "critical" },
  { rule: "no_sales", label: "No sales", description: "Silent for longer than the machine's own history makes likely at this hour and weekday.", evaluated: "schedule", severity: "warning" },
  { rule: "vend_failures", label: "Repeated vend failures", description: "Several failed vends on one slot within the window; a successful vend resolves it.", evaluated: "ingest", severity: "warning" },
  { rule: "door_open", label: "Door open too long", description: "Heartbeats report the door open for longer than the threshold.", evaluated: "ingest", severity: "warning" },
  { rule: "cash_refund_owed", label: "Cash refund owed", description: "A cash vend failed; the customer is owed their money back by hand.", evaluated: "ingest", severity: "warning" },
  { rule: "refund_failed", label: "Refund failed", description: "An electronic refund could not be sent after every retry.", evaluated: "external", severity: "critical" },
  { rule: "audit_missed_vends", label: "Vends missing from telemetry", description: "An audit counted more vends on a slot since the last audit than the machine reported; beyond the threshold it opens an alert.", evaluated: "external", severity: "warning" },
  { rule: "cash_variance", label: "Cash over or short", description: "A collection's counted cash differs from the expected by more than the threshold.", evaluated: "external", severity: "warning" },
  { rule: "predicted_sellout", label: "Predicted sell-out", description: "The forecast says a slot sells out before the machine's next planned visit, losing more margin than a visit costs; sell-outs the plan covers are shown in Plans.", evaluated: "external", severity: "info" },
  { rule: "host_report", label: "Reported by the host", description: "The host of the machine's place reported a problem in the host portal; repeats count on the open alert.", evaluated: "external", severity: "warning" },
] as const satisfies readonly AlertRuleDefinition[];
export type AlertRule = (typeof alertRules)[number]["rule"];

/** The rules' names as messages (`alert_rules.<rule>`), so that each reader's language renders them. */
const ruleNames: Readonly<Record<string, Message>> = defineMessages("alert_rules", Object.fromEntries(alertRules.map((r) => [r.rule, r.label])) as Record<AlertRule, string>);

/** A rule's name in a language (English by default); an unknown rule as its code. */
export function ruleLabel(rule: string, locale: Locale = "en"): string {
  const name = Object.hasOwn(ruleNames, rule) ? ruleNames[rule] : undefined;
  return name ? render(name, {}, locale) : rule;
}

/** Whether a rule's code names the thing at fault (a fault code, a slot), so headings show it. */
export function headingShowsCode(rule: string): boolean {
  return rule === "machine_fault" || rule === "low_stock" || rule === "vend_failures" || rule === "audit_missed_vends";
}

/** An alert's heading in lists and on its page: "Low stock A1", "Offline". */
export function alertHeading(alert: { rule: string; code: string }, locale: Locale = "en"): string {
  return headingShowsCode(alert.rule) ? `${ruleLabel(alert.rule, locale)} ${alert.code}` : ruleLabel(alert.rule, locale);
}

/**
 * What each rule stores about the moment it saw, enough to say it in words in any language (see
 * `alertText`). A machine's own wording of a fault travels as `message`.
 */
export type AlertData = {
  machine_fault: { message?: string };
  machine_offline: { lastSeenAt: string; silentMinutes: number; offlineMinutes: number };
  low_stock: { slot: string; stock: number; par: number };
  temperature: { temperatureC: number; min: number | null; max: number | null };
  no_sales: { lastSaleAt: string; expected: number; silentHours: number; chanceOfNonePercent: number };
  vend_failures: { slot: string; failures: number; reason: string; windowMinutes: number };
  door_open: { openSince: string; openMinutes: number };
  cash_refund_owed: { saleId: string; slot: string; amountMinor: number; currency: string };
  refund_failed: { refundId: string; saleId: string | null; orderId: string | null; amountMinor: number; currency: string; attempts: number; error: string; code?: string };
  /**
   * Raised only when the plan does not cover it: the slot is expected to sell out (`selloutDate`)
   * before the next planned visit, losing more margin (`lostMinor`) than a visit costs. Alerts
   * raised before the plan was consulted lack the last four fields.
   */
  predicted_sellout: {
    slot: string;
    product: string;
    probability: number;
    nextVisitDate: string | null;
    selloutDate?: string;
    lostMinor?: number;
    visitCostMinor?: number;
    currency?: string;
  };
  audit_missed_vends: { slot: string; missed: number; auditUnits: number; recordedUnits: number; since: string | null; auditId: string };
  cash_variance: { collectionId: string; expectedMinor: number; countedMinor: number; varianceMinor: number; currency: string; technician: string | null };
  /** The host's own words travel as `text`, like a machine's fault text. */
  host_report: { reportId: string; text: string; host: string; locationId: string };
};

/** A condition a rule saw on a machine (or the org, with machineId null) at `at`. */
export type AlertSignal = {
  [R in AlertRule]: { rule: R; machineId: string | null; code: string; severity: AlertSeverity; at: Date; data: AlertData[R] };
}[AlertRule];

/** The texts of alerts, one per rule and case; `alertText` picks one and fills it from the alert's data. */
export const alertTexts = defineMessages("alerts", {
  machine_fault: "Fault {code}",
  machine_offline_minutes: "No event for {minutes} minutes (threshold {threshold} minutes).",
  machine_offline_hours: "No event for {hours} hours (threshold {threshold} minutes).",
  low_stock_empty: "Slot {slot} is empty (par {par}).",
  low_stock_low: "Slot {slot} is low: {stock} of par {par}.",
  temperature_too_warm: "Temperature {temperature} °C, above {bound} °C.",
  temperature_too_cold: "Temperature {temperature} °C, below {bound} °C.",
  no_sales: "No sale for {hours} hours; its history at these hours expects {expected} (chance of none {chance} %).",
  vend_failures: "{failures} failed vends on slot {slot} within {window} minutes (last: {reason}).",
  door_open: "The door has been open for {minutes} minutes.",
  cash_refund_owed: "A cash vend failed at slot {slot}: {amount} is owed back in cash.",
  refund_failed: "A refund of {amount} could not be sent after {attempts} attempt(s): {error}",
  predicted_sellout_visit: "Slot {slot} ({product}) is predicted to sell out before the next visit on {visit}: {chance} likely.",
  audit_missed_vends: "The audit counted {audit} vends on slot {slot} since the last audit; telemetry recorded {recorded}, so it missed {missed}.",
  cash_over: "Cash counted {counted} is {variance} over the expected {expected}.",
  cash_short: "Cash counted {counted} is {variance} short of the expected {expected}.",
  host_report: "{host} reported: {text}",
  predicted_sellout_no_visit: "Slot {slot} ({product}) is predicted to sell out before the next visit (none planned this week): {chance} likely.",
  predicted_sellout_uncovered: "Slot {slot} ({product}) sells out {sellout}, next planned visit {visit}: {lost} lost in between, more than a visit ({cost}). {chance} likely.",
  predicted_sellout_uncovered_no_visit: "Slot {slot} ({product}) sells out {sellout}, no visit planned this week: {lost} lost over the week, more than a visit ({cost}). {chance} likely.",
});

type Loose<R extends AlertRule> = Partial<Record<keyof AlertData[R], unknown>>;
const present = (...values: unknown[]) => values.every((v) => v !== undefined && v !== null);
const s = String;

/** The text of a rule's alert in a language from its code and data; null when the data lacks what the text needs. */
function textFromData(rule: string, code: string, data: Record<string, unknown>, locale: Locale): string | null {
  const renderMessage = (message: Message, params: MessageParams) => render(message, params, locale);
  const money = (minor: unknown, currency: unknown) => formatMoney(Number(minor), String(currency), { code: true, locale });
  /** A local date (YYYY-MM-DD) as "Tue 8 Dec" ("12月8日周二"); anything else as it is. */
  const shortDay = (date: unknown) => {
    const d = new Date(`${String(date)}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? String(date) : d.toLocaleDateString(locale === "en" ? "en-GB" : locale, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
  };
  switch (rule) {
    case "machine_fault": {
      const d = data as Loose<"machine_fault">;
      return typeof d.message === "string" && d.message !== "" ? d.message : renderMessage(alertTexts.machine_fault, { code });
    }
    case "machine_offline": {
      const d = data as Loose<"machine_offline">;
      if (!present(d.silentMinutes, d.offlineMinutes)) return null;
      const minutes = Number(d.silentMinutes);
      return minutes >= 120
        ? renderMessage(alertTexts.machine_offline_hours, { hours: Math.round(minutes / 60), threshold: s(d.offlineMinutes) })
        : renderMessage(alertTexts.machine_offline_minutes, { minutes, threshold: s(d.offlineMinutes) });
    }
    case "low_stock": {
      const d = data as Loose<"low_stock">;
      if (!present(d.stock, d.par)) return null;
      return Number(d.stock) === 0
        ? renderMessage(alertTexts.low_stock_empty, { slot: code, par: s(d.par) })
        : renderMessage(alertTexts.low_stock_low, { slot: code, stock: s(d.stock), par: s(d.par) });
    }
    case "temperature": {
      const d = data as Loose<"temperature">;
      const warm = code === "too_warm";
      const bound = warm ? d.max : d.min;
      if (!present(d.temperatureC, bound)) return null;
      return renderMessage(warm ? alertTexts.temperature_too_warm : alertTexts.temperature_too_cold, { temperature: s(d.temperatureC), bound: s(bound) });
    }
    case "no_sales": {
      const d = data as Loose<"no_sales">;
      if (!present(d.silentHours, d.expected, d.chanceOfNonePercent)) return null;
      return renderMessage(alertTexts.no_sales, { hours: s(d.silentHours), expected: Number(d.expected).toFixed(1), chance: Number(d.chanceOfNonePercent).toPrecision(2) });
    }
    case "vend_failures": {
      const d = data as Loose<"vend_failures">;
      if (!present(d.failures, d.windowMinutes, d.reason)) return null;
      return renderMessage(alertTexts.vend_failures, { failures: s(d.failures), slot: s(d.slot ?? code), window: s(d.windowMinutes), reason: s(d.reason) });
    }
    case "door_open": {
      const d = data as Loose<"door_open">;
      return present(d.openMinutes) ? renderMessage(alertTexts.door_open, { minutes: s(d.openMinutes) }) : null;
    }
    case "cash_refund_owed": {
      const d = data as Loose<"cash_refund_owed">;
      if (!present(d.slot, d.amountMinor, d.currency)) return null;
      return renderMessage(alertTexts.cash_refund_owed, { slot: s(d.slot), amount: money(d.amountMinor, d.currency) });
    }
    case "refund_failed": {
      const d = data as Loose<"refund_failed">;
      if (!present(d.amountMinor, d.currency, d.attempts, d.error)) return null;
      return renderMessage(alertTexts.refund_failed, { amount: money(d.amountMinor, d.currency), attempts: s(d.attempts), error: s(d.error) });
    }
    case "predicted_sellout": {
      const d = data as Loose<"predicted_sellout">;
      if (!present(d.product, d.probability)) return null;
      const params = { slot: s(d.slot ?? code), product: s(d.product), chance: `${Math.round(Number(d.probability) * 100)}%` };
      if (present(d.selloutDate, d.lostMinor, d.visitCostMinor, d.currency)) {
        const why = { ...params, sellout: shortDay(d.selloutDate), lost: money(d.lostMinor, d.currency), cost: money(d.visitCostMinor, d.currency) };
        return d.nextVisitDate
          ? renderMessage(alertTexts.predicted_sellout_uncovered, { ...why, visit: shortDay(d.nextVisitDate) })
          : renderMessage(alertTexts.predicted_sellout_uncovered_no_visit, why);
      }
      return d.nextVisitDate
        ? renderMessage(alertTexts.predicted_sellout_visit, { ...params, visit: s(d.nextVisitDate) })
        : renderMessage(alertTexts.predicted_sellout_no_visit, params);
    }
    case "audit_missed_vends": {
      const d = data as Loose<"audit_missed_vends">;
      if (!present(d.missed, d.auditUnits, d.recordedUnits)) return null;
      return renderMessage(alertTexts.audit_missed_vends, { slot: s(d.slot ?? code), audit: s(d.auditUnits), recorded: s(d.recordedUnits), missed: s(d.missed) });
    }
    case "cash_variance": {
      const d = data as Loose<"cash_variance">;
      if (!present(d.expectedMinor, d.countedMinor, d.varianceMinor, d.currency)) return null;
      const variance = Number(d.varianceMinor);
      return renderMessage(variance >= 0 ? alertTexts.cash_over : alertTexts.cash_short, {
        counted: money(d.countedMinor, d.currency),
        expected: money(d.expectedMinor, d.currency),
        variance: money(Math.abs(variance), d.currency),
      });
    }
    case "host_report": {
      const d = data as Loose<"host_report">;
      if (!present(d.text, d.host)) return null;
      return renderMessage(alertTexts.host_report, { host: s(d.host), text: s(d.text) });
    }
    default:
      return null;
  }
}

/**
 * What an alert says in a language (English by default), rendered from its rule, code and data.
 * Alerts raised before their data carried the whole story keep the English `message` they were
 * stored with, used only then.
 */
export function alertText(alert: { rule: string; code: string; data: Record<string, unknown>; message?: string | null }, locale: Locale = "en"): string {
  return textFromData(alert.rule, alert.code, alert.data ?? {}, locale) ?? (alert.message || alertHeading(alert, locale));
}

/**
 * What the ingest rules read of a machine's accepted events. Ingest passes its own events, which
 * have these shapes; the last member stands for the types the rules only count.
 */
export type ObservedEvent =
  | { type: "machine.heartbeat"; occurredAt: Date; data: { temperatureC?: number; doorOpen?: boolean } }
  | { type: "vend.succeeded"; occurredAt: Date; data: { slot: string } }
  | { type: "vend.failed"; occurredAt: Date; data: { slot: string; reason: string } }
  | { type: string; occurredAt: Date };

/** An alert as webhooks carry it and notifications describe it. */
export type AlertPayload = {
  id: string;
  rule: string;
  ruleLabel: string;
  code: string;
  severity: AlertSeverity;
  status: AlertStatus;
  message: string;
  machineId: string | null;
  machineName: string | null;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  title: string;
  url: string;
};

export const alertsMessages = defineMessages("alerts", {
  already_resolved: "This alert is already resolved.",
  assignee_not_member: "Assign the alert to a member of this organization.",
  temperature_range_inverted: "The maximum must be above the minimum.",
});

const id = z.string().min(1).max(64);

export const alertSorts = ["lastSeenAt", "firstSeenAt", "severity", "count", "machine"] as const;
export type AlertSort = (typeof alertSorts)[number];

export const listAlertsInput = z.object({
  severity: z.array(z.enum(alertSeverities)).max(3).optional(),
  status: z.array(z.enum(alertStatuses)).max(3).optional(),
  rule: z.array(z.string().max(64)).max(20).optional(),
  machineId: id.optional(),
  locationId: id.optional(),
  sort: z.enum(alertSorts).default("lastSeenAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  limit: z.number().int().min(1).max(500).default(200),
});
export const alertIdInput = z.object({ alertId: id });
export const acknowledgeInput = z.object({ alertId: id, assigneeId: id.nullable().optional() });
export const assignInput = z.object({ alertId: id, assigneeId: id.nullable() });
const resolveNote = z.string().trim().max(500, "Keep the note under 500 characters").optional();
export const resolveInput = z.object({ alertId: id, note: resolveNote });
/** The most alerts one bulk action takes. */
export const MAX_BULK_ALERTS = 200;
const alertIds = z.array(id).min(1, "Select at least one alert").max(MAX_BULK_ALERTS, `Select at most ${MAX_BULK_ALERTS} alerts`);
export const acknowledgeManyInput = z.object({ alertIds });
export const resolveManyInput = z.object({ alertIds, note: resolveNote });

export const noSalesSensitivities = ["off", "low", "normal", "high"] as const;
export type NoSalesSensitivity = (typeof noSalesSensitivities)[number];

/** An org's alert thresholds when it has not set its own. */
export const defaultAlertSettings = {
  offlineMinutes: DEFAULT_OFFLINE_MINUTES,
  lowStockShare: 0.2,
  noSalesSensitivity: "normal" as NoSalesSensitivity,
  doorOpenMinutes: 10,
  vendFailureCount: 3,
  vendFailureWindowMinutes: 60,
  temperatureMinC: null as number | null,
  temperatureMaxC: null as number | null,
  auditMissedVends: 3,
  cashVariancePercent: 2,
  cashVarianceMinMinor: 200,
};
export type OrgAlertSettings = typeof defaultAlertSettings;

const temperature = z.number().min(-40, "Enter at least -40 °C").max(60, "Enter at most 60 °C").transform(roundedTo(2)).nullable();

export const alertSettingsInput = z.object({
  offlineMinutes: z.number().int().min(2, "At least 2 minutes").max(1440, "At most 1440 minutes (a day)"),
  lowStockShare: z.number().min(0, "At least 0 %").max(1, "At most 100 %").transform(roundedTo(4)),
  noSalesSensitivity: z.enum(noSalesSensitivities),
  doorOpenMinutes: z.number().int().min(1, "At least 1 minute").max(720, "At most 720 minutes"),
  vendFailureCount: z.number().int().min(2, "At least 2 failures").max(100, "At most 100 failures"),
  vendFailureWindowMinutes: z.number().int().min(1, "At least 1 minute").max(1440, "At most 1440 minutes"),
  temperatureMinC: temperature,
  temperatureMaxC: temperature,
  auditMissedVends: z.number().int().min(1, "At least 1 vend").max(1000, "At most 1000 vends").default(defaultAlertSettings.auditMissedVends),
  cashVariancePercent: z.number().min(0, "At least 0 %").max(100, "At most 100 %").transform(roundedTo(2)).default(defaultAlertSettings.cashVariancePercent),
  cashVarianceMinMinor: z.number().int().min(0, "At least 0").max(100_000_000, "Too large").default(defaultAlertSettings.cashVarianceMinMinor),
});
export const machineRangeInput = z.object({ machineId: id });
export const machineTemperatureInput = z.object({ machineId: id, temperatureMinC: temperature, temperatureMaxC: temperature });

/** A page of alerts for the public API: every status unless one is asked for. */
export const alertPageInput = z.object({
  status: z.enum(alertStatuses).optional(),
  severity: z.enum(alertSeverities).optional(),
  rule: z.string().max(64).optional(),
  machineId: id.optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
