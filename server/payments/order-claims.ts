import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { orders, refunds, type Order } from "~/db/schema";
import type { ServiceCtx } from "../context";

/** What claiming an order did: gave it to the consumer, found it theirs already, or found it someone else's. */
export interface OrderAssignment {
  outcome: "assigned" | "already_theirs" | "taken";
  order: Order;
}

/**
 * Gives a guest's order, and any refund it has, to the consumer who claims it. An order already
 * saved to an account is never moved to another. Null when the org has no such order.
 */
export async function assignOrderToConsumer(ctx: ServiceCtx, { orderId, consumerId }: { orderId: string; consumerId: string }): Promise<OrderAssignment | null> {
  const [order] = await ctx.db.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.orgId, ctx.orgId))).for("update");
  if (!order) return null;
  if (order.consumerId === consumerId) return { outcome: "already_theirs", order };
  if (order.consumerId) return { outcome: "taken", order };
  await ctx.db.update(orders).set({ consumerId, updatedAt: sql`now()` }).where(and(eq(orders.id, orderId), eq(orders.orgId, ctx.orgId)));
  await ctx.db.update(refunds).set({ consumerId }).where(and(eq(refunds.orgId, ctx.orgId), eq(refunds.orderId, orderId)));
  return { outcome: "assigned", order: { ...order, consumerId } };
}
