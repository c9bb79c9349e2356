import { idParam, type QueryReader } from "~/app/_components/search-params";
import type { RouterInputs } from "~/app/_trpc/types";
import { alertRules } from "~/server/alerts/contract";

export type AlertSort = "lastSeenAt" | "firstSeenAt" | "severity" | "count" | "machine";
const sorts: readonly AlertSort[] = ["lastSeenAt", "firstSeenAt", "severity", "count", "machine"];
const severityValues = ["critical", "warning", "info"] as const;
const stateValues = ["open", "acknowledged", "resolved"] as const;

export const severityOptions = [
  { value: "critical", label: "Critical" },
  { value: "warning", label: "Warning" },
  { value: "info", label: "Info" },
] as const;
export const stateOptions = [
  { value: "open", label: "Open" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "resolved", label: "Resolved" },
] as const;
export const ruleOptions = alertRules.map((r) => ({ value: r.rule, label: r.label }));

/** The alerts inbox's state in the URL: `?severity=critical&state=open,acknowledged&rule=&machine=&location=&sort=&dir=`. */
export interface AlertsQuery {
  severity: (typeof severityValues)[number][];
  state: (typeof stateValues)[number][];
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
    severity: listOf(params.get("severity"), severityValues),
    state: listOf(params.get("state"), stateValues),
    rule: listOf(params.get("rule"), ruleOptions.map((r) => r.value)),
    machineId: idParam(params, "machine") ?? null,
    locationId: idParam(params, "location") ?? null,
    sort: sort && sorts.includes(sort) ? sort : "lastSeenAt",
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
