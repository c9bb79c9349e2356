import "server-only";
import Stripe from "stripe";
import { ProviderError, type Checkout, type CheckoutRequest, type PaymentProvider, type ProviderEvent, type RefundRequest, type RefundResult, type WebhookDelivery } from "./payment-provider";

/** Stripe's own default: events signed more than 5 minutes away from now are refused. */
export const STRIPE_TOLERANCE_SECONDS = 300;

export interface StripeOptions {
  secretKey: string;
  /** Another API base, e.g. a local fake for tests: http://127.0.0.1:12111 */
  apiUrl?: string;
  timeoutMs?: number;
}

export function createStripeClient(options: StripeOptions): Stripe {
  const api = options.apiUrl ? new URL(options.apiUrl) : null;
  return new Stripe(options.secretKey, {
    maxNetworkRetries: 0, // retries are ours, with backoff over minutes, not the SDK's within one call
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    ...(api ? { host: api.hostname, port: api.port || (api.protocol === "https:" ? 443 : 80), protocol: api.protocol.replace(":", "") as "http" | "https" } : {}),
  });
}

/** Whether trying the same call again later may succeed. */
function classify(error: unknown): ProviderError {
  if (error instanceof Stripe.errors.StripeError) {
    const retryable =
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      (error.statusCode ?? 0) >= 500;
    return new ProviderError(`Stripe: ${error.message}`, retryable, error.code ?? error.type);
  }
  return new ProviderError(`Stripe: ${error instanceof Error ? error.message : String(error)}`, true);
}

export class StripeProvider implements PaymentProvider {
  readonly name = "stripe" as const;
  readonly client: Stripe;

  constructor(options: StripeOptions) {
    this.client = createStripeClient(options);
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    try {
      const session = await this.client.checkout.sessions.create(
        {
          mode: "payment",
          allowed_payment_method_types: [...request.methods],
          ...(request.methods.includes("wechat_pay") ? { payment_method_options: { wechat_pay: { client: "web" } } } : {}),
          line_items: [
            {
              quantity: 1,
              price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amountMinor, product_data: { name: request.description } },
            },
          ],
          client_reference_id: request.orderId,
          metadata: { orderId: request.orderId },
          payment_intent_data: { metadata: { orderId: request.orderId } },
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          expires_at: Math.floor(request.expiresAt.getTime() / 1000),
        },
        { idempotencyKey: `checkout-${request.orderId}` },
      );
      if (!session.url) throw new ProviderError("Stripe returned a checkout session without a URL", false);
      return { url: session.url, sessionId: session.id };
    } catch (error) {
      throw error instanceof ProviderError ? error : classify(error);
    }
  }

  verifyWebhook(delivery: WebhookDelivery): ProviderEvent {
    try {
      if (!delivery.signature) throw new Error("missing stripe-signature header");
      const event = this.client.webhooks.constructEvent(delivery.rawBody, delivery.signature, delivery.secret, STRIPE_TOLERANCE_SECONDS, undefined, delivery.nowSeconds);
      return { id: event.id, type: event.type, object: event.data.object as unknown as ProviderEvent["object"] };
    } catch (error) {
      throw new ProviderError(`Webhook signature verification failed: ${error instanceof Error ? error.message : String(error)}`, false, "invalid_signature");
    }
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const target = request.paymentReference.startsWith("ch_") ? { charge: request.paymentReference } : { payment_intent: request.paymentReference };
    try {
      const refund = await this.client.refunds.create(
        { ...target, amount: request.amountMinor, metadata: { refundId: request.refundId } },
        { idempotencyKey: request.refundId },
      );
      if (refund.status === "failed" || refund.status === "canceled") {
        throw new ProviderError(`Stripe refund ${refund.id} ${refund.status}`, false, refund.failure_reason ?? refund.status);
      }
      return { providerRefundId: refund.id, status: refund.status === "succeeded" ? "succeeded" : "pending" };
    } catch (error) {
      throw error instanceof ProviderError ? error : classify(error);
    }
  }
}
