import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { orders, refunds, type machines, type Order, type PaymentMethod } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { jobContext, systemContext, type ServiceCtx } from "../context";
import { recordAudit } from "~/server/tenancy";
import { publishOrderEvent } from "./webhook-events";

// An online order's life once placed: paid (a vend command for its machine), completed by the
// machine's report, or expired; refunded when it was paid for nothing. Placing one is checkout.ts.

export const orderTiming = {
  /** How long a machine has to vend a paid order (PROTOCOL.md: the command's default expiry). */
  commandSeconds: 120,
  /** A report of the vend may still be in flight when the command expires; wait this long. */
  graceSeconds: 30,
  /** How long the checkout page accepts payment (Stripe's minimum is 30 minutes). */
  checkoutMinutes: 30,
};

/**
 * Which organization a public id belongs to. Runs on the owner connection: a consumer's request
 * names no tenant, and only the one row's org is read; everything else runs under that tenant.
 */
export async function orgOf(db: Db, { table, id }: { table: typeof machines | typeof orders; id: string }): Promise<string | null> {
  const [row] = await db.select({ orgId: table.orgId }).from(table).where(eq(table.id, id));
  return row?.orgId ?? null;
}

/** Who tells us an order's payment changed: the provider's webhook, or the system for the demo provider. */
export interface PaymentSource {
  actor: "stripe" | "system";
  label: string;
}

export interface PaymentNotice {
  orderId?: string;
  checkoutSessionId?: string;
  paymentReference: string;
  paymentMethod: PaymentMethod;
  source: PaymentSource;
  /** When the payment was made; default now. */
  at?: Date;
}

/**
 * Marks an order paid: from then on it is a vend command for its machine. Idempotent: a second
 * notice of the same payment changes nothing. A payment that arrives for an order already given
 * up on (canceled) is refunded at once, so no consumer pays for nothing.
 */
export async function markOrderPaid(db: Db, notice: PaymentNotice): Promise<Order | null> {
  const now = notice.at ?? new Date();
  const key = notice.orderId ? eq(orders.id, notice.orderId) : notice.checkoutSessionId ? eq(orders.checkoutSessionId, notice.checkoutSessionId) : null;
  if (!key) return null;
  const [found] = await db.select({ id: orders.id, orgId: orders.orgId }).from(orders).where(key);
  if (!found) return null;
  return withTenant(db, { orgId: found.orgId }, async (tx) => {
    const ctx = systemContext(tx, { orgId: found.orgId, ...notice.source });
    const [paid] = await tx
      .update(orders)
      .set({
        status: "paid",
        paymentReference: notice.paymentReference,
        paymentMethod: notice.paymentMethod,
        paidAt: now,
        commandExpiresAt: new Date(now.getTime() + orderTiming.commandSeconds * 1000),
        updatedAt: now,
      })
      .where(and(eq(orders.id, found.id), eq(orders.orgId, found.orgId), eq(orders.status, "awaiting_payment")))
      .returning();
    if (paid) {
      await recordAudit(ctx, { action: "order.paid", targetType: "order", targetId: paid.id, data: { amountMinor: paid.amountMinor, currency: paid.currency } });
      await publishOrderEvent(ctx, { type: "order.paid", order: paid });
      return paid;
    }
    const [order] = await tx.select().from(orders).where(and(eq(orders.id, found.id), eq(orders.orgId, found.orgId)));
    if (order && order.status === "canceled" && !order.paymentReference) {
      const [late] = await tx
        .update(orders)
        .set({ paymentReference: notice.paymentReference, paymentMethod: notice.paymentMethod, paidAt: now, updatedAt: now })
        .where(and(eq(orders.id, order.id), eq(orders.orgId, order.orgId)))
        .returning();
      await owedRefundForOrder(ctx, { order: late!, reason: "paid_after_cancel" });
      return late!;
    }
    return order ?? null;
  });
}

/** Cancels an order whose checkout ended unpaid (Stripe's checkout.session.expired). */
export async function cancelUnpaidOrder(db: Db, { checkoutSessionId, source }: { checkoutSessionId: string; source: PaymentSource }): Promise<void> {
  const [found] = await db.select({ id: orders.id, orgId: orders.orgId }).from(orders).where(eq(orders.checkoutSessionId, checkoutSessionId));
  if (!found) return;
  await withTenant(db, { orgId: found.orgId }, async (tx) => {
    const [canceled] = await tx
      .update(orders)
      .set({ status: "canceled", failureReason: "checkout_expired", completedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(orders.id, found.id), eq(orders.orgId, found.orgId), eq(orders.status, "awaiting_payment")))
      .returning({ id: orders.id });
    if (canceled) await recordAudit(systemContext(tx, { orgId: found.orgId, ...source }), { action: "order.canceled", targetType: "order", targetId: found.id, data: { reason: "checkout_expired" } });
  });
}

/** The refund an order owes: the whole amount, back to the payment it was made with. One per order. */
export async function owedRefundForOrder(ctx: ServiceCtx, { order, reason, saleId = null }: { order: Order; reason: string; saleId?: string | null }): Promise<boolean> {
  if (!order.paymentReference || order.paymentMethod === null) return false;
  const inserted = await ctx.db
    .insert(refunds)
    .values({
      id: newId("rfd"),
      orgId: order.orgId,
      orderId: order.id,
      saleId,
      consumerId: order.consumerId,
      origin: "automatic",
      amountMinor: order.amountMinor,
      currency: order.currency,
      paymentMethod: order.paymentMethod,
      paymentReference: order.paymentReference,
      reason,
    })
    .onConflictDoNothing()
    .returning({ id: refunds.id });
  return inserted.length > 0;
}

export interface ExpiryResult {
  expired: number;
  canceled: number;
  refundsOwed: number;
}

/**
 * Gives up on orders whose time ran out: paid but not vended before the command expired (plus a
 * grace for reports in flight) are expired and refunded in the same transaction; unpaid ones
 * past their checkout are canceled. Finds due orders across orgs, then acts under each org.
 */
export async function expireOrders(db: Db, now = new Date()): Promise<ExpiryResult> {
  const graceCutoff = new Date(now.getTime() - orderTiming.graceSeconds * 1000);
  const due = await db
    .selectDistinct({ orgId: orders.orgId })
    .from(orders)
    .where(
      sql`(${orders.status} = 'paid' and ${orders.commandExpiresAt} < ${graceCutoff.toISOString()}::timestamptz)
        or (${orders.status} = 'awaiting_payment' and ${orders.checkoutExpiresAt} < ${now.toISOString()}::timestamptz)`,
    );
  const result: ExpiryResult = { expired: 0, canceled: 0, refundsOwed: 0 };
  for (const { orgId } of due) {
    await withTenant(db, { orgId }, async (tx) => {
      const ctx = jobContext(tx, { orgId, name: "order-expiry", label: "Order expiry" });
      const expired = await tx
        .update(orders)
        .set({ status: "expired", failureReason: "not_vended_in_time", completedAt: now, updatedAt: now })
        .where(and(eq(orders.orgId, orgId), eq(orders.status, "paid"), lt(orders.commandExpiresAt, graceCutoff)))
        .returning();
      for (const order of expired) {
        if (await owedRefundForOrder(ctx, { order, reason: "order_expired" })) result.refundsOwed++;
        await recordAudit(ctx, { action: "order.expired", targetType: "order", targetId: order.id, data: { amountMinor: order.amountMinor, currency: order.currency } });
        await publishOrderEvent(ctx, { type: "order.expired", order });
      }
      const canceled = await tx
        .update(orders)
        .set({ status: "canceled", failureReason: "checkout_expired", completedAt: now, updatedAt: now })
        .where(and(eq(orders.orgId, orgId), eq(orders.status, "awaiting_payment"), lt(orders.checkoutExpiresAt, now)))
        .returning({ id: orders.id });
      result.expired += expired.length;
      result.canceled += canceled.length;
    });
  }
  return result;
}
