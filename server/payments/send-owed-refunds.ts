import "server-only";
import type { Db } from "~/db/client";
import { paymentProvider } from "./configured-provider";
import { refundProviderFor } from "./org-providers";
import { processDueRefunds, type DrainInput, type DrainResult } from "./refund-queue";

/**
 * Sends the refunds that are due, each through the provider that took its payment: an org's own
 * WeChat Pay or Alipay account, else the deployment's provider. A refund with neither waits.
 */
export async function sendDueRefunds(db: Db, options: Omit<DrainInput, "provider" | "providerOf"> = {}): Promise<DrainResult> {
  const deployment = paymentProvider();
  return processDueRefunds(db, { ...options, providerOf: (refund) => refundProviderFor(db, { refund, deployment }) });
}

/** Sends the refunds that are due now. Never throws. */
export async function sendOwedRefunds(db: Db): Promise<void> {
  try {
    await sendDueRefunds(db, { maxRounds: 5 });
  } catch (error) {
    console.error("[refunds] sending failed; the sweep will retry:", error);
  }
}
