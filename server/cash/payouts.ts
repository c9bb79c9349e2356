import "server-only";
import { and, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { alerts, cashPayouts, sales, type Alert } from "~/db/schema";
import { resolveByHand, type AlertData } from "~/server/alerts";
import { recordAudit } from "~/server/tenancy";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { formatMoney } from "../money";
import { cashMessages, recordPayoutInput } from "./contract";

const payoutFor = (ctx: ServiceCtx, alertId: string) =>
  ctx.db
    .select()
    .from(cashPayouts)
    .where(and(eq(cashPayouts.orgId, ctx.orgId), eq(cashPayouts.alertId, alertId)))
    .then((rows) => rows[0]);

/**
 * What an open `cash_refund_owed` alert stands for: every failed cash vend of its machine while it
 * was open repeats it (its data names the latest), so the amount owed is theirs together.
 */
async function owedFor(ctx: ServiceCtx, alert: Alert & { machineId: string }, currency: string) {
  const [owed] = await ctx.db
    .select({ amountMinor: sql<number>`coalesce(sum(${sales.priceMinor}), 0)::bigint`, vends: sql<number>`count(*)::int` })
    .from(sales)
    .where(
      and(
        eq(sales.orgId, ctx.orgId),
        eq(sales.machineId, alert.machineId),
        eq(sales.status, "failed"),
        eq(sales.paymentMethod, "cash"),
        eq(sales.currency, currency),
        isNull(sales.orderId),
        sql`${sales.priceMinor} > 0`,
        gte(sales.occurredAt, alert.firstSeenAt),
        lte(sales.occurredAt, alert.lastSeenAt),
      ),
    );
  return { amountMinor: Number(owed?.amountMinor ?? 0), vends: owed?.vends ?? 0 };
}

/**
 * Records that the price of failed cash vends was paid back by hand: the payout (what the open
 * `cash_refund_owed` alert stands for: its failed cash vends together, or the amount its data
 * names), the alert resolved with a note, and the audit log. The payout is taken from the
 * machine's box, so it comes out of its expected cash from then on. One payout per alert: a
 * second call answers with the first.
 */
export async function recordPayout(ctx: ServiceCtx, raw: z.input<typeof recordPayoutInput>) {
  const input = recordPayoutInput.parse(raw);
  // Locked: of two payouts at once, the second waits and then finds the first.
  const [alert] = await ctx.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.orgId, ctx.orgId), eq(alerts.id, input.alertId)))
    .for("update");
  if (!alert) throw notFound("Alert");
  const existing = await payoutFor(ctx, alert.id);
  if (existing) return { payout: existing, duplicate: true };
  if (alert.rule !== "cash_refund_owed") throw new ServiceError("BAD_REQUEST", cashMessages.not_cash_refund);
  if (alert.status === "resolved") throw new ServiceError("CONFLICT", cashMessages.already_resolved);
  const data = alert.data as Partial<AlertData["cash_refund_owed"]>;
  if (!alert.machineId || typeof data.amountMinor !== "number" || typeof data.currency !== "string") {
    throw new ServiceError("BAD_REQUEST", cashMessages.amount_unknown);
  }
  const owed = await owedFor(ctx, { ...alert, machineId: alert.machineId }, data.currency);
  const amountMinor = owed.vends > 0 ? owed.amountMinor : data.amountMinor;
  const paidBy = ctx.actor.type === "user" ? ctx.actor.id : null;
  const [payout] = await ctx.db
    .insert(cashPayouts)
    .values({
      id: newId("pay"),
      orgId: ctx.orgId,
      machineId: alert.machineId,
      alertId: alert.id,
      // The latest failed vend's sale; with several, the audit entry counts them.
      saleId: typeof data.saleId === "string" ? data.saleId : null,
      amountMinor,
      currency: data.currency,
      paidBy,
      note: input.note ?? null,
    })
    .onConflictDoNothing({ target: cashPayouts.alertId })
    .returning();
  if (!payout) return { payout: (await payoutFor(ctx, alert.id))!, duplicate: true };
  const paid = `Paid back ${formatMoney(payout.amountMinor, payout.currency, { code: true })} in cash${owed.vends > 1 ? ` for ${owed.vends} failed vends` : ""}`;
  await resolveByHand(ctx, { alertId: alert.id, note: input.note ? `${paid}: ${input.note}` : `${paid}.` });
  await recordAudit(ctx, {
    action: "cash.paid_back",
    targetType: "alert",
    targetId: alert.id,
    data: { payoutId: payout.id, machineId: payout.machineId, saleId: payout.saleId, vends: Math.max(owed.vends, 1), amountMinor: payout.amountMinor, currency: payout.currency },
  });
  return { payout, duplicate: false };
}
