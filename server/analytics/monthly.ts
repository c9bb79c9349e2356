import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows, type Db } from "~/db/client";
import { monthlyStatistics, organizations, type MonthlyFigures, type MonthlyStatistics } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { systemContext, type ServiceCtx } from "~/server/context";
import { monthInput } from "./contract";
import { computeMonths, type MonthResult } from "./monthly-figures";
import { rollUpOrg, salesMark, salesNotRolledUp } from "./rollup";

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

/**
 * Figures of the months before and a year before each given month, for the comparisons: as just
 * computed when in the same run, as kept if generated earlier, else computed from the rollups;
 * null for months before the org's first sale or without any.
 */
async function comparisons(db: Db, org: OrgZone, computed: Map<string, MonthResult>): Promise<Map<string, MonthlyFigures | null>> {
  const wanted = [...new Set([...computed.keys()].flatMap((month) => [shiftMonth(month, -1), shiftMonth(month, -12)]))].filter((m) => !computed.has(m));
  const found = new Map<string, MonthlyFigures | null>([...computed].map(([month, r]) => [month, r.figures]));
  if (wanted.length === 0) return found;
  const kept = await db
    .select({ month: monthlyStatistics.month, figures: monthlyStatistics.figures })
    .from(monthlyStatistics)
    .where(and(eq(monthlyStatistics.orgId, org.id), inArray(monthlyStatistics.month, wanted)));
  for (const row of kept) found.set(row.month, row.figures);
  const [first] = await queryRows<{ month: string | null }>(db, sql`select to_char(date_trunc('month', min(day)), 'YYYY-MM-DD') as month from sales_daily_org where org_id = ${org.id}`);
  const missing = wanted.filter((m) => !found.has(m) && first?.month != null && m >= first.month);
  for (const [month, r] of await computeMonths(db, { orgId: org.id, timeZone: org.timeZone, currency: org.currency, months: missing })) {
    found.set(month, r.figures.units === 0 && r.figures.failedVends === 0 ? null : r.figures);
  }
  return found;
}

/**
 * Holds the org's rollups still (until commit): what is computed after this is what gets written,
 * and no run marks a month stale in between (so clearing the mark loses nothing).
 */
async function holdRollups(db: Db, orgId: string) {
  await db.execute(sql`select 1 from rollup_watermarks where org_id = ${orgId} for update`);
}

/**
 * Writes the statistics of some months of one org from its rollups (in the caller's tenant
 * transaction), all months in one pass per rollup. Keyed by (org, month): a re-run replaces a
 * row with the same figures.
 */
export async function generateMonths(ctx: ServiceCtx, input: { timeZone: string; currency: string; months: string[] }): Promise<MonthlyStatistics[]> {
  const { db } = ctx;
  const { months } = input;
  const org: OrgZone = { id: ctx.orgId, timeZone: input.timeZone, currency: input.currency };
  if (months.length === 0) return [];
  await holdRollups(db, org.id);
  const computed = await computeMonths(db, { orgId: org.id, timeZone: org.timeZone, currency: org.currency, months });
  const earlier = await comparisons(db, org, computed);
  const rows = [...computed].map(([month, { figures, breakdowns }]) => ({
    orgId: org.id,
    month,
    timeZone: org.timeZone,
    currency: org.currency,
    figures,
    breakdowns,
    previousMonth: earlier.get(shiftMonth(month, -1)) ?? null,
    previousYear: earlier.get(shiftMonth(month, -12)) ?? null,
  }));
  return db
    .insert(monthlyStatistics)
    .values(rows)
    .onConflictDoUpdate({
      target: [monthlyStatistics.orgId, monthlyStatistics.month],
      set: {
        timeZone: sql`excluded.time_zone`,
        currency: sql`excluded.currency`,
        figures: sql`excluded.figures`,
        breakdowns: sql`excluded.breakdowns`,
        previousMonth: sql`excluded.previous_month`,
        previousYear: sql`excluded.previous_year`,
        generatedAt: sql`now()`,
        revisedAt: sql`case when ${monthlyStatistics.stale} then now() else ${monthlyStatistics.revisedAt} end`,
        stale: false,
      },
    })
    .returning();
}

/** Writes the statistics of one month of one org (in the caller's tenant transaction). */
export async function generateMonth(ctx: ServiceCtx, input: { timeZone: string; currency: string; month: string }): Promise<MonthlyStatistics> {
  const [saved] = await generateMonths(ctx, { timeZone: input.timeZone, currency: input.currency, months: [input.month] });
  return saved!;
}

/**
 * The org's closed months (in its zone) that have no statistics yet, or stale ones, oldest first:
 * from the month of its first sale to the month before the current one. At most `limit`, so a run
 * stays short.
 */
export async function dueMonths(ctx: ServiceCtx, input: { timeZone: string; now: Date; limit?: number }): Promise<string[]> {
  const { now, limit = 24 } = input;
  const org = { id: ctx.orgId, timeZone: input.timeZone };
  const rows = await queryRows<{ month: string }>(
    ctx.db,
    sql`with bounds as (
        select date_trunc('month', min(day))::date as first,
               (date_trunc('month', ${now.toISOString()}::timestamptz at time zone ${org.timeZone}) - interval '1 month')::date as last
        from sales_daily_org where org_id = ${org.id}
      )
      select g.month::date::text as month from bounds b, generate_series(b.first, b.last, interval '1 month') g(month)
      where b.first is not null and not exists (select 1 from monthly_statistics s where s.org_id = ${org.id} and s.month = g.month::date and not s.stale)
      order by 1 limit ${limit}`,
  );
  return rows.map((r) => r.month);
}

/**
 * Generates every due month of one org: first brings its rollups up to date, so the month's last
 * sales are in, then writes them together.
 */
export async function generateDueMonths(db: Db, input: { org: OrgZone; now?: Date }): Promise<string[]> {
  const { org, now = new Date() } = input;
  await rollUpOrg(db, org);
  return withTenant(db, { orgId: org.id }, async (tx) => {
    // The system, whichever caller asked (the hourly job, the demo seed): nothing here is audited.
    const ctx = systemContext(tx, { orgId: org.id, actor: "system" });
    const due = await dueMonths(ctx, { timeZone: org.timeZone, now });
    if (due.length === 0) return [];
    // A month with sales committed since that run, which the rollups have not reached yet, waits for the next one.
    const firstPending = await firstPendingMonth(ctx, org);
    const ready = firstPending === null ? due : due.filter((month) => month < firstPending);
    await generateMonths(ctx, { timeZone: org.timeZone, currency: org.currency, months: ready });
    return ready;
  });
}

/** The month (first day, in the org's zone) of the earliest sale the rollups have not reached, or null. */
async function firstPendingMonth(ctx: ServiceCtx, org: OrgZone): Promise<string | null> {
  const mark = await salesMark(ctx);
  // Materialized: the few sales past the mark are found through the writer index, not by walking every sale in time order.
  const [row] = await queryRows<{ month: string | null }>(
    ctx.db,
    sql`with pending as materialized (select s.occurred_at from sales s where s.org_id = ${org.id} and ${salesNotRolledUp(mark, sql`s.writer_xid`)})
      select to_char(date_trunc('month', min(occurred_at) at time zone ${org.timeZone}), 'YYYY-MM-DD') as month from pending`,
  );
  return row?.month ?? null;
}

/**
 * The hourly job: for each org whose month has closed in its zone and that has months without
 * statistics (the one that just closed, or missed ones), generates them.
 */
export async function generateAllDueMonths(db: Db, input: { now?: Date; deadline?: number } = {}): Promise<number> {
  const { now = new Date(), deadline = Number.POSITIVE_INFINITY } = input;
  const orgs = await db.select({ id: organizations.id, timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).orderBy(organizations.id);
  let generated = 0;
  for (const org of orgs) {
    if (Date.now() > deadline) break;
    generated += (await generateDueMonths(db, { org, now })).length;
  }
  return generated;
}

/** Months of the org with statistics, newest first. */
export async function listStatisticsMonths(ctx: ServiceCtx): Promise<string[]> {
  const rows = await ctx.db
    .select({ month: monthlyStatistics.month })
    .from(monthlyStatistics)
    .where(eq(monthlyStatistics.orgId, ctx.orgId))
    .orderBy(desc(monthlyStatistics.month));
  return rows.map((r) => r.month.slice(0, 7));
}

/**
 * A month's statistics as read: a month that began before the org's history did (its first sale or
 * the first hour a machine reported, whichever came first) holds only part of a month of data and
 * is `partial`; no change is computed against a partial month, so its figures are left out as the
 * month before or the year before (and the flags say why they are missing).
 */
export type MonthStatistics = MonthlyStatistics & {
  partial: boolean;
  /** When the org's history begins; null without any sale or report. */
  historySince: Date | null;
  previousMonthPartial: boolean;
  previousYearPartial: boolean;
};

/** Whether the month, the month before and the month a year before began before the org's history. */
async function monthCoverage(db: Db, orgId: string, month: string, timeZone: string) {
  const [row] = await queryRows<{ since: Date | string | null; partial: boolean | null; previous: boolean | null; year: boolean | null }>(
    db,
    // Per machine, so each first report hour is read through the key.
    sql`with h as (
        select least(
          (select min(occurred_at) from sales where org_id = ${orgId}),
          (select min(f.first_at) from machines mc
            cross join lateral (select min(r.hour) as first_at from machine_report_hours r where r.org_id = mc.org_id and r.machine_id = mc.id) f
            where mc.org_id = ${orgId})
        ) as since
      )
      select since,
        (${month}::date)::timestamp at time zone ${timeZone} < since as partial,
        (${month}::date - interval '1 month') at time zone ${timeZone} < since as previous,
        (${month}::date - interval '1 year') at time zone ${timeZone} < since as year
      from h`,
  );
  return {
    historySince: row?.since ? new Date(row.since) : null,
    partial: row?.partial === true,
    previousMonthPartial: row?.previous === true,
    previousYearPartial: row?.year === true,
  };
}

/** One month's statistics, or null when that month has none (not closed yet, or no sales). */
export async function getMonthlyStatistics(ctx: ServiceCtx, raw: z.input<typeof monthInput>): Promise<MonthStatistics | null> {
  const { month } = monthInput.parse(raw);
  const [row] = await ctx.db
    .select()
    .from(monthlyStatistics)
    .where(and(eq(monthlyStatistics.orgId, ctx.orgId), eq(monthlyStatistics.month, `${month}-01`)));
  if (!row) return null;
  const coverage = await monthCoverage(ctx.db, ctx.orgId, row.month, row.timeZone);
  return {
    ...row,
    ...coverage,
    previousMonth: coverage.previousMonthPartial ? null : row.previousMonth,
    previousYear: coverage.previousYearPartial ? null : row.previousYear,
  };
}

/** Rolls up one org and writes its due months now, e.g. right after loading history. */
export async function refreshOrgAnalytics(db: Db, orgId: string): Promise<string[]> {
  const [org] = await db.select({ id: organizations.id, timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).where(eq(organizations.id, orgId));
  return org ? generateDueMonths(db, { org }) : [];
}
