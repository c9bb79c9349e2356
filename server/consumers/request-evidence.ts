import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "~/db/client";
import type { ServiceCtx } from "../context";
import { EVIDENCE_WINDOW_HOURS, type RequestEvidence } from "./contract";
import { failedVendAtSql } from "./failed-vends";

/** How many of the consumer's past purchases, requests and refunds are listed (all are counted). */
const RECENT = 3;
/** How many machine events and alerts are listed with a request. */
const EVENTS = 12;
const ALERTS = 5;

/**
 * The evidence for each of `requestIds`, in one query whatever their number: the consumer's past
 * with this operator and, around the purchase, the machine's failed vends on its slot, its faults,
 * the slot's stock record and the alerts raised. Everything is read within `ctx.orgId`.
 */
export async function requestEvidence(ctx: ServiceCtx, requestIds: string[]): Promise<Map<string, RequestEvidence>> {
  if (requestIds.length === 0) return new Map();
  const org = ctx.orgId;
  const window = sql`make_interval(hours => ${EVIDENCE_WINDOW_HOURS})`;
  const rows = await queryRows<{ id: string; evidence: Raw }>(
    ctx.db,
    sql`with req as (
      select r.id, r.consumer_id, s.id as sale_id, s.event_id, s.machine_id, s.slot_code, s.occurred_at
      from refund_requests r join sales s on s.org_id = r.org_id and s.id = r.sale_id
      where r.org_id = ${org} and r.id in (select jsonb_array_elements_text(${JSON.stringify(requestIds)}::jsonb))
    )
    select req.id, jsonb_build_object(
      'consumer', jsonb_build_object(
        'purchases', ph.n, 'failedPurchases', ph.failed, 'spentMinor', ph.spent,
        'recentPurchases', (select coalesce(jsonb_agg(x order by x.at desc), '[]') from (
          select h.id as "saleId", h.occurred_at as at, p.name as product, h.price_minor as "amountMinor", h.currency, h.status
          from sales h left join products p on p.id = h.product_id
          where h.org_id = ${org} and h.consumer_id = req.consumer_id and h.id <> req.sale_id
          order by h.occurred_at desc limit ${RECENT}) x),
        'requests', rh.n, 'approved', rh.approved, 'rejected', rh.rejected,
        'recentRequests', (select coalesce(jsonb_agg(x order by x.at desc), '[]') from (
          select o.id, o.created_at as at, o.reason, o.status, o.decision_reason as "decisionReason", o.auto_approved as "autoApproved"
          from refund_requests o
          where o.org_id = ${org} and o.consumer_id = req.consumer_id and o.id <> req.id
          order by o.created_at desc limit ${RECENT}) x),
        'refunds', fh.n, 'refundedMinor', fh.total,
        'recentRefunds', (select coalesce(jsonb_agg(x order by x.at desc), '[]') from (
          select f.id, f.created_at as at, f.amount_minor as "amountMinor", f.currency, f.status, f.origin
          from refunds f where f.org_id = ${org} and f.consumer_id = req.consumer_id
          order by f.created_at desc limit ${RECENT}) x)
      ),
      'machine', jsonb_build_object(
        'failedVends', ev.failed, 'faults', ev.faults,
        'events', (select coalesce(jsonb_agg(x order by x.at), '[]') from (
          select e.event_id as "eventId", e.occurred_at as at, e.type, e.data->>'slot' as slot, e.data->>'reason' as reason,
            e.data->>'code' as code, e.data->>'message' as message, e.event_id = req.event_id as "thisPurchase"
          from machine_events e
          where e.org_id = ${org} and e.machine_id = req.machine_id
            and e.occurred_at between req.occurred_at - ${window} and req.occurred_at + ${window}
            and ((e.type = 'vend.failed' and upper(e.data->>'slot') = req.slot_code) or e.type in ('machine.fault', 'machine.fault_cleared'))
          order by abs(extract(epoch from e.occurred_at - req.occurred_at)) limit ${EVENTS}) x),
        'soldOutAtTime', (select case when count(*) filter (where o.started_at <= req.occurred_at and (o.ended_at is null or o.ended_at > req.occurred_at)) > 0 then true
            when count(*) > 0 then false end
          from slot_stockouts o where o.org_id = ${org} and o.machine_id = req.machine_id and o.slot_code = req.slot_code),
        'stockDiscrepancies', (select count(*)::int from stock_discrepancies d
          where d.org_id = ${org} and d.machine_id = req.machine_id and d.slot_code = req.slot_code
            and d.occurred_at between req.occurred_at - ${window} and req.occurred_at + ${window}),
        'alerts', (select coalesce(jsonb_agg(x order by x."firstSeenAt"), '[]') from (
          select a.id, a.rule, a.code, a.severity, a.status, a.message, a.data, a.first_seen_at as "firstSeenAt"
          from alerts a
          where a.org_id = ${org} and a.machine_id = req.machine_id
            and (a.data->>'saleId' = req.sale_id
              or (a.first_seen_at <= req.occurred_at + ${window} and coalesce(a.resolved_at, a.last_seen_at) >= req.occurred_at - ${window}))
          order by a.data->>'saleId' = req.sale_id desc nulls last, abs(extract(epoch from a.first_seen_at - req.occurred_at)) limit ${ALERTS}) x)
      ),
      'failedVendAt', ${failedVendAtSql(org, sql`req.sale_id`)}
    ) as evidence
    from req
    cross join lateral (select count(*)::int as n, count(*) filter (where h.status = 'failed')::int as failed,
        coalesce(sum(h.price_minor) filter (where h.status = 'succeeded'), 0)::int as spent
      from sales h where h.org_id = ${org} and h.consumer_id = req.consumer_id) ph
    cross join lateral (select count(*)::int as n, count(*) filter (where o.status = 'approved')::int as approved,
        count(*) filter (where o.status = 'rejected')::int as rejected
      from refund_requests o where o.org_id = ${org} and o.consumer_id = req.consumer_id and o.id <> req.id) rh
    cross join lateral (select count(*)::int as n, coalesce(sum(f.amount_minor), 0)::int as total
      from refunds f where f.org_id = ${org} and f.consumer_id = req.consumer_id) fh
    cross join lateral (select count(*) filter (where e.type = 'vend.failed' and upper(e.data->>'slot') = req.slot_code)::int as failed,
        count(*) filter (where e.type = 'machine.fault')::int as faults
      from machine_events e
      where e.org_id = ${org} and e.machine_id = req.machine_id
        and e.occurred_at between req.occurred_at - ${window} and req.occurred_at + ${window}) ev`,
  );
  return new Map(rows.map((r) => [r.id, parse(typeof r.evidence === "string" ? (JSON.parse(r.evidence) as Raw) : r.evidence)]));
}

type Raw = Omit<RequestEvidence, "failedVendAt"> & { failedVendAt: string | null };

/** JSON carries instants as text: turn them back into dates. */
function parse(raw: Raw): RequestEvidence {
  const at = <T extends { at: Date | string }>(x: T) => ({ ...x, at: new Date(x.at) });
  return {
    consumer: {
      ...raw.consumer,
      recentPurchases: raw.consumer.recentPurchases.map(at),
      recentRequests: raw.consumer.recentRequests.map(at),
      recentRefunds: raw.consumer.recentRefunds.map(at),
    },
    machine: {
      ...raw.machine,
      events: raw.machine.events.map(at),
      alerts: raw.machine.alerts.map((a) => ({ ...a, firstSeenAt: new Date(a.firstSeenAt) })),
    },
    failedVendAt: raw.failedVendAt ? new Date(raw.failedVendAt) : null,
  };
}
