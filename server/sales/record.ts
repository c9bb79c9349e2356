import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { newId } from "~/db/ids";
import type { PaymentMethod, VendFailureReason } from "~/db/schema";
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
  /** Inferred from the difference of two audits rather than reported by the machine. */
  inferred?: boolean;
}

/** A vend recorded as a sale. */
export interface RecordedSale extends VendFact {
  id: string;
}

/**
 * Records vends as sales, in one statement of the caller's script: the sales with their ids, and
 * the statement that inserts them. Each sale keeps the VAT rate in force when it is recorded (its
 * order's, else its product's, else the org's default), so its receipt never changes later. Ingest passes only vends new to the database (it holds the
 * machine's lock and has checked their events); the (machine, event) key refuses any other.
 */
export function recordVendsStatement(
  ctx: ServiceCtx,
  input: { machineId: string; locationId: string | null; receivedAt: Date; vends: VendFact[] },
): { recorded: RecordedSale[]; statement: SQL | null } {
  if (input.vends.length === 0) return { recorded: [], statement: null };
  const recorded = input.vends.map((v) => ({ ...v, id: newId("sal") }));
  // One statement text whatever the number of vends (the rows travel as one JSON value), so its plan is kept.
  const rows = JSON.stringify(
    recorded.map((v) => ({ ...v, status: v.succeeded ? "succeeded" : "failed", occurredAt: v.occurredAt.toISOString() })),
  );
  const statement = sql`insert into sales (id, org_id, machine_id, event_id, location_id, slot_code, product_id, status, failure_reason,
      price_minor, cost_minor, currency, payment_method, payment_reference, order_id, consumer_id, occurred_at, received_at, inferred, vat_rate_bp)
    select v.id, ${ctx.orgId}, ${input.machineId}, v."eventId", ${input.locationId}::text, v."slotCode", v."productId", v.status::sale_status,
      v."failureReason"::vend_failure_reason, v."priceMinor", v."costMinor", v.currency, v."paymentMethod"::payment_method, v."paymentReference",
      v."orderId", v."consumerId", v."occurredAt", ${input.receivedAt.toISOString()}::timestamptz, coalesce(v.inferred, false),
      coalesce((select o.vat_rate_bp from orders o where o.id = v."orderId" and o.org_id = ${ctx.orgId}),
        (select p.vat_rate_bp from products p where p.id = v."productId" and p.org_id = ${ctx.orgId}),
        (select g.default_vat_rate_bp from organizations g where g.id = ${ctx.orgId}), 0)
    from jsonb_to_recordset(${rows}::jsonb) as v(id text, "eventId" text, "slotCode" text, "productId" text, status text, "failureReason" text,
      "priceMinor" int, "costMinor" int, currency text, "paymentMethod" text, "paymentReference" text, "orderId" text, "consumerId" text,
      "occurredAt" timestamptz, inferred boolean)`;
  return { recorded, statement };
}
