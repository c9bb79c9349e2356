import { getDb } from "~/db/open";
import { env } from "~/env";
import { readBodyWithin } from "~/server/http/limited-body";
import { STRIPE_WEBHOOK_MAX_BYTES, StripeProvider, handleStripeWebhook, paymentProvider } from "~/server/payments";

export const dynamic = "force-dynamic";

/** Stripe's webhook endpoint: the raw body is read as text, since the signature covers its bytes. */
export async function POST(request: Request) {
  const rawBody = await readBodyWithin(request, STRIPE_WEBHOOK_MAX_BYTES);
  if (rawBody === null) {
    return Response.json({ error: `The body is over ${STRIPE_WEBHOOK_MAX_BYTES / 1024} kB; Stripe's events are far smaller.` }, { status: 413 });
  }
  const provider = paymentProvider();
  if (!(provider instanceof StripeProvider) || !env.STRIPE_WEBHOOK_SECRET) {
    return Response.json({ error: "Stripe is not configured on this deployment." }, { status: 404 });
  }
  const answer = await handleStripeWebhook(await getDb(), {
    provider,
    delivery: { rawBody, signature: request.headers.get("stripe-signature"), secret: env.STRIPE_WEBHOOK_SECRET },
  });
  return Response.json(answer.body, { status: answer.status });
}
