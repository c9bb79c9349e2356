import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { orders, products, refunds, sales } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { calendarDay } from "../input/calendar";
import { pageCursor, readPageCursor } from "../input/cursor";
import { paymentMethods, saleStatuses } from "./contract";
import { dayBounds } from "./day-bounds";

/**
 * The filter of a page of sales: instants `from` (inclusive) and `to` (exclusive), or one `day`
 * of the org's calendar, and the sale's machine, location, product, means of payment and outcome.
 */
export const salePageInput = z
  .object({
    from: z.date().optional(),
    to: z.date().optional(),
    day: calendarDay.optional(),
    machineId: z.string().max(64).optional(),
    locationId: z.string().max(64).optional(),
    productId: z.string().max(64).optional(),
    paymentMethod: z.enum(paymentMethods).optional(),
    status: z.enum(saleStatuses).optional(),
    cursor: pageCursor.optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .superRefine((input, issue) => {
    if (input.day && (input.from || input.to)) {
      issue.addIssue({ code: "custom", path: ["day"], message: "Send either day or from/to, not both." });
    }
    if (input.from && input.to && input.to <= input.from) {
      issue.addIssue({ code: "custom", path: ["to"], message: "to must be after from." });
    }
  });

// The position of a sale to the microsecond: a cursor rounded to milliseconds would let a sale
// recorded with microseconds come back on the next page.
const cursorAt = sql<string>`to_char(${sales.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A sale's refund: its own, or its online order's (an order expired and refunded before the vend was reported). */
function refundOf(ctx: ServiceCtx) {
  return ctx.db
    .select({ id: refunds.id, status: refunds.status, amountMinor: refunds.amountMinor })
    .from(refunds)
    .where(
      and(
        eq(refunds.orgId, ctx.orgId),
        sql`(${refunds.saleId} = ${sales.id} or (${sales.orderId} is not null and ${refunds.orderId} = ${sales.orderId}))`,
      ),
    )
    .orderBy(asc(refunds.createdAt))
    .limit(1)
    .as("sale_refund");
}

function selectPublicSales(ctx: ServiceCtx, where: SQL | undefined) {
  const refund = refundOf(ctx);
  return ctx.db
    .select({
      id: sales.id,
      machineId: sales.machineId,
      locationId: sales.locationId,
      productId: sales.productId,
      // An online order keeps the product's name as sold; a machine's vend shows the product's name now.
      productName: sql<string | null>`coalesce(${orders.productName}, ${products.name})`,
      productSku: products.sku,
      slotCode: sales.slotCode,
      status: sales.status,
      failureReason: sales.failureReason,
      occurredAt: sales.occurredAt,
      receivedAt: sales.receivedAt,
      priceMinor: sales.priceMinor,
      costMinor: sales.costMinor,
      currency: sales.currency,
      vatRateBp: sales.vatRateBp,
      paymentMethod: sales.paymentMethod,
      // What a refund is made against: an online sale's order holds it, a machine payment its own.
      paymentReference: sql<string | null>`coalesce(${orders.paymentReference}, ${sales.paymentReference})`,
      orderId: sales.orderId,
      consumerId: sales.consumerId,
      inferred: sales.inferred,
      refundId: refund.id,
      refundStatus: refund.status,
      refundMinor: refund.amountMinor,
      cursorAt,
    })
    .from(sales)
    .leftJoin(orders, and(eq(orders.id, sales.orderId), eq(orders.orgId, sales.orgId)))
    .leftJoin(products, eq(products.id, sales.productId))
    .leftJoinLateral(refund, sql`true`)
    .where(where)
    .$dynamic();
}

export type PublicSale = Awaited<ReturnType<typeof selectPublicSales>>[number];


/**
 * The org's sales a page at a time, oldest first, for integrators: keyset paging on (occurred at,
 * id), so paging never skips or repeats a sale while new ones are recorded (they come on the last
 * pages). A `day` is bounded in the org's time zone. The (org,
 * occurred at) indexes, and the machine's and product's, serve every filter in order.
 */
export async function listSalePage(ctx: ServiceCtx, raw: z.input<typeof salePageInput>) {
  const input = salePageInput.parse(raw);
  const after = input.cursor ? readPageCursor(input.cursor) : null;
  const day = input.day ? await dayBounds(ctx, { from: input.day, to: input.day }) : null;
  const rows = await selectPublicSales(
    ctx,
    and(
      eq(sales.orgId, ctx.orgId),
      input.from ? sql`${sales.occurredAt} >= ${input.from.toISOString()}::timestamptz` : undefined,
      input.to ? sql`${sales.occurredAt} < ${input.to.toISOString()}::timestamptz` : undefined,
      day ? sql`${sales.occurredAt} >= ${day.from!.toISOString()}::timestamptz` : undefined,
      day ? sql`${sales.occurredAt} < ${day.to!.toISOString()}::timestamptz` : undefined,
      input.machineId ? eq(sales.machineId, input.machineId) : undefined,
      input.locationId ? eq(sales.locationId, input.locationId) : undefined,
      input.productId ? eq(sales.productId, input.productId) : undefined,
      input.paymentMethod ? eq(sales.paymentMethod, input.paymentMethod) : undefined,
      input.status ? eq(sales.status, input.status) : undefined,
      after ? sql`(${sales.occurredAt}, ${sales.id}) > (${after.atText}::timestamptz, ${after.id})` : undefined,
    ),
  )
    .orderBy(asc(sales.occurredAt), asc(sales.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? `${last.cursorAt}|${last.id}` : null };
}

/** One sale of the org as integrators see it; another org's sale is not found. */
export async function getPublicSale(ctx: ServiceCtx, saleId: string): Promise<PublicSale> {
  const [row] = await selectPublicSales(ctx, and(eq(sales.orgId, ctx.orgId), eq(sales.id, saleId)));
  if (!row) throw notFound("Sale");
  return row;
}
