import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { newId } from "~/db/ids";
import type { ServiceCtx } from "~/server/context";
import { SAME_VISIT_MS, type CashCollectionFact } from "./contract";
import { expectedSql } from "./expected";

/**
 * Records the cash a machine reported collected, one row per report, with what should have been in
 * the box: a statement of the ingest write script, so it adds no round trip. The batch's vends are
 * written earlier in the same script, so a vend reported with its collection counts. Each
 * collection's period starts at the machine's previous collection, stored or earlier in the batch.
 * The variance alert is left to `checkCashVariance` after the commit (`variance_pending`). The
 * statement text is the same whatever the batch, so connections keep its plan.
 *
 * A machine that reports its emptying after the technician already counted it (it was offline, or
 * its report was queued) completes that count instead of adding a second emptying: the count
 * within `SAME_VISIT_MS` after the reported time, with no other collection since, becomes the
 * machine's collection (its event, its figure and time, the period and expected cash up to that
 * time) and keeps what the technician counted. This mirrors `recordCashCount`, which completes a
 * machine's report when the count comes second.
 */
export function cashCollectionsStatement(ctx: ServiceCtx, input: { machineId: string; collections: CashCollectionFact[] }): SQL | null {
  if (input.collections.length === 0) return null;
  const rows = JSON.stringify(
    input.collections.map((c) => ({ id: newId("csh"), eventId: c.eventId, amount: c.amountMinor, currency: c.currency, at: c.occurredAt.toISOString() })),
  );
  const { orgId } = ctx;
  const machineId = input.machineId;
  return sql`with batch as (
      select b.id, b."eventId", b.amount, b.currency, b.at
      from jsonb_to_recordset(${rows}::jsonb) as b(id text, "eventId" text, amount int, currency text, at timestamptz)
    ), nearest as (
      -- Each report's technician count of the same emptying, if any: a count after it, within a visit, and
      -- the machine's latest collection (so no later period starts at the count's time).
      select distinct on (b.id) b.id as batch_id, c.id as collection_id, c.occurred_at
      from batch b
      join cash_collections c on c.org_id = ${orgId} and c.machine_id = ${machineId} and c.source = 'technician'
        and c.occurred_at >= b.at and c.occurred_at <= b.at + make_interval(secs => ${SAME_VISIT_MS / 1000})
      where not exists (
        select 1 from cash_collections x
        where x.org_id = ${orgId} and x.machine_id = ${machineId} and x.id <> c.id and x.occurred_at >= b.at
      )
      order by b.id, c.occurred_at
    ), matched as (
      -- A count completes one report at most: the earliest report before it.
      select distinct on (n.collection_id) n.batch_id, n.collection_id
      from nearest n join batch b on b.id = n.batch_id
      order by n.collection_id, b.at
    ), periods as (
      select b.*, m.collection_id, greatest(
        (select max(c.occurred_at) from cash_collections c where c.org_id = ${orgId} and c.machine_id = ${machineId} and c.occurred_at < b.at),
        (select max(o.at) from batch o where o.at < b.at)
      ) as start
      from batch b left join matched m on m.batch_id = b.id
    ), completed as (
      update cash_collections c
      set source = 'machine', event_id = p."eventId", amount_minor = p.amount, occurred_at = p.at, period_start = p.start,
        expected_minor = ${expectedSql({ orgId, machineId: sql`${machineId}`, currency: sql`p.currency`, start: sql`p.start`, end: sql`p.at` })},
        variance_pending = true
      from periods p
      where p.collection_id = c.id
        and not exists (select 1 from cash_collections d where d.machine_id = ${machineId} and d.source = 'machine' and d.event_id = p."eventId")
      returning c.id
    )
    insert into cash_collections (id, org_id, machine_id, source, event_id, amount_minor, counted_minor, expected_minor, currency, occurred_at, period_start, variance_pending)
    select p.id, ${orgId}, ${machineId}, 'machine', p."eventId", p.amount, p.amount,
      ${expectedSql({ orgId, machineId: sql`${machineId}`, currency: sql`p.currency`, start: sql`p.start`, end: sql`p.at` })},
      p.currency, p.at, p.start, true
    from periods p
    where p.collection_id is null
    on conflict (machine_id, event_id) where source = 'machine' do nothing`;
}
