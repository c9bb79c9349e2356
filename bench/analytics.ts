// Analytics at the scale of a large operator: 1,000 machines x 20 slots, a year, 10 million sales.
// Prints, side by side in one run: the full monthly-statistics job against one hand-written
// INSERT ... SELECT ... GROUP BY of the same figures; the incremental rollup after 1 % new sales
// against the full rollup; overview and ranking answers from rollups (p50/p95) against the same
// answers computed from raw sales.
// Usage: npm run bench bench/analytics.ts -- [--sales 10000000] [--fresh]
// The data stays in BENCH_DATABASE_URL (default: the local vendops_bench, created if missing) for the next run.
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../db/client";
import { withTenant } from "../db/tenant";
import { generateDueMonths } from "~/server/analytics";
import { getOverview } from "~/server/analytics";
import { getRankings } from "~/server/analytics";
import { rollUpOrg } from "~/server/analytics";
import { systemContext, type ServiceCtx } from "../server/context";
import { openBenchDatabase } from "./lib/bench-database";
import { createBenchFleet, generateReportHours, generateSales, generateStockouts, type BenchFleet, defaultFleet } from "./lib/bench-fleet";

const { values } = parseArgs({ options: { sales: { type: "string", default: "10000000" }, fresh: { type: "boolean", default: false } } });
const total = Number(values.sales);
const TAG = "bench";
const DAYS = 365;
/** Sales a run adds for the incremental rollup are numbered from here, past the generated ones. */
const FRESH_FROM = 10 * total;

const handle = await openBenchDatabase();
const { db } = handle;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(1)} ms`;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

try {
  const fleet = await ensureFleet(db);
  const org = { id: fleet.orgId, timeZone: fleet.timeZone, currency: fleet.currency };
  const [{ n: salesCount }] = (await queryRows<{ n: number }>(db, sql`select count(*)::bigint as n from sales where org_id = ${org.id}`)) as [{ n: number }];
  console.log(`\n${fleet.machines} machines x ${fleet.slotsPerMachine} slots, ${fleet.locations} places, ${fleet.products} products, ${Number(salesCount).toLocaleString("en")} sales over a year\n`);

  // 1. Rollups: everything from scratch, then 1 % new sales.
  await resetRollups(db, org.id);
  const [, full] = await timed(() => rollUpOrg(db, org));
  const [{ max }] = (await queryRows<{ max: number }>(db, sql`select count(*)::bigint as max from sales where org_id = ${org.id}`)) as [{ max: number }];
  const fresh = Math.round(total / 100);
  await generateSales(db, fleet, { first: FRESH_FROM + Number(max), count: fresh, days: 2, end: new Date() });
  const [, incremental] = await timed(() => rollUpOrg(db, org));
  // What autovacuum does after a bulk write: statistics for the planner, a visibility map for index-only scans.
  await db.execute(sql`vacuum (analyze) sales_daily, sales_daily_org, sales_daily_product, sales_daily_machine, stockout_daily, machine_report_hours`);

  // 2. Monthly statistics: the job for every closed month, against one INSERT ... SELECT ... GROUP BY.
  await db.execute(sql`delete from monthly_statistics where org_id = ${org.id}`);
  const [months, job] = await timed(() => generateDueMonths(db, { org }));
  const [, baseline] = await timed(() => handWrittenMonthly(db, fleet));
  const [, fromRaw] = await timed(() => rawMonthly(db, fleet));

  // 3. Dashboards: the answers from rollups, against the same answers from raw sales.
  const ctx = (tx: Db): ServiceCtx => systemContext(tx, { orgId: org.id, actor: "system", label: "bench" });
  const asTenant = <T>(fn: (c: ServiceCtx) => Promise<T>) => withTenant(db, { orgId: org.id }, (tx) => fn(ctx(tx)));
  const place = `loc_${TAG}_1`;
  const queries: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    ["overview (today vs last week, 30-day chart, top products)", () => asTenant(getOverview), () => rawOverview(db, fleet)],
    ["rankings, whole org, 30 days vs 30 before", () => asTenant((c) => getRankings(c, {})), () => rawRankings(db, fleet, null)],
    ["rankings at one location, 30 days vs 30 before", () => asTenant((c) => getRankings(c, { locationId: place })), () => rawRankings(db, fleet, place)],
  ];

  console.log("| figure | ours | baseline | ratio | goal |");
  console.log("| --- | --- | --- | --- | --- |");
  console.log(`| monthly statistics job, ${months.length} months (rollups to stored rows) | ${seconds(job)} | one INSERT ... SELECT ... GROUP BY of the same figures over the same rollups: ${seconds(baseline)} | ${(job / baseline).toFixed(2)}x | <= 1.5x |`);
  console.log(`| (for scale) the same GROUP BY over raw sales | | ${seconds(fromRaw)} | | |`);
  console.log(`| incremental rollup after 1 % new sales (${fresh.toLocaleString("en")}) | ${seconds(incremental)} | full rollup of every sale: ${seconds(full)} | ${(incremental / full).toFixed(3)}x | <= 0.1x |`);
  for (const [name, fast, slow] of queries) {
    await fast();
    const runs: number[] = [];
    for (let i = 0; i < 40; i++) runs.push((await timed(fast))[1]);
    const rawRuns: number[] = [];
    for (let i = 0; i < 3; i++) rawRuns.push((await timed(slow))[1]);
    const p50 = percentile(runs, 50);
    const p95 = percentile(runs, 95);
    const raw = percentile(rawRuns, 50);
    console.log(`| ${name} | p50 ${millis(p50)}, p95 ${millis(p95)} | from raw sales: ${millis(raw)} | ${(raw / p95).toFixed(0)}x faster (at p95) | p95 <= 100 ms, >= 100x |`);
  }
  // The data set is left as generated (a year of the traffic model, no rollups) for the next run and
  // for bench/replenishment.ts, whose backtest would otherwise meet two days of extra sales.
  await removeFreshSales(db, fleet);
  await resetRollups(db, org.id);
} finally {
  await handle.close();
}

async function ensureFleet(db: Db): Promise<BenchFleet> {
  const orgId = `org_${TAG}`;
  const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::bigint as n from sales where org_id = ${orgId}`);
  if (existing && Number(existing.n) >= total && !values.fresh) {
    const fleet = { ...defaultFleet, orgId, tag: TAG };
    // Left by a run that stopped before cleaning up.
    await removeFreshSales(db, fleet);
    const [stockouts] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from slot_stockouts where org_id = ${orgId}`);
    if (Number(stockouts?.n ?? 0) === 0) await generateStockouts(db, fleet, 40_000, DAYS, new Date());
    const [hours] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select 1 from machine_report_hours where org_id = ${orgId} limit 1) h`);
    if (Number(hours?.n ?? 0) === 0) {
      console.log("Generating the hours machines reported in...");
      await generateReportHours(db, fleet, DAYS, new Date());
    }
    await db.execute(sql`analyze`);
    return fleet;
  }
  await db.execute(sql`delete from organizations where id = ${orgId}`);
  const fleet = await createBenchFleet(db, TAG);
  const end = new Date();
  const started = performance.now();
  await generateSales(db, fleet, { first: 1, count: total, days: DAYS, end }, {
    progress: (done) => {
      const rate = done / ((performance.now() - started) / 1000);
      process.stdout.write(`\rGenerating sales: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} (${Math.round(rate).toLocaleString("en")}/s)   `);
    },
  });
  await generateStockouts(db, fleet, 40_000, DAYS, end);
  console.log("\nGenerating the hours machines reported in...");
  await generateReportHours(db, fleet, DAYS, end);
  await db.execute(sql`analyze`);
  return fleet;
}

/** Deletes the sales runs added for the incremental rollup (numbered from FRESH_FROM). */
async function removeFreshSales(db: Db, fleet: BenchFleet) {
  const prefix = `sal_${fleet.tag}_`;
  await db.execute(sql`delete from sales where org_id = ${fleet.orgId} and id like ${`${prefix}%`} and substr(id, ${prefix.length + 1})::bigint >= ${FRESH_FROM}`);
}

async function resetRollups(db: Db, orgId: string) {
  for (const table of ["sales_daily", "sales_daily_org", "sales_daily_product", "sales_daily_machine", "stockout_daily", "rollup_watermarks", "monthly_statistics"]) {
    await db.execute(sql`delete from ${sql.identifier(table)} where org_id = ${orgId}`);
  }
}

// Function declarations, not constants: the measurements above run before this part of the module.
function sums() {
  return sql`sum(units), sum(revenue_minor), sum(cost_minor), sum(failed_vends), sum(refunds), sum(refund_minor)`;
}
function monthOfDay() {
  return sql`date_trunc('month', day)::date`;
}

async function benchMonthlyTable(db: Db) {
  await db.execute(sql`create temp table if not exists bench_monthly (month date, kind text, key text, units bigint, revenue bigint, cost bigint, failed bigint, refunds bigint, refund bigint)`);
  await db.execute(sql`truncate bench_monthly`);
}

/**
 * The job's figures in one INSERT ... SELECT ... GROUP BY over the same rollups it reads: totals and
 * payment methods from the org rollup, machines and locations from the machine rollup, products from
 * the product rollup, stockout time from the stockout rollup, hours with a report per machine for
 * uptime, other refunds from the refunds, for every closed month.
 */
async function handWrittenMonthly(db: Db, fleet: BenchFleet) {
  await benchMonthlyTable(db);
  const closed = sql`org_id = ${fleet.orgId} and day < date_trunc('month', now() at time zone ${fleet.timeZone})`;
  await db.execute(sql`insert into bench_monthly
    select ${monthOfDay()}, case when grouping(payment_method) = 1 then 'total' else 'payment' end, coalesce(payment_method, ''), ${sums()}
      from sales_daily_org where ${closed} and currency = ${fleet.currency} group by grouping sets ((1), (1, payment_method))
    union all
    select ${monthOfDay()}, case when machine_id = '*' then 'location' else 'machine' end, case when machine_id = '*' then location_id else machine_id end, ${sums()}
      from sales_daily_machine where ${closed} and currency = ${fleet.currency} group by 1, 2, 3
    union all
    select ${monthOfDay()}, 'product', product_id, ${sums()} from sales_daily_product where ${closed} and currency = ${fleet.currency} and location_id = '*' group by 1, 3
    union all
    select ${monthOfDay()}, 'stockout_' || g.kind, g.key, 0, 0, 0, 0, 0, sum(seconds) from stockout_daily,
      lateral (values ('machine', machine_id), ('location', location_id), ('product', product_id), ('total', '')) g(kind, key)
      where ${closed} group by 1, 2, 3
    union all
    select date_trunc('month', hour at time zone ${fleet.timeZone})::date, 'uptime', machine_id, count(*), 0, 0, 0, 0, 0 from machine_report_hours
      where org_id = ${fleet.orgId} and hour < date_trunc('month', now() at time zone ${fleet.timeZone}) at time zone ${fleet.timeZone} group by 1, 3
    union all
    select date_trunc('month', created_at at time zone ${fleet.timeZone})::date, 'other_refunds', '', 0, 0, 0, 0, count(*), sum(amount_minor) from refunds
      where org_id = ${fleet.orgId} and currency = ${fleet.currency} and not (origin = 'automatic' and sale_id is not null)
        and created_at < date_trunc('month', now() at time zone ${fleet.timeZone}) at time zone ${fleet.timeZone} group by 1`);
}

/** For scale: the same figures grouped straight from raw sales. */
async function rawMonthly(db: Db, fleet: BenchFleet) {
  await benchMonthlyTable(db);
  await db.execute(sql`insert into bench_monthly
    select date_trunc('month', day)::date, 'k', coalesce(machine_id, location_id, product_id, payment_method, ''), sum(units), sum(revenue_minor), sum(cost_minor), sum(failed_vends), sum(refunds), sum(refund_minor)
    from (select (occurred_at at time zone ${fleet.timeZone})::date as day, machine_id, location_id, product_id, payment_method::text as payment_method,
        (status = 'succeeded')::int as units, case when status = 'succeeded' then price_minor else 0 end as revenue_minor,
        case when status = 'succeeded' then cost_minor else 0 end as cost_minor, (status = 'failed')::int as failed_vends,
        (status = 'failed' and price_minor > 0)::int as refunds, case when status = 'failed' then price_minor else 0 end as refund_minor
      from sales where org_id = ${fleet.orgId}) s
    where s.day < date_trunc('month', now() at time zone ${fleet.timeZone})
    group by grouping sets ((1), (1, machine_id), (1, location_id), (1, product_id), (1, payment_method))`);
}

function localDay(fleet: BenchFleet, daysBack: number) {
  return sql`((now() at time zone ${fleet.timeZone})::date - ${daysBack}::int)::timestamp at time zone ${fleet.timeZone}`;
}

async function rawOverview(db: Db, fleet: BenchFleet) {
  await db.execute(sql`select (occurred_at at time zone ${fleet.timeZone})::date, count(*) filter (where status = 'succeeded'),
      sum(price_minor) filter (where status = 'succeeded') from sales where org_id = ${fleet.orgId} and occurred_at >= ${localDay(fleet, 29)} group by 1`);
  await db.execute(sql`select product_id, sum(price_minor) filter (where status = 'succeeded') as r from sales
      where org_id = ${fleet.orgId} and occurred_at >= ${localDay(fleet, 6)} group by 1 order by r desc nulls last limit 5`);
}

async function rawRankings(db: Db, fleet: BenchFleet, locationId: string | null) {
  const everywhere = sql`org_id = ${fleet.orgId} and occurred_at >= ${localDay(fleet, 59)}`;
  const where = locationId ? sql`${everywhere} and location_id = ${locationId}` : everywhere;
  const current = sql`occurred_at >= ${localDay(fleet, 29)}`;
  await db.execute(sql`select product_id, count(*) filter (where status = 'succeeded' and ${current}), sum(price_minor) filter (where status = 'succeeded' and ${current}),
      sum(price_minor - cost_minor) filter (where status = 'succeeded' and ${current}), count(*) filter (where status = 'succeeded' and not ${current})
    from sales where ${where} group by 1`);
  await db.execute(sql`select location_id, count(distinct machine_id), sum(price_minor) filter (where status = 'succeeded' and ${current}),
      sum(price_minor) filter (where status = 'succeeded' and not ${current})
    from sales where ${everywhere} group by 1`);
}
