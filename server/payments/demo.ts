import "server-only";
import { randomToken } from "~/db/ids";
import { ProviderError, type Checkout, type CheckoutRequest, type PaymentProvider, type ProviderEvent, type RefundRequest, type RefundResult } from "./payment-provider";

/**
 * The embedded demo's payment provider: every payment and refund settles at once and nothing is
 * charged. The UI labels it as a demo wherever it is in use.
 */
export class DemoProvider implements PaymentProvider {
  readonly name = "demo" as const;

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    return { url: request.successUrl, sessionId: `demo_cs_${randomToken(16)}`, paymentReference: `demo_pi_${randomToken(16)}` };
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    return { providerRefundId: `demo_re_${request.refundId}`, status: "succeeded" };
  }

  verifyWebhook(): ProviderEvent {
    throw new ProviderError("The demo provider settles at once and sends no webhooks.", false, "no_webhooks");
  }
}
