import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { orders, paymentWebhookEvents, refunds } from "~/db/schema";
import { cancelUnpaidOrder, markOrderPaid, type PaymentSource } from "../orders";
import { ProviderError, type PaymentProvider, type ProviderEvent } from "../payment-provider";
import { syncRefundState } from "../refund-sync";
import { providerFor } from "../org-providers";
import { AlipayProvider } from "./provider";

/** The largest notification body accepted: Alipay's are about 1-2 kB of form fields. */
export const ALIPAY_NOTIFY_MAX_BYTES = 64 * 1024;
/** Changes Alipay tells us of are made and audited as Alipay's. */
const ALIPAY: PaymentSource = { actor: "system", label: "Alipay" };

/** What the notify endpoint answers: Alipay stops sending a notification once it reads `success`. */
export interface AlipayNotifyAnswer {
  status: 200 | 400 | 503;
  body: "success" | "fail";
}

const ok: AlipayNotifyAnswer = { status: 200, body: "success" };
const refused: AlipayNotifyAnswer = { status: 400, body: "fail" };

/**
 * The notify endpoint's work for one org: the org's Alipay app as configured (switched off or not:
 * its past payments still notify), then the notification. An org with none is answered `fail`.
 */
export async function answerAlipayNotification(db: Db, input: { orgId: string; rawBody: string }): Promise<AlipayNotifyAnswer> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.orgId)) return refused;
  let provider: PaymentProvider | null;
  try {
    provider = await providerFor(db, input.orgId, "alipay");
  } catch (error) {
    // Settings that no longer build a provider: Alipay keeps sending while the operator fixes them.
    if (!(error instanceof ProviderError)) throw error;
    console.warn(`[alipay] ${input.orgId}'s Alipay settings are not usable:`, error.message);
    return { status: 503, body: "fail" };
  }
  return handleAlipayNotification(db, { ...input, provider });
}

/**
 * Handles one Alipay notification posted to an org's endpoint: verifies its RSA2 signature with the
 * org's Alipay public key and that it is for the org's app, skips a notification already handled
 * (its notify_id, per org), and acts on the current state Alipay answers to a query rather than on
 * the notification's fields, so the order and repeats of notifications do not matter: a paid trade
 * marks the order paid, a closed one cancels it if it was never paid, and a refund's notification
 * brings our refund in line. A trade that is not one of this org's orders changes nothing.
 */
export async function handleAlipayNotification(db: Db, input: { orgId: string; provider: PaymentProvider | null; rawBody: string }): Promise<AlipayNotifyAnswer> {
  const { orgId, provider } = input;
  if (!(provider instanceof AlipayProvider)) return refused;
  let event: ProviderEvent;
  try {
    event = provider.verifyWebhook({ rawBody: input.rawBody, signature: null, secret: "" });
  } catch (error) {
    console.warn(`[alipay] notification for ${orgId} refused:`, error instanceof Error ? error.message : String(error));
    return refused;
  }
  // Keyed by org: an org cannot mark another org's notification as seen.
  const eventId = `${orgId}:${event.id}`;
  const [seen] = await db
    .select({ eventId: paymentWebhookEvents.eventId })
    .from(paymentWebhookEvents)
    .where(and(eq(paymentWebhookEvents.provider, "alipay"), eq(paymentWebhookEvents.eventId, eventId)));
  if (seen) return ok;
  try {
    await actOn(db, { orgId, provider, event });
  } catch (error) {
    // Alipay sends it again (for about a day) while we answer anything but `success`.
    if (!(error instanceof ProviderError)) throw error;
    console.warn(`[alipay] notification ${event.id} for ${orgId} not handled yet:`, error.message);
    return { status: 503, body: "fail" };
  }
  // Recorded after acting: a failure above leaves it to Alipay's next delivery.
  await db.insert(paymentWebhookEvents).values({ provider: "alipay", eventId, type: event.type }).onConflictDoNothing();
  return ok;
}

async function actOn(db: Db, { orgId, provider, event }: { orgId: string; provider: AlipayProvider; event: ProviderEvent }): Promise<void> {
  const fields = event.object as ProviderEvent["object"] & Record<string, string | undefined>;
  const order = await orderOf(db, { orgId, orderId: event.object.id });
  if (!order) {
    console.warn(`[alipay] notification ${event.id} is about ${event.object.id}, not an Alipay order of ${orgId}; acknowledged without action`);
    return;
  }
  if (fields.out_biz_no && (fields.refund_fee || fields.gmt_refund)) {
    await syncRefund(db, { orgId, provider, refundId: fields.out_biz_no, orderId: order.id, tradeNo: fields.trade_no ?? null });
  }
  await syncAlipayOrder(db, { provider, order });
}

/** One of the org's orders placed with Alipay, read on the owner connection as the notification names no tenant. */
async function orderOf(db: Db, { orgId, orderId }: { orgId: string; orderId: string }) {
  const [order] = await db
    .select({ id: orders.id, orgId: orders.orgId, amountMinor: orders.amountMinor, checkoutSessionId: orders.checkoutSessionId })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.orgId, orgId), eq(orders.provider, "alipay")));
  return order ?? null;
}

/**
 * Brings an Alipay order in line with its trade as Alipay answers now: paid (for its full amount)
 * marks it paid, closed cancels it if it was never paid; a trade still open changes nothing.
 * Notifications call this; so can anything else that wants to know sooner (an order page).
 */
export async function syncAlipayOrder(db: Db, { provider, order }: { provider: AlipayProvider; order: { id: string; amountMinor: number; checkoutSessionId: string | null } }): Promise<void> {
  const trade = await provider.queryTrade(order.id);
  if ((trade.tradeStatus === "TRADE_SUCCESS" || trade.tradeStatus === "TRADE_FINISHED") && trade.tradeNo) {
    if (trade.totalMinor !== order.amountMinor) {
      console.warn(`[alipay] trade ${trade.tradeNo} is for ${trade.totalMinor} fen, order ${order.id} for ${order.amountMinor}; not marked paid`);
      return;
    }
    await markOrderPaid(db, { orderId: order.id, paymentReference: trade.tradeNo, paymentMethod: "alipay", source: ALIPAY });
  } else if (trade.tradeStatus === "TRADE_CLOSED" && order.checkoutSessionId) {
    await cancelUnpaidOrder(db, { checkoutSessionId: order.checkoutSessionId, source: ALIPAY });
  }
}

/**
 * Brings our refund in line with Alipay's state of it: Alipay reports only refunds made, so a
 * refund it says succeeded is marked so (and integrators told); otherwise it is left as it is.
 */
async function syncRefund(db: Db, input: { orgId: string; provider: AlipayProvider; refundId: string; orderId: string; tradeNo: string | null }): Promise<void> {
  const { orgId, refundId } = input;
  const [row] = await db
    .select({ status: refunds.status, paymentReference: refunds.paymentReference })
    .from(refunds)
    .where(and(eq(refunds.id, refundId), eq(refunds.orgId, orgId), eq(refunds.orderId, input.orderId)));
  if (!row || row.status === "succeeded") return;
  const state = await input.provider.queryRefund(refundId, { paymentReference: row.paymentReference ?? input.tradeNo, orderId: input.orderId });
  if (state.state !== "succeeded") return;
  await syncRefundState(db, { refundId, orgId, status: "succeeded", providerRefundId: refundId, lastError: null, source: { ...ALIPAY, id: "alipay" } });
}
