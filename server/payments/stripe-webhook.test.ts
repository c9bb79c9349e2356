import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "~/app/api/webhooks/stripe/route";
import { paymentWebhookEvents, refunds } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { FakeStripe } from "~/test/fake-stripe";
import { createMachineWithPlanogram, sendEvents, vend } from "~/test/machines";
import { processDueRefunds } from "./refund-queue";
import { StripeProvider } from "./stripe";
import { STRIPE_WEBHOOK_MAX_BYTES, handleStripeWebhook } from "./stripe-webhook";

const secret = "whsec_test_endpoint_secret";
let t: TestDatabase;
let fake: FakeStripe;
let provider: StripeProvider;
beforeAll(async () => {
  t = await createTestDatabase();
  fake = await new FakeStripe().start();
  provider = new StripeProvider({ secretKey: "sk_test_webhooks", apiUrl: fake.url });
});
afterAll(async () => {
  await fake.stop();
  await t.drop();
});

/** A refund that the worker sent to the fake Stripe: ours and Stripe's ids. */
async function sentRefund() {
  const m = await createMachineWithPlanogram(t.db);
  const pi = fake.createPaymentIntent(250);
  const failed = vend("A1", { ok: false, method: "card" });
  await sendEvents(t.db, m.machine.id, m.secret, { events: [{ ...failed, data: { ...failed.data, payment: { method: "card", reference: pi.id } } }] });
  await processDueRefunds(t.db, { provider });
  const [refund] = await t.db.select().from(refunds).where(eq(refunds.orgId, m.org.id));
  return refund!;
}

function deliver(event: Record<string, unknown>, options: { secret?: string; timestamp?: number } = {}) {
  const rawBody = JSON.stringify(event);
  return handleStripeWebhook(t.db, {
    provider,
    delivery: { rawBody, signature: FakeStripe.sign(rawBody, options.secret ?? secret, options.timestamp), secret },
  });
}
const stripeRefund = (id: string) => fake.refunds.get(id)!;
const retrievals = (id: string) => fake.requests.filter((r) => r.method === "GET" && r.path === `/v1/refunds/${id}`).length;

describe("Stripe webhooks", () => {
  it("refuses a bad signature and a stale timestamp with 400, recording nothing", async () => {
    const refund = await sentRefund();
    const event = fake.event("refund.updated", stripeRefund(refund.providerRefundId!));
    expect((await deliver(event, { secret: "whsec_someone_else" })).status).toBe(400);
    expect((await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(400);
    const missing = await handleStripeWebhook(t.db, { provider, delivery: { rawBody: JSON.stringify(event), signature: null, secret } });
    expect(missing).toMatchObject({ status: 400, body: { error: expect.stringContaining("missing stripe-signature") } });
    expect(await t.db.select().from(paymentWebhookEvents).where(eq(paymentWebhookEvents.eventId, String(event.id)))).toEqual([]);
  });

  it("processes an event once, however often it is delivered", async () => {
    const refund = await sentRefund();
    stripeRefund(refund.providerRefundId!).status = "failed";
    const event = fake.event("refund.failed", stripeRefund(refund.providerRefundId!));
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, handled: true } });
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(retrievals(refund.providerRefundId!)).toBe(1);
    expect((await t.db.select().from(refunds).where(eq(refunds.id, refund.id)))[0]).toMatchObject({ status: "failed", lastError: expect.stringContaining("failed") });
  });

  it("ends in Stripe's current state whatever order the events arrive in", async () => {
    const refund = await sentRefund();
    const asCreated = fake.event("refund.created", { ...stripeRefund(refund.providerRefundId!), status: "pending" });
    stripeRefund(refund.providerRefundId!).status = "canceled";
    const asCanceled = fake.event("refund.updated", stripeRefund(refund.providerRefundId!));
    await deliver(asCanceled);
    await deliver(asCreated); // older, arriving last: the current state still wins
    expect((await t.db.select().from(refunds).where(eq(refunds.id, refund.id)))[0]!.status).toBe("failed");
  });

  it("acknowledges event types it does not handle with 200", async () => {
    const answer = await deliver(fake.event("customer.created", { id: "cus_123", object: "customer" }));
    expect(answer).toEqual({ status: 200, body: { received: true, handled: false } });
  });

  it("acknowledges with 200 a signed event about an object Stripe does not know (another account or mode), once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      for (const [type, object] of [
        ["refund.updated", { id: "re_from_another_account", object: "refund", status: "succeeded" }],
        ["checkout.session.completed", { id: "cs_live_from_another_mode", object: "checkout.session" }],
      ] as const) {
        const event = fake.event(type, object);
        // Before: the SDK's resource_missing error answered 500, and Stripe retried for days.
        expect(await deliver(event)).toEqual({ status: 200, body: { received: true, handled: false, reason: "unknown_object" } });
        expect(await deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
        const recorded = await t.db.select().from(paymentWebhookEvents).where(eq(paymentWebhookEvents.eventId, String(event.id)));
        expect(recorded).toHaveLength(1);
        expect(warn).toHaveBeenCalledWith(expect.stringContaining(String(event.id)), expect.stringContaining("No such"));
      }
    } finally {
      warn.mockRestore();
    }
  });

  it("still answers 5xx (so Stripe retries) when Stripe itself fails", async () => {
    const refund = await sentRefund();
    fake.failNext(1, { kind: "status", status: 500 });
    const event = fake.event("refund.updated", stripeRefund(refund.providerRefundId!));
    await expect(deliver(event)).rejects.toThrow();
    expect(await t.db.select().from(paymentWebhookEvents).where(eq(paymentWebhookEvents.eventId, String(event.id)))).toEqual([]);
  });
});

describe("POST /api/webhooks/stripe", () => {
  const overLimit = "x".repeat(STRIPE_WEBHOOK_MAX_BYTES + 1);

  it("answers 413 to a body over the limit, by its Content-Length", async () => {
    const response = await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers: { "content-length": String(STRIPE_WEBHOOK_MAX_BYTES + 1) }, body: overLimit }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/over 256 kB/);
  });

  it("answers 413 to a body over the limit sent without a length, stopping as it reads", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(120);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: endless, duplex: "half" } as RequestInit));
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(STRIPE_WEBHOOK_MAX_BYTES * 2);
  });
});
