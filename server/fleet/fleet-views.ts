import "server-only";
import { and, asc, desc, eq, getTableColumns, ilike, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { alerts, locations, machineEvents, machineSecrets, machines, organizations, routeVisits, slots, users } from "~/db/schema";
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

/**
 * Money on each machine, read from `sales` on its (org_id, machine_id, occurred_at) index (the
 * rollup may lag the raw sales by up to its watermark, so raw sales are the one source): succeeded
 * sales in the org's currency. Today and the 7 days (today and the 6 before) are local days of the
 * org's zone. Each figure is a scalar subquery on the machine's own index range: no N+1.
 */
const zone = sql`${organizations.timeZone}`;
const localToday = sql`(now() at time zone ${zone})::date`;
const todayFrom = sql`(${localToday}::timestamp at time zone ${zone})`;
const weekFrom = sql`((${localToday} - 6)::timestamp at time zone ${zone})`;
const succeeded = sql`s.org_id = ${machines.orgId} and s.machine_id = ${machines.id} and s.status = 'succeeded' and s.currency = ${organizations.currency}`;
const toNumber = (v: unknown) => Number(v ?? 0);
const toDate = (v: string | Date | null) => (v === null ? null : new Date(v));

export const revenueTodayMinor = sql<number>`(select coalesce(sum(s.price_minor), 0)::bigint from sales s
  where ${succeeded} and s.occurred_at >= ${todayFrom} and s.occurred_at <= now())`.mapWith(toNumber);
export const revenue7dMinor = sql<number>`(select coalesce(sum(s.price_minor), 0)::bigint from sales s
  where ${succeeded} and s.occurred_at >= ${weekFrom} and s.occurred_at <= now())`.mapWith(toNumber);
const lastSaleSql = sql`(select max(s.occurred_at) from sales s where ${succeeded})`;
export const lastSaleAt = sql<Date | null>`${lastSaleSql}`.mapWith(toDate);
/** The latest restock (reported or recorded: both are service visits) or technician's route visit. */
const lastServiceSql = sql`greatest(
  (select max(v.occurred_at) from service_visits v where v.org_id = ${machines.orgId} and v.machine_id = ${machines.id}),
  (select max(r.occurred_at) from route_visits r where r.org_id = ${machines.orgId} and r.machine_id = ${machines.id} and r.undone_at is null))`;
export const lastServiceAt = sql<Date | null>`${lastServiceSql}`.mapWith(toDate);
/** Whole local days from the last service to today; null for a machine never serviced. */
export const daysSinceService = sql<number | null>`(${localToday} - (${lastServiceSql} at time zone ${zone})::date)`.mapWith((v: unknown) => (v === null ? null : Number(v)));
/** Units sold since the last service (all of the machine's sales when it was never serviced). */
export const unitsSinceVisit = sql<number>`(select count(*)::int from sales s where ${succeeded}
  and s.occurred_at <= now() and (${lastServiceSql} is null or s.occurred_at > ${lastServiceSql}))`.mapWith(toNumber);
/**
 * Cash in the box, as server/cash/expected.ts counts it: succeeded cash sales since the latest
 * cash collection, less cash paid back by hand since.
 */
const lastCollectionSql = sql`(select max(c.occurred_at) from cash_collections c where c.org_id = ${machines.orgId} and c.machine_id = ${machines.id} and c.occurred_at <= now())`;
export const expectedCashMinor = sql<number>`((select coalesce(sum(s.price_minor), 0)::bigint from sales s
    where ${succeeded} and s.payment_method = 'cash' and s.occurred_at <= now() and (${lastCollectionSql} is null or s.occurred_at > ${lastCollectionSql}))
  - (select coalesce(sum(y.amount_minor), 0)::bigint from cash_payouts y
    where y.org_id = ${machines.orgId} and y.machine_id = ${machines.id} and y.currency = ${organizations.currency}
      and y.paid_at <= now() and (${lastCollectionSql} is null or y.paid_at > ${lastCollectionSql})))`.mapWith(toNumber);

/** The money columns of a machine; the query must join `organizations` on the machine's org. */
export const machineMoney = {
  currency: organizations.currency,
  revenueTodayMinor,
  revenue7dMinor,
  unitsSinceVisit,
  lastSaleAt,
  lastServiceAt,
  daysSinceService,
  expectedCashMinor,
};

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
    revenueToday: sql`${revenueTodayMinor}`,
    revenue7d: sql`${revenue7dMinor}`,
    lastSale: sql`${lastSaleSql}`,
    sinceService: sql`${daysSinceService}`,
    cash: sql`${expectedCashMinor}`,
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
      ...machineMoney,
    })
    .from(machines)
    .innerJoin(organizations, eq(organizations.id, machines.orgId))
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
  const [money] = await ctx.db
    .select(machineMoney)
    .from(machines)
    .innerJoin(organizations, eq(organizations.id, machines.orgId))
    .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, machineId)));
  return {
    machine,
    money: money!,
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
