import "server-only";
import { sql } from "drizzle-orm";
import { affectedRows, queryRows, type Db } from "~/db/client";
import { postgresErrorIn } from "~/server/input/data-exception";
import { EVENT_RETENTION_MONTHS } from "~/server/tenancy";

// machine_events is partitioned by month of occurred_at (UTC): machine_events_pYYYYMM, and
// machine_events_default for events of a month without a partition yet (see migration 0023).
// Partition changes take locks that ingest waits behind, so each runs in a short transaction of
// its own that takes every lock it needs first, each wait bounded by LOCK_TIMEOUT. That bound sits
// below Postgres's deadlock_timeout (1 s by default): should ingest and a partition change ever wait
// on each other, the partition change gives up first and ingest carries on.

const PARENT = "machine_events";
const DEFAULT_PARTITION = "machine_events_default";
const LOCK_TIMEOUT = "500ms";
const ATTEMPTS = 3;
const DELETE_CHUNK = 5_000;

/** A calendar month in UTC, counted as year * 12 + month index. */
type Month = number;

const monthOf = (at: Date): Month => at.getUTCFullYear() * 12 + at.getUTCMonth();
const monthStart = (month: Month) => new Date(Date.UTC(Math.floor(month / 12), month % 12, 1));
const monthLabel = (month: Month) => `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
/** The partition of a month: machine_events_p202612 holds December 2026. */
export const partitionName = (month: Month) => `${PARENT}_p${monthLabel(month).replace("-", "")}`;
const monthOfPartition = (name: string): Month | null => {
  const match = /^machine_events_p(\d{4})(\d{2})$/.exec(name);
  return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : null;
};
/** A month's bound as partition bounds spell it, in UTC whatever the session's time zone. */
const boundOf = (month: Month) => `${monthStart(month).toISOString().slice(0, 10)} 00:00:00+00`;

/** `at` minus whole months, the day clamped to the target month's length (as Postgres does). */
function monthsBefore(at: Date, months: number): Date {
  const target = monthOf(at) - months;
  const lastDay = new Date(Date.UTC(Math.floor(target / 12), (target % 12) + 1, 0)).getUTCDate();
  const result = new Date(at);
  result.setUTCFullYear(Math.floor(target / 12), target % 12, Math.min(at.getUTCDate(), lastDay));
  return result;
}

/** The month partitions attached to machine_events. */
async function attachedMonths(db: Db): Promise<Set<Month>> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = ${`public.${PARENT}`}::regclass`,
  );
  return new Set(rows.flatMap((r) => monthOfPartition(r.name) ?? []));
}

/** How many months the organization keeping raw events longest keeps them (the default without any). */
async function longestRetention(db: Db): Promise<number> {
  const [row] = await queryRows<{ months: number | null }>(db, sql`select max(event_retention_months)::int as months from organizations`);
  return row?.months ?? EVENT_RETENTION_MONTHS.default;
}

const TIMED_OUT = Symbol("lock wait timed out");

/**
 * Runs one partition change in its own transaction under the partition advisory lock (so two runs
 * take turns and the second finds the work done), with every lock wait after that bounded. A wait
 * that times out is tried again shortly, then left for the next run.
 */
async function partitionChange<T>(db: Db, change: (tx: Db) => Promise<T>): Promise<T | typeof TIMED_OUT> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('machine_events:partitions', 0))`);
        await tx.execute(sql`select set_config('lock_timeout', ${LOCK_TIMEOUT}, true)`);
        return change(tx as unknown as Db);
      });
    } catch (error) {
      // 55P03: lock_not_available, a lock wait that ran into lock_timeout.
      if (!postgresErrorIn(error, /^55P03$/)) throw error;
      if (attempt >= ATTEMPTS) return TIMED_OUT;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** Tenant isolation and grants as on machine_events, for a partition read by its own name. */
async function isolate(tx: Db, table: string): Promise<void> {
  const name = sql.identifier(table);
  await tx.execute(sql`alter table ${name} enable row level security`);
  await tx.execute(sql`alter table ${name} force row level security`);
  await tx.execute(sql`create policy org_isolation on ${name} as permissive for all to vendops_app
    using (org_id = nullif(current_setting('app.org_id', true), '')) with check (org_id = nullif(current_setting('app.org_id', true), ''))`);
  await tx.execute(sql`grant select, insert, update, delete on table ${name} to vendops_app`);
}

/**
 * Makes a month's partition as a table of its own, moves the month's events out of the default
 * partition into it, and attaches it. Attaching checks that the default holds none of the month and
 * clones the foreign keys, so it locks the default exclusively and the referenced tables against
 * writes. Every ingest transaction starts by locking its machine's row and reads the events after:
 * machines is locked first, against row locks too, so that no ingest transaction is midway (holding
 * the default while waiting for its machine) when the default's lock is asked for. All the locks
 * are taken first, one after the other.
 */
async function addMonth(tx: Db, month: Month): Promise<{ created: boolean; moved: number }> {
  if ((await attachedMonths(tx)).has(month)) return { created: false, moved: 0 };
  const table = sql.identifier(partitionName(month));
  const [from, to] = [boundOf(month), boundOf(month + 1)];
  await tx.execute(sql`create table ${table} (like ${sql.identifier(PARENT)} including defaults including constraints including indexes)`);
  await isolate(tx, partitionName(month));
  const referenced = await queryRows<{ name: string }>(
    tx,
    sql`select distinct confrelid::regclass::text as name from pg_constraint where conrelid = ${`public.${PARENT}`}::regclass and contype = 'f' order by 1`,
  );
  await tx.execute(sql`lock table machines in exclusive mode`);
  if (referenced.length > 0) {
    await tx.execute(sql`lock table ${sql.join(referenced.map((r) => sql.raw(r.name)), sql`, `)} in share row exclusive mode`);
  }
  await tx.execute(sql`lock table only ${sql.identifier(PARENT)} in share update exclusive mode`);
  await tx.execute(sql`lock table ${sql.identifier(DEFAULT_PARTITION)} in access exclusive mode`);
  const moved = affectedRows(
    await tx.execute(sql`with moved as (
        delete from ${sql.identifier(DEFAULT_PARTITION)} where occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz returning *
      ) insert into ${table} select * from moved`),
  );
  await tx.execute(sql`alter table ${sql.identifier(PARENT)} attach partition ${table} for values from (${sql.raw(`'${from}'`)}) to (${sql.raw(`'${to}'`)})`);
  return { created: true, moved };
}

export interface EnsuredPartitions {
  /** Partitions made, e.g. machine_events_p202612. */
  created: string[];
  /** Events moved out of the default partition into their month's. */
  rowsMoved: number;
  /** Partitions not made because a lock wait timed out: the next run makes them. */
  timedOut: string[];
}

/**
 * Makes this month's partition and the next `monthsAhead` months' where missing, and a partition for
 * every month the default partition holds events of (moving them into it), so the default stays
 * empty. Months wholly past every organization's retention are left in the default, whose old events
 * retireEventPartitions deletes. Idempotent; safe to run beside ingest and beside another run.
 */
export async function ensureEventPartitions(db: Db, input: { now: Date; monthsAhead?: number; since?: Date }): Promise<EnsuredPartitions> {
  const current = monthOf(input.now);
  const wanted = new Set<Month>();
  // `since`: months of history about to be written (the demo's), made before rather than moved after.
  for (let month = monthOf(input.since ?? input.now); month <= current + (input.monthsAhead ?? 2); month++) wanted.add(month);
  const oldestKept = monthOf(monthsBefore(input.now, await longestRetention(db)));
  const held = await queryRows<{ month: number }>(
    db,
    sql`select distinct (extract(year from occurred_at at time zone 'UTC') * 12 + extract(month from occurred_at at time zone 'UTC') - 1)::int as month
      from ${sql.identifier(DEFAULT_PARTITION)}`,
  );
  for (const { month } of held) if (month >= oldestKept) wanted.add(month);

  const attached = await attachedMonths(db);
  const result: EnsuredPartitions = { created: [], rowsMoved: 0, timedOut: [] };
  for (const month of [...wanted].sort((a, b) => a - b)) {
    if (attached.has(month)) continue;
    const outcome = await partitionChange(db, (tx) => addMonth(tx, month));
    if (outcome === TIMED_OUT) result.timedOut.push(partitionName(month));
    else {
      if (outcome.created) result.created.push(partitionName(month));
      result.rowsMoved += outcome.moved;
    }
  }
  return result;
}

export interface RetiredPartitions {
  /** Month partitions dropped whole. */
  dropped: string[];
  /** Events deleted row by row: of organizations keeping them shorter, and old ones in the default. */
  rowsDeleted: number;
  /** Partitions not dropped because a lock wait timed out: the next run drops them. */
  timedOut: string[];
  /** The deadline came before every deletion was done: the next run goes on. */
  unfinished: boolean;
}

/**
 * Applies each organization's event retention (`event_retention_months`, counted back from `now`):
 * drops the month partitions wholly older than the longest retention of any organization, deletes
 * the events of organizations with a shorter one past their own cutoff, and deletes events past
 * the longest retention from the default partition. Deletes go in chunks; past `deadline` (ms since
 * the epoch) no new chunk starts.
 */
export async function retireEventPartitions(db: Db, input: { now: Date; deadline?: number }): Promise<RetiredPartitions> {
  const longest = await longestRetention(db);
  const cutoff = monthsBefore(input.now, longest);
  const result: RetiredPartitions = { dropped: [], rowsDeleted: 0, timedOut: [], unfinished: false };

  const expired = [...(await attachedMonths(db))].filter((month) => monthStart(month + 1) <= cutoff).sort((a, b) => a - b);
  for (const month of expired) {
    const name = partitionName(month);
    // Dropping a partition locks the table and the default exclusively: the table first, as every
    // query reaches the partitions through it.
    const outcome = await partitionChange(db, async (tx) => {
      if (!(await attachedMonths(tx)).has(month)) return false;
      await tx.execute(sql`lock table only ${sql.identifier(PARENT)} in access exclusive mode`);
      await tx.execute(sql`lock table ${sql.identifier(DEFAULT_PARTITION)} in access exclusive mode`);
      await tx.execute(sql`drop table ${sql.identifier(name)}`);
      return true;
    });
    if (outcome === TIMED_OUT) result.timedOut.push(name);
    else if (outcome) result.dropped.push(name);
  }

  const inTime = () => input.deadline === undefined || Date.now() < input.deadline;
  const shorter = await queryRows<{ id: string; months: number }>(
    db,
    sql`select id, event_retention_months as months from organizations where event_retention_months < ${longest} order by id`,
  );
  for (const org of shorter) {
    const orgCutoff = monthsBefore(input.now, org.months).toISOString();
    for (let deleted = DELETE_CHUNK; deleted === DELETE_CHUNK; ) {
      if (!inTime()) return { ...result, unfinished: true };
      // By key, so each chunk finds its rows through the indexes of the partitions concerned.
      deleted = affectedRows(
        await db.execute(sql`delete from ${sql.identifier(PARENT)} e using (
            select machine_id, event_id, occurred_at from ${sql.identifier(PARENT)}
            where org_id = ${org.id} and occurred_at < ${orgCutoff}::timestamptz limit ${DELETE_CHUNK}
          ) old
          where e.org_id = ${org.id} and e.machine_id = old.machine_id and e.event_id = old.event_id and e.occurred_at = old.occurred_at`),
      );
      result.rowsDeleted += deleted;
    }
  }

  for (let deleted = DELETE_CHUNK; deleted === DELETE_CHUNK; ) {
    if (!inTime()) return { ...result, unfinished: true };
    deleted = affectedRows(
      await db.execute(sql`delete from ${sql.identifier(DEFAULT_PARTITION)} where ctid in (
          select ctid from ${sql.identifier(DEFAULT_PARTITION)} where occurred_at < ${cutoff.toISOString()}::timestamptz limit ${DELETE_CHUNK}
        )`),
    );
    result.rowsDeleted += deleted;
  }
  return result;
}

export interface EventPartitionSize {
  partition: string;
  /** "2026-12", or null for the default partition. */
  month: string | null;
  tableBytes: number;
  indexBytes: number;
  indexes: { name: string; bytes: number }[];
}

/** The size on disk of each partition of machine_events and of each of its indexes, oldest month first. */
export async function eventPartitionSizes(db: Db): Promise<EventPartitionSize[]> {
  const rows = await queryRows<{ partition: string; table_bytes: number; index: string | null; index_bytes: number | null }>(
    db,
    sql`select c.relname as partition, pg_relation_size(c.oid)::float8 as table_bytes, ic.relname as index, pg_relation_size(ic.oid)::float8 as index_bytes
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
      left join pg_index x on x.indrelid = c.oid left join pg_class ic on ic.oid = x.indexrelid
      where i.inhparent = ${`public.${PARENT}`}::regclass
      order by c.relname, ic.relname`,
  );
  const sizes = new Map<string, EventPartitionSize>();
  for (const row of rows) {
    const month = monthOfPartition(row.partition);
    const size = sizes.get(row.partition) ?? { partition: row.partition, month: month === null ? null : monthLabel(month), tableBytes: Number(row.table_bytes), indexBytes: 0, indexes: [] };
    sizes.set(row.partition, size);
    if (row.index !== null) {
      size.indexes.push({ name: row.index, bytes: Number(row.index_bytes) });
      size.indexBytes += Number(row.index_bytes);
    }
  }
  // The default partition last, after the months in order.
  const order = (size: EventPartitionSize) => size.month ?? "9999-99";
  return [...sizes.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
