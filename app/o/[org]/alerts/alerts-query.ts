import { idParam, type QueryReader } from "~/app/_components/hooks/search-params";
import type { RouterInputs } from "~/app/_trpc/types";
import { alertRules, alertSeverities, alertSorts, alertStatuses, type AlertSeverity, type AlertSort, type AlertStatus } from "~/server/alerts/contract";

export type { AlertSort };

/** The filter's choices, in the order they are offered; their names are in `alerts.severity`, `alerts.state` and `alerts.rules`. */
export const severityValues = ["critical", "warning", "info"] as const satisfies readonly AlertSeverity[];
export const stateValues = ["open", "acknowledged", "resolved"] as const satisfies readonly AlertStatus[];
export const ruleValues: string[] = alertRules.map((r) => r.rule);

/** The alerts inbox's state in the URL: `?severity=critical&state=open,acknowledged&rule=&machine=&location=&sort=&dir=`. */
export interface AlertsQuery {
  severity: AlertSeverity[];
  state: AlertStatus[];
  rule: string[];
  machineId: string | null;
  locationId: string | null;
  sort: AlertSort;
  direction: "asc" | "desc";
}

const listOf = <T extends string>(raw: string | null, allowed: readonly T[]) => (raw ?? "").split(",").filter((v): v is T => allowed.includes(v as T));

export function alertsQueryFrom(params: QueryReader): AlertsQuery {
  const sort = params.get("sort") as AlertSort | null;
  return {
    severity: listOf(params.get("severity"), alertSeverities),
    state: listOf(params.get("state"), alertStatuses),
    rule: listOf(params.get("rule"), ruleValues),
    machineId: idParam(params, "machine") ?? null,
    locationId: idParam(params, "location") ?? null,
    sort: sort && alertSorts.includes(sort) ? sort : "lastSeenAt",
    direction: params.get("dir") === "asc" ? "asc" : "desc",
  };
}

export function alertsListInput(orgId: string, q: AlertsQuery): RouterInputs["alerts"]["list"] {
  return {
    orgId,
    ...(q.severity.length ? { severity: q.severity } : {}),
    ...(q.state.length ? { status: q.state } : {}),
    ...(q.rule.length ? { rule: q.rule } : {}),
    ...(q.machineId ? { machineId: q.machineId } : {}),
    ...(q.locationId ? { locationId: q.locationId } : {}),
    sort: q.sort,
    dir: q.direction,
  };
}

/** How often the inbox and badge ask again. */
export const ALERTS_REFRESH_MS = 5_000;
