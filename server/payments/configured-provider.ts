import "server-only";
import { env } from "~/env";
import { DemoProvider } from "./demo";
import type { PaymentProvider } from "./payment-provider";
import { StripeProvider } from "./stripe";

let provider: PaymentProvider | null | undefined;

/**
 * The deployment's payment provider: Stripe with STRIPE_SECRET_KEY; without it, the demo provider
 * on the embedded database only (or when PAYMENT_PROVIDER=demo). A production deployment without Stripe has none: refunds wait.
 */
export function paymentProvider(): PaymentProvider | null {
  if (provider !== undefined) return provider;
  if (env.PAYMENT_PROVIDER === "demo") provider = new DemoProvider();
  else if (env.STRIPE_SECRET_KEY) provider = new StripeProvider({ secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL });
  else if (!env.DATABASE_URL) provider = new DemoProvider();
  else provider = null;
  return provider;
}
