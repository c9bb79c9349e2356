import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { orders, refundRequests, refunds, sales } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { pageCursor, readPageCursor } from "../input/cursor";
import { REFUND_REQUEST_STATUSES } from "./contract";

/** The filter of a page of refund requests: state, and when they were made (`to` exclusive). */
export const refundRequestPageInput = z.object({
  status: z.enum(REFUND_REQUEST_STATUSES).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

// Microseconds: created_at comes from now(), so a cursor rounded to milliseconds could repeat a row.
const cursorAt = sql<string>`to_char(${refundRequests.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A request with its purchase and its refund; of the consumer, only their id. */
function selectPublicRequests(ctx: ServiceCtx, where: SQL | undefined) {
  return ctx.db
    .select({
      id: refundRequests.id,
      status: refundRequests.status,
      reason: refundRequests.reason,
      decisionReason: refundRequests.decisionReason,
      decidedAt: refundRequests.decidedAt,
      autoApproved: refundRequests.autoApproved,
      createdAt: refundRequests.createdAt,
      consumerId: refundRequests.consumerId,
      saleId: refundRequests.saleId,
      machineId: sales.machineId,
      amountMinor: sql<number>`coalesce(${orders.amountMinor}, ${sales.priceMinor})`,
      currency: sales.currency,
      refundId: refunds.id,
      refundStatus: refunds.status,
      cursorAt,
    })
    .from(refundRequests)
    .innerJoin(sales, eq(sales.id, refundRequests.saleId))
    .leftJoin(orders, and(eq(orders.id, sales.orderId), eq(orders.orgId, sales.orgId)))
    .leftJoin(refunds, eq(refunds.id, refundRequests.refundId))
    .where(where)
    .$dynamic();
}

export type PublicRefundRequest = Awaited<ReturnType<typeof selectPublicRequests>>[number];

/**
 * The org's refund requests a page at a time, oldest first, for integrators: keyset paging on
 * (created at, id), so new requests come on the last pages and none is skipped or repeated.
 */
export async function listRefundRequestPage(ctx: ServiceCtx, raw: z.input<typeof refundRequestPageInput>) {
  const input = refundRequestPageInput.parse(raw);
  const after = input.cursor ? readPageCursor(input.cursor) : null;
  const rows = await selectPublicRequests(
    ctx,
    and(
      eq(refundRequests.orgId, ctx.orgId),
      input.status ? eq(refundRequests.status, input.status) : undefined,
      input.from ? sql`${refundRequests.createdAt} >= ${input.from.toISOString()}::timestamptz` : undefined,
      input.to ? sql`${refundRequests.createdAt} < ${input.to.toISOString()}::timestamptz` : undefined,
      after ? sql`(${refundRequests.createdAt}, ${refundRequests.id}) > (${after.atText}::timestamptz, ${after.id})` : undefined,
    ),
  )
    .orderBy(asc(refundRequests.createdAt), asc(refundRequests.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? `${last.cursorAt}|${last.id}` : null };
}

/** One refund request of the org as integrators see it; another org's is not found. */
export async function getPublicRefundRequest(ctx: ServiceCtx, requestId: string): Promise<PublicRefundRequest> {
  const [row] = await selectPublicRequests(ctx, and(eq(refundRequests.orgId, ctx.orgId), eq(refundRequests.id, requestId)));
  if (!row) throw notFound("Refund request");
  return row;
}
