import "server-only";
import type { PaymentMethod } from "~/db/schema";
import type { CheckoutMethod } from "./contract";

// One interface for every payment provider (Stripe, the demo, WeChat Pay, Alipay): what checkout,
// the refund queue and the webhook handlers ask of it. The deployment's own provider is
// configured-provider.ts; an org's WeChat Pay or Alipay merchant account is org-providers.ts.

/** How the consumer pays: a QR code to scan from another device (desktop), or a redirect on the phone itself. */
export type CheckoutChannel = "qr" | "mobile_web";

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
  /**
   * "qr" for a desktop browser (the consumer scans a code with the wallet app on their phone),
   * "mobile_web" for a phone browser (redirect to the wallet's H5 / mobile web page).
   * Stripe and the demo ignore it.
   */
  channel: CheckoutChannel;
  /** The consumer's IP address; WeChat Pay H5 requires it (payer_client_ip). */
  clientIp?: string;
  /**
   * Where the provider posts its notifications about this payment: for an org's own merchant
   * account (WeChat Pay, Alipay) `<base>/api/webhooks/<provider name>/<org id>`. Stripe ignores it
   * (its webhook endpoint is configured at Stripe).
   */
  notifyUrl?: string;
}

export interface Checkout {
  /** Where to send the consumer to pay. */
  url: string;
  sessionId: string;
  /** Set when the provider settled at once (the demo provider). */
  paymentReference?: string;
  /**
   * A code to show as a QR code while the order awaits payment (WeChat Pay Native `code_url`,
   * Alipay precreate `qr_code`). When set, the order page renders it instead of redirecting to `url`.
   */
  qrCode?: string;
}

/** A payment's current state at the provider, by our order id. */
export interface PaymentStatus {
  /** "paid": the money is taken; "unpaid": still payable; "closed": can no longer be paid (closed, expired, revoked, or fully refunded before we saw it). */
  state: "paid" | "unpaid" | "closed";
  /** The provider's transaction id, when paid. */
  paymentReference?: string;
  /** How the consumer paid, when the provider says. */
  method?: PaymentMethod;
}

/** A refund's current state at the provider, by our refund id. */
export interface RefundStatus {
  state: "succeeded" | "pending" | "failed";
  providerRefundId?: string;
}

export interface RefundRequest {
  /** Our refund id: the provider's idempotency key, so a repeat never refunds twice. */
  refundId: string;
  paymentReference: string;
  amountMinor: number;
  currency: string;
  /** The amount of the payment refunded (WeChat Pay asks for it with every refund); default amountMinor. */
  paymentAmountMinor?: number;
  /** Our order id, when the payment was an online order (WeChat Pay and Alipay refund by out_trade_no). */
  orderId?: string;
  /** Where the provider posts its notification of the refund's outcome, as CheckoutRequest.notifyUrl. */
  notifyUrl?: string;
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
  /** Further signature headers, by lower-case name (WeChat Pay: wechatpay-timestamp, wechatpay-nonce, wechatpay-serial). */
  headers?: Record<string, string | null>;
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
  readonly name: PaymentProviderName;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Checks the signature on the raw body and parses the event; throws ProviderError if it does not verify. */
  verifyWebhook(delivery: WebhookDelivery): ProviderEvent;
  /**
   * The payment's current state, asked of the provider by our order id (its out_trade_no). Providers
   * whose notifications carry no trustworthy state (WeChat Pay, Alipay) act on this, so the order and
   * repeats of notifications do not matter. Throws ProviderError.
   */
  queryPayment?(orderId: string): Promise<PaymentStatus>;
  /** The refund's current state, asked of the provider by our refund id (its out_refund_no / out_request_no). Throws ProviderError. */
  queryRefund?(refundId: string): Promise<RefundStatus>;
  /** Closes an unpaid checkout so it can no longer be paid (an expired order). Throws ProviderError. */
  closeCheckout?(orderId: string): Promise<void>;
}

export type PaymentProviderName = "stripe" | "demo" | "wechatpay" | "alipay";
