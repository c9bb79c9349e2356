import "server-only";
import type { Order, Refund } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { queueIntegratorEvent, type BusinessEventData } from "~/server/notifications";

/** An order as integrators receive it (order.paid, order.expired). */
function orderData(order: Order): BusinessEventData<"order.paid"> {
  return {
    order_id: order.id,
    machine_id: order.machineId,
    slot: order.slotCode,
    product_id: order.productId,
    product_name: order.productName,
    amount_minor: order.amountMinor,
    currency: order.currency,
    vat_rate_bp: order.vatRateBp,
    status: order.status,
    payment_method: order.paymentMethod,
    paid_at: order.paidAt?.toISOString() ?? null,
    created_at: order.createdAt.toISOString(),
  };
}

/** Tells the org's webhook endpoints that an order was paid or expired, in the caller's transaction. */
export async function publishOrderEvent(ctx: ServiceCtx, input: { type: "order.paid" | "order.expired"; order: Order }): Promise<void> {
  await queueIntegratorEvent(ctx, { type: input.type, data: orderData(input.order) });
}

/** Tells the org's webhook endpoints how a refund ended, in the caller's transaction. */
export async function publishRefundOutcome(ctx: ServiceCtx, input: { refund: Refund; status: "succeeded" | "failed"; providerRefundId: string | null; error: string | null }): Promise<void> {
  const { refund } = input;
  const data = {
    refund_id: refund.id,
    sale_id: refund.saleId,
    order_id: refund.orderId,
    origin: refund.origin,
    reason: refund.reason,
    amount_minor: refund.amountMinor,
    currency: refund.currency,
    payment_method: refund.paymentMethod,
    provider_refund_id: input.providerRefundId,
    error: input.error,
    attempts: refund.attempts,
    created_at: refund.createdAt.toISOString(),
  };
  if (input.status === "succeeded") await queueIntegratorEvent(ctx, { type: "refund.succeeded", data: { ...data, status: "succeeded" } });
  else await queueIntegratorEvent(ctx, { type: "refund.failed", data: { ...data, status: "failed" } });
}
