import type { AlertSeverity } from "./severity";

export interface AlertRule {
  rule: string;
  label: string;
  description: string;
  /** "ingest": evaluated as events arrive; "schedule": by a job; "external": raised by another domain. */
  evaluated: "ingest" | "schedule" | "external";
  severity: AlertSeverity;
}

/** Every alert rule the product knows, in the order the settings and filters list them. */
export const alertRules: AlertRule[] = [
  { rule: "machine_fault", label: "Machine fault", description: "The machine reported a fault code; it resolves when the machine reports it cleared.", evaluated: "ingest", severity: "warning" },
  { rule: "machine_offline", label: "Offline", description: "No event for longer than the offline threshold; the next event resolves it.", evaluated: "schedule", severity: "warning" },
  { rule: "low_stock", label: "Low stock", description: "A slot at or below its share of par level; empty slots are warnings.", evaluated: "ingest", severity: "info" },
  { rule: "temperature", label: "Temperature", description: "The last heartbeat's temperature is outside the machine's range.", evaluated: "ingest", severity: "critical" },
  { rule: "no_sales", label: "No sales", description: "Silent for longer than the machine's own history makes likely at this hour and weekday.", evaluated: "schedule", severity: "warning" },
  { rule: "vend_failures", label: "Repeated vend failures", description: "Several failed vends on one slot within the window; a successful vend resolves it.", evaluated: "ingest", severity: "warning" },
  { rule: "door_open", label: "Door open too long", description: "Heartbeats report the door open for longer than the threshold.", evaluated: "ingest", severity: "warning" },
  { rule: "cash_refund_owed", label: "Cash refund owed", description: "A cash vend failed; the customer is owed their money back by hand.", evaluated: "ingest", severity: "warning" },
  { rule: "refund_failed", label: "Refund failed", description: "An electronic refund could not be sent after every retry.", evaluated: "external", severity: "critical" },
  { rule: "predicted_sellout", label: "Predicted sell-out", description: "The forecast says a slot sells out before the machine's next visit.", evaluated: "external", severity: "info" },
];

export const ruleNames: readonly string[] = alertRules.map((r) => r.rule);

export function ruleLabel(rule: string): string {
  return alertRules.find((r) => r.rule === rule)?.label ?? rule;
}

/** An org's alert thresholds when it has not set its own. */
export const defaultAlertSettings = {
  offlineMinutes: 15,
  lowStockShare: 0.2,
  noSalesSensitivity: "normal" as "off" | "low" | "normal" | "high",
  doorOpenMinutes: 10,
  vendFailureCount: 3,
  vendFailureWindowMinutes: 60,
  temperatureMinC: null as number | null,
  temperatureMaxC: null as number | null,
};
export type OrgAlertSettings = typeof defaultAlertSettings;
