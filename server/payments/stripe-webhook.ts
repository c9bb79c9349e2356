import "server-only";
import { and, eq, or } from "drizzle-orm";
import Stripe from "stripe";
import type { Db } from "~/db/client";
import { paymentWebhookEvents, refunds, type PaymentMethod } from "~/db/schema";
import { cancelUnpaidOrder, markOrderPaid, type PaymentSource } from "./orders";
import type { ProviderEvent, WebhookDelivery } from "./payment-provider";
import type { StripeProvider } from "./stripe";
import { syncRefundState } from "./refund-sync";

const REFUND_EVENTS = new Set(["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"]);
const CHECKOUT_EVENTS = new Set(["checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed", "checkout.session.expired"]);
/** The largest webhook body accepted: Stripe's events are a few kB, so 256 kB leaves ample room. */
export const STRIPE_WEBHOOK_MAX_BYTES = 256 * 1024;
/** Changes Stripe tells us of are made and audited as Stripe's. */
const STRIPE: PaymentSource = { actor: "stripe", label: "Stripe" };

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Handles one Stripe webhook delivery: verifies the signature on the raw body, skips an event
 * already processed (its id is a key in the database), and acts on the types it knows by reading
 * the object's current state from Stripe, so deliveries in any order end in the right state.
 * Unknown types are acknowledged with 200.
 */
export async function handleStripeWebhook(db: Db, { provider, delivery }: { provider: StripeProvider; delivery: WebhookDelivery }): Promise<WebhookAnswer> {
  let event: ProviderEvent;
  try {
    event = provider.verifyWebhook(delivery);
  } catch (error) {
    return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
  const stripe = provider.client;
  const [seen] = await db
    .select({ eventId: paymentWebhookEvents.eventId })
    .from(paymentWebhookEvents)
    .where(and(eq(paymentWebhookEvents.provider, "stripe"), eq(paymentWebhookEvents.eventId, event.id)));
  if (seen) return { status: 200, body: { received: true, duplicate: true } };

  let handled: boolean;
  try {
    handled = await actOn(db, stripe, event);
  } catch (error) {
    // A correctly signed event about an object this key cannot see (another account or mode, or
    // since deleted) will never succeed: answering 5xx would only make Stripe retry it for days
    // and then disable the endpoint. It is acknowledged, recorded and logged instead.
    if (!isResourceMissing(error)) throw error;
    console.warn(`[stripe] ${event.id} (${event.type}) is about an object this account does not have; acknowledged without action:`, error.message);
    await db.insert(paymentWebhookEvents).values({ provider: "stripe", eventId: event.id, type: event.type }).onConflictDoNothing();
    return { status: 200, body: { received: true, handled: false, reason: "unknown_object" } };
  }
  // Recorded after processing: a failure answers 5xx and Stripe delivers the event again.
  await db.insert(paymentWebhookEvents).values({ provider: "stripe", eventId: event.id, type: event.type }).onConflictDoNothing();
  return { status: 200, body: { received: true, handled } };
}

/** Acts on an event type we handle; answers whether it did. */
async function actOn(db: Db, stripe: Stripe, event: ProviderEvent): Promise<boolean> {
  let handled = false;
  if (REFUND_EVENTS.has(event.type)) {
    const object = event.object;
    const refundId = object.object === "refund" ? object.id : null;
    if (refundId) {
      await syncRefund(db, await stripe.refunds.retrieve(refundId));
      handled = true;
    }
  }
  if (CHECKOUT_EVENTS.has(event.type)) {
    const object = event.object;
    if (object.object === "checkout.session") {
      await syncCheckout(db, stripe, await stripe.checkout.sessions.retrieve(object.id));
      handled = true;
    }
  }
  return handled;
}

function isResourceMissing(error: unknown): error is Stripe.errors.StripeInvalidRequestError {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing";
}

/**
 * Brings our order in line with the checkout session's current state: paid once Stripe says so
 * (whichever event told us), canceled if the session expired unpaid.
 */
async function syncCheckout(db: Db, stripe: Stripe, session: Stripe.Checkout.Session): Promise<void> {
  if (session.payment_status === "paid" || session.payment_status === "no_payment_required") {
    const intentId = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
    if (!intentId) return;
    const intent = await stripe.paymentIntents.retrieve(intentId, { expand: ["latest_charge"] });
    await markOrderPaid(db, { checkoutSessionId: session.id, paymentReference: intentId, paymentMethod: methodOf(intent), source: STRIPE });
  } else if (session.status === "expired") {
    await cancelUnpaidOrder(db, { checkoutSessionId: session.id, source: STRIPE });
  }
}

/** The means the consumer paid with, as the charge records it. */
function methodOf(intent: Stripe.PaymentIntent): PaymentMethod {
  const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  const type = charge?.payment_method_details?.type;
  return type === "card" || type === "alipay" || type === "wechat_pay" ? type : "online";
}

/** Brings our refund in line with Stripe's current state of it. */
async function syncRefund(db: Db, refund: Stripe.Refund): Promise<void> {
  const ours = (refund.metadata?.refundId as string | undefined) ?? "";
  const [row] = await db
    .select({ id: refunds.id, orgId: refunds.orgId, status: refunds.status })
    .from(refunds)
    .where(or(eq(refunds.providerRefundId, refund.id), eq(refunds.id, ours)))
    .limit(1);
  if (!row) return;
  const status = refund.status === "succeeded" ? "succeeded" : refund.status === "failed" || refund.status === "canceled" ? "failed" : null;
  if (!status || row.status === status) return;
  const lastError = status === "failed" ? `Stripe reported the refund ${refund.status}${refund.failure_reason ? `: ${refund.failure_reason}` : ""}` : null;
  await syncRefundState(db, { refundId: row.id, orgId: row.orgId, status, providerRefundId: refund.id, lastError, source: STRIPE });
}
