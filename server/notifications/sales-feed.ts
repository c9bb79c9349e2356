// The `sale.recorded` feed: sales reach integrators in batches from a scheduled job, so ingest (the
// hot path) does nothing for them.
//
// Why snapshots and not a (received_at, id) cursor: a sale's transaction takes its timestamp before
// it commits, so a cursor on time (or on any value assigned before commit) would pass over a sale
// that commits late and never send it. Each endpoint keeps instead the snapshot up to which it has
// seen sales (`sales_seen_snapshot`). A round takes the current snapshot as its target and sends the
// sales committed in the target but not in the seen one (their writing transaction, `writer_xid`,
// is visible in the one and not in the other), in (writer_xid, id) order, up to 500 per delivery,
// the last one sent kept as the position. When a round has nothing left, the target becomes the
// seen snapshot. Everything is decided on the endpoint's row, locked FOR UPDATE SKIP LOCKED, and
// the delivery is queued in the transaction that moves the position: each sale goes to each
// endpoint once, whatever runs at the same time, and a long transaction elsewhere delays nothing
// but its own sales. Analytics' rollups (server/analytics/rollup.ts) read sales the same way.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client";
import { newId } from "~/db/ids";
import { notificationDeliveries, webhookEndpoints } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { subscribesTo } from "./endpoint-events";
import type { BusinessEventData } from "./integrator-events";

/** Sales per `sale.recorded` delivery. */
export const SALES_PER_DELIVERY = 500;

type FeedState = { id: string; seen: string; target: string | null; xid: string | null; saleId: string | null };
type SaleData = BusinessEventData<"sale.recorded">["sales"][number];

const iso = (value: unknown) => new Date(value as string | Date).toISOString();

/**
 * Queues at most one `sale.recorded` delivery for one endpoint, in a tenant transaction, and moves
 * its position. Answers how many sales it carried (0: nothing new, or another run holds the row).
 */
async function queueOneBatch(tx: Db, input: { orgId: string; endpointId: string; limit: number }): Promise<number> {
  const [state] = await queryRows<FeedState>(
    tx,
    sql`select id, sales_seen_snapshot as seen, sales_target_snapshot as target, sales_cursor_xid::text as xid, sales_cursor_id as "saleId"
      from webhook_endpoints
      where id = ${input.endpointId} and org_id = ${input.orgId} and enabled and ${subscribesTo("sale.recorded")}
      for update skip locked`,
  );
  if (!state) return 0;
  const target = state.target ?? (await queryRows<{ snapshot: string }>(tx, sql`select pg_current_snapshot()::text as snapshot`))[0]!.snapshot;
  const after = state.target && state.xid !== null ? sql`and (s.writer_xid, s.id) > (${state.xid}::xid8, ${state.saleId})` : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`select s.id, s.machine_id, s.location_id, s.product_id, s.slot_code, s.status, s.failure_reason, s.occurred_at, s.received_at,
        s.price_minor, s.currency, s.vat_rate_bp, s.payment_method, s.order_id, s.inferred, s.writer_xid::text as writer_xid
      from sales s
      where s.org_id = ${input.orgId}
        and s.writer_xid >= pg_snapshot_xmin(${state.seen}::pg_snapshot) and s.writer_xid < pg_snapshot_xmax(${target}::pg_snapshot)
        and pg_visible_in_snapshot(s.writer_xid, ${target}::pg_snapshot) and not pg_visible_in_snapshot(s.writer_xid, ${state.seen}::pg_snapshot)
        ${after}
      order by s.writer_xid, s.id
      limit ${input.limit}`,
  );
  // Nothing committed since what it has seen: the seen snapshot still holds, and the row is left alone.
  if (rows.length === 0 && !state.target) return 0;
  const key = and(eq(webhookEndpoints.id, state.id), eq(webhookEndpoints.orgId, input.orgId));
  if (rows.length < input.limit) {
    // The round is done once this batch is sent: what the target saw is now seen.
    await tx.update(webhookEndpoints).set({ salesSeenSnapshot: target, salesTargetSnapshot: null, salesCursorXid: null, salesCursorId: null }).where(key);
  }
  if (rows.length === 0) return 0;
  const last = rows[rows.length - 1]!;
  if (rows.length === input.limit) {
    await tx.update(webhookEndpoints).set({ salesTargetSnapshot: target, salesCursorXid: last.writer_xid as string, salesCursorId: last.id as string }).where(key);
  }
  // Read in the order of the feed's position; told oldest first.
  const told = rows.map(saleOf).sort((a, b) => a.occurred_at.localeCompare(b.occurred_at) || a.id.localeCompare(b.id));
  const data: BusinessEventData<"sale.recorded"> = { sales: told };
  await tx.insert(notificationDeliveries).values({
    id: newId("msg"),
    orgId: input.orgId,
    channel: "webhook",
    endpointId: state.id,
    eventType: "sale.recorded",
    payload: { type: "sale.recorded", timestamp: new Date().toISOString(), data },
  });
  return rows.length;
}

function saleOf(r: Record<string, unknown>): SaleData {
  return {
    id: r.id as string,
    machine_id: r.machine_id as string,
    location_id: (r.location_id as string | null) ?? null,
    product_id: (r.product_id as string | null) ?? null,
    slot: r.slot_code as string,
    status: r.status as SaleData["status"],
    failure_reason: (r.failure_reason as SaleData["failure_reason"]) ?? null,
    occurred_at: iso(r.occurred_at),
    received_at: iso(r.received_at),
    amount_minor: Number(r.price_minor),
    currency: r.currency as string,
    vat_rate_bp: Number(r.vat_rate_bp),
    payment_method: r.payment_method as SaleData["payment_method"],
    order_id: (r.order_id as string | null) ?? null,
    inferred: r.inferred === true,
  };
}

/**
 * Queues `sale.recorded` deliveries for every enabled endpoint (all organizations; run on the owner
 * connection) subscribed to it: batches of up to 500 sales, as many as there are before `deadline`.
 * Answers the deliveries queued and the sales they carry.
 */
export async function queueSaleBatches(db: Db, options: { deadline?: number; limit?: number } = {}): Promise<{ deliveries: number; sales: number }> {
  const limit = options.limit ?? SALES_PER_DELIVERY;
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const endpoints = await db
    .select({ id: webhookEndpoints.id, orgId: webhookEndpoints.orgId })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), subscribesTo("sale.recorded")))
    .orderBy(webhookEndpoints.orgId, webhookEndpoints.id);
  const result = { deliveries: 0, sales: 0 };
  for (const endpoint of endpoints) {
    for (;;) {
      if (result.deliveries > 0 && Date.now() >= deadline) return result;
      const sent = await withTenant(db, { orgId: endpoint.orgId }, (tx) => queueOneBatch(tx, { orgId: endpoint.orgId, endpointId: endpoint.id, limit }));
      if (sent > 0) {
        result.deliveries++;
        result.sales += sent;
      }
      if (sent < limit) break;
    }
  }
  return result;
}

/** What starts an endpoint's feed now: the sales committed so far count as seen. */
export const salesFeedFromNow = {
  salesSeenSnapshot: sql<string>`pg_current_snapshot()::text`,
  salesTargetSnapshot: null,
  salesCursorXid: null,
  salesCursorId: null,
};
