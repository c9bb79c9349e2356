import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows } from "~/db/client";
import { cardFees, organizations, type PaymentMethod } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { ServiceError } from "~/server/errors";
import { paymentMethods } from "~/server/sales/contract";
import { recordAudit } from "~/server/tenancy";
import { profitMessages, removeCardFeeInput, setCardFeeInput, type CardFeeRow, type CardFeeSettings } from "./contract";

async function orgCurrency(ctx: ServiceCtx): Promise<string> {
  const [org] = await ctx.db.select({ currency: organizations.currency }).from(organizations).where(eq(organizations.id, ctx.orgId));
  if (!org) throw new Error("organization not found");
  return org.currency;
}

/** The org's fees by payment method, as a map; methods without a row cost nothing. */
export async function feesByMethod(ctx: ServiceCtx): Promise<Map<string, { percentBp: number; fixedMinor: number }>> {
  const rows = await ctx.db
    .select({ paymentMethod: cardFees.paymentMethod, percentBp: cardFees.percentBp, fixedMinor: cardFees.fixedMinor })
    .from(cardFees)
    .where(eq(cardFees.orgId, ctx.orgId));
  return new Map(rows.map((r) => [r.paymentMethod, { percentBp: r.percentBp, fixedMinor: r.fixedMinor }]));
}

/**
 * The card-fee settings: every payment method the org took in the last 365 days or has a fee
 * for, in the vocabulary's order, with its fee.
 */
export async function listCardFees(ctx: ServiceCtx): Promise<CardFeeSettings> {
  const currency = await orgCurrency(ctx);
  const used = await queryRows<{ payment_method: string; payments: string }>(
    ctx.db,
    sql`select payment_method, sum(units + refunds)::bigint as payments from sales_daily_org
      where org_id = ${ctx.orgId} and day >= current_date - 365 group by 1`,
  );
  const payments = new Map(used.map((r) => [r.payment_method, Number(r.payments)]));
  const fees = await ctx.db.select().from(cardFees).where(eq(cardFees.orgId, ctx.orgId));
  const fee = new Map(fees.map((f) => [f.paymentMethod as string, f]));
  const methods: CardFeeRow[] = paymentMethods
    .filter((m) => (payments.get(m) ?? 0) > 0 || fee.has(m))
    .map((m) => {
      const f = fee.get(m);
      return {
        paymentMethod: m,
        used: (payments.get(m) ?? 0) > 0,
        payments: payments.get(m) ?? 0,
        percentBp: f?.percentBp ?? null,
        fixedMinor: f?.fixedMinor ?? null,
        updatedAt: f?.updatedAt ?? null,
      };
    });
  return { currency, methods };
}

/** Sets one payment method's fee (in the org's currency) and records the change. */
export async function setCardFee(ctx: ServiceCtx, raw: z.input<typeof setCardFeeInput>): Promise<CardFeeSettings> {
  const input = setCardFeeInput.parse(raw);
  const currency = await orgCurrency(ctx);
  const [before] = await ctx.db
    .select({ percentBp: cardFees.percentBp, fixedMinor: cardFees.fixedMinor })
    .from(cardFees)
    .where(and(eq(cardFees.orgId, ctx.orgId), eq(cardFees.paymentMethod, input.paymentMethod)));
  const values = { percentBp: input.percentBp, fixedMinor: input.fixedMinor, currency, updatedAt: new Date() };
  await ctx.db
    .insert(cardFees)
    .values({ orgId: ctx.orgId, paymentMethod: input.paymentMethod, ...values })
    .onConflictDoUpdate({ target: [cardFees.orgId, cardFees.paymentMethod], set: values });
  await recordAudit(ctx, {
    action: "card_fee.set",
    targetType: "organization",
    targetId: ctx.orgId,
    data: { paymentMethod: input.paymentMethod, from: before ?? null, to: { percentBp: input.percentBp, fixedMinor: input.fixedMinor, currency } },
  });
  return listCardFees(ctx);
}

/** Removes one payment method's fee: payments that way then cost nothing. */
export async function removeCardFee(ctx: ServiceCtx, raw: z.input<typeof removeCardFeeInput>): Promise<CardFeeSettings> {
  const input = removeCardFeeInput.parse(raw);
  const removed = await ctx.db
    .delete(cardFees)
    .where(and(eq(cardFees.orgId, ctx.orgId), eq(cardFees.paymentMethod, input.paymentMethod)))
    .returning({ percentBp: cardFees.percentBp, fixedMinor: cardFees.fixedMinor });
  if (removed.length === 0) throw new ServiceError("NOT_FOUND", profitMessages.fee_not_set, { method: input.paymentMethod as PaymentMethod });
  await recordAudit(ctx, { action: "card_fee.removed", targetType: "organization", targetId: ctx.orgId, data: { paymentMethod: input.paymentMethod, from: removed[0] } });
  return listCardFees(ctx);
}
