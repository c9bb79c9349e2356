import "server-only";
import type { SQL } from "drizzle-orm";
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
 * Records vends as sales, in one statement of the caller's script: the sales with their ids, and
 * the statement that inserts them. Ingest passes only vends new to the database (it holds the
 * machine's lock and has checked their events); the (machine, event) key refuses any other.
 */
export function recordVendsStatement(
  ctx: ServiceCtx,
  input: { machineId: string; locationId: string | null; receivedAt: Date; vends: VendFact[] },
): { recorded: RecordedSale[]; statement: SQL | null } {
  if (input.vends.length === 0) return { recorded: [], statement: null };
  const recorded = input.vends.map((v) => ({ ...v, id: newId("sal") }));
  const statement = ctx.db
    .insert(sales)
    .values(
      recorded.map(({ succeeded, ...v }) => ({
        ...v,
        orgId: ctx.orgId,
        machineId: input.machineId,
        locationId: input.locationId,
        status: succeeded ? ("succeeded" as const) : ("failed" as const),
        receivedAt: input.receivedAt,
      })),
    )
    .getSQL();
  return { recorded, statement };
}
