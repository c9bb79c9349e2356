import "server-only";
import { and, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { cashCollections, deliveryRoutes, locations, machines, organizations, users } from "~/db/schema";
import { getAlertSettings } from "~/server/alerts";
import type { ServiceCtx } from "../context";
import { pageCursorAfter, readPageCursor } from "../input/cursor";
import { cashFilterInput, cashTrendInput, listCollectionsInput, type CashFilter } from "./contract";

const zoneOf = (ctx: ServiceCtx) => sql`(select o.time_zone from ${organizations} o where o.id = ${ctx.orgId})`;

/** A collection's route: the one its count was made on, else the route the machine is on now. */
const routeOf = sql<string | null>`coalesce(${cashCollections.routeId}, (select rm.route_id from route_machines rm where rm.machine_id = ${cashCollections.machineId}))`;

/** The filter as SQL, with months bounded in the org's time zone. */
export function collectionsWhere(ctx: ServiceCtx, f: CashFilter): SQL {
  const zone = zoneOf(ctx);
  return and(
    eq(cashCollections.orgId, ctx.orgId),
    f.fromMonth ? sql`${cashCollections.occurredAt} >= (${`${f.fromMonth}-01`}::date)::timestamp at time zone ${zone}` : undefined,
    f.toMonth ? sql`${cashCollections.occurredAt} < ((${`${f.toMonth}-01`}::date + interval '1 month')::timestamp at time zone ${zone})` : undefined,
    f.machineId ? eq(cashCollections.machineId, f.machineId) : undefined,
    f.technicianId ? eq(cashCollections.technicianId, f.technicianId) : undefined,
    f.routeId ? sql`${routeOf} = ${f.routeId}` : undefined,
    f.source ? eq(cashCollections.source, f.source) : undefined,
  )!;
}

const collectionColumns = {
  id: cashCollections.id,
  occurredAt: cashCollections.occurredAt,
  periodStart: cashCollections.periodStart,
  machineId: cashCollections.machineId,
  machineName: machines.name,
  locationName: locations.name,
  source: cashCollections.source,
  technicianId: cashCollections.technicianId,
  technicianName: users.name,
  routeId: routeOf,
  routeName: sql<string | null>`(select r.name from ${deliveryRoutes} r where r.id = ${routeOf})`,
  /** The machine's own figure, where it reported the collection. */
  reportedMinor: sql<number | null>`case when ${cashCollections.source} = 'machine' then ${cashCollections.amountMinor} end`,
  countedMinor: sql<number>`coalesce(${cashCollections.countedMinor}, ${cashCollections.amountMinor})`,
  expectedMinor: cashCollections.expectedMinor,
  varianceMinor: cashCollections.varianceMinor,
  currency: cashCollections.currency,
  countedAt: cashCollections.countedAt,
  visitId: cashCollections.visitId,
  note: cashCollections.note,
};

export function selectCollections(ctx: ServiceCtx, where: SQL) {
  return ctx.db
    .select(collectionColumns)
    .from(cashCollections)
    .innerJoin(machines, eq(machines.id, cashCollections.machineId))
    .leftJoin(locations, eq(locations.id, machines.locationId))
    .leftJoin(users, eq(users.id, cashCollections.technicianId))
    .where(where)
    .$dynamic();
}

export type CollectionRow = Awaited<ReturnType<typeof selectCollections>>[number];

export const collectionNumbers = (r: CollectionRow): CollectionRow => ({
  ...r,
  reportedMinor: r.reportedMinor === null ? null : Number(r.reportedMinor),
  countedMinor: Number(r.countedMinor),
});

/** Collections matching the filter, newest first, a page at a time. */
export async function listCollections(ctx: ServiceCtx, raw: z.input<typeof listCollectionsInput>) {
  const input = listCollectionsInput.parse(raw);
  const after = input.cursor ? readPageCursor(input.cursor) : null;
  const rows = await selectCollections(
    ctx,
    and(
      collectionsWhere(ctx, input),
      after ? sql`(${cashCollections.occurredAt}, ${cashCollections.id}) < (${after.atText}::timestamptz, ${after.id})` : undefined,
    )!,
  )
    .orderBy(desc(cashCollections.occurredAt), desc(cashCollections.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit).map(collectionNumbers);
  const last = page.at(-1);
  return { collections: page, nextCursor: rows.length > input.limit && last ? pageCursorAfter(last.occurredAt, last.id) : undefined };
}

/** Every collection matching the filter, oldest first, in pages of `batch`: for exports of any size. */
export async function* iterateCollections(ctx: ServiceCtx, input: { filter: CashFilter; batch?: number }): AsyncGenerator<CollectionRow[]> {
  const batch = input.batch ?? 2000;
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const rows: CollectionRow[] = await selectCollections(
      ctx,
      and(
        collectionsWhere(ctx, input.filter),
        after ? sql`(${cashCollections.occurredAt}, ${cashCollections.id}) > (${after.at.toISOString()}::timestamptz, ${after.id})` : undefined,
      )!,
    )
      .orderBy(cashCollections.occurredAt, cashCollections.id)
      .limit(batch);
    if (rows.length === 0) return;
    yield rows.map(collectionNumbers);
    const last = rows.at(-1)!;
    after = { at: last.occurredAt, id: last.id };
    if (rows.length < batch) return;
  }
}

/** Over/short figures of a group of collections (only those with an expected amount are grouped). */
function figuresOf(settings: { cashVariancePercent: number; cashVarianceMinMinor: number }) {
  const variance = cashCollections.varianceMinor;
  return {
    collections: sql<number>`count(*)::int`,
    expectedMinor: sql<number>`coalesce(sum(${cashCollections.expectedMinor}), 0)::bigint`,
    countedMinor: sql<number>`coalesce(sum(${cashCollections.countedMinor}), 0)::bigint`,
    varianceMinor: sql<number>`coalesce(sum(${variance}), 0)::bigint`,
    overMinor: sql<number>`coalesce(sum(${variance}) filter (where ${variance} > 0), 0)::bigint`,
    shortMinor: sql<number>`coalesce(sum(${variance}) filter (where ${variance} < 0), 0)::bigint`,
    /** Collections off by the org's alert threshold or more (see varianceThreshold). */
    flagged: sql<number>`(count(*) filter (where ${variance} <> 0 and abs(${variance}) >= greatest(${settings.cashVarianceMinMinor}::bigint,
      round(abs(${cashCollections.expectedMinor}) * ${settings.cashVariancePercent}::float8 / 100))))::int`,
  };
}

type Figures = { [K in keyof ReturnType<typeof figuresOf>]: number };
const toNumbers = <T extends Figures>(r: T): T => ({
  ...r,
  expectedMinor: Number(r.expectedMinor),
  countedMinor: Number(r.countedMinor),
  varianceMinor: Number(r.varianceMinor),
  overMinor: Number(r.overMinor),
  shortMinor: Number(r.shortMinor),
});

/**
 * Over and short for the filter, per technician (null: the machine's own reports no one counted),
 * per route (null: machines on no route), per month (in the org's zone), and in total, per currency.
 * The last 12 months when no months are given.
 */
export async function cashSummaries(ctx: ServiceCtx, raw: z.input<typeof cashFilterInput>) {
  const filter = cashFilterInput.parse(raw);
  const zone = zoneOf(ctx);
  const where = and(collectionsWhere(ctx, defaultMonths(filter)), isNotNull(cashCollections.expectedMinor), isNotNull(cashCollections.countedMinor))!;
  const figures = figuresOf(await getAlertSettings(ctx));
  const month = sql<string>`to_char(${cashCollections.occurredAt} at time zone ${zone}, 'YYYY-MM')`;
  // One after the other: the queries share the request's one connection.
  const byTechnician = await ctx.db
    .select({ technicianId: cashCollections.technicianId, technicianName: users.name, currency: cashCollections.currency, ...figures })
    .from(cashCollections)
    .leftJoin(users, eq(users.id, cashCollections.technicianId))
    .where(where)
    .groupBy(cashCollections.technicianId, users.name, cashCollections.currency)
    .orderBy(sql`${users.name} nulls last`);
  const byRoute = await ctx.db
    .select({ routeId: sql<string | null>`${routeOf}`.as("route_id"), currency: cashCollections.currency, ...figures })
    .from(cashCollections)
    .where(where)
    .groupBy(sql`1`, cashCollections.currency);
  const byMonth = await ctx.db
    .select({ month, currency: cashCollections.currency, ...figures })
    .from(cashCollections)
    .where(where)
    // By position: the month expression carries a parameter, so it cannot be repeated textually.
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`1`, sql`2`);
  const totals = await ctx.db.select({ currency: cashCollections.currency, ...figures }).from(cashCollections).where(where).groupBy(cashCollections.currency);
  const routeNames = new Map(
    (await ctx.db.select({ id: deliveryRoutes.id, name: deliveryRoutes.name }).from(deliveryRoutes).where(eq(deliveryRoutes.orgId, ctx.orgId))).map((r) => [r.id, r.name]),
  );
  return {
    byTechnician: byTechnician.map(toNumbers),
    byRoute: byRoute
      .map((r) => toNumbers({ ...r, routeName: r.routeId ? (routeNames.get(r.routeId) ?? null) : null }))
      .sort((a, b) => (a.routeName ?? "\uffff").localeCompare(b.routeName ?? "\uffff")),
    byMonth: byMonth.map(toNumbers),
    totals: totals.map(toNumbers),
  };
}

/** Without months, the summaries cover the last 12 (this one included). */
function defaultMonths(filter: CashFilter): CashFilter {
  if (filter.fromMonth || filter.toMonth) return filter;
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 7);
  return { ...filter, fromMonth: from };
}

/**
 * Expected against counted per day, week (from Monday) or month in the org's zone, oldest first,
 * for collections with an expected amount: the trend chart of the cash page. The last 12 weeks by
 * default.
 */
export async function cashTrend(ctx: ServiceCtx, raw: z.input<typeof cashTrendInput>) {
  const input = cashTrendInput.parse(raw);
  const zone = zoneOf(ctx);
  const unit = sql.raw(`'${input.unit}'`);
  const local = sql`(${cashCollections.occurredAt} at time zone ${zone})`;
  const rows = await ctx.db
    .select({
      start: sql<string>`to_char(date_trunc(${unit}, ${local})::date, 'YYYY-MM-DD')`,
      currency: cashCollections.currency,
      collections: sql<number>`count(*)::int`,
      expectedMinor: sql<number>`coalesce(sum(${cashCollections.expectedMinor}), 0)::bigint`,
      countedMinor: sql<number>`coalesce(sum(${cashCollections.countedMinor}), 0)::bigint`,
    })
    .from(cashCollections)
    .where(
      and(
        eq(cashCollections.orgId, ctx.orgId),
        isNotNull(cashCollections.expectedMinor),
        isNotNull(cashCollections.countedMinor),
        input.from ? sql`${cashCollections.occurredAt} >= (${input.from}::date)::timestamp at time zone ${zone}` : sql`${cashCollections.occurredAt} >= now() - interval '84 days'`,
        input.to ? sql`${cashCollections.occurredAt} < ((${input.to}::date + 1)::timestamp at time zone ${zone})` : undefined,
      ),
    )
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`1`, sql`2`);
  return rows.map((r) => ({ ...r, expectedMinor: Number(r.expectedMinor), countedMinor: Number(r.countedMinor) }));
}
