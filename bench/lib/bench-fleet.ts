// A large synthetic operator for benchmarks, generated with set-based SQL on the owner connection:
// one org with places, products, machines and planograms, then sales in chunks (insert ... select
// from generate_series), plus closed stockout periods. Reused by the analytics and replenishment
// benchmarks.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export interface BenchFleetOptions {
  machines: number;
  slotsPerMachine: number;
  locations: number;
  products: number;
  timeZone: string;
  currency: string;
}

export interface BenchFleet extends BenchFleetOptions {
  orgId: string;
  /** Id prefix of this fleet's rows, so several fleets can share a database. */
  tag: string;
}

export const defaultFleet: BenchFleetOptions = { machines: 1000, slotsPerMachine: 20, locations: 250, products: 200, timeZone: "Europe/Berlin", currency: "EUR" };

/** Creates the org, its locations, products, machines (4 per place by default) and their slots. */
export async function createBenchFleet(db: Db, tag: string, options: Partial<BenchFleetOptions> = {}): Promise<BenchFleet> {
  const o = { ...defaultFleet, ...options };
  const orgId = `org_${tag}`;
  await db.execute(sql`insert into organizations (id, name, slug, time_zone, currency) values (${orgId}, ${`Bench ${tag}`}, ${`bench-${tag}`}, ${o.timeZone}, ${o.currency})`);
  await db.execute(sql`insert into locations (id, org_id, name, kind)
    select ${`loc_${tag}_`} || g, ${orgId}, 'Place ' || g, 'office' from generate_series(1, ${o.locations}::int) g`);
  // Prices from 1.00 to 3.99; costs from 20 % to 85 % of the price, so margins differ.
  await db.execute(sql`insert into products (id, org_id, sku, name, category, price_minor, cost_minor)
    select ${`prd_${tag}_`} || g, ${orgId}, 'SKU-' || g, 'Product ' || g, 'Category ' || (g % 12), 100 + (g * 37) % 300,
      ((100 + (g * 37) % 300) * (20 + (g * 13) % 66) / 100)::int
    from generate_series(1, ${o.products}::int) g`);
  await db.execute(sql`insert into machines (id, org_id, location_id, name, serial, status, last_seen_at)
    select ${`mch_${tag}_`} || g, ${orgId}, ${`loc_${tag}_`} || (1 + (g - 1) % ${o.locations}::int), 'Machine ' || g, 'BSN-' || g, 'online', now()
    from generate_series(1, ${o.machines}::int) g`);
  await db.execute(sql`insert into slots (id, org_id, machine_id, code, product_id, capacity, par_level, stock)
    select ${`slt_${tag}_`} || m || '_' || s, ${orgId}, ${`mch_${tag}_`} || m, 'S' || s,
      ${`prd_${tag}_`} || (1 + (m * 7 + s * 13) % ${o.products}::int), 10, 5, 5
    from generate_series(1, ${o.machines}::int) m, generate_series(1, ${o.slotsPerMachine}::int) s`);
  return { ...o, orgId, tag };
}

/**
 * Inserts sales numbered [first, first + count) that occurred over the `days` before `end`, in
 * chunks of `chunk` rows, one transaction each. Slots sell unevenly (low slot numbers more), 2 %
 * of vends fail, payments are mixed.
 */
export async function generateSales(
  db: Db,
  fleet: BenchFleet,
  range: { first: number; count: number; days: number; end: Date },
  options: { chunk?: number; progress?: (done: number) => void } = {},
): Promise<void> {
  const chunk = options.chunk ?? 500_000;
  const { tag, orgId } = fleet;
  for (let from = range.first; from < range.first + range.count; from += chunk) {
    const to = Math.min(range.first + range.count, from + chunk) - 1;
    await db.execute(sql`insert into sales (id, org_id, machine_id, event_id, location_id, slot_code, product_id, status, failure_reason,
        price_minor, cost_minor, currency, payment_method, occurred_at, received_at)
      select ${`sal_${tag}_`} || x.n, ${orgId}, ${`mch_${tag}_`} || x.m, 'evt-' || x.n, ${`loc_${tag}_`} || (1 + (x.m - 1) % ${fleet.locations}::int), 'S' || x.s,
        p.id, case when x.n % 50 = 0 then 'failed'::sale_status else 'succeeded'::sale_status end,
        case when x.n % 50 = 0 then 'jammed'::vend_failure_reason end, p.price_minor,
        case when x.n % 50 = 0 then 0 else p.cost_minor end, ${fleet.currency},
        (array['card', 'card', 'cash', 'card', 'alipay', 'wechat_pay', 'online', 'cash'])[1 + x.n % 8]::payment_method, x.t, x.t
      from (
        select n, 1 + (n * 7919) % ${fleet.machines}::int as m, 1 + floor(${fleet.slotsPerMachine}::int * power(random(), 1.6))::int as s,
          ${range.end.toISOString()}::timestamptz - random() * ${range.days}::int * interval '1 day' as t
        from generate_series(${from}::bigint, ${to}::bigint) n
      ) x
      join products p on p.id = ${`prd_${tag}_`} || (1 + (x.m * 7 + x.s * 13) % ${fleet.products}::int)`);
    options.progress?.(to - range.first + 1);
  }
}

/** Closed stockout periods of 2 to 30 hours on random slots over the `days` before `end`. */
export async function generateStockouts(db: Db, fleet: BenchFleet, count: number, days: number, end: Date): Promise<void> {
  const { tag, orgId } = fleet;
  await db.execute(sql`insert into slot_stockouts (id, org_id, machine_id, slot_code, product_id, started_at, ended_at)
    select ${`sto_${tag}_`} || g, ${orgId}, ${`mch_${tag}_`} || x.m, 'S' || x.s, ${`prd_${tag}_`} || (1 + (x.m * 7 + x.s * 13) % ${fleet.products}::int),
      x.t, x.t + (2 + random() * 28) * interval '1 hour'
    from generate_series(1, ${count}::int) g,
      lateral (select 1 + (g::bigint * 104729) % ${fleet.machines}::int as m, 1 + (g * 31) % ${fleet.slotsPerMachine}::int as s,
        ${end.toISOString()}::timestamptz - (1 + random() * ${days - 1}::int) * interval '1 day' as t) x`);
}

/**
 * The hours each machine reported in over the `days` before `end` (what ingest records with every
 * event): every hour, less about 2 % of outages.
 */
export async function generateReportHours(db: Db, fleet: BenchFleet, days: number, end: Date): Promise<void> {
  const { tag, orgId } = fleet;
  const last = sql`date_trunc('hour', ${end.toISOString()}::timestamptz, 'UTC')`;
  for (let m = 1; m <= fleet.machines; m += 100) {
    await db.execute(sql`insert into machine_report_hours (org_id, machine_id, hour)
      select ${orgId}, ${`mch_${tag}_`} || g, h
      from generate_series(${m}::int, ${Math.min(fleet.machines, m + 99)}::int) g,
        generate_series(${last} - ${days}::int * interval '1 day', ${last}, interval '1 hour') h
      where random() >= 0.02
      on conflict do nothing`);
  }
}
