import "server-only";
import { and, asc, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { locations, machines, organizations, sales, hostStatements } from "~/db/schema";
import { asTenantWithinHost } from "~/db/tenant";
import { hostActingContext, type HostCtx } from "../context";
import { notFound } from "../errors";
import type { Locale } from "../i18n/locales";
import { addDays, localDay, startOfDay } from "../time";
import { hostLocationInput, hostStatementInput } from "./portal-inputs";
import { statementFile } from "./send";

/** The statuses a host sees: a draft is the operator's until approved. */
export const HOST_VISIBLE_STATEMENTS = ["approved", "sent", "paid"] as const;

function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function previousMonthStart(day: string): string {
  return monthStart(addDays(monthStart(day), -1));
}

async function orgOf(ctx: HostCtx) {
  const [org] = await ctx.db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, timeZone: organizations.timeZone, currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  if (!org) throw notFound("Organization");
  return org;
}

const machineColumns = {
  id: machines.id,
  name: machines.name,
  serial: machines.serial,
  model: machines.model,
  status: machines.status,
  lastSeenAt: machines.lastSeenAt,
  locationId: machines.locationId,
};

/** Sales of the host's locations (or one) since the start of last month, per machine, split into today, this month and last month. */
async function salesByMachine(ctx: HostCtx, timeZone: string, locationIds: readonly string[], now = new Date()) {
  const today = localDay(now, timeZone);
  const thisMonth = monthStart(today);
  const lastMonth = previousMonthStart(today);
  const [dayStart, monthBegins, lastMonthBegins] = [startOfDay(today, timeZone), startOfDay(thisMonth, timeZone), startOfDay(lastMonth, timeZone)];
  if (locationIds.length === 0) return { today, thisMonth, lastMonth, rows: [] };
  const inPeriod = (from: Date, to?: Date) =>
    to ? sql`${sales.occurredAt} >= ${from.toISOString()}::timestamptz and ${sales.occurredAt} < ${to.toISOString()}::timestamptz` : sql`${sales.occurredAt} >= ${from.toISOString()}::timestamptz`;
  const rows = await ctx.db
    .select({
      machineId: sales.machineId,
      locationId: sql<string>`${sales.locationId}`,
      currency: sales.currency,
      todayUnits: sql<number>`count(*) filter (where ${inPeriod(dayStart)})::int`,
      todayMinor: sql<number>`coalesce(sum(${sales.priceMinor}) filter (where ${inPeriod(dayStart)}), 0)::bigint`.mapWith(Number),
      monthUnits: sql<number>`count(*) filter (where ${inPeriod(monthBegins)})::int`,
      monthMinor: sql<number>`coalesce(sum(${sales.priceMinor}) filter (where ${inPeriod(monthBegins)}), 0)::bigint`.mapWith(Number),
      lastMonthUnits: sql<number>`count(*) filter (where ${inPeriod(lastMonthBegins, monthBegins)})::int`,
      lastMonthMinor: sql<number>`coalesce(sum(${sales.priceMinor}) filter (where ${inPeriod(lastMonthBegins, monthBegins)}), 0)::bigint`.mapWith(Number),
    })
    .from(sales)
    .where(
      and(
        eq(sales.orgId, ctx.orgId),
        inArray(sales.locationId, [...locationIds]),
        eq(sales.status, "succeeded"),
        ne(sales.paymentMethod, "free"),
        gte(sales.occurredAt, lastMonthBegins),
      ),
    )
    .groupBy(sales.machineId, sales.locationId, sales.currency);
  return { today, thisMonth, lastMonth, rows };
}

type Figures = { todayUnits: number; todayMinor: number; monthUnits: number; monthMinor: number; lastMonthUnits: number; lastMonthMinor: number };
const zero = (): Figures => ({ todayUnits: 0, todayMinor: 0, monthUnits: 0, monthMinor: 0, lastMonthUnits: 0, lastMonthMinor: 0 });
function add(into: Figures, r: Figures) {
  for (const k of Object.keys(into) as (keyof Figures)[]) into[k] += r[k];
}

function totalsByCurrency(rows: (Figures & { currency: string })[], fallback: string) {
  const out = new Map<string, Figures>();
  for (const r of rows) add(out.get(r.currency) ?? out.set(r.currency, zero()).get(r.currency)!, r);
  if (out.size === 0) out.set(fallback, zero());
  return [...out.entries()].map(([currency, f]) => ({ currency, ...f }));
}

/** The host's org and places, each with its machines' states and its sales today and this month. */
export async function hostOverview(ctx: HostCtx) {
  const org = await orgOf(ctx);
  const places = await ctx.db
    .select({ id: locations.id, name: locations.name, address: locations.address })
    .from(locations)
    .where(and(eq(locations.orgId, ctx.orgId), inArray(locations.id, [...ctx.locationIds])))
    .orderBy(asc(locations.name));
  const fleet = places.length
    ? await ctx.db.select(machineColumns).from(machines).where(and(eq(machines.orgId, ctx.orgId), inArray(machines.locationId, places.map((p) => p.id))))
    : [];
  const figures = await salesByMachine(ctx, org.timeZone, places.map((p) => p.id));
  return {
    org,
    today: figures.today,
    thisMonth: figures.thisMonth,
    lastMonth: figures.lastMonth,
    locations: places.map((p) => {
      const mine = fleet.filter((m) => m.locationId === p.id);
      return {
        ...p,
        machines: mine.length,
        online: mine.filter((m) => m.status === "online").length,
        attention: mine.filter((m) => m.status === "offline" || m.status === "fault").length,
        totals: totalsByCurrency(figures.rows.filter((r) => r.locationId === p.id), org.currency),
      };
    }),
  };
}

/** One of the host's places: its machines (state, last seen), sales by machine and its statements. */
export async function hostLocation(ctx: HostCtx, raw: z.input<typeof hostLocationInput>) {
  const { locationId } = hostLocationInput.parse(raw);
  if (!ctx.locationIds.includes(locationId)) throw notFound("Location");
  const org = await orgOf(ctx);
  const [place] = await ctx.db
    .select({ id: locations.id, name: locations.name, address: locations.address, kind: locations.kind })
    .from(locations)
    .where(and(eq(locations.orgId, ctx.orgId), eq(locations.id, locationId)));
  if (!place) throw notFound("Location");
  const fleet = await ctx.db
    .select(machineColumns)
    .from(machines)
    .where(and(eq(machines.orgId, ctx.orgId), eq(machines.locationId, locationId)))
    .orderBy(asc(machines.name));
  const figures = await salesByMachine(ctx, org.timeZone, [locationId]);
  const statements = await ctx.db
    .select({
      id: hostStatements.id,
      month: hostStatements.month,
      status: hostStatements.status,
      revision: hostStatements.revision,
      revisionNote: hostStatements.revisionNote,
      grossMinor: hostStatements.grossMinor,
      commissionMinor: hostStatements.commissionMinor,
      adjustmentsMinor: hostStatements.adjustmentsMinor,
      totalMinor: hostStatements.totalMinor,
      currency: hostStatements.currency,
      sentAt: hostStatements.sentAt,
      paidAt: hostStatements.paidAt,
    })
    .from(hostStatements)
    .where(and(eq(hostStatements.orgId, ctx.orgId), eq(hostStatements.locationId, locationId), inArray(hostStatements.status, [...HOST_VISIBLE_STATEMENTS])))
    .orderBy(desc(hostStatements.month))
    .limit(36);
  return {
    org,
    location: place,
    today: figures.today,
    thisMonth: figures.thisMonth,
    lastMonth: figures.lastMonth,
    machines: fleet.map((m) => {
      const rows = figures.rows.filter((r) => r.machineId === m.id);
      return { id: m.id, name: m.name, serial: m.serial, model: m.model, status: m.status, lastSeenAt: m.lastSeenAt, sales: totalsByCurrency(rows, org.currency) };
    }),
    totals: totalsByCurrency(figures.rows, org.currency),
    statements,
  };
}

/** One of the host's statements (approved, sent or paid), for its download; not found otherwise. */
export async function hostStatement(ctx: HostCtx, raw: z.input<typeof hostStatementInput>) {
  const { statementId } = hostStatementInput.parse(raw);
  const [statement] = await ctx.db
    .select({ id: hostStatements.id, locationId: hostStatements.locationId, month: hostStatements.month, status: hostStatements.status })
    .from(hostStatements)
    .where(
      and(
        eq(hostStatements.orgId, ctx.orgId),
        eq(hostStatements.id, statementId),
        inArray(hostStatements.locationId, [...ctx.locationIds]),
        inArray(hostStatements.status, [...HOST_VISIBLE_STATEMENTS]),
      ),
    );
  if (!statement) throw notFound("Statement");
  return statement;
}

/**
 * The PDF or CSV of one of the host's statements: the same file the host is e-mailed. Whether the
 * host may have it is decided as the host role (their location, not a draft); the file is then
 * built from the operator's statement in the same transaction.
 */
export async function hostStatementFile(ctx: HostCtx, input: { statementId: string; format: "pdf" | "csv"; locale?: Locale }) {
  const statement = await hostStatement(ctx, { statementId: input.statementId });
  return asTenantWithinHost(ctx.db, (tx) => statementFile(hostActingContext(tx, ctx), { statementId: statement.id, format: input.format, locale: input.locale }));
}
