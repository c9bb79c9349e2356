import "server-only";
import { and, desc, eq, ne, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { z } from "zod";
import { alerts, locations, machines, orders, products, refunds, sales } from "~/db/schema";
import { resolveByHand } from "~/server/alerts";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { pageCursorAfter, readPageCursor } from "../input/cursor";
import { recordAudit } from "~/server/tenancy";
import { REFUND_STATUSES, listOrdersInput, listRefundsInput, paymentsMessages, refundIdInput } from "./contract";

// The operator's view of online orders and refunds, and sending a refund that gave up once more.

/**
 * A keyset cursor over (created_at to the millisecond, id), newest first. The cursor keeps
 * milliseconds and created_at has microseconds: comparing and ordering by the truncated time
 * keeps a row from falling between a page's last row and the cursor.
 */
function after(cursor: string | undefined, createdAt: SQLWrapper, id: SQLWrapper): SQL | undefined {
  if (!cursor) return undefined;
  const position = readPageCursor(cursor);
  if (!position) throw new ServiceError("BAD_REQUEST", paymentsMessages.page_cursor_invalid);
  return sql`(date_trunc('milliseconds', ${createdAt}), ${id}) < (${position.atText}::timestamptz, ${position.id})`;
}

/** Newest first, in the cursor's precision. */
const newestFirst = (createdAt: SQLWrapper) => sql`date_trunc('milliseconds', ${createdAt}) desc`;

function nextCursor<T extends { id: string; createdAt: Date }>(rows: T[], limit: number) {
  const last = rows.slice(0, limit).at(-1);
  return rows.length > limit && last ? pageCursorAfter(last.createdAt, last.id) : undefined;
}

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
    .orderBy(newestFirst(orders.createdAt), desc(orders.id))
    .limit(input.limit + 1);
  return { orders: rows.slice(0, input.limit), nextCursor: nextCursor(rows, input.limit) };
}

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
    .orderBy(newestFirst(refunds.createdAt), desc(refunds.id))
    .limit(input.limit + 1);
  const counts = await ctx.db
    .select({ status: refunds.status, count: sql<number>`count(*)::int` })
    .from(refunds)
    .where(eq(refunds.orgId, ctx.orgId))
    .groupBy(refunds.status);
  return {
    refunds: rows.slice(0, input.limit),
    nextCursor: nextCursor(rows, input.limit),
    counts: Object.fromEntries(REFUND_STATUSES.map((s) => [s, Number(counts.find((c) => c.status === s)?.count ?? 0)])) as Record<(typeof REFUND_STATUSES)[number], number>,
  };
}

/**
 * Sends a refund that gave up once more, from a fresh count of attempts. Resolves the alert it
 * raised, as a person resolving it by hand would (timeline, audit, webhooks): someone is on it. Audited.
 */
export async function retryRefund(ctx: ServiceCtx, raw: z.input<typeof refundIdInput>) {
  const { refundId } = refundIdInput.parse(raw);
  const [refund] = await ctx.db.select().from(refunds).where(and(eq(refunds.id, refundId), eq(refunds.orgId, ctx.orgId))).for("update");
  if (!refund) throw notFound("Refund");
  if (refund.status !== "failed") {
    throw new ServiceError("CONFLICT", refund.status === "succeeded" ? paymentsMessages.refund_already_paid : paymentsMessages.refund_still_sending);
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
