import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { newId } from "~/db/ids";
import type { ServiceCtx } from "~/server/context";
import type { CashCollectionFact } from "./contract";
import { expectedSql } from "./expected";

/**
 * Records the cash a machine reported collected, one row per report, with what should have been in
 * the box: a statement of the ingest write script, so it adds no round trip. The batch's vends are
 * written earlier in the same script, so a vend reported with its collection counts. Each
 * collection's period starts at the machine's previous collection, stored or earlier in the batch.
 * The variance alert is left to `checkCashVariance` after the commit (`variance_pending`). The
 * statement text is the same whatever the batch, so connections keep its plan.
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
    ), periods as (
      select b.*, greatest(
        (select max(c.occurred_at) from cash_collections c where c.org_id = ${orgId} and c.machine_id = ${machineId} and c.occurred_at < b.at),
        (select max(o.at) from batch o where o.at < b.at)
      ) as start
      from batch b
    )
    insert into cash_collections (id, org_id, machine_id, source, event_id, amount_minor, counted_minor, expected_minor, currency, occurred_at, period_start, variance_pending)
    select p.id, ${orgId}, ${machineId}, 'machine', p."eventId", p.amount, p.amount,
      ${expectedSql({ orgId, machineId: sql`${machineId}`, currency: sql`p.currency`, start: sql`p.start`, end: sql`p.at` })},
      p.currency, p.at, p.start, true
    from periods p
    on conflict (machine_id, event_id) where source = 'machine' do nothing`;
}
