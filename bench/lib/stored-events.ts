// History for the ingest benchmark's "with N stored" repeat: machine events (and the sales of their
// vends) spread over the last 12 months across the fleet's machines, and the hours each machine
// reported in, generated set-based (insert ... select from generate_series) in chunks of one
// transaction each. Events are numbered in time order, as a fleet writes them: each chunk is a
// stretch of time in one or two monthly partitions, and every machine's keys grow at its end of the
// indexes. What was generated is recorded beside it, so a later run only tops it up.
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { defaultFleet, generateReportHours } from "./bench-fleet";
import type { IngestFleet } from "./ingest-fleet";

const HISTORY_DAYS = 365;

export interface TableSize {
  table: string;
  /** Estimated rows (planner statistics, after ANALYZE). */
  rows: number;
  tableBytes: number;
  indexBytes: number;
  /** Leaf partitions, 1 for a plain table. */
  partitions: number;
}

async function generatedSoFar(db: Db, orgId: string): Promise<{ events: number; reportHours: boolean }> {
  await db.execute(sql`create table if not exists bench_stored_events (org_id text primary key, events bigint not null default 0, report_hours boolean not null default false)`);
  await db.execute(sql`insert into bench_stored_events (org_id) values (${orgId}) on conflict do nothing`);
  const [row] = await queryRows<{ events: string; report_hours: boolean }>(db, sql`select events, report_hours from bench_stored_events where org_id = ${orgId}`);
  return { events: Number(row?.events ?? 0), reportHours: Boolean(row?.report_hours) };
}

/**
 * Tops the fleet's generated history up to `target` events: mostly vends (with their sales), some
 * heartbeats and restocks, at random times over the last 13 months. Prints progress and rate.
 * `afterFirstChunk` runs once the first chunk is stored (e.g. to make the partitions its months need,
 * so that the rest goes straight into them).
 */
export async function fillStoredEvents(
  db: Db,
  fleet: IngestFleet,
  target: number,
  options: { chunk?: number; beforeFirstChunk?: (since: Date) => Promise<void> } = {},
): Promise<void> {
  const chunk = options.chunk ?? 1_000_000;
  const { tag, orgId } = fleet;
  const machines = fleet.machines.length;
  const slots = fleet.slotCodes.length;
  const so = await generatedSoFar(db, orgId);
  const end = new Date();

  if (!so.reportHours) {
    process.stdout.write(`Generating the hours ${machines} machines reported in over ${HISTORY_DAYS} days... `);
    const started = performance.now();
    await generateReportHours(db, { ...defaultFleet, orgId, tag, machines, slotsPerMachine: slots }, HISTORY_DAYS, end);
    await db.execute(sql`update bench_stored_events set report_hours = true where org_id = ${orgId}`);
    console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  if (so.events >= target) {
    console.log(`Stored history: ${so.events.toLocaleString("en")} events generated earlier (target ${target.toLocaleString("en")}).`);
  } else {
    const started = performance.now();
    // Event n occurred at start + n * step: the history spans the year whatever the target.
    const start = new Date(end.getTime() - HISTORY_DAYS * 86_400_000);
    const stepMs = (HISTORY_DAYS * 86_400_000) / target;
    await options.beforeFirstChunk?.(start);
    for (let from = so.events + 1; from <= target; from += chunk) {
      const to = Math.min(target, from + chunk - 1);
      await db.transaction(async (tx) => {
        // A benchmark's fill, generated consistent: a crash loses at most the last chunks (a later run
        // redoes them), and foreign keys are not checked row by row, as pg_restore loads data.
        await tx.execute(sql`set local synchronous_commit = off`);
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`with generated as (
            select n, 'hist-' || lpad(n::text, 12, '0') as id, 1 + n % ${machines}::int as m, 1 + (n / ${machines}::int * 7 + n) % ${slots}::int as s,
              ${start.toISOString()}::timestamptz + (n * ${stepMs}::float8) * interval '1 millisecond' as at,
              case when n % 100 < 75 then 'vend.succeeded' when n % 100 < 97 then 'machine.heartbeat' else 'inventory.restocked' end as type
            from generate_series(${from}::bigint, ${to}::bigint) n
          ), events as (
            insert into machine_events (machine_id, event_id, org_id, type, occurred_at, received_at, data)
            select ${`mch_${tag}_`} || g.m, g.id, ${orgId}, g.type, g.at, g.at + interval '2 seconds',
              case g.type
                when 'vend.succeeded' then jsonb_build_object('slot', 'S' || g.s, 'priceMinor', 250, 'currency', ${fleet.currency}::text,
                  'payment', jsonb_build_object('method', 'card', 'reference', 'pi_hist_' || g.n))
                when 'machine.heartbeat' then jsonb_build_object('temperatureC', 4.5, 'doorOpen', false, 'signalDbm', -70)
                else jsonb_build_object('slots', jsonb_build_array(jsonb_build_object('slot', 'S' || g.s, 'quantity', 10)))
              end
            from generated g
          )
          insert into sales (id, org_id, machine_id, event_id, location_id, slot_code, product_id, status, price_minor, cost_minor, currency,
            payment_method, payment_reference, occurred_at, received_at)
          select ${`sal_${tag}_h`} || lpad(g.n::text, 12, '0'), ${orgId}, mc.id, g.id, mc.location_id, sl.code, sl.product_id, 'succeeded', 250,
            coalesce(p.cost_minor, 0), ${fleet.currency}, 'card', 'pi_hist_' || g.n, g.at, g.at + interval '2 seconds'
          from generated g
          join machines mc on mc.id = ${`mch_${tag}_`} || g.m
          join slots sl on sl.org_id = ${orgId} and sl.machine_id = mc.id and sl.code = 'S' || g.s
          left join products p on p.id = sl.product_id
          where g.type = 'vend.succeeded'`);
        await tx.execute(sql`update bench_stored_events set events = ${to} where org_id = ${orgId}`);
      });
      const done = to - so.events;
      const rate = done / ((performance.now() - started) / 1000);
      process.stdout.write(`\rGenerating stored events: ${to.toLocaleString("en")} / ${target.toLocaleString("en")} (${Math.round(rate).toLocaleString("en")} rows/s)   `);
    }
    console.log("");
  }
  // What autovacuum would have done by the time a deployment holds this much: statistics for the
  // planner and a visibility map, so that it does not run during the measurements instead.
  process.stdout.write("VACUUM (ANALYZE)... ");
  const vacuumStarted = performance.now();
  await db.execute(sql`vacuum (analyze) machine_events, sales, machine_report_hours`);
  console.log(`${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
}

/** Rows (estimated), table and index size of each table, summed over partitions. */
export async function tableSizes(db: Db, tables: string[]): Promise<TableSize[]> {
  const sizes: TableSize[] = [];
  for (const table of tables) {
    const [row] = await queryRows<{ rows: number; table_bytes: number; index_bytes: number; partitions: number }>(
      db,
      // pg_partition_tree lists the partitions of a partitioned table and nothing for a plain one.
      sql`with leaves as (
          select relid from pg_partition_tree(${table}::regclass) where isleaf
          union all
          select ${table}::regclass where not exists (select from pg_partition_tree(${table}::regclass))
        )
        select coalesce(sum(greatest(c.reltuples, 0)), 0)::float8 as rows, coalesce(sum(pg_table_size(l.relid)), 0)::float8 as table_bytes,
          coalesce(sum(pg_indexes_size(l.relid)), 0)::float8 as index_bytes, count(*)::int as partitions
        from leaves l join pg_class c on c.oid = l.relid`,
    );
    sizes.push({ table, rows: Number(row?.rows ?? 0), tableBytes: Number(row?.table_bytes ?? 0), indexBytes: Number(row?.index_bytes ?? 0), partitions: Number(row?.partitions ?? 0) });
  }
  return sizes;
}
