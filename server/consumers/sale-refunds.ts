import "server-only";
import type { z } from "zod";
import type { Refund } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { createSaleRefund } from "~/server/payments";
import { refundSaleInput } from "~/server/payments/contract";
import { recordAudit } from "~/server/tenancy";
import { reversePoints } from "./loyalty";

/**
 * Refunds a sale in full by hand (a manager's decision, or an approved request) and takes back the
 * points the purchase earned: the refund is the payments domain's, the points are ours. Audited
 * as one change.
 */
export async function refundSale(ctx: ServiceCtx, raw: z.input<typeof refundSaleInput> & { origin?: "manual" | "request" }): Promise<Refund> {
  const input = refundSaleInput.parse(raw);
  const origin = raw.origin ?? "manual";
  const refund = await createSaleRefund(ctx, { saleId: input.saleId, reason: input.reason, origin });
  const points = await reversePoints(ctx, input.saleId);
  await recordAudit(ctx, {
    action: origin === "manual" ? "refund.created_by_hand" : "refund.request_approved",
    targetType: "refund",
    targetId: refund.id,
    data: { saleId: input.saleId, amountMinor: refund.amountMinor, currency: refund.currency, reason: input.reason, pointsReversed: points },
  });
  return refund;
}
