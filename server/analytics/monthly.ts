import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Db } from "~/db/client";
import { monthlyStatistics, organizations, type MonthlyFigures, type MonthlyStatistics } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import type { ServiceCtx } from "../context";
import { monthBreakdowns, monthFigures, uptimeByMachine, type OrgMonth } from "./monthly-figures";
import { rollUpOrg } from "./rollup";

export interface OrgZone {
  id: string;
  timeZone: string;
  currency: string;
}

const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 10);
};

/** Figures of an earlier month: as kept if it was generated, computed from the rollups if not. */
async function figuresFor(db: Db, m: OrgMonth): Promise<MonthlyFigures | null> {
  const [kept] = await db
    .select({ figures: monthlyStatistics.figures })
    .from(monthlyStatistics)
    .where(and(eq(monthlyStatistics.orgId, m.orgId), eq(monthlyStatistics.month, m.month)));
  if (kept) return kept.figures;
  const figures = await monthFigures(db, m);
  return figures.units === 0 && figures.failedVends === 0 ? null : figures;
}

/**
 * Writes the statistics of one month of one org from its rollups (in the caller's tenant
 * transaction). Keyed by (org, month): a re-run replaces the row with the same figures.
 */
export async function generateMonth(db: Db, org: OrgZone, month: string): Promise<MonthlyStatistics> {
  const m: OrgMonth = { orgId: org.id, month, timeZone: org.timeZone, currency: org.currency };
  const uptime = await uptimeByMachine(db, m);
  const figures = await monthFigures(db, m, uptime);
  const breakdowns = await monthBreakdowns(db, m, uptime);
  const previousMonth = await figuresFor(db, { ...m, month: shiftMonth(month, -1) });
  const previousYear = await figuresFor(db, { ...m, month: shiftMonth(month, -12) });
  const row = { orgId: org.id, month, timeZone: org.timeZone, currency: org.currency, figures, breakdowns, previousMonth, previousYear };
  const [saved] = await db
    .insert(monthlyStatistics)
    .values(row)
    .onConflictDoUpdate({ target: [monthlyStatistics.orgId, monthlyStatistics.month], set: { ...row, generatedAt: sql`now()` } })
    .returning();
  return saved!;
}

/**
 * The org's closed months (in its zone) that have no statistics yet, oldest first: from the month
 * of its first sale to the month before the current one. At most `limit`, so a run stays short.
 */
export async function dueMonths(db: Db, org: OrgZone, now: Date, limit = 24): Promise<string[]> {
  const rows = await queryRows<{ month: string }>(
    db,
    sql`with bounds as (
        select date_trunc('month', min(day))::date as first,
               (date_trunc('month', ${now.toISOString()}::timestamptz at time zone ${org.timeZone}) - interval '1 month')::date as last
        from sales_daily_org where org_id = ${org.id}
      )
      select g.month::date::text as month from bounds b, generate_series(b.first, b.last, interval '1 month') g(month)
      where b.first is not null and not exists (select 1 from monthly_statistics s where s.org_id = ${org.id} and s.month = g.month::date)
      order by 1 limit ${limit}`,
  );
  return rows.map((r) => r.month);
}

/**
 * Generates every due month of one org: first brings its rollups up to date, so the month's last
 * sales are in, then writes the months oldest first (so each finds the previous one kept).
 */
export async function generateDueMonths(db: Db, org: OrgZone, now = new Date()): Promise<string[]> {
  await rollUpOrg(db, org);
  const { due, firstPending } = await withTenant(db, org.id, async (tx) => ({ due: await dueMonths(tx, org, now), firstPending: await firstPendingMonth(tx, org) }));
  // Statistics are kept once written: a month whose sales the rollups have not all reached yet
  // (a long transaction elsewhere holds the watermark back) waits for a later run.
  const ready = firstPending === null ? due : due.filter((month) => month < firstPending);
  for (const month of ready) await withTenant(db, org.id, (tx) => generateMonth(tx, org, month));
  return ready;
}

/** The month (first day, in the org's zone) of the earliest sale the rollups have not reached, or null. */
async function firstPendingMonth(db: Db, org: OrgZone): Promise<string | null> {
  const [row] = await queryRows<{ month: string | null }>(
    db,
    sql`select to_char(date_trunc('month', min(s.occurred_at) at time zone ${org.timeZone}), 'YYYY-MM-DD') as month
      from sales s
      where s.org_id = ${org.id}
        and s.writer_xid >= coalesce((select w.sales_xid from rollup_watermarks w where w.org_id = ${org.id}), '0'::xid8)`,
  );
  return row?.month ?? null;
}

/**
 * The hourly job: for each org whose month has closed in its zone and that has months without
 * statistics (the one that just closed, or missed ones), generates them.
 */
export async function generateAllDueMonths(db: Db, now = new Date(), deadline = Number.POSITIVE_INFINITY): Promise<number> {
  const orgs = await db.select({ id: organizations.id, timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).orderBy(organizations.id);
  let generated = 0;
  for (const org of orgs) {
    if (Date.now() > deadline) break;
    generated += (await generateDueMonths(db, org, now)).length;
  }
  return generated;
}

export const monthInput = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-10.") });

/** Months of the org with statistics, newest first. */
export async function listStatisticsMonths(ctx: ServiceCtx): Promise<string[]> {
  const rows = await ctx.db
    .select({ month: monthlyStatistics.month })
    .from(monthlyStatistics)
    .where(eq(monthlyStatistics.orgId, ctx.orgId))
    .orderBy(desc(monthlyStatistics.month));
  return rows.map((r) => r.month.slice(0, 7));
}

/** One month's statistics, or null when that month has none (not closed yet, or no sales). */
export async function getMonthlyStatistics(ctx: ServiceCtx, raw: z.input<typeof monthInput>): Promise<MonthlyStatistics | null> {
  const { month } = monthInput.parse(raw);
  const [row] = await ctx.db
    .select()
    .from(monthlyStatistics)
    .where(and(eq(monthlyStatistics.orgId, ctx.orgId), eq(monthlyStatistics.month, `${month}-01`)));
  return row ?? null;
}

/** Rolls up one org and writes its due months now, e.g. right after loading history. */
export async function refreshOrgAnalytics(db: Db, orgId: string): Promise<string[]> {
  const [org] = await db.select({ id: organizations.id, timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).where(eq(organizations.id, orgId));
  return org ? generateDueMonths(db, org) : [];
}
