// Incremental rollups of sales (and stockout time) into the daily tables of db/schema/analytics.ts.
//
// Why transaction ids and not received_at: a watermark on a timestamp misses rows whose transaction
// took its timestamp before the watermark but committed after the job read past it. Every sale
// carries the id of the transaction that wrote it (`writer_xid`, a column default). Each run takes
// a snapshot (`pg_current_snapshot()`) and adds the sales whose transaction is committed in it but
// was not in the last run's snapshot: written at or above that snapshot's xmax, or by one of the
// transactions it listed as running. It stores its own snapshot's xmax and running list as the
// org's watermark in the same transaction: every sale is counted exactly once, whenever its
// transaction commits, and a re-run (or a concurrent one, serialized by the watermark row lock)
// adds nothing twice. Sales are insert-only and deduplicated by (machine, event id), so late and
// repeated events are simply new rows or no rows. A long-running transaction elsewhere on the server
// (transaction ids are cluster-wide) holds nothing back: it only stays on the running list.
// The alternative, re-aggregating (org, day) keys marked dirty by each ingest, would make every
// ingest transaction of an org contend on the same dirty-key rows.
//
// Stockout periods change (they close), so their days are recomputed rather than added to: the
// slots whose periods changed since the last run, and those still open, get their days rebuilt.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client";
import { ALL_LOCATIONS, ALL_MACHINES, organizations } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import type { ServiceCtx } from "~/server/context";

const MEASURES = ["units", "revenue_minor", "cost_minor", "failed_vends", "refunds", "refund_minor"] as const;

const sums = sql.raw(MEASURES.map((m) => `sum(${m})`).join(", "));
const addExcluded = (table: string) => sql.raw(MEASURES.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(", "));
const measureList = sql.raw(MEASURES.join(", "));

/** Aggregates raw sales into the fine rollup's key and figures; `where` selects the sales. */
export function salesAggregate(timeZone: string, where: SQL): SQL {
  return sql`select (s.occurred_at at time zone ${timeZone})::date as day, s.machine_id, s.slot_code,
      coalesce(s.product_id, '') as product_id, coalesce(s.location_id, '') as location_id, s.payment_method::text as payment_method, s.currency,
      count(*) filter (where s.status = 'succeeded') as units,
      coalesce(sum(s.price_minor) filter (where s.status = 'succeeded'), 0) as revenue_minor,
      coalesce(sum(s.cost_minor) filter (where s.status = 'succeeded'), 0) as cost_minor,
      count(*) filter (where s.status = 'failed') as failed_vends,
      count(*) filter (where s.status = 'failed' and s.price_minor > 0) as refunds,
      coalesce(sum(s.price_minor) filter (where s.status = 'failed' and s.price_minor > 0), 0) as refund_minor
    from sales s where ${where}
    group by 1, 2, 3, 4, 5, 6, 7`;
}

/**
 * Adds a set of aggregated sales (`delta`, in the fine rollup's shape) to every sales rollup of
 * the org, in one statement, and marks the kept monthly statistics it changes stale.
 */
export function addToRollups(orgId: string, delta: SQL): SQL {
  return sql`with delta as (${delta}),
    fine as (
      insert into sales_daily (org_id, day, machine_id, slot_code, product_id, location_id, payment_method, currency, ${measureList})
      select ${orgId}, day, machine_id, slot_code, product_id, location_id, payment_method, currency, ${measureList} from delta
      on conflict (org_id, day, machine_id, slot_code, product_id, location_id, payment_method, currency) do update set ${addExcluded("sales_daily")}
      returning day
    ), by_org as (
      insert into sales_daily_org (org_id, day, payment_method, currency, ${measureList})
      select ${orgId}, day, payment_method, currency, ${sums} from delta group by day, payment_method, currency
      on conflict (org_id, day, payment_method, currency) do update set ${addExcluded("sales_daily_org")}
    ), by_product as (
      insert into sales_daily_product (org_id, day, product_id, location_id, currency, ${measureList})
      select ${orgId}, day, product_id, case when grouping(location_id) = 1 then ${ALL_LOCATIONS} else location_id end, currency, ${sums}
      from delta group by grouping sets ((day, product_id, location_id, currency), (day, product_id, currency))
      on conflict (org_id, day, product_id, location_id, currency) do update set ${addExcluded("sales_daily_product")}
    ), by_machine as (
      insert into sales_daily_machine (org_id, day, machine_id, location_id, currency, ${measureList})
      select ${orgId}, day, case when grouping(machine_id) = 1 then ${ALL_MACHINES} else machine_id end, location_id, currency, ${sums}
      from delta group by grouping sets ((day, machine_id, location_id, currency), (day, location_id, currency))
      on conflict (org_id, day, machine_id, location_id, currency) do update set ${addExcluded("sales_daily_machine")}
    ), months as (
      select distinct date_trunc('month', day)::date as month from fine
    ), stale as (
      -- Kept statistics of these months, and of the months that compare with them, are out of date.
      update monthly_statistics ms set stale = true
      where ms.org_id = ${orgId} and not ms.stale
        and (ms.month in (select month from months) or (ms.month - interval '1 month')::date in (select month from months)
          or (ms.month - interval '1 year')::date in (select month from months))
    )
    select count(*)::int as n from fine`;
}

export interface RollupResult {
  /** Fine rollup rows added to or created. */
  salesRows: number;
  /** Slot-days of stockout time rebuilt. */
  stockoutRows: number;
}

/**
 * The rows of a table that a run with snapshot `cur` adds, given the last run's watermark: written
 * by a transaction committed in `cur` that had not committed in the last run's snapshot (at or
 * above its xmax, or among the transactions running then).
 */
function newlyCommitted(xid: SQL, lo: string, pending: string, cur: Snapshot): SQL {
  return sql`((${xid} >= ${lo}::xid8 and ${xid} < ${cur.xmax}::xid8) or ${xid} = any(${pending}::xid8[]))
    and pg_visible_in_snapshot(${xid}, ${cur.snapshot}::pg_snapshot)`;
}

interface Snapshot {
  snapshot: string;
  xmax: string;
  xip: string;
}

/** Where the org's sales rollups stand: the last run's xmax and the transactions still running then. */
export interface SalesMark {
  xid: string;
  pending: string[];
}

/**
 * Reads the org's sales mark. With `hold`, no rollup run can move it until the caller's transaction
 * ends, so later reads of the rollups and of the sales past the mark see the same split.
 */
export async function salesMark(ctx: ServiceCtx, input: { hold?: boolean } = {}): Promise<SalesMark> {
  const [row] = await queryRows<{ xid: string; pending: string[] }>(
    ctx.db,
    sql`select sales_xid::text as xid, array(select unnest(sales_pending)::text) as pending from rollup_watermarks where org_id = ${ctx.orgId}
      ${input.hold ? sql`for share` : sql``}`,
  );
  return row ? { xid: row.xid, pending: row.pending } : { xid: "0", pending: [] };
}

/**
 * Sales the org's rollups have not counted yet: written at or above the mark, or by a transaction
 * still running at the last run. Given as constants, so the planner reads the writer index.
 */
export function salesNotRolledUp(mark: SalesMark, xid: SQL): SQL {
  const above = sql`${xid} >= ${mark.xid}::xid8`;
  return mark.pending.length === 0 ? above : sql`(${above} or ${xid} = any(${`{${mark.pending.join(",")}}`}::xid8[]))`;
}

/** Brings one org's rollups up to date, in one tenant transaction. Safe to repeat and to run concurrently. */
export async function rollUpOrg(db: Db, org: { id: string; timeZone: string }): Promise<RollupResult> {
  return withTenant(db, { orgId: org.id }, async (tx) => {
    await tx.execute(sql`insert into rollup_watermarks (org_id, sales_xid, stockouts_xid) values (${org.id}, '0', '0') on conflict (org_id) do nothing`);
    // The row lock serializes runs for this org: a concurrent run waits, then starts from our watermark.
    const [mark] = await queryRows<{ sales: string; sales_pending: string; stockouts: string; stockouts_pending: string }>(
      tx,
      sql`select sales_xid::text as sales, sales_pending::text as sales_pending, stockouts_xid::text as stockouts, stockouts_pending::text as stockouts_pending
        from rollup_watermarks where org_id = ${org.id} for update`,
    );
    // Taken after the lock, so it sees everything a run that held it before has committed.
    const [cur] = await queryRows<Snapshot>(
      tx,
      sql`select s::text as snapshot, pg_snapshot_xmax(s)::text as xmax, array(select pg_snapshot_xip(s))::text as xip from pg_current_snapshot() s`,
    );
    const [added] = await queryRows<{ n: number }>(
      tx,
      addToRollups(org.id, salesAggregate(org.timeZone, sql`s.org_id = ${org.id} and ${newlyCommitted(sql`s.writer_xid`, mark!.sales, mark!.sales_pending, cur!)}`)),
    );
    const stockoutRows = await rebuildStockoutDays(tx, org, newlyCommitted(sql`changed_xid`, mark!.stockouts, mark!.stockouts_pending, cur!));
    await tx.execute(
      sql`update rollup_watermarks set sales_xid = ${cur!.xmax}::xid8, sales_pending = ${cur!.xip}::xid8[],
          stockouts_xid = ${cur!.xmax}::xid8, stockouts_pending = ${cur!.xip}::xid8[], updated_at = now()
        where org_id = ${org.id}`,
    );
    return { salesRows: Number(added?.n ?? 0), stockoutRows };
  });
}

/** Rebuilds stockout_daily for the slots whose periods changed (`changed`) or are still open. */
async function rebuildStockoutDays(tx: Db, org: { id: string; timeZone: string }, changed: SQL): Promise<number> {
  const tz = org.timeZone;
  const ranges = await queryRows<{ machine_id: string; slot_code: string; d0: string; d1: string }>(tx, sql`
    select machine_id, slot_code, (min(started_at) at time zone ${tz})::date::text as d0, (max(coalesce(ended_at, now())) at time zone ${tz})::date::text as d1
    from slot_stockouts
    where org_id = ${org.id} and ((${changed}) or ended_at is null)
    group by machine_id, slot_code`);
  if (ranges.length === 0) return 0;
  const json = JSON.stringify(ranges);
  await tx.execute(sql`
    with r as (select * from jsonb_to_recordset(${json}::jsonb) as r(machine_id text, slot_code text, d0 date, d1 date))
    delete from stockout_daily d using r
    where d.org_id = ${org.id} and d.machine_id = r.machine_id and d.slot_code = r.slot_code and d.day between r.d0 and r.d1`);
  const [rebuilt] = await queryRows<{ n: number }>(tx, sql`
    with r as (select * from jsonb_to_recordset(${json}::jsonb) as r(machine_id text, slot_code text, d0 date, d1 date)),
    pieces as (
      select g.day::date as day, s.machine_id, s.slot_code, coalesce(s.product_id, '') as product_id, coalesce(m.location_id, '') as location_id,
        extract(epoch from least(coalesce(s.ended_at, now()), (g.day::date + 1)::timestamp at time zone ${tz})
          - greatest(s.started_at, g.day::date::timestamp at time zone ${tz})) as seconds
      from r
      join slot_stockouts s on s.org_id = ${org.id} and s.machine_id = r.machine_id and s.slot_code = r.slot_code
        and s.started_at < (r.d1 + 1)::timestamp at time zone ${tz} and coalesce(s.ended_at, now()) > r.d0::timestamp at time zone ${tz}
      left join machines m on m.org_id = ${org.id} and m.id = s.machine_id
      cross join lateral generate_series(greatest(r.d0, (s.started_at at time zone ${tz})::date), least(r.d1, (coalesce(s.ended_at, now()) at time zone ${tz})::date), interval '1 day') g(day)
    ), ins as (
      insert into stockout_daily (org_id, day, machine_id, slot_code, product_id, location_id, seconds)
      select ${org.id}, day, machine_id, slot_code, max(product_id), max(location_id), round(sum(seconds))::int from pieces
      where seconds > 0 group by day, machine_id, slot_code
      on conflict (org_id, day, machine_id, slot_code) do update set seconds = excluded.seconds, product_id = excluded.product_id, location_id = excluded.location_id
      returning 1
    )
    select count(*)::int as n from ins`);
  return Number(rebuilt?.n ?? 0);
}

/** Rolls up every org, one transaction each, until the deadline; the rest waits for the next run. */
export async function rollUpAll(db: Db, deadline = Number.POSITIVE_INFINITY): Promise<RollupResult & { orgs: number }> {
  const orgs = await db.select({ id: organizations.id, timeZone: organizations.timeZone }).from(organizations).orderBy(organizations.id);
  const total = { salesRows: 0, stockoutRows: 0, orgs: 0 };
  for (const org of orgs) {
    if (Date.now() > deadline) break;
    const r = await rollUpOrg(db, org);
    total.salesRows += r.salesRows;
    total.stockoutRows += r.stockoutRows;
    total.orgs += 1;
  }
  return total;
}
