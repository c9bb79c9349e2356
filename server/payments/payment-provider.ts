import "server-only";
import type { CheckoutMethod } from "./contract";

// One interface for every payment provider (Stripe, the demo): what checkout, the refund queue and
// the webhook handler ask of it. Which one a deployment uses is configured-provider.ts.

export interface CheckoutRequest {
  orderId: string;
  amountMinor: number;
  currency: string;
  description: string;
  successUrl: string;
  cancelUrl: string;
  methods: readonly CheckoutMethod[];
  /** The checkout page stops accepting payment after this. */
  expiresAt: Date;
}

export interface Checkout {
  /** Where to send the consumer to pay. */
  url: string;
  sessionId: string;
  /** Set when the provider settled at once (the demo provider). */
  paymentReference?: string;
}

export interface RefundRequest {
  /** Our refund id: the provider's idempotency key, so a repeat never refunds twice. */
  refundId: string;
  paymentReference: string;
  amountMinor: number;
  currency: string;
}

export interface RefundResult {
  providerRefundId: string;
  status: "succeeded" | "pending";
}

/** A provider refused or failed; `retryable` says whether trying again later may succeed. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

export interface WebhookDelivery {
  rawBody: string;
  signature: string | null;
  secret: string;
  /** The server's clock in Unix seconds (tests); default now. */
  nowSeconds?: number;
}

/** A verified webhook event: its id (the dedupe key), type and the object it is about. */
export interface ProviderEvent {
  id: string;
  type: string;
  object: { id: string; object: string } & Record<string, unknown>;
}

/** One payment provider behind one interface: checkouts, refunds and their webhooks. */
export interface PaymentProvider {
  readonly name: "stripe" | "demo";
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Checks the signature on the raw body and parses the event; throws ProviderError if it does not verify. */
  verifyWebhook(delivery: WebhookDelivery): ProviderEvent;
}
