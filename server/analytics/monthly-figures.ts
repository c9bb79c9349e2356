import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client";
import { ALL_LOCATIONS, ALL_MACHINES, type MonthlyBreakdownRow, type MonthlyBreakdowns, type MonthlyFigures } from "~/db/schema";

/** Some months of one org: their first days (YYYY-MM-01, in the org's zone) and the org's zone and currency. */
export interface OrgMonths {
  orgId: string;
  months: string[];
  timeZone: string;
  currency: string;
}

export interface MonthResult {
  figures: MonthlyFigures;
  breakdowns: MonthlyBreakdowns;
}

interface Sums {
  units: number;
  revenue: number;
  cost: number;
  failed: number;
  refunds: number;
  refundMinor: number;
  stockoutSeconds: number;
}

interface Uptime {
  up: number;
  service: number;
}

type BreakdownKind = "machine" | "location" | "product" | "payment";

const SUMS = sql`sum(units)::bigint as units, sum(revenue_minor)::bigint as revenue, sum(cost_minor)::bigint as cost,
  sum(failed_vends)::bigint as failed, sum(refunds)::bigint as refunds, sum(refund_minor)::bigint as refund_minor`;
const MONTH = sql`to_char(date_trunc('month', day), 'YYYY-MM-DD')`;

/** Rows of the given months only, read as one day range of the org (the rollups' keys lead with org and day). */
function inMonths(r: OrgMonths) {
  const sorted = [...r.months].sort();
  const from = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  return sql`org_id = ${r.orgId} and day >= ${from}::date and day < (${last}::date + interval '1 month')
    and date_trunc('month', day)::date = any(${`{${sorted.join(",")}}`}::date[])`;
}

const emptySums = (): Sums => ({ units: 0, revenue: 0, cost: 0, failed: 0, refunds: 0, refundMinor: 0, stockoutSeconds: 0 });

function figuresOf(s: Sums, uptime: number | null): MonthlyFigures {
  return {
    revenueMinor: s.revenue,
    costMinor: s.cost,
    marginMinor: s.revenue - s.cost,
    units: s.units,
    tickets: s.units,
    averageTicketMinor: s.units > 0 ? Math.round(s.revenue / s.units) : 0,
    failedVends: s.failed,
    refunds: s.refunds,
    refundMinor: s.refundMinor,
    failureRate: s.units + s.failed > 0 ? s.failed / (s.units + s.failed) : 0,
    stockoutHours: Math.round((s.stockoutSeconds / 3600) * 10) / 10,
    uptime,
  };
}

const ratio = (u: Uptime | undefined) => (u && u.service > 0 ? u.up / u.service : null);

/**
 * Machine uptime per month and machine: the share of its service hours in which it reported at
 * least once (any event: heartbeat, vend, fault...). Service hours run from the month's start, or
 * the machine's first report if later, to the month's end or now; a machine that never reported
 * has none and no uptime. Read from the hours machines reported in, not from their events.
 */
async function uptimeByMonth(db: Db, r: OrgMonths): Promise<Map<string, Map<string, Uptime>>> {
  // Per machine and month, so each count reads that machine's hours of the month through the key.
  const rows = await queryRows<{ month: string; id: string; up: number; service: number }>(
    db,
    // Materialized, so the bounds reach the count as plain values: under row-level security only
    // comparisons free of (non-leakproof) functions can be index conditions.
    sql`with months as materialized (
        select m::text as month, m::timestamp at time zone ${r.timeZone} as s, date_trunc('hour', m::timestamp at time zone ${r.timeZone}, 'UTC') as hs,
               least((m + interval '1 month')::timestamp at time zone ${r.timeZone}, now()) as e
        from unnest(${`{${r.months.join(",")}}`}::date[]) m
      ),
      reporting as (
        select mc.id, mc.org_id, f.first_at from machines mc
        cross join lateral (select min(h.hour) as first_at from machine_report_hours h where h.org_id = mc.org_id and h.machine_id = mc.id) f
        where mc.org_id = ${r.orgId} and f.first_at is not null
      )
      select mo.month, rp.id, x.up, greatest(0, ceil(extract(epoch from mo.e - greatest(mo.s, rp.first_at)) / 3600))::int as service
      from reporting rp cross join months mo
      cross join lateral (
        select count(*)::int as up from machine_report_hours h
        where h.org_id = rp.org_id and h.machine_id = rp.id and h.hour >= mo.hs and h.hour < mo.e
      ) x`,
  );
  const byMonth = new Map<string, Map<string, Uptime>>();
  for (const row of rows) {
    const machines = byMonth.get(row.month) ?? new Map<string, Uptime>();
    machines.set(row.id, { up: Math.min(Number(row.up), Number(row.service)), service: Number(row.service) });
    byMonth.set(row.month, machines);
  }
  return byMonth;
}

/**
 * The sums of every month and breakdown in one statement: totals and payment methods from the org
 * rollup, machines and locations from the machine rollup, products from the product rollup, and
 * stockout time by each key from the stockout rollup.
 */
async function sumsByMonth(db: Db, r: OrgMonths) {
  const where = sql`${inMonths(r)} and currency = ${r.currency}`;
  const rows = await queryRows<{ month: string; kind: BreakdownKind | "total"; key: string; units: string; revenue: string; cost: string; failed: string; refunds: string; refund_minor: string; seconds: string }>(
    db,
    sql`select ${MONTH} as month, case when grouping(payment_method) = 1 then 'total' else 'payment' end as kind, coalesce(payment_method, '') as key, ${SUMS}, 0 as seconds
        from sales_daily_org where ${where} group by grouping sets ((1), (1, payment_method))
      union all
      select ${MONTH}, case when machine_id = ${ALL_MACHINES} then 'location' else 'machine' end, case when machine_id = ${ALL_MACHINES} then location_id else machine_id end, ${SUMS}, 0
        from sales_daily_machine where ${where} group by 1, 2, 3
      union all
      select ${MONTH}, 'product', product_id, ${SUMS}, 0 from sales_daily_product where ${where} and location_id = ${ALL_LOCATIONS} group by 1, 3
      union all
      select ${MONTH}, g.kind, g.key, null, null, null, null, null, null, sum(seconds) from stockout_daily,
        lateral (values ('machine', machine_id), ('location', location_id), ('product', product_id), ('total', '')) g(kind, key)
        where ${inMonths(r)} group by 1, 2, 3`,
  );
  // month -> kind -> key -> sums
  const sums = new Map<string, Map<string, Map<string, Sums>>>();
  for (const row of rows) {
    const kinds = sums.get(row.month) ?? new Map<string, Map<string, Sums>>();
    sums.set(row.month, kinds);
    const keys = kinds.get(row.kind) ?? new Map<string, Sums>();
    kinds.set(row.kind, keys);
    const acc = keys.get(row.key) ?? emptySums();
    keys.set(row.key, acc);
    acc.units += Number(row.units ?? 0);
    acc.revenue += Number(row.revenue ?? 0);
    acc.cost += Number(row.cost ?? 0);
    acc.failed += Number(row.failed ?? 0);
    acc.refunds += Number(row.refunds ?? 0);
    acc.refundMinor += Number(row.refund_minor ?? 0);
    acc.stockoutSeconds += Number(row.seconds ?? 0);
  }
  return sums;
}

/**
 * Refunds made in each month other than those owed for failed vends (which the sales rollups
 * count): by hand, on request, and for online orders never dispensed.
 */
async function otherRefundsByMonth(db: Db, r: OrgMonths): Promise<Map<string, { n: number; minor: number }>> {
  const sorted = [...r.months].sort();
  const rows = await queryRows<{ month: string; n: number; minor: string }>(
    db,
    sql`select to_char(date_trunc('month', created_at at time zone ${r.timeZone}), 'YYYY-MM-DD') as month, count(*)::int as n, sum(amount_minor)::bigint as minor
      from refunds
      where org_id = ${r.orgId} and currency = ${r.currency} and not (origin = 'automatic' and sale_id is not null)
        and created_at >= (${sorted[0]!}::date)::timestamp at time zone ${r.timeZone}
        and created_at < (${sorted[sorted.length - 1]!}::date + interval '1 month')::timestamp at time zone ${r.timeZone}
      group by 1`,
  );
  return new Map(rows.map((row) => [row.month, { n: Number(row.n), minor: Number(row.minor) }]));
}

/** Names for the breakdowns' keys, and the place each machine stands at now. */
async function labels(db: Db, orgId: string) {
  const rows = await queryRows<{ kind: BreakdownKind; key: string; label: string; location_id: string | null }>(
    db,
    sql`select 'machine' as kind, id as key, name as label, location_id from machines where org_id = ${orgId}
      union all select 'location', id, name, null from locations where org_id = ${orgId}
      union all select 'product', id, name, null from products where org_id = ${orgId}`,
  );
  const names: Record<BreakdownKind, Map<string, string>> = {
    machine: new Map(),
    location: new Map([["", "No location"]]),
    product: new Map([["", "Unknown product"]]),
    payment: new Map(),
  };
  const machineLocation = new Map<string, string>();
  for (const row of rows) {
    names[row.kind].set(row.key, row.label);
    if (row.kind === "machine") machineLocation.set(row.key, row.location_id ?? "");
  }
  return { names, machineLocation };
}

function breakdownRows(keys: Map<string, Sums> | undefined, names: Map<string, string>, uptime?: Map<string, Uptime>): MonthlyBreakdownRow[] {
  const rows = [...(keys ?? new Map<string, Sums>())].map(([key, s]) => {
    const { tickets: _t, averageTicketMinor: _a, uptime: _u, ...figures } = figuresOf(s, null);
    return { key, label: names.get(key) ?? key, ...figures, ...(uptime ? { uptime: ratio(uptime.get(key)) } : {}) };
  });
  return rows.sort((a, b) => b.revenueMinor - a.revenueMinor || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/**
 * The figures and breakdowns (by machine, location, product and payment method) of each given
 * month of one org, from its rollups, with one pass over each rollup for all the months together.
 */
export async function computeMonths(db: Db, r: OrgMonths): Promise<Map<string, MonthResult>> {
  const results = new Map<string, MonthResult>();
  if (r.months.length === 0) return results;
  const bad = r.months.find((m) => !/^\d{4}-(0[1-9]|1[0-2])-01$/.test(m));
  if (bad) throw new Error(`Not the first day of a month: ${bad}`);
  const sums = await sumsByMonth(db, r);
  const uptimes = await uptimeByMonth(db, r);
  const { names, machineLocation } = await labels(db, r.orgId);
  const otherRefunds = await otherRefundsByMonth(db, r);
  for (const month of r.months) {
    const kinds = sums.get(month);
    const uptime = uptimes.get(month) ?? new Map<string, Uptime>();
    const total = [...uptime.values()].reduce((a, u) => ({ up: a.up + u.up, service: a.service + u.service }), { up: 0, service: 0 });
    // Uptime per place: the hours of its machines (where they stand now) summed.
    const byLocation = new Map<string, Uptime>();
    for (const [id, u] of uptime) {
      const key = machineLocation.get(id) ?? "";
      const acc = byLocation.get(key) ?? { up: 0, service: 0 };
      byLocation.set(key, { up: acc.up + u.up, service: acc.service + u.service });
    }
    const of = (kind: BreakdownKind, withUptime?: Map<string, Uptime>) => breakdownRows(kinds?.get(kind), names[kind], withUptime);
    results.set(month, {
      figures: {
        ...figuresOf(kinds?.get("total")?.get("") ?? emptySums(), ratio(total)),
        otherRefunds: otherRefunds.get(month)?.n ?? 0,
        otherRefundMinor: otherRefunds.get(month)?.minor ?? 0,
      },
      breakdowns: { machines: of("machine", uptime), locations: of("location", byLocation), products: of("product"), paymentMethods: of("payment") },
    });
  }
  return results;
}
