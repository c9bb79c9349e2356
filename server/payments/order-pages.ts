import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { orders, refunds } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { pageCursor, readPageCursor } from "../input/cursor";
import { ORDER_STATUSES } from "./contract";

/** The filter of a page of online orders: state, machine, and when they were placed (`to` exclusive). */
export const orderPageInput = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  machineId: z.string().max(64).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

// Microseconds: created_at comes from now(), so a cursor rounded to milliseconds could repeat a row.
const cursorAt = sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * What integrators see of an order: no checkout session, checkout link or machine command (they
 * let someone pay for or vend the order), and of the consumer only their id.
 */
function selectPublicOrders(ctx: ServiceCtx, where: SQL | undefined) {
  return ctx.db
    .select({
      id: orders.id,
      machineId: orders.machineId,
      slotCode: orders.slotCode,
      productId: orders.productId,
      productName: orders.productName,
      amountMinor: orders.amountMinor,
      currency: orders.currency,
      vatRateBp: orders.vatRateBp,
      status: orders.status,
      provider: orders.provider,
      paymentMethod: orders.paymentMethod,
      paymentReference: orders.paymentReference,
      consumerId: orders.consumerId,
      saleId: orders.saleId,
      failureReason: orders.failureReason,
      checkoutExpiresAt: orders.checkoutExpiresAt,
      paidAt: orders.paidAt,
      completedAt: orders.completedAt,
      createdAt: orders.createdAt,
      updatedAt: orders.updatedAt,
      refundId: refunds.id,
      refundStatus: refunds.status,
      cursorAt,
    })
    .from(orders)
    // At most one refund per order (its unique key).
    .leftJoin(refunds, and(eq(refunds.orderId, orders.id), eq(refunds.orgId, orders.orgId)))
    .where(where)
    .$dynamic();
}

export type PublicOrder = Awaited<ReturnType<typeof selectPublicOrders>>[number];

/**
 * The org's online orders a page at a time, oldest first, for integrators: keyset paging on
 * (created at, id), so new orders come on the last pages and none is skipped or repeated.
 */
export async function listOrderPage(ctx: ServiceCtx, raw: z.input<typeof orderPageInput>) {
  const input = orderPageInput.parse(raw);
  const after = input.cursor ? readPageCursor(input.cursor) : null;
  const rows = await selectPublicOrders(
    ctx,
    and(
      eq(orders.orgId, ctx.orgId),
      input.status ? eq(orders.status, input.status) : undefined,
      input.machineId ? eq(orders.machineId, input.machineId) : undefined,
      input.from ? sql`${orders.createdAt} >= ${input.from.toISOString()}::timestamptz` : undefined,
      input.to ? sql`${orders.createdAt} < ${input.to.toISOString()}::timestamptz` : undefined,
      after ? sql`(${orders.createdAt}, ${orders.id}) > (${after.atText}::timestamptz, ${after.id})` : undefined,
    ),
  )
    .orderBy(asc(orders.createdAt), asc(orders.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? `${last.cursorAt}|${last.id}` : null };
}

/** One online order of the org as integrators see it; another org's order is not found. */
export async function getPublicOrder(ctx: ServiceCtx, orderId: string): Promise<PublicOrder> {
  const [row] = await selectPublicOrders(ctx, and(eq(orders.orgId, ctx.orgId), eq(orders.id, orderId)));
  if (!row) throw notFound("Order");
  return row;
}
