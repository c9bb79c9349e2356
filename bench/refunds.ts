// Refund drain throughput: pending refunds sent to a local fake of Stripe by 4 workers, against a
// no-op claim loop over the same rows in the same run (claim, mark done, no provider call).
// Usage: npm run bench bench/refunds.ts -- [--refunds 5000] [--workers 4]   (Postgres at BENCH_DATABASE_URL,
// TEST_DATABASE_URL or the local server; a database of its own is created and dropped)
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { newId } from "../db/ids";
import { refunds } from "../db/schema";
import { claimDueRefunds, processDueRefunds } from "~/server/payments";
import { StripeProvider } from "~/server/payments";
import { FakeStripe } from "../test/fake-stripe";
import { createMachineWithPlanogram } from "../test/machines";
import { dropBenchDatabase, openBenchDatabase } from "./lib/bench-database";

const { values } = parseArgs({ options: { refunds: { type: "string", default: "5000" }, workers: { type: "string", default: "4" } } });
const total = Number(values.refunds);
const workers = Number(values.workers);
const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

const name = `vendops_bench_refunds_${randomBytes(4).toString("hex")}`;
const handle = await openBenchDatabase({ name, server, maxConnections: workers + 4 });
const stripe = await new FakeStripe().start();

try {
  const { db } = handle;
  const m = await createMachineWithPlanogram(db);
  process.stdout.write(`Generating ${total} failed vends with pending refunds...`);
  for (let done = 0; done < total; done += 1000) {
    const n = Math.min(1000, total - done);
    const saleRows = Array.from({ length: n }, (_, i) => ({
      id: newId("sal"),
      orgId: m.org.id,
      machineId: m.machine.id,
      eventId: `bench-${done + i}`,
      slotCode: "A1",
      status: "failed" as const,
      failureReason: "jammed" as const,
      priceMinor: 250,
      currency: "EUR",
      paymentMethod: "card" as const,
      paymentReference: String(stripe.createPaymentIntent(250).id),
      occurredAt: new Date(),
    }));
    await db.insert((await import("../db/schema")).sales).values(saleRows);
    await db.insert(refunds).values(
      saleRows.map((s) => ({
        id: newId("rfd"),
        orgId: m.org.id,
        saleId: s.id,
        amountMinor: 250,
        currency: "EUR",
        paymentMethod: "card" as const,
        paymentReference: s.paymentReference,
        reason: "vend_failed:jammed",
      })),
    );
    process.stdout.write(".");
  }
  console.log(" done");

  // Baseline: the same claims with no provider call and a bare status update.
  const resetAll = () => db.update(refunds).set({ status: "pending", attempts: 0, nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(refunds.orgId, m.org.id));
  await resetAll();
  let started = performance.now();
  let claimedTotal = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const claimed = await claimDueRefunds(db, { limit: 50 });
        if (claimed.length === 0) return;
        claimedTotal += claimed.length;
        for (const r of claimed) await db.update(refunds).set({ status: "succeeded" }).where(eq(refunds.id, r.id));
      }
    }),
  );
  const baselineSeconds = (performance.now() - started) / 1000;
  const baselineRate = claimedTotal / baselineSeconds;

  await resetAll();
  const provider = new StripeProvider({ secretKey: "sk_test_bench", apiUrl: stripe.url });
  started = performance.now();
  const results = await Promise.all(Array.from({ length: workers }, () => processDueRefunds(db, { provider, batch: 50, concurrency: 1, maxRounds: 1_000_000 })));
  const seconds = (performance.now() - started) / 1000;
  const sent = results.reduce((a, r) => a + r.succeeded, 0);
  const rate = sent / seconds;

  const [check] = await db.select({ n: sql<number>`count(*)::int` }).from(refunds).where(eq(refunds.status, "succeeded"));
  console.log(`\nRefund drain, ${total} refunds, ${workers} workers, local Postgres, fake Stripe over HTTP`);
  console.log(`  no-op claim loop (baseline): ${baselineRate.toFixed(0)} refunds/s (${baselineSeconds.toFixed(2)} s)`);
  console.log(`  full drain (ours):           ${rate.toFixed(0)} refunds/s (${seconds.toFixed(2)} s, ${stripe.refundCreations()} provider refunds)`);
  console.log(`  ratio ours/baseline:         ${(rate / baselineRate).toFixed(2)}x   (goal: at least 0.5x and 500 refunds/s)`);
  if (Number(check?.n) !== total || stripe.refundCreations() !== total) throw new Error(`expected ${total} refunds sent once each`);
} finally {
  await stripe.stop();
  await handle.close();
  await dropBenchDatabase(name, server);
}
