import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { queryRows } from "~/db/client";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { expectedCashInput } from "./contract";

/**
 * The two parts of expected cash in a machine's box over the period (start, end]: its succeeded
 * cash vends (reported, or inferred from DEX audits of a machine without telemetry), and the cash
 * paid back by hand for failed cash vends, which comes out of the box. A failed vend is not a sale:
 * its coins are not counted in. `start` null is the machine's first period. Each part is a scalar
 * subquery on the machine's own index range.
 */
export function cashPartsSql(p: { orgId: string; machineId: SQL; currency: SQL; start: SQL; end: SQL }) {
  return {
    salesMinor: sql`(select coalesce(sum(s.price_minor), 0)::bigint from sales s
      where s.org_id = ${p.orgId} and s.machine_id = ${p.machineId} and s.payment_method = 'cash' and s.status = 'succeeded' and s.currency = ${p.currency}
        and s.occurred_at <= ${p.end} and (${p.start} is null or s.occurred_at > ${p.start}))`,
    paidBackMinor: sql`(select coalesce(sum(y.amount_minor), 0)::bigint from cash_payouts y
      where y.org_id = ${p.orgId} and y.machine_id = ${p.machineId} and y.currency = ${p.currency}
        and y.paid_at <= ${p.end} and (${p.start} is null or y.paid_at > ${p.start}))`,
  };
}

/** Expected cash over the period as one SQL value: cash vends less cash paid back. */
export function expectedSql(p: Parameters<typeof cashPartsSql>[0]): SQL {
  const parts = cashPartsSql(p);
  return sql`(${parts.salesMinor} - ${parts.paidBackMinor})`;
}

/** The machine's previous collection before `at` (strictly), as SQL: the start of the period ending at `at`. */
export function previousCollectionSql(p: { orgId: string; machineId: SQL; at: SQL; inclusive?: boolean }): SQL {
  return sql`(select max(c.occurred_at) from cash_collections c where c.org_id = ${p.orgId} and c.machine_id = ${p.machineId}
    and c.occurred_at ${p.inclusive ? sql`<=` : sql`<`} ${p.at})`;
}

export interface CashPeriod {
  machineId: string;
  currency: string;
  /** The previous collection (exclusive); null when the machine was never emptied. */
  periodStart: Date | null;
  at: Date;
  salesMinor: number;
  paidBackMinor: number;
  expectedMinor: number;
}

/**
 * Cash that should be in a machine's box at `at`: its cash vends since its previous collection,
 * less cash paid back since. `inclusive` counts a collection at `at`
 * itself as the previous one (the box right after it is empty); a collection being recorded at
 * `at` passes false.
 */
export async function periodAt(ctx: ServiceCtx, input: { machineId: string; at: Date; inclusive: boolean }): Promise<CashPeriod> {
  const at = sql`${input.at.toISOString()}::timestamptz`;
  const [row] = await queryRows<Record<string, unknown>>(ctx.db, sql`with m as (
      select m.id, o.currency, ${previousCollectionSql({ orgId: ctx.orgId, machineId: sql`m.id`, at, inclusive: input.inclusive })} as start
      from machines m join organizations o on o.id = m.org_id
      where m.org_id = ${ctx.orgId} and m.id = ${input.machineId}
    )
    select m.currency, m.start, p.*
    from m, lateral (select ${partsColumns(ctx.orgId, at)}) p`);
  if (!row) throw notFound("Machine");
  const parts = { salesMinor: Number(row.sales), paidBackMinor: Number(row.paid_back) };
  return {
    machineId: input.machineId,
    currency: String(row.currency),
    periodStart: row.start ? new Date(row.start as string) : null,
    at: input.at,
    ...parts,
    expectedMinor: parts.salesMinor - parts.paidBackMinor,
  };
}

/** The parts of `m`'s period from `m.start` to `end` as select columns (sales, paid_back). */
function partsColumns(orgId: string, end: SQL): SQL {
  const parts = cashPartsSql({ orgId, machineId: sql`m.id`, currency: sql`m.currency`, start: sql`m.start`, end });
  return sql`${parts.salesMinor} as sales, ${parts.paidBackMinor} as paid_back`;
}

/** Cash that should be in a machine's box now (or at `at`), with the period it built up over. */
export async function expectedCash(ctx: ServiceCtx, raw: z.input<typeof expectedCashInput>): Promise<CashPeriod> {
  const input = expectedCashInput.parse(raw);
  return periodAt(ctx, { machineId: input.machineId, at: input.at ?? new Date(), inclusive: true });
}

/**
 * Cash that should be in every machine of the org now, with each machine's last collection, its
 * route and location: one query, each machine's sums read from its own index range.
 */
export async function fleetExpectedCash(ctx: ServiceCtx) {
  const now = new Date();
  const end = sql`${now.toISOString()}::timestamptz`;
  const rows = await queryRows<Record<string, unknown>>(ctx.db, sql`with m as (
      select m.id, m.name, m.disabled_at, l.name as location_name, r.id as route_id, r.name as route_name, o.currency,
        ${previousCollectionSql({ orgId: ctx.orgId, machineId: sql`m.id`, at: end, inclusive: true })} as start
      from machines m
      join organizations o on o.id = m.org_id
      left join locations l on l.id = m.location_id
      left join route_machines rm on rm.machine_id = m.id
      left join routes r on r.id = rm.route_id
      where m.org_id = ${ctx.orgId}
    )
    select m.id, m.name, m.disabled_at, m.location_name, m.route_id, m.route_name, m.currency, m.start, p.*
    from m, lateral (select ${partsColumns(ctx.orgId, end)}) p
    order by m.name, m.id`);
  return rows.map((r) => {
    const salesMinor = Number(r.sales);
    const paidBackMinor = Number(r.paid_back);
    return {
      machineId: String(r.id),
      machineName: String(r.name),
      disabled: r.disabled_at !== null,
      locationName: (r.location_name as string | null) ?? null,
      routeId: (r.route_id as string | null) ?? null,
      routeName: (r.route_name as string | null) ?? null,
      currency: String(r.currency),
      lastCollectedAt: r.start ? new Date(r.start as string) : null,
      salesMinor,
      paidBackMinor,
      expectedMinor: salesMinor - paidBackMinor,
    };
  });
}

export type FleetExpectedRow = Awaited<ReturnType<typeof fleetExpectedCash>>[number];
