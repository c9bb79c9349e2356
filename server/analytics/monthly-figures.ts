import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client";
import { ALL_LOCATIONS, ALL_MACHINES, type MonthlyBreakdownRow, type MonthlyBreakdowns, type MonthlyFigures } from "~/db/schema";

/** One org month: its first day and the org's zone and currency. */
export interface OrgMonth {
  orgId: string;
  /** First day of the month, YYYY-MM-01, in the org's zone. */
  month: string;
  timeZone: string;
  currency: string;
}

interface SalesSums {
  units: number;
  revenue: number;
  cost: number;
  failed: number;
  refunds: number;
  refund_minor: number;
  stockout_seconds: number;
}

const SUMS = sql`coalesce(sum(units), 0)::bigint as units, coalesce(sum(revenue_minor), 0)::bigint as revenue, coalesce(sum(cost_minor), 0)::bigint as cost,
  coalesce(sum(failed_vends), 0)::bigint as failed, coalesce(sum(refunds), 0)::bigint as refunds, coalesce(sum(refund_minor), 0)::bigint as refund_minor`;

const inMonth = (m: OrgMonth) => sql`org_id = ${m.orgId} and day >= ${m.month}::date and day < (${m.month}::date + interval '1 month')`;

function figuresOf(s: SalesSums, uptime: number | null): MonthlyFigures {
  const units = Number(s.units);
  const revenueMinor = Number(s.revenue);
  const costMinor = Number(s.cost);
  const failedVends = Number(s.failed);
  return {
    revenueMinor,
    costMinor,
    marginMinor: revenueMinor - costMinor,
    units,
    tickets: units,
    averageTicketMinor: units > 0 ? Math.round(revenueMinor / units) : 0,
    failedVends,
    refunds: Number(s.refunds),
    refundMinor: Number(s.refund_minor),
    failureRate: units + failedVends > 0 ? failedVends / (units + failedVends) : 0,
    stockoutHours: Math.round((Number(s.stockout_seconds) / 3600) * 10) / 10,
    uptime,
  };
}

/**
 * Machine uptime per machine for a month: the share of its service hours in which it reported at
 * least once (any event: heartbeat, vend, fault...). Service hours run from the month's start, or
 * the machine's first report if later, to the month's end or now; a machine that never reported
 * has none and no uptime.
 */
export async function uptimeByMachine(db: Db, m: OrgMonth): Promise<Map<string, { up: number; service: number }>> {
  // Per machine, so each count reads that machine's events of the month through its index.
  const rows = await queryRows<{ id: string; up: number; service: number }>(
    db,
    sql`with bounds as (
        select (${m.month}::date)::timestamp at time zone ${m.timeZone} as s,
               least((${m.month}::date + interval '1 month')::timestamp at time zone ${m.timeZone}, now()) as e
      )
      select mc.id, x.up, greatest(0, ceil(extract(epoch from b.e - greatest(b.s, date_trunc('hour', x.first_at))) / 3600))::int as service
      from machines mc cross join bounds b
      cross join lateral (
        select (select min(me.occurred_at) from machine_events me where me.org_id = mc.org_id and me.machine_id = mc.id) as first_at,
          (select count(distinct date_trunc('hour', me.occurred_at)) from machine_events me
            where me.org_id = mc.org_id and me.machine_id = mc.id and me.occurred_at >= b.s and me.occurred_at < b.e)::int as up
      ) x
      where mc.org_id = ${m.orgId} and x.first_at is not null`,
  );
  return new Map(rows.map((r) => [r.id, { up: Math.min(Number(r.up), Number(r.service)), service: Number(r.service) }]));
}

const ratio = (u: { up: number; service: number } | undefined) => (u && u.service > 0 ? u.up / u.service : null);

/** The month's totals, from the rollups (and the machines' reports for uptime, unless given). */
export async function monthFigures(db: Db, m: OrgMonth, uptimes?: Map<string, { up: number; service: number }>): Promise<MonthlyFigures> {
  const [sums] = await queryRows<SalesSums>(
    db,
    sql`select ${SUMS}, (select coalesce(sum(seconds), 0) from stockout_daily where ${inMonth(m)}) as stockout_seconds
      from sales_daily_org where ${inMonth(m)} and currency = ${m.currency}`,
  );
  const uptime = [...(uptimes ?? (await uptimeByMachine(db, m))).values()].reduce((a, u) => ({ up: a.up + u.up, service: a.service + u.service }), { up: 0, service: 0 });
  return figuresOf(sums!, ratio(uptime));
}

/** Sums of a rollup grouped by a key, with stockout seconds by the same key, labelled. */
async function breakdown(db: Db, m: OrgMonth, q: { sales: SQL; stockouts: SQL | null; labels: SQL }): Promise<(SalesSums & { key: string; label: string })[]> {
  return queryRows(
    db,
    sql`with s as (${q.sales}), so as (${q.stockouts ?? sql`select null::text as key, 0::bigint as seconds where false`}),
      keys as (select key from s union select key from so)
      select k.key, coalesce(l.label, k.key) as label, coalesce(s.units, 0) as units, coalesce(s.revenue, 0) as revenue, coalesce(s.cost, 0) as cost,
        coalesce(s.failed, 0) as failed, coalesce(s.refunds, 0) as refunds, coalesce(s.refund_minor, 0) as refund_minor, coalesce(so.seconds, 0) as stockout_seconds
      from keys k left join s on s.key = k.key left join so on so.key = k.key left join (${q.labels}) l on l.key = k.key
      order by coalesce(s.revenue, 0) desc, label`,
  );
}

function rowsOf(rows: (SalesSums & { key: string; label: string })[], uptime?: Map<string, { up: number; service: number }>): MonthlyBreakdownRow[] {
  return rows.map((r) => {
    const { tickets: _t, averageTicketMinor: _a, uptime: _u, ...figures } = figuresOf(r, null);
    return { key: r.key, label: r.label, ...figures, ...(uptime ? { uptime: ratio(uptime.get(r.key)) } : {}) };
  });
}

/** The month broken down by machine, location, product and payment method. */
export async function monthBreakdowns(db: Db, m: OrgMonth, uptime: Map<string, { up: number; service: number }>): Promise<MonthlyBreakdowns> {
  const cur = sql`currency = ${m.currency}`;
  const machines = await breakdown(db, m, {
    sales: sql`select machine_id as key, ${SUMS} from sales_daily_machine where ${inMonth(m)} and ${cur} and machine_id <> ${ALL_MACHINES} group by 1`,
    stockouts: sql`select machine_id as key, sum(seconds) as seconds from stockout_daily where ${inMonth(m)} group by 1`,
    labels: sql`select id as key, name as label from machines where org_id = ${m.orgId}`,
  });
  const locations = await breakdown(db, m, {
    sales: sql`select location_id as key, ${SUMS} from sales_daily_machine where ${inMonth(m)} and ${cur} and machine_id = ${ALL_MACHINES} group by 1`,
    stockouts: sql`select location_id as key, sum(seconds) as seconds from stockout_daily where ${inMonth(m)} group by 1`,
    labels: sql`select id as key, name as label from locations where org_id = ${m.orgId} union all select '', 'No location'`,
  });
  const products = await breakdown(db, m, {
    sales: sql`select product_id as key, ${SUMS} from sales_daily_product where ${inMonth(m)} and ${cur} and location_id = ${ALL_LOCATIONS} group by 1`,
    stockouts: sql`select product_id as key, sum(seconds) as seconds from stockout_daily where ${inMonth(m)} group by 1`,
    labels: sql`select id as key, name as label from products where org_id = ${m.orgId} union all select '', 'Unknown product'`,
  });
  const paymentMethods = await breakdown(db, m, {
    sales: sql`select payment_method as key, ${SUMS} from sales_daily_org where ${inMonth(m)} and ${cur} group by 1`,
    stockouts: null,
    labels: sql`select null::text as key, null::text as label where false`,
  });
  // Machines by location for uptime per place: the machine's uptime hours summed by its location.
  const byLocation = new Map<string, { up: number; service: number }>();
  const machineLocation = await queryRows<{ id: string; location_id: string | null }>(db, sql`select id, location_id from machines where org_id = ${m.orgId}`);
  for (const { id, location_id } of machineLocation) {
    const u = uptime.get(id);
    if (!u) continue;
    const key = location_id ?? "";
    const acc = byLocation.get(key) ?? { up: 0, service: 0 };
    byLocation.set(key, { up: acc.up + u.up, service: acc.service + u.service });
  }
  return {
    machines: rowsOf(machines, uptime),
    locations: rowsOf(locations, byLocation),
    products: rowsOf(products),
    paymentMethods: rowsOf(paymentMethods),
  };
}
