import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { alertSettings, machines } from "~/db/schema";
import { DEFAULT_OFFLINE_MINUTES, type FleetStatus } from "./contract";

// The one definition of "offline": silent for longer than the org's offline threshold (its alert
// settings, which also raise the offline alert). Nothing writes "offline" into a machine row when
// it falls silent: the state shown is derived when it is read, from the last time the machine
// itself reported, so the fleet list, the machine page, checkout, the overview and the offline
// alert agree at every moment.

/**
 * The org's offline threshold in minutes, for the machine row in the query. The outer column is
 * spelled out: drizzle leaves columns of a one-table query unqualified, and inside the subquery an
 * unqualified org_id would be the settings row's own.
 */
const offlineMinutes = sql`coalesce((select s.offline_minutes from ${alertSettings} s where s.org_id = "machines"."org_id"), ${DEFAULT_OFFLINE_MINUTES}::int)`;

const moment = (at?: Date) => (at ? sql`${at.toISOString()}::timestamptz` : sql`now()`);

/** The machine has reported before, but not within its org's offline threshold before `at` (default now). */
export function machineSilent(at?: Date): SQL<boolean> {
  return sql<boolean>`(${machines.lastSeenAt} < ${moment(at)} - make_interval(mins => ${offlineMinutes}))`;
}

/**
 * The state to show at `at` (default now): disabled, never connected (no report yet), offline
 * once silent past the threshold, else what its last report said (online or fault).
 */
export function fleetStatus(at?: Date): SQL<FleetStatus> {
  return sql<FleetStatus>`(case
    when ${machines.status} = 'disabled' then 'disabled'
    when ${machines.lastSeenAt} is null then 'never_connected'
    when ${machines.status} in ('online', 'fault') and ${machineSilent(at)} then 'offline'
    else ${machines.status}::text end)`;
}

/** Sorts states from the best to the ones needing attention, then those not in service. */
export function fleetStatusRank(at?: Date): SQL<number> {
  return sql<number>`array_position(array['online', 'fault', 'offline', 'never_connected', 'disabled']::text[], ${fleetStatus(at)})`;
}
