import { spawn } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, auditLog, refunds } from "~/db/schema";
import { createTestDatabase, testDriver, type TestDatabase } from "~/test/db";
import { FakeStripe } from "~/test/fake-stripe";
import { createMachineWithPlanogram, sendEvents, signedRequest, vend } from "~/test/machines";
import { handleEventsRequest } from "~/server/machine-api";
import { processDueRefunds, refundPolicy, retryDelaySeconds } from "./refund-queue";
import { StripeProvider } from "./stripe";

let t: TestDatabase;
let stripe: FakeStripe;
let provider: StripeProvider;
beforeAll(async () => {
  t = await createTestDatabase();
  stripe = await new FakeStripe().start();
  provider = new StripeProvider({ secretKey: "sk_test_vendops", apiUrl: stripe.url, timeoutMs: 300 });
});
afterAll(async () => {
  await stripe.stop();
  await t.drop();
});

/** A machine whose card vend failed: one pending refund for a payment the fake Stripe knows. */
async function failedCardVend(price = 250) {
  const m = await createMachineWithPlanogram(t.db);
  const pi = stripe.createPaymentIntent(price);
  const event = { ...vend("A1", { ok: false, method: "card", price }), data: { slot: "A1", priceMinor: price, currency: "EUR", payment: { method: "card", reference: pi.id }, reason: "jammed" } };
  return { m, pi, event };
}
function run(command: string, args: string[]): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (_code, signal) => resolve({ signal, output }));
  });
}
const refundsOf = (orgId: string) => t.db.select().from(refunds).where(eq(refunds.orgId, orgId));
/** Makes every waiting refund due now, as if its backoff or lease had run out. */
const makeDue = (orgId: string) => t.db.update(refunds).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(refunds.orgId, orgId));

describe("refunds", () => {
  it("sends a refund once with its id as the idempotency key, and audits it", async () => {
    const { m, pi, event } = await failedCardVend();
    await sendEvents(t.db, m.machine.id, m.secret, { events: [event] });
    const before = stripe.refundCreations();
    const result = await processDueRefunds(t.db, { provider });
    expect(result).toMatchObject({ claimed: 1, succeeded: 1 });
    const [refund] = await refundsOf(m.org.id);
    expect(refund).toMatchObject({ status: "succeeded", attempts: 1, lastError: null });
    expect(stripe.refundCreations() - before).toBe(1);
    expect(stripe.requests.at(-1)).toMatchObject({ path: "/v1/refunds", idempotencyKey: refund!.id });
    expect(stripe.paymentIntents.get(String(pi.id))!.amount_refunded).toBe(250);
    expect((await processDueRefunds(t.db, { provider })).claimed).toBe(0);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "refund.succeeded")));
    expect(audit).toHaveLength(1);
  });

  it("retries 500s, 429s and timeouts with backoff, then succeeds; nothing is lost", async () => {
    const { m, event } = await failedCardVend();
    await sendEvents(t.db, m.machine.id, m.secret, { events: [event] });
    const failures = [{ kind: "status", status: 500 }, { kind: "status", status: 429 }, { kind: "timeout", ms: 1000 }] as const;
    for (const [i, failure] of failures.entries()) {
      stripe.failNext(1, failure);
      const started = Date.now();
      expect(await processDueRefunds(t.db, { provider })).toMatchObject({ claimed: 1, retried: 1 });
      const [refund] = await refundsOf(m.org.id);
      expect(refund).toMatchObject({ status: "pending", attempts: i + 1, lastError: expect.stringContaining("Stripe") });
      expect(refund!.nextAttemptAt.getTime()).toBeGreaterThan(started + (retryDelaySeconds(i + 1, refundPolicy, () => 0) - 2) * 1000);
      expect((await processDueRefunds(t.db, { provider })).claimed).toBe(0);
      await makeDue(m.org.id);
    }
    expect(await processDueRefunds(t.db, { provider })).toMatchObject({ succeeded: 1 });
    expect((await refundsOf(m.org.id))[0]).toMatchObject({ status: "succeeded", attempts: 4 });
  });

  it("gives up after the last attempt, marks the refund failed and raises a critical alert", async () => {
    const { m, event } = await failedCardVend();
    await sendEvents(t.db, m.machine.id, m.secret, { events: [event] });
    const policy = { ...refundPolicy, maxAttempts: 3 };
    stripe.failNext(3, { kind: "status", status: 503 });
    for (let i = 0; i < 3; i++) {
      await processDueRefunds(t.db, { provider, policy });
      await makeDue(m.org.id);
    }
    const [refund] = await refundsOf(m.org.id);
    expect(refund).toMatchObject({ status: "failed", attempts: 3, lastError: expect.stringContaining("503") });
    const [alert] = await t.db.select().from(alerts).where(and(eq(alerts.orgId, m.org.id), eq(alerts.rule, "refund_failed")));
    expect(alert).toMatchObject({ status: "open", severity: "critical", code: refund!.id, machineId: m.machine.id });
    expect((await processDueRefunds(t.db, { provider, policy })).claimed).toBe(0);
  });

  it("fails at once, with an alert, when the provider refuses for good", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { ok: false, method: "card" })] }); // pi_test is unknown to Stripe
    expect(await processDueRefunds(t.db, { provider })).toMatchObject({ failed: 1 });
    expect((await refundsOf(m.org.id))[0]).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("No such payment_intent") });
  });
});

describe("refunds after the response", () => {
  it("tells the route when a batch made refunds owed, and only then", async () => {
    const { m, event } = await failedCardVend();
    const owed: number[] = [];
    const afterCommit = (o: { refundsOwed: number }) => void owed.push(o.refundsOwed);
    const request = (payload: unknown) => signedRequest(m.machine.id, m.secret, JSON.stringify(payload));
    await handleEventsRequest(t.db, m.machine.id, request({ events: [vend("A2")] }), { afterCommit });
    await handleEventsRequest(t.db, m.machine.id, request({ events: [event] }), { afterCommit });
    await handleEventsRequest(t.db, m.machine.id, request({ events: [event] }), { afterCommit });
    expect(owed).toEqual([0, 1, 0]);
    // The sweep is global: leave nothing due for the tests after this one.
    expect(await processDueRefunds(t.db, { provider })).toMatchObject({ claimed: 1, succeeded: 1 });
  });
});

describe.runIf(testDriver === "postgres")("refunds under concurrency and crashes", () => {
  it("50 concurrent deliveries of one failed vend: one refund row and one provider call", async () => {
    const { m, event } = await failedCardVend();
    const before = stripe.refundCreations();
    const requestsBefore = stripe.requests.length;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        await sendEvents(t.db, m.machine.id, m.secret, { events: [event] }, { webhookId: "same-request" });
        await processDueRefunds(t.db, { provider });
      }),
    );
    expect(await refundsOf(m.org.id)).toHaveLength(1);
    expect(stripe.refundCreations() - before).toBe(1);
    expect(stripe.requests.length - requestsBefore).toBe(1);
    expect((await refundsOf(m.org.id))[0]!.status).toBe("succeeded");
  });

  for (const crashPoint of ["before-call", "after-call"] as const) {
    it(`a worker killed ${crashPoint === "before-call" ? "between commit and the provider call" : "between the call and recording it"}: the sweep completes the refund once`, async () => {
      const { m, pi, event } = await failedCardVend(300);
      await sendEvents(t.db, m.machine.id, m.secret, { events: [event] });
      const before = stripe.refundCreations();
      // Asynchronously: the fake Stripe lives in this process and must keep answering.
      const child = await run(process.execPath, ["--import", "tsx", "--import", "./scripts/node/server-only.mjs", "test/refund-crash-worker.ts", t.url!, stripe.url, crashPoint]);
      expect(child.signal, child.output).toBe("SIGKILL");
      expect(child.output).toContain("claimed 1");
      const [claimed] = await refundsOf(m.org.id);
      expect(claimed).toMatchObject({ status: "processing", attempts: 1 });
      expect(stripe.refundCreations() - before).toBe(crashPoint === "after-call" ? 1 : 0);

      // Within the lease the sweep leaves it alone; after it, the sweep completes it.
      expect((await processDueRefunds(t.db, { provider })).claimed).toBe(0);
      await makeDue(m.org.id);
      expect(await processDueRefunds(t.db, { provider })).toMatchObject({ claimed: 1, succeeded: 1 });
      expect((await refundsOf(m.org.id))[0]).toMatchObject({ status: "succeeded", attempts: 2 });
      expect(stripe.refundCreations() - before).toBe(1);
      expect(stripe.paymentIntents.get(String(pi.id))!.amount_refunded).toBe(300);
    });
  }
});
