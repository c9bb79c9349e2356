import "server-only";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "~/db/client";
import { organizations, type PaymentMethod } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { vatOfGross } from "~/server/tenancy/contract";
import { clearingAccountOf, type LedgerAccountKey } from "./journal-accounts";

/** One line of a day's journal: exactly one of debit and credit is above zero. */
export interface JournalLine {
  account: LedgerAccountKey;
  description: string;
  debitMinor: number;
  creditMinor: number;
}

/** One org day's balanced journal entry. */
export interface DayJournal {
  /** The org day, YYYY-MM-DD in its time zone. */
  day: string;
  lines: JournalLine[];
}

export interface DailyJournal {
  currency: string;
  timeZone: string;
  days: DayJournal[];
}

const methodNames: Record<PaymentMethod, string> = { cash: "cash", card: "card", alipay: "Alipay", wechat_pay: "WeChat Pay", online: "online", free: "free vends" };

interface SaleGroup {
  day: string;
  category: string;
  method: PaymentMethod;
  rateBp: number;
  priceMinor: number;
  units: number;
  costMinor: number;
}
interface RefundGroup {
  day: string;
  method: PaymentMethod;
  rateBp: number;
  amountMinor: number;
  refunds: number;
}
interface CashDay {
  day: string;
  counted: number;
  expected: number;
  collections: number;
}

/** Sums per key, in first-seen order. */
function tally<K extends string>(into: Map<K, number>, key: K, amount: number) {
  into.set(key, (into.get(key) ?? 0) + amount);
}

/**
 * The org's daily journal for org days `from` to `to` (inclusive, in its time zone), one balanced
 * entry per day with anything to post:
 * - dispensed sales: Dr each payment method's clearing account (gross), Cr sales revenue per product
 *   category (net) and Cr VAT payable; VAT is each sale's own, from the rate captured on it;
 * - their cost: Dr cost of goods sold, Cr inventory, at the cost captured on each sale when it was
 *   recorded (not today's product cost);
 * - succeeded refunds of dispensed sales, on the day the refund was made: Dr sales refunds (net) and
 *   Dr VAT payable (the sale's rate), Cr the payment method's clearing account. A failed vend's
 *   refund is left out, as its charge never was revenue;
 * - cash collections, on the day the box was emptied: Dr cash on hand (counted), Cr cash in machines
 *   (expected), the difference to cash over and short.
 * A sale's category is its product's current category ("Uncategorised" without one).
 */
export async function dailyJournal(ctx: ServiceCtx, range: { from: string; to: string }): Promise<DailyJournal> {
  const [org] = await ctx.db.select({ timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).where(eq(organizations.id, ctx.orgId));
  if (!org) throw new Error("organization not found");
  const tz = org.timeZone;
  const start = sql`(${range.from}::date::timestamp at time zone ${tz})`;
  const end = sql`((${range.to}::date + 1)::timestamp at time zone ${tz})`;
  const localDay = (column: string) => sql`to_char(${sql.raw(column)} at time zone ${tz}, 'YYYY-MM-DD')`;

  const sales = await queryRows<SaleGroup>(
    ctx.db,
    sql`select ${localDay("s.occurred_at")} as day, coalesce(nullif(p.category, ''), 'Uncategorised') as category, s.payment_method as method,
          s.vat_rate_bp as "rateBp", s.price_minor as "priceMinor", count(*)::int as units, sum(s.cost_minor)::bigint as "costMinor"
        from sales s left join products p on p.id = s.product_id
        where s.org_id = ${ctx.orgId} and s.status = 'succeeded' and s.occurred_at >= ${start} and s.occurred_at < ${end}
        group by 1, 2, 3, 4, 5`,
  );
  const refunds = await queryRows<RefundGroup>(
    ctx.db,
    sql`select ${localDay("r.created_at")} as day, r.payment_method as method, s.vat_rate_bp as "rateBp", r.amount_minor as "amountMinor", count(*)::int as refunds
        from refunds r join sales s on s.id = r.sale_id
        where r.org_id = ${ctx.orgId} and r.status = 'succeeded' and s.status = 'succeeded' and r.created_at >= ${start} and r.created_at < ${end}
        group by 1, 2, 3, 4`,
  );
  const cash = await queryRows<CashDay>(
    ctx.db,
    sql`select ${localDay("c.occurred_at")} as day, sum(coalesce(c.counted_minor, c.amount_minor))::bigint as counted,
          sum(coalesce(c.expected_minor, c.counted_minor, c.amount_minor))::bigint as expected, count(*)::int as collections
        from cash_collections c
        where c.org_id = ${ctx.orgId} and c.occurred_at >= ${start} and c.occurred_at < ${end}
        group by 1`,
  );

  const days = new Set<string>([...sales.map((s) => s.day), ...refunds.map((r) => r.day), ...cash.map((c) => c.day)]);
  const journal: DayJournal[] = [...days].sort().map((day) => ({
    day,
    lines: dayLines(
      sales.filter((s) => s.day === day),
      refunds.filter((r) => r.day === day),
      cash.find((c) => c.day === day),
    ),
  }));
  return { currency: org.currency, timeZone: tz, days: journal.filter((d) => d.lines.length > 0) };
}

const sortedByKey = <K extends string>(map: Map<K, number>) => [...map].sort(([a], [b]) => a.localeCompare(b));

/** One day's lines from its groups; every amount in minor units, zero lines left out. */
function dayLines(sales: SaleGroup[], refunds: RefundGroup[], cash: CashDay | undefined): JournalLine[] {
  const lines: JournalLine[] = [];
  const debit = (account: LedgerAccountKey, description: string, amount: number) => {
    if (amount > 0) lines.push({ account, description, debitMinor: amount, creditMinor: 0 });
    else if (amount < 0) lines.push({ account, description, debitMinor: 0, creditMinor: -amount });
  };
  const credit = (account: LedgerAccountKey, description: string, amount: number) => debit(account, description, -amount);

  const grossByMethod = new Map<PaymentMethod, number>();
  const netByCategory = new Map<string, number>();
  let vat = 0;
  let cost = 0;
  for (const s of sales) {
    const units = Number(s.units);
    const saleVat = vatOfGross(Number(s.priceMinor), Number(s.rateBp)) * units;
    tally(grossByMethod, s.method, Number(s.priceMinor) * units);
    tally(netByCategory, s.category, Number(s.priceMinor) * units - saleVat);
    vat += saleVat;
    cost += Number(s.costMinor);
  }
  for (const [method, gross] of sortedByKey(grossByMethod)) debit(clearingAccountOf[method], `Sales paid by ${methodNames[method]}`, gross);
  for (const [category, net] of sortedByKey(netByCategory)) credit("salesRevenue", `Sales: ${category}`, net);
  credit("vatPayable", "VAT on sales", vat);
  debit("costOfGoodsSold", "Cost of goods sold", cost);
  credit("inventory", "Goods sold from stock", cost);

  const refundByMethod = new Map<PaymentMethod, number>();
  let refundVat = 0;
  for (const r of refunds) {
    const count = Number(r.refunds);
    const rVat = vatOfGross(Number(r.amountMinor), Number(r.rateBp)) * count;
    tally(refundByMethod, r.method, Number(r.amountMinor) * count);
    refundVat += rVat;
  }
  const refunded = [...refundByMethod.values()].reduce((a, b) => a + b, 0);
  debit("salesRefunds", "Refunds of sales", refunded - refundVat);
  debit("vatPayable", "VAT on refunds", refundVat);
  for (const [method, amount] of sortedByKey(refundByMethod)) credit(clearingAccountOf[method], `Refunds paid by ${methodNames[method]}`, amount);

  if (cash) {
    const counted = Number(cash.counted);
    const expected = Number(cash.expected);
    debit("cashOnHand", `Cash collected (${cash.collections} collection${Number(cash.collections) === 1 ? "" : "s"})`, counted);
    credit("cashInMachines", "Cash expected in machines", expected);
    debit("cashOverShort", counted < expected ? "Cash short" : "Cash over", expected - counted);
  }
  return lines;
}
