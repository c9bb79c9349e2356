import "server-only";
import type { Db } from "~/db/client";
import { paymentProvider } from "./configured-provider";
import { processDueRefunds } from "./refund-queue";

/** Sends the refunds that are due now, if this deployment has a payment provider. Never throws. */
export async function sendOwedRefunds(db: Db): Promise<void> {
  const provider = paymentProvider();
  if (!provider) return;
  try {
    await processDueRefunds(db, { provider, maxRounds: 5 });
  } catch (error) {
    console.error("[refunds] sending failed; the sweep will retry:", error);
  }
}
