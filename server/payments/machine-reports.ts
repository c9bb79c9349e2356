import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { newId } from "~/db/ids";
import type { ServiceCtx } from "~/server/context";
import type { PaymentMethod } from "~/db/schema";
import { PROVIDER_REFUNDABLE_METHODS } from "./contract";

// What a machine's batch means for online orders, as parts of the ingest script: the orders its
// vends name and the commands still due (read), the orders those vends complete and the refunds
// they owe (written).

/** An order a machine reported a vend for, with who placed it (its sale is credited to them). */
export interface ReportedOrder {
  consumerId: string | null;
  paymentReference: string | null;
}

/** A vend command for the machine: a paid order whose command has not expired. */
export interface MachineCommand {
  id: string;
  type: "vend";
  orderId: string;
  slot: string;
  expiresAt: string;
}

/** The machine's orders among `orderIds`, as a JSON object id -> order; null when the batch names none. */
export function reportedOrdersJson(ctx: ServiceCtx, input: { machineId: string; orderIds: string[] }): SQL | null {
  if (input.orderIds.length === 0) return null;
  return sql`(select coalesce(json_object_agg(o.id, json_build_object('consumerId', o.consumer_id, 'paymentReference', o.payment_reference)), '{}')
    from orders o where o.org_id = ${ctx.orgId} and o.machine_id = ${input.machineId}
      and o.id in (select jsonb_array_elements_text(${JSON.stringify(input.orderIds)}::jsonb)))`;
}

/** The machine's vend commands due at `now`, oldest payment first, as a JSON array. */
export function pendingCommandsJson(ctx: ServiceCtx, input: { machineId: string; now: Date }): SQL {
  return sql`(select coalesce(json_agg(json_build_object('id', o.command_id, 'type', 'vend', 'orderId', o.id, 'slot', o.slot_code,
      'expiresAt', o.command_expires_at) order by o.paid_at), '[]')
    from orders o where o.org_id = ${ctx.orgId} and o.machine_id = ${input.machineId} and o.status = 'paid'
      and o.command_expires_at > ${input.now.toISOString()}::timestamptz)`;
}

/** The commands `pendingCommandsJson` read, less those of orders this batch reported on (they are done). */
export function commandsOf(json: unknown, reported: Set<string>): MachineCommand[] {
  return (json as MachineCommand[])
    .filter((c) => !reported.has(c.orderId))
    .map((c) => ({ ...c, expiresAt: new Date(c.expiresAt).toISOString() }));
}

/** A vend that failed after the customer paid at the machine (not an online order's vend). */
export interface FailedPaidVend {
  saleId: string;
  consumerId: string | null;
  priceMinor: number;
  currency: string;
  paymentMethod: PaymentMethod;
  paymentReference: string | null;
  failureReason: string | null;
}

export interface VendReport {
  orderId: string;
  saleId: string;
  succeeded: boolean;
  reason: string | null;
  at: Date;
}

/**
 * Completes orders from the machine's reports of their vends, as one statement: a vend that
 * succeeded dispenses a paid order; one that failed fails it and owes its refund (one per order, a
 * unique key). A report for an order that expired first keeps the link to its sale for the record;
 * one for another machine's order or a finished one changes nothing. The first report of an order
 * in the batch counts.
 */
export function completeOrdersStatement(ctx: ServiceCtx, input: { machineId: string; reports: VendReport[] }): SQL | null {
  const first = new Map<string, VendReport>();
  for (const r of input.reports) if (!first.has(r.orderId)) first.set(r.orderId, r);
  if (first.size === 0) return null;
  const reports = JSON.stringify(
    [...first.values()].map((r) => ({ orderId: r.orderId, saleId: r.saleId, succeeded: r.succeeded, reason: r.reason, at: r.at.toISOString(), refundId: newId("rfd") })),
  );
  return sql`with reports as (
      select * from jsonb_to_recordset(${reports}::jsonb) as r("orderId" text, "saleId" text, succeeded boolean, reason text, at timestamptz, "refundId" text)
    ), done as (
      update orders o set status = (case when r.succeeded then 'dispensed' else 'failed' end)::order_status, sale_id = r."saleId",
        failure_reason = case when r.succeeded then null else r.reason end, completed_at = r.at, updated_at = now()
      from reports r
      where o.org_id = ${ctx.orgId} and o.machine_id = ${input.machineId} and o.id = r."orderId" and o.status = 'paid'
      returning o.*, r.succeeded, r.reason as report_reason, r."refundId"
    ), late as (
      update orders o set sale_id = r."saleId", updated_at = now()
      from reports r
      where o.org_id = ${ctx.orgId} and o.machine_id = ${input.machineId} and o.id = r."orderId" and o.status = 'expired' and o.sale_id is null
    )
    insert into refunds (id, org_id, order_id, sale_id, consumer_id, origin, amount_minor, currency, payment_method, payment_reference, reason)
    select d."refundId", d.org_id, d.id, d.sale_id, d.consumer_id, 'automatic', d.amount_minor, d.currency, d.payment_method,
      d.payment_reference, 'vend_failed:' || coalesce(d.report_reason, 'other')
    from done d where not d.succeeded and d.payment_reference is not null and d.payment_method is not null
    on conflict do nothing`;
}

/**
 * Owes a full refund for each failed vend paid by a means the provider can pay back, in one
 * statement of the ingest script: the row is the outbox the refund worker sends. Cash is paid back
 * by hand. Returns how many refunds the vends owe.
 */
export function failedVendRefundsStatement(ctx: ServiceCtx, input: { vends: FailedPaidVend[]; at: Date }): { owed: number; statement: SQL | null } {
  const electronic = input.vends.filter((v) => (PROVIDER_REFUNDABLE_METHODS as readonly string[]).includes(v.paymentMethod));
  if (electronic.length === 0) return { owed: 0, statement: null };
  const rows = electronic.map((v) => ({
    id: newId("rfd"),
    saleId: v.saleId,
    consumerId: v.consumerId,
    amountMinor: v.priceMinor,
    currency: v.currency,
    paymentMethod: v.paymentMethod,
    paymentReference: v.paymentReference,
    reason: `vend_failed:${v.failureReason}`,
  }));
  const statement = sql`insert into refunds (id, org_id, sale_id, consumer_id, amount_minor, currency, payment_method, payment_reference, reason, created_at)
    select r.id, ${ctx.orgId}, r."saleId", r."consumerId", r."amountMinor", r.currency, r."paymentMethod"::payment_method, r."paymentReference",
      r.reason, ${input.at.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, "saleId" text, "consumerId" text, "amountMinor" int, currency text,
      "paymentMethod" text, "paymentReference" text, reason text)
    on conflict do nothing`;
  return { owed: electronic.length, statement };
}
