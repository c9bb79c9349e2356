import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { refunds } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { systemContext } from "../context";
import { publishRefundOutcome } from "./webhook-events";

export interface RefundState {
  refundId: string;
  orgId: string;
  status: "succeeded" | "failed";
  providerRefundId: string;
  lastError: string | null;
  /** Who reports it, in the audit log and integrators' events. */
  source: { actor: "stripe" | "system"; id?: string; label: string };
}

/**
 * Brings our refund row in line with the provider's current state of it, and tells the org's
 * webhook endpoints when that changed its outcome. Idempotent: the same state twice changes nothing.
 */
export async function syncRefundState(db: Db, state: RefundState): Promise<boolean> {
  return withTenant(db, { orgId: state.orgId }, async (tx) => {
    const [changed] = await tx
      .update(refunds)
      .set({ status: state.status, providerRefundId: state.providerRefundId, lastError: state.lastError, updatedAt: sql`now()` })
      .where(and(eq(refunds.id, state.refundId), eq(refunds.orgId, state.orgId), sql`${refunds.status} <> ${state.status}`))
      .returning();
    if (!changed) return false;
    const ctx = systemContext(tx, { orgId: state.orgId, ...state.source });
    await publishRefundOutcome(ctx, { refund: changed, status: state.status, providerRefundId: state.providerRefundId, error: state.lastError });
    return true;
  });
}
