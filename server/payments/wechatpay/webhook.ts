import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { orders, paymentWebhookEvents, refunds } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { cancelUnpaidOrder, markOrderPaid, type PaymentSource } from "../orders";
import { providerFor } from "../org-providers";
import { ProviderError, type PaymentProvider, type ProviderEvent } from "../payment-provider";
import { syncRefundState } from "../refund-sync";
import { checkoutSessionOf } from "./provider";

// WeChat Pay's notifications to one org's URL (/api/webhooks/wechatpay/{orgId}): verified with that
// org's platform key and API v3 key, so another org's URL cannot speak for it. Like Stripe's
// webhook, a notification is only a prompt: we ask WeChat Pay for the payment's or refund's current
// state and act on that, so notifications in any order, and repeats, end in the right state.

const WECHATPAY: PaymentSource = { actor: "system", label: "WeChat Pay" };
const ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface WechatPayAnswer {
  status: number;
  /** WeChat Pay's answer format: nothing on success, {code: "FAIL", message} otherwise. */
  body: { code: "FAIL"; message: string } | null;
}

const fail = (status: number, message: string): WechatPayAnswer => ({ status, body: { code: "FAIL", message } });

export interface WechatPayNotification {
  orgId: string;
  rawBody: string;
  signature: string | null;
  /** Lower-case header names: wechatpay-timestamp, wechatpay-nonce, wechatpay-serial. */
  headers: Record<string, string | null>;
  nowSeconds?: number;
}

/** Handles one notification: verify, skip a repeat, act on the current state, answer as WeChat Pay expects. */
export async function handleWechatPayNotification(db: Db, notification: WechatPayNotification): Promise<WechatPayAnswer> {
  const { orgId } = notification;
  if (!ORG_ID.test(orgId)) return fail(404, "unknown merchant");
  const provider = await providerFor(db, orgId, "wechatpay");
  if (!provider) return fail(404, "WeChat Pay is not set up for this merchant");
  let event: ProviderEvent;
  try {
    event = provider.verifyWebhook({ rawBody: notification.rawBody, signature: notification.signature, headers: notification.headers, secret: "", nowSeconds: notification.nowSeconds });
  } catch (error) {
    return fail(401, error instanceof Error ? error.message : String(error));
  }
  // Notification ids are WeChat Pay's, per merchant: the org keeps one org's ids apart from another's.
  const eventId = `${orgId}:${event.id}`;
  const [seen] = await db
    .select({ eventId: paymentWebhookEvents.eventId })
    .from(paymentWebhookEvents)
    .where(and(eq(paymentWebhookEvents.provider, "wechatpay"), eq(paymentWebhookEvents.eventId, eventId)));
  if (seen) return { status: 204, body: null };
  try {
    if (event.type.startsWith("TRANSACTION.")) await syncPayment(db, provider, orgId, event.object.id);
    else if (event.type.startsWith("REFUND.")) await syncRefund(db, provider, orgId, event.object.id);
  } catch (error) {
    // WeChat Pay delivers the notification again later; by then its API may answer.
    if (error instanceof ProviderError) return fail(503, error.message);
    throw error;
  }
  // Recorded after acting: a failure above answers non-2xx and WeChat Pay delivers it again.
  await db.insert(paymentWebhookEvents).values({ provider: "wechatpay", eventId, type: event.type }).onConflictDoNothing();
  return { status: 204, body: null };
}

/** Brings this org's order in line with the payment's current state at WeChat Pay. */
async function syncPayment(db: Db, provider: PaymentProvider, orgId: string, orderId: string): Promise<void> {
  if (!orderId || !provider.queryPayment) return;
  const [order] = await withTenant(db, { orgId }, (tx) =>
    tx.select({ id: orders.id, provider: orders.provider }).from(orders).where(and(eq(orders.id, orderId), eq(orders.orgId, orgId))),
  );
  if (!order || order.provider !== "wechatpay") return;
  const payment = await provider.queryPayment(order.id);
  if (payment.state === "paid" && payment.paymentReference) {
    await markOrderPaid(db, { orderId: order.id, paymentReference: payment.paymentReference, paymentMethod: payment.method ?? "wechat_pay", source: WECHATPAY });
  } else if (payment.state === "closed") {
    await cancelUnpaidOrder(db, { checkoutSessionId: checkoutSessionOf(order.id), source: WECHATPAY });
  }
}

/** Brings this org's refund in line with its current state at WeChat Pay. */
async function syncRefund(db: Db, provider: PaymentProvider, orgId: string, refundId: string): Promise<void> {
  if (!refundId || !provider.queryRefund) return;
  const [row] = await withTenant(db, { orgId }, (tx) =>
    tx.select({ id: refunds.id }).from(refunds).where(and(eq(refunds.id, refundId), eq(refunds.orgId, orgId))),
  );
  if (!row) return;
  const state = await provider.queryRefund(row.id);
  if (state.state === "pending") return;
  await syncRefundState(db, {
    refundId: row.id,
    orgId,
    status: state.state,
    providerRefundId: state.providerRefundId ?? row.id,
    lastError: state.state === "failed" ? "WeChat Pay reported the refund closed or abnormal" : null,
    source: { ...WECHATPAY, id: "wechatpay" },
  });
}
