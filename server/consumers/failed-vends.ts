import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { FAILED_VEND_MATCH_MINUTES } from "./contract";

/**
 * When the machine logged a failed vend for the purchase `saleId`, or null: the purchase itself
 * failed, or a vend.failed recorded for the same online order, or one on the same slot within
 * FAILED_VEND_MATCH_MINUTES paid with the same payment. Every vend.failed a machine reports is
 * kept as a failed sale, so failed sales are the machine's log of them. A failed vend already
 * refunded on its own paid its customer back, so it proves nothing more.
 */
export function failedVendAtSql(orgId: string, saleId: SQL | string): SQL {
  return sql`(select f.occurred_at from sales s
    join sales f on f.org_id = s.org_id and f.machine_id = s.machine_id and f.status = 'failed'
    where s.org_id = ${orgId} and s.id = ${saleId}
      and (f.id = s.id
        or (s.order_id is not null and f.order_id = s.order_id)
        or (f.slot_code = s.slot_code and s.payment_reference is not null and f.payment_reference = s.payment_reference
          and f.occurred_at between s.occurred_at - make_interval(mins => ${FAILED_VEND_MATCH_MINUTES}) and s.occurred_at + make_interval(mins => ${FAILED_VEND_MATCH_MINUTES})))
      and (f.id = s.id or not exists (select 1 from refunds x where x.org_id = f.org_id and x.sale_id = f.id))
    order by (f.id = s.id) desc, f.occurred_at
    limit 1)`;
}
