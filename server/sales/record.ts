import "server-only";
import { newId } from "~/db/ids";
import { sales, type PaymentMethod, type VendFailureReason } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";

/** One vend a machine reported, with the product and cost of its slot when it happened. */
export interface VendFact {
  /** The machine event that reported it: a vend is recorded once per event. */
  eventId: string;
  slotCode: string;
  productId: string | null;
  succeeded: boolean;
  failureReason: VendFailureReason | null;
  priceMinor: number;
  costMinor: number;
  currency: string;
  paymentMethod: PaymentMethod;
  paymentReference: string | null;
  orderId: string | null;
  consumerId: string | null;
  occurredAt: Date;
}

/** A vend recorded as a sale. */
export interface RecordedSale extends VendFact {
  id: string;
}

/**
 * Records vends as sales, in one statement. A vend whose event is already recorded is skipped;
 * returns the sales this call recorded, with their ids.
 */
export async function recordVends(ctx: ServiceCtx, input: { machineId: string; locationId: string | null; receivedAt: Date; vends: VendFact[] }): Promise<RecordedSale[]> {
  if (input.vends.length === 0) return [];
  const inserted = await ctx.db
    .insert(sales)
    .values(
      input.vends.map(({ succeeded, ...v }) => ({
        ...v,
        id: newId("sal"),
        orgId: ctx.orgId,
        machineId: input.machineId,
        locationId: input.locationId,
        status: succeeded ? ("succeeded" as const) : ("failed" as const),
        receivedAt: input.receivedAt,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: sales.id, eventId: sales.eventId });
  const saleIdByEvent = new Map(inserted.map((r) => [r.eventId, r.id]));
  return input.vends.flatMap((v) => {
    const id = saleIdByEvent.get(v.eventId);
    return id ? [{ ...v, id }] : [];
  });
}
