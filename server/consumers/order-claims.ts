import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { orders } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { consumerContext, type ConsumerCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { assignOrderToConsumer } from "~/server/payments";
import { assignSaleToConsumer } from "~/server/sales";
import { recordAudit } from "~/server/tenancy";
import { claimOrderInput, consumersMessages } from "./contract";
import { accruePoints } from "./loyalty";

/**
 * Adds a guest's order to the consumer's account: the order, its sale and its refund become the
 * consumer's, and a dispensed one earns its points. An order claimed by someone else is refused.
 */
export async function claimOrder(ctx: ConsumerCtx, raw: z.input<typeof claimOrderInput>) {
  const { orderId } = claimOrderInput.parse(raw);
  const { db, consumerId } = ctx;
  // The order's link names no operator: find it on the owner connection, then act under its org.
  const [found] = await db.select({ orgId: orders.orgId }).from(orders).where(eq(orders.id, orderId));
  if (!found) throw notFound("Order");
  return withTenant(db, { orgId: found.orgId, userId: consumerId }, async (tx) => {
    const orgCtx = consumerContext(tx, { orgId: found.orgId, consumerId });
    const assigned = await assignOrderToConsumer(orgCtx, { orderId, consumerId });
    if (!assigned) throw notFound("Order");
    if (assigned.outcome === "already_theirs") return { orderId, claimed: false };
    if (assigned.outcome === "taken") throw new ServiceError("CONFLICT", consumersMessages.order_saved_elsewhere);
    const { order } = assigned;
    if (order.saleId) {
      const sale = await assignSaleToConsumer(orgCtx, { saleId: order.saleId, consumerId });
      if (sale?.status === "succeeded") await accruePoints(orgCtx, [{ id: sale.id, consumerId, priceMinor: order.amountMinor, currency: sale.currency }]);
    }
    await recordAudit(orgCtx, { action: "order.claimed", targetType: "order", targetId: orderId });
    return { orderId, claimed: true };
  });
}
