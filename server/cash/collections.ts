import "server-only";
import type { SQL } from "drizzle-orm";
import { newId } from "~/db/ids";
import { cashCollections } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import type { CashCollectionFact } from "./contract";

/** Records the cash a machine reported collected, one row per report: a statement of the ingest script. */
export function cashCollectionsStatement(ctx: ServiceCtx, input: { machineId: string; collections: CashCollectionFact[] }): SQL | null {
  if (input.collections.length === 0) return null;
  return ctx.db.insert(cashCollections).values(
    input.collections.map((c) => ({
      id: newId("csh"),
      orgId: ctx.orgId,
      machineId: input.machineId,
      eventId: c.eventId,
      amountMinor: c.amountMinor,
      currency: c.currency,
      occurredAt: c.occurredAt,
    })),
  ).getSQL();
}
