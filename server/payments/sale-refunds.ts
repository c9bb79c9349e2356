import "server-only";
import { and, eq } from "drizzle-orm";
import { newId } from "~/db/ids";
import { orders, refunds, sales, type Refund } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { paymentsMessages, refundable } from "./contract";

export interface SaleRefundRequest {
  saleId: string;
  /** The person's words, kept on the refund after its origin ("manual: …"). */
  reason: string;
  origin: "manual" | "request";
}

/**
 * The refund of a sale in full that a person decided on (a manager by hand, or an approved
 * request). One refund per sale, ever: a sale already refunded, automatically or by hand, is
 * refused. Cash is paid back by hand at the machine, so only electronic payments are refunded.
 * The caller audits it together with what else the refund undoes (the points it earned).
 */
export async function createSaleRefund(ctx: ServiceCtx, input: SaleRefundRequest): Promise<Refund> {
  const [found] = await ctx.db
    .select({ sale: sales, order: orders })
    .from(sales)
    .leftJoin(orders, eq(orders.id, sales.orderId))
    .where(and(eq(sales.id, input.saleId), eq(sales.orgId, ctx.orgId)))
    .for("update", { of: sales });
  if (!found) throw notFound("Sale");
  const { sale, order } = found;
  const method = order?.paymentMethod ?? sale.paymentMethod;
  const reference = order?.paymentReference ?? sale.paymentReference;
  if (method === "cash") throw new ServiceError("CONFLICT", paymentsMessages.sale_paid_in_cash);
  if (method === "free" || sale.priceMinor === 0) throw new ServiceError("CONFLICT", paymentsMessages.sale_was_free);
  if (!refundable(method, reference)) throw new ServiceError("CONFLICT", paymentsMessages.sale_without_reference);
  // An online order is refunded once, whether through its sale or the order itself (expiry).
  if (order && (await orderHasRefund(ctx, order.id))) throw new ServiceError("CONFLICT", paymentsMessages.order_already_refunded);
  const [refund] = await ctx.db
    .insert(refunds)
    .values({
      id: newId("rfd"),
      orgId: ctx.orgId,
      saleId: sale.id,
      orderId: order?.id ?? null,
      consumerId: sale.consumerId,
      origin: input.origin,
      amountMinor: order?.amountMinor ?? sale.priceMinor,
      currency: sale.currency,
      paymentMethod: method,
      paymentReference: reference,
      reason: `${input.origin}: ${input.reason}`,
    })
    .onConflictDoNothing()
    .returning();
  if (!refund) throw new ServiceError("CONFLICT", paymentsMessages.sale_already_refunded);
  return refund;
}

async function orderHasRefund(ctx: ServiceCtx, orderId: string): Promise<boolean> {
  const [row] = await ctx.db.select({ id: refunds.id }).from(refunds).where(and(eq(refunds.orgId, ctx.orgId), eq(refunds.orderId, orderId)));
  return row !== undefined;
}
