import "server-only";
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { locations, machines, orders, organizations, products, refunds, sales } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { pageCursorAfter, readPageCursor } from "../input/cursor";
import { dayBounds } from "./day-bounds";
import { listSalesInput, salesFilterInput, type SalesFilter } from "./contract";

/** The filter as SQL, with days bounded in the org's time zone (the bounds worked out first, see `dayBounds`). */
export async function salesWhere(ctx: ServiceCtx, f: SalesFilter): Promise<SQL> {
  const bounds = await dayBounds(ctx, f);
  return and(
    eq(sales.orgId, ctx.orgId),
    bounds.from ? gte(sales.occurredAt, bounds.from) : undefined,
    bounds.to ? lt(sales.occurredAt, bounds.to) : undefined,
    f.machineId ? eq(sales.machineId, f.machineId) : undefined,
    f.locationId ? eq(sales.locationId, f.locationId) : undefined,
    f.productId ? eq(sales.productId, f.productId) : undefined,
    f.paymentMethod ? eq(sales.paymentMethod, f.paymentMethod) : undefined,
    f.status ? eq(sales.status, f.status) : undefined,
  )!;
}

const saleColumns = {
  id: sales.id,
  occurredAt: sales.occurredAt,
  machineId: sales.machineId,
  machineName: machines.name,
  locationName: locations.name,
  slotCode: sales.slotCode,
  productName: products.name,
  productSku: products.sku,
  status: sales.status,
  failureReason: sales.failureReason,
  priceMinor: sales.priceMinor,
  costMinor: sales.costMinor,
  currency: sales.currency,
  paymentMethod: sales.paymentMethod,
  // What a refund is made against: an online sale's order holds it, a machine payment its own.
  paymentReference: sql<string | null>`coalesce((select o.payment_reference from ${orders} o where o.id = ${sales.orderId}), ${sales.paymentReference})`,
  refundStatus: refunds.status,
  /** Inferred between two audits of a machine without telemetry, not reported vend by vend. */
  inferred: sales.inferred,
};

/** Sales with their machine, location, product and refund, for lists and exports. */
function selectSales(ctx: ServiceCtx, where: SQL | undefined) {
  return ctx.db
    .select(saleColumns)
    .from(sales)
    .innerJoin(machines, eq(machines.id, sales.machineId))
    .leftJoin(locations, eq(locations.id, sales.locationId))
    .leftJoin(products, eq(products.id, sales.productId))
    // A sale's refund: its own, or its online order's (an order expired and refunded before the vend was reported).
    .leftJoin(refunds, sql`(${refunds.saleId} = ${sales.id} or (${sales.orderId} is not null and ${refunds.orderId} = ${sales.orderId}))`)
    .where(where)
    .$dynamic();
}

export type SaleRow = Awaited<ReturnType<typeof selectSales>>[number];

/** Sales matching the filter, newest first, a page at a time. */
export async function listSales(ctx: ServiceCtx, raw: z.input<typeof listSalesInput>) {
  const input = listSalesInput.parse(raw);
  const after = input.cursor ? readPageCursor(input.cursor) : null;
  const rows = await selectSales(
    ctx,
    and(
      await salesWhere(ctx, input),
      after ? sql`(${sales.occurredAt}, ${sales.id}) < (${after.atText}::timestamptz, ${after.id})` : undefined,
    ),
  )
    .orderBy(desc(sales.occurredAt), desc(sales.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { sales: page, nextCursor: rows.length > input.limit && last ? pageCursorAfter(last.occurredAt, last.id) : undefined };
}

/** Totals for the filter, per currency: vends, revenue, cost and failures. */
export async function salesTotals(ctx: ServiceCtx, raw: z.input<typeof salesFilterInput>) {
  const filter = salesFilterInput.parse(raw);
  return ctx.db
    .select({
      currency: sales.currency,
      vends: sql<number>`count(*) filter (where ${sales.status} = 'succeeded')::int`,
      failed: sql<number>`count(*) filter (where ${sales.status} = 'failed')::int`,
      revenueMinor: sql<number>`coalesce(sum(${sales.priceMinor}) filter (where ${sales.status} = 'succeeded'), 0)::bigint`,
      costMinor: sql<number>`coalesce(sum(${sales.costMinor}) filter (where ${sales.status} = 'succeeded'), 0)::bigint`,
    })
    .from(sales)
    .where(await salesWhere(ctx, filter))
    .groupBy(sales.currency)
    .then((rows) => rows.map((r) => ({ ...r, revenueMinor: Number(r.revenueMinor), costMinor: Number(r.costMinor) })));
}

/**
 * Vends, failures and revenue per day (days in the org's time zone) for the filter, per currency,
 * oldest day first: the revenue chart of the sales page.
 */
export async function salesByDay(ctx: ServiceCtx, raw: z.input<typeof salesFilterInput>) {
  const filter = salesFilterInput.parse(raw);
  const zone = sql`(select o.time_zone from ${organizations} o where o.id = ${ctx.orgId})`;
  return ctx.db
    .select({
      day: sql<string>`to_char((${sales.occurredAt} at time zone ${zone})::date, 'YYYY-MM-DD')`,
      currency: sales.currency,
      vends: sql<number>`count(*) filter (where ${sales.status} = 'succeeded')::int`,
      failed: sql<number>`count(*) filter (where ${sales.status} = 'failed')::int`,
      revenueMinor: sql<number>`coalesce(sum(${sales.priceMinor}) filter (where ${sales.status} = 'succeeded'), 0)::bigint`,
    })
    .from(sales)
    .where(await salesWhere(ctx, filter))
    // By position: the day expression carries a parameter, so it cannot be repeated textually.
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`1`, sql`2`)
    .then((rows) => rows.map((r) => ({ ...r, revenueMinor: Number(r.revenueMinor) })));
}

/** Every sale matching the filter, oldest first, in pages of `batch`: for exports of any size. */
export async function* iterateSales(ctx: ServiceCtx, input: { filter: z.input<typeof salesFilterInput>; batch?: number }): AsyncGenerator<SaleRow[]> {
  const filter = salesFilterInput.parse(input.filter);
  const batch = input.batch ?? 2000;
  const where = await salesWhere(ctx, filter);
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const rows: SaleRow[] = await selectSales(
      ctx,
      and(where, after ? sql`(${sales.occurredAt}, ${sales.id}) > (${after.at.toISOString()}::timestamptz, ${after.id})` : undefined),
    )
      .orderBy(sales.occurredAt, sales.id)
      .limit(batch);
    if (rows.length === 0) return;
    yield rows;
    const last = rows.at(-1)!;
    after = { at: last.occurredAt, id: last.id };
    if (rows.length < batch) return;
  }
}
