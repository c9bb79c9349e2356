import "server-only";
import { newId } from "~/db/ids";
import { refunds, type PaymentMethod } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { PROVIDER_REFUNDABLE_METHODS } from "./contract";

/** A vend that failed after the customer paid at the machine (not an online order's vend). */
export interface FailedPaidVend {
  saleId: string;
  consumerId: string | null;
  priceMinor: number;
  currency: string;
  paymentMethod: PaymentMethod;
  paymentReference: string | null;
  failureReason: string | null;
}

/**
 * Owes a full refund for each failed vend paid by a means the provider can pay back, in one
 * statement: the row is the outbox the refund worker sends. Cash is paid back by hand. Returns how
 * many refunds the vends owe.
 */
export async function oweRefundsForFailedVends(ctx: ServiceCtx, input: { vends: FailedPaidVend[]; at: Date }): Promise<number> {
  const electronic = input.vends.filter((v) => (PROVIDER_REFUNDABLE_METHODS as readonly PaymentMethod[]).includes(v.paymentMethod));
  if (electronic.length === 0) return 0;
  await ctx.db
    .insert(refunds)
    .values(
      electronic.map((v) => ({
        id: newId("rfd"),
        orgId: ctx.orgId,
        saleId: v.saleId,
        consumerId: v.consumerId,
        amountMinor: v.priceMinor,
        currency: v.currency,
        paymentMethod: v.paymentMethod,
        paymentReference: v.paymentReference,
        reason: `vend_failed:${v.failureReason}`,
        createdAt: input.at,
      })),
    )
    .onConflictDoNothing();
  return electronic.length;
}
