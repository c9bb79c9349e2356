import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "~/db/client";
import type { HostStatementLine } from "~/db/schema";
import { vatOfGross } from "~/server/tenancy/contract";
import type { ServiceCtx } from "../context";

interface Group {
  locationId: string;
  machineId: string;
  machineName: string;
  method: string;
  rateBp: number;
  amountMinor: number;
  n: number;
}

/**
 * A closed or open month's lines per location, by machine and payment method, in the org's
 * currency:
 * - sales that dispensed, in the month of the org's calendar they happened in, at the location
 *   they were recorded at (a machine moved later keeps its earlier sales where they were made);
 * - refunds that succeeded of such sales, in the month the refund was made: the rule of the
 *   monthly statistics and the accounting journal, so a refund of an earlier month's sale lowers
 *   the current statement and never reopens a sent one. Failed vends never were sales, so the
 *   refunds owed for them are not counted here;
 * - VAT inside each sale and refund at the rate the sale recorded (the product's, or the org's
 *   default then), rounded per sale as receipts and the journal do; net = gross − refunds − VAT.
 */
export async function monthLines(ctx: ServiceCtx, input: { month: string; timeZone: string; currency: string }): Promise<Map<string, HostStatementLine[]>> {
  const { month, timeZone: tz, currency } = input;
  const start = sql`(${month}::date::timestamp at time zone ${tz})`;
  const end = sql`((${month}::date + interval '1 month')::timestamp at time zone ${tz})`;
  const sold = await queryRows<Group>(
    ctx.db,
    sql`select s.location_id as "locationId", s.machine_id as "machineId", m.name as "machineName", s.payment_method::text as method,
          s.vat_rate_bp as "rateBp", s.price_minor as "amountMinor", count(*)::int as n
        from sales s join machines m on m.id = s.machine_id
        where s.org_id = ${ctx.orgId} and s.status = 'succeeded' and s.currency = ${currency} and s.location_id is not null
          and s.occurred_at >= ${start} and s.occurred_at < ${end}
        group by 1, 2, 3, 4, 5, 6`,
  );
  const refunded = await queryRows<Group>(
    ctx.db,
    sql`select s.location_id as "locationId", s.machine_id as "machineId", m.name as "machineName", r.payment_method::text as method,
          s.vat_rate_bp as "rateBp", r.amount_minor as "amountMinor", count(*)::int as n
        from refunds r join sales s on s.id = r.sale_id join machines m on m.id = s.machine_id
        where r.org_id = ${ctx.orgId} and r.status = 'succeeded' and s.status = 'succeeded' and r.currency = ${currency} and s.location_id is not null
          and r.created_at >= ${start} and r.created_at < ${end}
        group by 1, 2, 3, 4, 5, 6`,
  );
  const byLocation = new Map<string, Map<string, HostStatementLine>>();
  const lineOf = (g: Group) => {
    const lines = byLocation.get(g.locationId) ?? new Map<string, HostStatementLine>();
    byLocation.set(g.locationId, lines);
    const key = `${g.machineId}\u0000${g.method}`;
    let line = lines.get(key);
    if (!line) {
      line = { machineId: g.machineId, machineName: g.machineName, paymentMethod: g.method, units: 0, grossMinor: 0, refundsMinor: 0, vatMinor: 0, netMinor: 0 };
      lines.set(key, line);
    }
    return line;
  };
  for (const g of sold) {
    const line = lineOf(g);
    const n = Number(g.n);
    line.units += n;
    line.grossMinor += Number(g.amountMinor) * n;
    line.vatMinor += vatOfGross(Number(g.amountMinor), Number(g.rateBp)) * n;
  }
  for (const g of refunded) {
    const line = lineOf(g);
    const n = Number(g.n);
    line.refundsMinor += Number(g.amountMinor) * n;
    line.vatMinor -= vatOfGross(Number(g.amountMinor), Number(g.rateBp)) * n;
  }
  const result = new Map<string, HostStatementLine[]>();
  for (const [locationId, lines] of byLocation) {
    const sorted = [...lines.values()].sort((a, b) => a.machineName.localeCompare(b.machineName) || a.machineId.localeCompare(b.machineId) || a.paymentMethod.localeCompare(b.paymentMethod));
    for (const line of sorted) line.netMinor = line.grossMinor - line.refundsMinor - line.vatMinor;
    result.set(locationId, sorted);
  }
  return result;
}
