import { and, desc, eq, ne, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import { newId } from "~/db/ids";
import { alerts, locations, machines, orderStatus, orders, products, refundOrigin, refundStatus, refunds, sales } from "~/db/schema";
import { resolveByHand } from "~/server/alerts";
import type { ServiceCtx } from "../context";
import { reversePoints } from "~/server/consumers";
import { ServiceError, notFound } from "../errors";
import { pageCursor, pageCursorAfter, readPageCursor } from "../input/cursor";
import { recordAudit } from "~/server/tenancy";

const page = {
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
};

/** A keyset cursor over (created_at, id), newest first. */
function after(cursor: string | undefined, createdAt: SQLWrapper, id: SQLWrapper): SQL | undefined {
  if (!cursor) return undefined;
  const position = readPageCursor(cursor);
  if (!position) throw new ServiceError("BAD_REQUEST", "The page cursor is not valid; start again from the first page.");
  return sql`(${createdAt}, ${id}) < (${position.atText}::timestamptz, ${position.id})`;
}

function nextCursor<T extends { id: string; createdAt: Date }>(rows: T[], limit: number) {
  const last = rows.slice(0, limit).at(-1);
  return rows.length > limit && last ? pageCursorAfter(last.createdAt, last.id) : undefined;
}

export const listOrdersInput = z.object({
  status: z.enum(orderStatus.enumValues).optional(),
  machineId: z.string().max(64).optional(),
  ...page,
});

/** Online orders, newest first, with their machine and the state of any refund. */
export async function listOrders(ctx: ServiceCtx, raw: z.input<typeof listOrdersInput>) {
  const input = listOrdersInput.parse(raw);
  const rows = await ctx.db
    .select({
      id: orders.id,
      createdAt: orders.createdAt,
      status: orders.status,
      machineId: orders.machineId,
      machineName: machines.name,
      locationName: locations.name,
      slotCode: orders.slotCode,
      productName: orders.productName,
      amountMinor: orders.amountMinor,
      currency: orders.currency,
      provider: orders.provider,
      paymentMethod: orders.paymentMethod,
      paidAt: orders.paidAt,
      completedAt: orders.completedAt,
      failureReason: orders.failureReason,
      guest: sql<boolean>`${orders.consumerId} is null`,
      refundId: refunds.id,
      refundStatus: refunds.status,
    })
    .from(orders)
    .innerJoin(machines, eq(machines.id, orders.machineId))
    .leftJoin(locations, eq(locations.id, machines.locationId))
    .leftJoin(refunds, eq(refunds.orderId, orders.id))
    .where(
      and(
        eq(orders.orgId, ctx.orgId),
        input.status ? eq(orders.status, input.status) : undefined,
        input.machineId ? eq(orders.machineId, input.machineId) : undefined,
        after(input.cursor, orders.createdAt, orders.id),
      ),
    )
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(input.limit + 1);
  return { orders: rows.slice(0, input.limit), nextCursor: nextCursor(rows, input.limit) };
}

export const listRefundsInput = z.object({
  status: z.enum(refundStatus.enumValues).optional(),
  origin: z.enum(refundOrigin.enumValues).optional(),
  ...page,
});

/** Refunds, newest first: state, attempts, last error, and what they are for. */
export async function listRefunds(ctx: ServiceCtx, raw: z.input<typeof listRefundsInput>) {
  const input = listRefundsInput.parse(raw);
  const rows = await ctx.db
    .select({
      id: refunds.id,
      createdAt: refunds.createdAt,
      updatedAt: refunds.updatedAt,
      status: refunds.status,
      origin: refunds.origin,
      reason: refunds.reason,
      attempts: refunds.attempts,
      nextAttemptAt: refunds.nextAttemptAt,
      lastError: refunds.lastError,
      amountMinor: refunds.amountMinor,
      currency: refunds.currency,
      paymentMethod: refunds.paymentMethod,
      providerRefundId: refunds.providerRefundId,
      saleId: refunds.saleId,
      orderId: refunds.orderId,
      machineId: machines.id,
      machineName: machines.name,
      productName: sql<string | null>`coalesce(${orders.productName}, ${products.name})`,
    })
    .from(refunds)
    .leftJoin(sales, eq(sales.id, refunds.saleId))
    .leftJoin(orders, eq(orders.id, refunds.orderId))
    .leftJoin(machines, sql`${machines.id} = coalesce(${sales.machineId}, ${orders.machineId})`)
    .leftJoin(products, eq(products.id, sales.productId))
    .where(
      and(
        eq(refunds.orgId, ctx.orgId),
        input.status ? eq(refunds.status, input.status) : undefined,
        input.origin ? eq(refunds.origin, input.origin) : undefined,
        after(input.cursor, refunds.createdAt, refunds.id),
      ),
    )
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
    .limit(input.limit + 1);
  const counts = await ctx.db
    .select({ status: refunds.status, count: sql<number>`count(*)::int` })
    .from(refunds)
    .where(eq(refunds.orgId, ctx.orgId))
    .groupBy(refunds.status);
  return {
    refunds: rows.slice(0, input.limit),
    nextCursor: nextCursor(rows, input.limit),
    counts: Object.fromEntries(refundStatus.enumValues.map((s) => [s, Number(counts.find((c) => c.status === s)?.count ?? 0)])) as Record<(typeof refundStatus.enumValues)[number], number>,
  };
}

export const refundIdInput = z.object({ refundId: z.string().min(1).max(64) });

/**
 * Sends a refund that gave up once more, from a fresh count of attempts. Resolves the alert it
 * raised, as a person resolving it by hand would (timeline, audit, webhooks): someone is on it. Audited.
 */
export async function retryRefund(ctx: ServiceCtx, raw: z.input<typeof refundIdInput>) {
  const { refundId } = refundIdInput.parse(raw);
  const [refund] = await ctx.db.select().from(refunds).where(and(eq(refunds.id, refundId), eq(refunds.orgId, ctx.orgId))).for("update");
  if (!refund) throw notFound("Refund");
  if (refund.status !== "failed") {
    throw new ServiceError("CONFLICT", refund.status === "succeeded" ? "This refund has already been paid back." : "This refund is still being sent; only a failed refund can be retried.");
  }
  await ctx.db
    .update(refunds)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(refunds.id, refundId), eq(refunds.orgId, ctx.orgId)));
  const raised = await ctx.db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.orgId, ctx.orgId), eq(alerts.rule, "refund_failed"), eq(alerts.code, refundId), ne(alerts.status, "resolved")));
  for (const alert of raised) await resolveByHand(ctx, { alertId: alert.id, note: "The refund is being sent again." });
  await recordAudit(ctx, { action: "refund.retried", targetType: "refund", targetId: refundId, data: { lastError: refund.lastError, attempts: refund.attempts } });
  return { refundId, status: "pending" as const };
}

export const refundSaleInput = z.object({
  saleId: z.string().min(1).max(64),
  reason: z.string().trim().min(3, "Say why, in a few words (at least 3 characters).").max(500, "At most 500 characters."),
});

/**
 * Refunds a sale in full by hand (a manager's decision, or an approved request). One refund per
 * sale, ever: a sale already refunded, automatically or by hand, is refused. Cash is paid back
 * by hand at the machine, so only electronic payments can be refunded here. Takes back the
 * points the purchase earned. Audited.
 */
export async function refundSale(ctx: ServiceCtx, raw: z.input<typeof refundSaleInput>, origin: "manual" | "request" = "manual") {
  const input = refundSaleInput.parse(raw);
  const [sale] = await ctx.db
    .select({ sale: sales, order: orders })
    .from(sales)
    .leftJoin(orders, eq(orders.id, sales.orderId))
    .where(and(eq(sales.id, input.saleId), eq(sales.orgId, ctx.orgId)))
    .for("update", { of: sales });
  if (!sale) throw notFound("Sale");
  const { sale: s, order } = sale;
  const method = order?.paymentMethod ?? s.paymentMethod;
  const reference = order?.paymentReference ?? s.paymentReference;
  if (method === "cash") throw new ServiceError("CONFLICT", "This sale was paid in cash: pay it back by hand at the machine.");
  if (method === "free" || s.priceMinor === 0) throw new ServiceError("CONFLICT", "This sale was free: there is nothing to refund.");
  if (!reference) throw new ServiceError("CONFLICT", "This sale has no payment reference, so the payment provider cannot refund it. Refund it by other means.");
  // An online order is refunded once, whether through its sale or the order itself (expiry).
  if (order && (await orderHasRefund(ctx, order.id))) throw new ServiceError("CONFLICT", "This sale's order has already been refunded.");
  const [refund] = await ctx.db
    .insert(refunds)
    .values({
      id: newId("rfd"),
      orgId: ctx.orgId,
      saleId: s.id,
      orderId: order?.id ?? null,
      consumerId: s.consumerId,
      origin,
      amountMinor: order?.amountMinor ?? s.priceMinor,
      currency: s.currency,
      paymentMethod: method,
      paymentReference: reference,
      reason: `${origin}: ${input.reason}`,
    })
    .onConflictDoNothing()
    .returning();
  if (!refund) throw new ServiceError("CONFLICT", "This sale has already been refunded.");
  const points = await reversePoints(ctx, s.id);
  await recordAudit(ctx, {
    action: origin === "manual" ? "refund.created_by_hand" : "refund.request_approved",
    targetType: "refund",
    targetId: refund.id,
    data: { saleId: s.id, amountMinor: refund.amountMinor, currency: refund.currency, reason: input.reason, pointsReversed: points },
  });
  return refund;
}

async function orderHasRefund(ctx: ServiceCtx, orderId: string): Promise<boolean> {
  const [row] = await ctx.db.select({ id: refunds.id }).from(refunds).where(and(eq(refunds.orgId, ctx.orgId), eq(refunds.orderId, orderId)));
  return row !== undefined;
}
