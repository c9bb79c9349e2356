import "server-only";
import type { CashCollection } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { queueIntegratorEvent } from "~/server/notifications";

/** Tells the org's webhook endpoints that a cash box was emptied, in the caller's transaction. */
export async function publishCashCollected(ctx: ServiceCtx, collection: CashCollection): Promise<void> {
  await queueIntegratorEvent(ctx, {
    type: "cash.collected",
    data: {
      collection_id: collection.id,
      machine_id: collection.machineId,
      source: collection.source,
      occurred_at: collection.occurredAt.toISOString(),
      amount_minor: collection.amountMinor,
      counted_minor: collection.countedMinor,
      expected_minor: collection.expectedMinor,
      variance_minor: collection.varianceMinor,
      currency: collection.currency,
      technician_id: collection.technicianId,
      visit_id: collection.visitId,
    },
  });
}
