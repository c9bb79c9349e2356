import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { orders, refundRequests, refunds, sales } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { createUser } from "./factories";

/** A card sale as a machine would have recorded it. */
export function saleRow(orgId: string, machineId: string, overrides: Partial<typeof sales.$inferInsert> = {}): typeof sales.$inferInsert {
  return {
    id: newId("sal"),
    orgId,
    machineId,
    eventId: newId("evt"),
    slotCode: "A1",
    status: "succeeded",
    priceMinor: 250,
    currency: "EUR",
    paymentMethod: "card",
    paymentReference: `pi_${newId("x")}`,
    occurredAt: new Date(),
    ...overrides,
  };
}

/**
 * Payments things an org procedure can act on: a refundable card sale, a refund that gave up,
 * a consumer's pending refund request and a paid online order.
 */
export async function createPaymentsFixture(db: Db, orgId: string, machineId: string) {
  const consumer = await createUser(db, { name: "Casey Consumer" });
  return withTenant(db, { orgId }, async (tx) => {
    const [sale, failedSale, reported] = await tx
      .insert(sales)
      .values([
        saleRow(orgId, machineId),
        saleRow(orgId, machineId, { status: "failed", failureReason: "jammed" }),
        saleRow(orgId, machineId, { consumerId: consumer.id }),
      ])
      .returning();
    const [failedRefund] = await tx
      .insert(refunds)
      .values({
        id: newId("rfd"),
        orgId,
        saleId: failedSale!.id,
        amountMinor: 250,
        currency: "EUR",
        paymentMethod: "card",
        paymentReference: failedSale!.paymentReference,
        reason: "vend_failed:jammed",
        status: "failed",
        attempts: 8,
        lastError: "Stripe: card_declined",
      })
      .returning();
    const [request] = await tx
      .insert(refundRequests)
      .values({ id: newId("rrq"), orgId, consumerId: consumer.id, saleId: reported!.id, reason: "Nothing came out" })
      .returning();
    const [order] = await tx
      .insert(orders)
      .values({
        id: newId("ord"),
        orgId,
        machineId,
        slotCode: "A1",
        productName: "Cola 0.33 l",
        amountMinor: 250,
        currency: "EUR",
        status: "paid",
        provider: "demo",
        checkoutExpiresAt: new Date(Date.now() + 30 * 60_000),
        paymentMethod: "online",
        paymentReference: "demo_pi_fixture",
        consumerId: consumer.id,
        commandId: newId("cmd"),
        paidAt: new Date(),
        commandExpiresAt: new Date(Date.now() + 120_000),
      })
      .returning();
    return { consumer, saleId: sale!.id, failedRefundId: failedRefund!.id, requestId: request!.id, orderId: order!.id };
  });
}
