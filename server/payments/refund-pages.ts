import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { orders, refunds, sales } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { pageCursor, readPageCursor } from "../input/cursor";
import { REFUND_ORIGINS, REFUND_STATUSES } from "./contract";

/** The filter of a page of refunds: state, origin, and when they were created (`to` exclusive). */
export const refundPageInput = z.object({
  status: z.enum(REFUND_STATUSES).optional(),
  origin: z.enum(REFUND_ORIGINS).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

// Microseconds: created_at comes from now(), so a cursor rounded to milliseconds could repeat a row.
const cursorAt = sql<string>`to_char(${refunds.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function selectPublicRefunds(ctx: ServiceCtx, where: SQL | undefined) {
  return ctx.db
    .select({
      id: refunds.id,
      saleId: refunds.saleId,
      orderId: refunds.orderId,
      machineId: sql<string | null>`coalesce(${sales.machineId}, ${orders.machineId})`,
      consumerId: refunds.consumerId,
      origin: refunds.origin,
      reason: refunds.reason,
      status: refunds.status,
      amountMinor: refunds.amountMinor,
      currency: refunds.currency,
      paymentMethod: refunds.paymentMethod,
      paymentReference: refunds.paymentReference,
      providerRefundId: refunds.providerRefundId,
      attempts: refunds.attempts,
      nextAttemptAt: refunds.nextAttemptAt,
      lastError: refunds.lastError,
      createdAt: refunds.createdAt,
      updatedAt: refunds.updatedAt,
      cursorAt,
    })
    .from(refunds)
    .leftJoin(sales, and(eq(sales.id, refunds.saleId), eq(sales.orgId, refunds.orgId)))
    .leftJoin(orders, and(eq(orders.id, refunds.orderId), eq(orders.orgId, refunds.orgId)))
    .where(where)
    .$dynamic();
}

export type PublicRefund = Awaited<ReturnType<typeof selectPublicRefunds>>[number];

/**
 * The org's refunds a page at a time, oldest first, for integrators: keyset paging on (created
 * at, id), so new refunds come on the last pages and none is skipped or repeated.
 */
export async function listRefundPage(ctx: ServiceCtx, raw: z.input<typeof refundPageInput>) {
  const input = refundPageInput.parse(raw);
  const after = input.cursor ? readPageCursor(input.cursor) : null;
  const rows = await selectPublicRefunds(
    ctx,
    and(
      eq(refunds.orgId, ctx.orgId),
      input.status ? eq(refunds.status, input.status) : undefined,
      input.origin ? eq(refunds.origin, input.origin) : undefined,
      input.from ? sql`${refunds.createdAt} >= ${input.from.toISOString()}::timestamptz` : undefined,
      input.to ? sql`${refunds.createdAt} < ${input.to.toISOString()}::timestamptz` : undefined,
      after ? sql`(${refunds.createdAt}, ${refunds.id}) > (${after.atText}::timestamptz, ${after.id})` : undefined,
    ),
  )
    .orderBy(asc(refunds.createdAt), asc(refunds.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? `${last.cursorAt}|${last.id}` : null };
}

/** One refund of the org as integrators see it; another org's refund is not found. */
export async function getPublicRefund(ctx: ServiceCtx, refundId: string): Promise<PublicRefund> {
  const [row] = await selectPublicRefunds(ctx, and(eq(refunds.orgId, ctx.orgId), eq(refunds.id, refundId)));
  if (!row) throw notFound("Refund");
  return row;
}
