import "server-only";
import { and, asc, desc, eq, getTableColumns, ilike, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { alerts, locations, machineEvents, machineSecrets, machines, routeVisits, slots, users } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { fleetStatuses, listMachinesInput, machineEventsInput, type FleetStatus } from "./contract";
import { getMachine } from "./machines";
import { fleetStatus, fleetStatusRank } from "./presence";

/** The state to show, by the org's offline threshold (see presence.ts). */
const effectiveStatus = fleetStatus();

const fill = sql<number | null>`(select case when sum(s.capacity) > 0 then sum(s.stock)::float / sum(s.capacity) end
  from ${slots} s where s.machine_id = ${machines.id})`;
const openFaults = sql<number>`(select count(*)::int from ${alerts} a where a.machine_id = ${machines.id}
  and a.rule = 'machine_fault' and a.status <> 'resolved')`;
const emptySlots = sql<number>`(select count(*)::int from ${slots} s where s.machine_id = ${machines.id} and s.stock = 0)`;

/** The fleet with what an operator scans for: status, last seen, location, stock fill, open faults. */
export async function listMachines(ctx: ServiceCtx, raw: z.input<typeof listMachinesInput> = {}) {
  const input = listMachinesInput.parse(raw);
  const search = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const order: Record<typeof input.sort, SQL | typeof machines.name> = {
    name: machines.name,
    status: fleetStatusRank(),
    lastSeen: sql`${machines.lastSeenAt}`,
    fill: sql`${fill}`,
    faults: sql`${openFaults}`,
    location: sql`${locations.name}`,
  };
  const by = order[input.sort];
  return ctx.db
    .select({
      id: machines.id,
      name: machines.name,
      serial: machines.serial,
      model: machines.model,
      status: effectiveStatus,
      lastSeenAt: machines.lastSeenAt,
      lastAuditAt,
      temperatureC: machines.temperatureC,
      locationId: machines.locationId,
      locationName: locations.name,
      fill,
      emptySlots,
      openFaults,
    })
    .from(machines)
    .leftJoin(locations, eq(locations.id, machines.locationId))
    .where(
      and(
        eq(machines.orgId, ctx.orgId),
        search ? or(ilike(machines.name, search), ilike(machines.serial, search), ilike(locations.name, search)) : undefined,
        input.status && input.status.length > 0 ? sql`${effectiveStatus} in ${input.status}` : undefined,
        input.locationId ? eq(machines.locationId, input.locationId) : undefined,
      ),
    )
    .orderBy(input.direction === "asc" ? sql`${by} asc nulls last` : sql`${by} desc nulls last`, asc(machines.name))
    .limit(1000);
}

/**
 * When the machine's newest DEX audit was read. A machine that never reported over the protocol
 * but has audits is an audits-only machine: its sales are inferred from them.
 */
const lastAuditAt = sql<Date | null>`(select max(a.read_at) from machine_audits a where a.org_id = ${machines.orgId} and a.machine_id = ${machines.id})`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v)));

/** Everything the machine page shows at the top: the machine, its location, credentials state and alerts. */
export async function getMachineDetail(ctx: ServiceCtx, machineId: string) {
  const [machine] = await ctx.db
    .select({ ...getTableColumns(machines), status: effectiveStatus, lastAuditAt })
    .from(machines)
    .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, machineId)));
  if (!machine) throw notFound("Machine");
  const [location] = machine.locationId
    ? await ctx.db.select().from(locations).where(and(eq(locations.orgId, ctx.orgId), eq(locations.id, machine.locationId)))
    : [];
  const secrets = await ctx.db
    .select({ createdAt: machineSecrets.createdAt, expiresAt: machineSecrets.expiresAt })
    .from(machineSecrets)
    .where(and(eq(machineSecrets.orgId, ctx.orgId), eq(machineSecrets.machineId, machineId), sql`(${machineSecrets.expiresAt} is null or ${machineSecrets.expiresAt} > now())`))
    .orderBy(desc(machineSecrets.createdAt));
  const machineAlerts = await ctx.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.orgId, ctx.orgId), eq(alerts.machineId, machineId)))
    .orderBy(sql`${alerts.status} = 'resolved'`, desc(alerts.lastSeenAt))
    .limit(50);
  return {
    machine,
    location: location ?? null,
    credentials: {
      currentSince: secrets.find((s) => s.expiresAt === null)?.createdAt ?? null,
      previousExpiresAt: secrets.find((s) => s.expiresAt !== null)?.expiresAt ?? null,
    },
    alerts: machineAlerts,
  };
}

/**
 * Who recorded a restock in the app (a technician's visit goes through the machine's events under
 * the visit's event id); null for what the machine reported itself. The outer columns are spelled
 * out: drizzle leaves them unqualified, and inside the subquery they would name the visit's own.
 */
const visitRecordedBy = sql<string | null>`(case when ${machineEvents.type} = 'inventory.restocked' then
  (select coalesce(u.name, 'a former member') from ${routeVisits} rv left join ${users} u on u.id = rv.technician_id
    where rv.org_id = "machine_events"."org_id" and rv.machine_id = "machine_events"."machine_id" and rv.event_id = "machine_events"."event_id") end)`;

/** The machine's raw events, newest received first: the timeline of what it reported. */
export async function listMachineEvents(ctx: ServiceCtx, raw: z.input<typeof machineEventsInput>) {
  const input = machineEventsInput.parse(raw);
  await getMachine(ctx, input.machineId);
  const [cursorTime, cursorId] = input.cursor ? input.cursor.split("|") : [];
  const rows = await ctx.db
    .select({ ...getTableColumns(machineEvents), recordedBy: visitRecordedBy })
    .from(machineEvents)
    .where(
      and(
        eq(machineEvents.orgId, ctx.orgId),
        eq(machineEvents.machineId, input.machineId),
        input.types && input.types.length > 0 ? sql`${machineEvents.type} in ${input.types}` : undefined,
        cursorTime && cursorId
          ? sql`(${machineEvents.occurredAt}, ${machineEvents.eventId}) < (${cursorTime}::timestamptz, ${cursorId})`
          : undefined,
      ),
    )
    .orderBy(desc(machineEvents.occurredAt), desc(machineEvents.eventId))
    .limit(input.limit + 1);
  const events = rows.slice(0, input.limit);
  const last = events.at(-1);
  return {
    events,
    nextCursor: rows.length > input.limit && last ? `${last.occurredAt.toISOString()}|${last.eventId}` : undefined,
  };
}

/** How many machines show each status, for dashboards; never-connected machines count apart from offline ones. */
export async function countMachinesByStatus(ctx: ServiceCtx): Promise<Record<FleetStatus, number>> {
  const rows = await ctx.db
    .select({ status: effectiveStatus, n: sql<number>`count(*)::int` })
    .from(machines)
    .where(eq(machines.orgId, ctx.orgId))
    .groupBy(sql`1`);
  const counts = Object.fromEntries(fleetStatuses.map((s) => [s, 0])) as Record<FleetStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
