import "server-only";
import { and, asc, desc, eq, ilike, inArray, ne, or, sql, type SQL, type AnyColumn } from "drizzle-orm";
import type { z } from "zod";
import { alerts, locations, machines, orders, products } from "~/db/schema";
import { alertRules, alertText } from "~/server/alerts/contract";
import type { Locale } from "~/server/i18n/locales";
import type { ServiceCtx } from "../context";
import { SEARCH_LIMIT_PER_KIND as LIMIT, searchInput, type SearchResults } from "./contract";

/** `q` as an ILIKE pattern that matches it literally anywhere: `%`, `_` and `\` are escaped. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Things whose column starts with the text first, then the rest by the column. */
const startsFirst = (column: AnyColumn | SQL, q: string) => sql`(${column} ilike ${containsPattern(q).slice(1)}) desc`;

/**
 * Finds the org's machines (name, serial), locations (name, address), products (name, SKU),
 * unresolved alerts (rule, code, text, machine) and orders (id), at most a few of each. Every
 * query names the org; the tenant transaction confines the rows as well.
 */
export async function searchOrg(ctx: ServiceCtx, raw: z.input<typeof searchInput> & { locale?: Locale }): Promise<SearchResults> {
  const { q } = searchInput.parse(raw);
  const like = containsPattern(q);

  const machineRows = await ctx.db
    .select({ id: machines.id, name: machines.name, serial: machines.serial, locationName: locations.name })
    .from(machines)
    .leftJoin(locations, eq(locations.id, machines.locationId))
    .where(and(eq(machines.orgId, ctx.orgId), or(ilike(machines.name, like), ilike(machines.serial, like))))
    .orderBy(startsFirst(machines.name, q), asc(machines.name))
    .limit(LIMIT);

  const locationRows = await ctx.db
    .select({ id: locations.id, name: locations.name, address: locations.address })
    .from(locations)
    .where(and(eq(locations.orgId, ctx.orgId), or(ilike(locations.name, like), ilike(locations.address, like))))
    .orderBy(startsFirst(locations.name, q), asc(locations.name))
    .limit(LIMIT);

  const productRows = await ctx.db
    .select({ id: products.id, name: products.name, sku: products.sku, active: products.active })
    .from(products)
    .where(and(eq(products.orgId, ctx.orgId), or(ilike(products.name, like), ilike(products.sku, like))))
    .orderBy(desc(products.active), startsFirst(products.name, q), asc(products.name))
    .limit(LIMIT);

  // Alerts are shown by their rule's label ("Low stock A1"), so the label's words find them too.
  const needle = q.toLowerCase();
  const rulesNamed = alertRules.filter((r) => r.label.toLowerCase().includes(needle)).map((r) => r.rule);
  const alertRows = await ctx.db
    .select({
      id: alerts.id,
      rule: alerts.rule,
      code: alerts.code,
      data: alerts.data,
      message: alerts.message,
      severity: alerts.severity,
      status: alerts.status,
      machineName: machines.name,
    })
    .from(alerts)
    .leftJoin(machines, eq(machines.id, alerts.machineId))
    .where(
      and(
        eq(alerts.orgId, ctx.orgId),
        ne(alerts.status, "resolved"),
        or(
          ilike(alerts.code, like),
          ilike(alerts.message, like),
          ilike(machines.name, like),
          rulesNamed.length > 0 ? inArray(alerts.rule, rulesNamed) : undefined,
        ),
      ),
    )
    .orderBy(desc(alerts.lastSeenAt))
    .limit(LIMIT);

  const orderRows = await ctx.db
    .select({
      id: orders.id,
      machineId: orders.machineId,
      machineName: machines.name,
      productName: orders.productName,
      status: orders.status,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .innerJoin(machines, eq(machines.id, orders.machineId))
    .where(and(eq(orders.orgId, ctx.orgId), ilike(orders.id, like)))
    .orderBy(desc(orders.createdAt))
    .limit(LIMIT);

  return {
    machines: machineRows,
    locations: locationRows,
    products: productRows,
    alerts: alertRows.map(({ rule, code, data, message, status, ...a }) => ({
      ...a,
      status: status === "acknowledged" ? "acknowledged" : "open",
      title: alertText({ rule, code, data, message }, raw.locale),
    })),
    orders: orderRows,
  };
}
