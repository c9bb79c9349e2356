import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "~/db/client";
import { ALL_MACHINES } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { locationCommissions } from "~/server/hosts";
import { addDays, startOfDay } from "~/server/time";
import type { MachineDayGross } from "./allocation";

/** A Postgres text array literal of ids (prefixed ids: letters, digits and underscores). */
const idArray = (ids: string[]) => `{${ids.map((id) => `"${id.replace(/["\\]/g, "")}"`).join(",")}}`;

/** A place's sales of the period paid one way (from the daily rollup). */
export interface SalesByMethod {
  locationId: string;
  paymentMethod: string;
  units: number;
  revenueMinor: number;
  costMinor: number;
  /** Failed paid vends, refunded: the payment was taken, so its fee was charged. */
  refunds: number;
  refundMinor: number;
}

const end = (day: string) => sql`(${day}::date + 1)`;

/** Each place's sales from `from` to `to` in `currency`, by payment method. */
export async function salesByMethod(ctx: ServiceCtx, r: { from: string; to: string; currency: string }): Promise<SalesByMethod[]> {
  const rows = await queryRows<Record<string, string | number>>(
    ctx.db,
    sql`select location_id, payment_method, sum(units)::bigint as units, sum(revenue_minor)::bigint as revenue,
        sum(cost_minor)::bigint as cost, sum(refunds)::bigint as refunds, sum(refund_minor)::bigint as refund_minor
      from sales_daily
      where org_id = ${ctx.orgId} and location_id <> '' and currency = ${r.currency} and day >= ${r.from}::date and day < ${end(r.to)}
      group by 1, 2`,
  );
  return rows.map((row) => ({
    locationId: String(row.location_id),
    paymentMethod: String(row.payment_method),
    units: Number(row.units),
    revenueMinor: Number(row.revenue),
    costMinor: Number(row.cost),
    refunds: Number(row.refunds),
    refundMinor: Number(row.refund_minor),
  }));
}

/** Gross sales per machine-day of some places from `first` to `last` in `currency`, keyed by place. */
export async function machineDayGross(
  ctx: ServiceCtx,
  r: { locationIds: string[]; first: string; last: string; currency: string },
): Promise<Map<string, MachineDayGross[]>> {
  const out = new Map<string, MachineDayGross[]>();
  if (r.locationIds.length === 0) return out;
  const rows = await queryRows<{ location_id: string; machine_id: string; day: string; gross: string }>(
    ctx.db,
    sql`select location_id, machine_id, day::text as day, revenue_minor::bigint as gross from sales_daily_machine
      where org_id = ${ctx.orgId} and machine_id <> ${ALL_MACHINES} and location_id = any(${idArray(r.locationIds)}::text[])
        and currency = ${r.currency} and day >= ${r.first}::date and day < ${end(r.last)} and revenue_minor > 0`,
  );
  for (const row of rows) {
    const cell = { machineId: row.machine_id, day: row.day, grossMinor: Number(row.gross) };
    const list = out.get(row.location_id);
    if (list) list.push(cell);
    else out.set(row.location_id, [cell]);
  }
  return out;
}

/**
 * Money given back in the period for sales that revenue counts (by hand, on a consumer's request,
 * for an online order's sale), per place of the sale; refunds for failed vends are not revenue
 * given back, and refunds that failed gave nothing back. The refunds are read first and their sales
 * then by key: a join lets the row-level-security filter on sales choose a scan of all the org's sales.
 */
export async function refundsByPlace(ctx: ServiceCtx, r: { from: string; to: string; currency: string; timeZone: string }): Promise<Map<string, number>> {
  const given = await queryRows<{ sale_id: string | null; order_id: string | null; amount_minor: number }>(
    ctx.db,
    sql`select sale_id, order_id, amount_minor from refunds
      where org_id = ${ctx.orgId} and currency = ${r.currency} and status <> 'failed'
        and created_at >= ${startOfDay(r.from, r.timeZone)} and created_at < ${startOfDay(addDays(r.to, 1), r.timeZone)}`,
  );
  const saleIds = [...new Set(given.flatMap((g) => (g.sale_id ? [g.sale_id] : [])))];
  const orderIds = [...new Set(given.flatMap((g) => (!g.sale_id && g.order_id ? [g.order_id] : [])))];
  const bySale = new Map<string, string | null>();
  const byOrder = new Map<string, string | null>();
  if (saleIds.length > 0) {
    const rows = await queryRows<{ id: string; location_id: string | null }>(
      ctx.db,
      sql`select id, location_id from sales where org_id = ${ctx.orgId} and id = any(${idArray(saleIds)}::text[]) and status = 'succeeded'`,
    );
    for (const row of rows) bySale.set(row.id, row.location_id);
  }
  if (orderIds.length > 0) {
    const rows = await queryRows<{ order_id: string; location_id: string | null }>(
      ctx.db,
      sql`select order_id, location_id from sales where org_id = ${ctx.orgId} and order_id = any(${idArray(orderIds)}::text[]) and status = 'succeeded'`,
    );
    for (const row of rows) byOrder.set(row.order_id, row.location_id);
  }
  const out = new Map<string, number>();
  for (const g of given) {
    const place = g.sale_id ? bySale.get(g.sale_id) : g.order_id ? byOrder.get(g.order_id) : undefined;
    if (place) out.set(place, (out.get(place) ?? 0) + Number(g.amount_minor));
  }
  return out;
}

/** Service visits in the period, per place of the machine visited (where it stands now). */
export async function visitsByPlace(ctx: ServiceCtx, r: { from: string; to: string; timeZone: string }): Promise<Map<string, number>> {
  const rows = await queryRows<{ location_id: string; n: string }>(
    ctx.db,
    sql`select m.location_id, count(*)::bigint as n from service_visits v join machines m on m.org_id = v.org_id and m.id = v.machine_id
      where v.org_id = ${ctx.orgId} and m.location_id is not null
        and v.occurred_at >= ${startOfDay(r.from, r.timeZone)} and v.occurred_at < ${startOfDay(addDays(r.to, 1), r.timeZone)}
      group by 1`,
  );
  return new Map(rows.map((row) => [row.location_id, Number(row.n)]));
}

/** The org's places with the machines standing at each now. */
export async function places(ctx: ServiceCtx): Promise<{ locationId: string; name: string; machineIds: string[] }[]> {
  const rows = await queryRows<{ id: string; name: string; machine_ids: string[] | null }>(
    ctx.db,
    sql`select l.id, l.name, array(select m.id from machines m where m.org_id = l.org_id and m.location_id = l.id order by m.id) as machine_ids
      from locations l where l.org_id = ${ctx.orgId} order by l.name, l.id`,
  );
  return rows.map((row) => ({ locationId: row.id, name: row.name, machineIds: row.machine_ids ?? [] }));
}

/** The hosts' commission per place and month in `currency` (36 months per ask, as the hosts domain takes them). */
export async function commissionsByPlaceMonth(ctx: ServiceCtx, r: { months: string[]; currency: string }): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < r.months.length; i += 36) {
    const rows = await locationCommissions(ctx, { months: r.months.slice(i, i + 36) });
    for (const row of rows) {
      if (row.currency !== r.currency || row.commissionMinor === 0) continue;
      const key = `${row.locationId}|${row.month}`;
      out.set(key, (out.get(key) ?? 0) + row.commissionMinor);
    }
  }
  return out;
}
