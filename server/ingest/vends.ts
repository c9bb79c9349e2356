import "server-only";
import { raiseAlert } from "~/server/alerts";
import { accruePoints } from "~/server/consumers";
import type { ServiceCtx } from "~/server/context";
import { completeOrders, ordersForReports, oweRefundsForFailedVends } from "~/server/payments";
import { recordVends } from "~/server/sales";
import type { BatchScope } from "./effects";
import type { MachineEvent } from "./events";

type Vend = Extract<MachineEvent, { type: "vend.succeeded" | "vend.failed" }>;

/**
 * Records a batch's vends as sales and settles what each one means for the customer: points for a
 * purchase, the online order it dispensed, the refund a failed paid vend owes. Returns how many
 * refunds the batch now owes (rows for the refund worker).
 */
export async function applyVends(ctx: ServiceCtx, input: { scope: BatchScope; vends: Vend[] }): Promise<number> {
  const { scope, vends } = input;
  if (vends.length === 0) return 0;
  // A vend of an online order is credited to whoever placed the order; its refund is the order's.
  const orderIds = [...new Set(vends.flatMap((e) => (e.data.orderId ? [e.data.orderId] : [])))];
  const ordered = await ordersForReports(ctx, { machineId: scope.machineId, orderIds });
  const recorded = await recordVends(ctx, {
    machineId: scope.machineId,
    locationId: scope.locationId,
    receivedAt: scope.receivedAt,
    vends: vends.map((e) => {
      const slot = scope.slotByCode.get(e.data.slot)!;
      const order = e.data.orderId ? ordered.get(e.data.orderId) : undefined;
      const succeeded = e.type === "vend.succeeded";
      return {
        eventId: e.id,
        slotCode: e.data.slot,
        productId: slot.productId,
        succeeded,
        failureReason: e.type === "vend.failed" ? e.data.reason : null,
        priceMinor: e.data.priceMinor,
        costMinor: succeeded ? (slot.costMinor ?? 0) : 0,
        currency: e.data.currency,
        paymentMethod: e.data.payment.method,
        paymentReference: e.data.payment.reference ?? null,
        orderId: e.data.orderId ?? null,
        consumerId: order ? order.consumerId : (e.data.consumerId ?? null),
        occurredAt: e.occurredAt,
      };
    }),
  });

  await accruePoints(
    ctx,
    recorded.filter((r) => r.succeeded),
  );
  const orderRefunds = await completeOrders(ctx, {
    machineId: scope.machineId,
    reports: recorded.flatMap((r) =>
      r.orderId && ordered.has(r.orderId) ? [{ orderId: r.orderId, saleId: r.id, succeeded: r.succeeded, reason: r.failureReason, at: r.occurredAt }] : [],
    ),
  });

  // A failed vend paid at the machine owes a full refund. An online order's refund is the order's
  // own (above): paid once, refunded once.
  const owed = recorded.filter((r) => !r.succeeded && r.priceMinor > 0 && !(r.orderId && ordered.has(r.orderId)));
  const electronicRefunds = await oweRefundsForFailedVends(ctx, {
    at: scope.receivedAt,
    vends: owed.map((r) => ({ ...r, saleId: r.id })),
  });
  for (const r of owed.filter((r) => r.paymentMethod === "cash")) {
    await raiseAlert(ctx, {
      machineId: scope.machineId,
      rule: "cash_refund_owed",
      code: "cash_refund_owed",
      severity: "warning",
      at: r.occurredAt,
      data: { saleId: r.id, slot: r.slotCode, amountMinor: r.priceMinor, currency: r.currency },
    });
  }
  return electronicRefunds + orderRefunds;
}
