// A refund worker that dies on purpose, for crash-safety tests: it claims due refunds and is
// killed (SIGKILL, no cleanup) either before calling the provider or right after the call,
// before recording the result. Usage: node --import tsx test/refund-crash-worker.ts <databaseUrl> <stripeUrl> <before-call|after-call>
import { createDb } from "~/db/client";
import { StripeProvider } from "~/server/payments";
import { claimDueRefunds } from "~/server/payments";

const [databaseUrl, stripeUrl, crashPoint] = process.argv.slice(2);
const handle = await createDb({ url: databaseUrl, driver: "pg", maxConnections: 1 });
const claimed = await claimDueRefunds(handle.db, { limit: 10 });
if (crashPoint === "after-call") {
  const provider = new StripeProvider({ secretKey: "sk_test_crash", apiUrl: stripeUrl });
  for (const refund of claimed) {
    await provider.refund({ refundId: refund.id, paymentReference: refund.paymentReference!, amountMinor: refund.amountMinor, currency: refund.currency });
  }
}
console.log(`claimed ${claimed.length}`);
process.kill(process.pid, "SIGKILL");
