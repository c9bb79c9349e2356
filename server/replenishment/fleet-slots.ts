import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { locations, machines, organizations, products, routeMachines, routes, slotForecasts, slots } from "~/db/schema";
import type { ServiceCtx } from "../context";
import type { SlotForecast } from "./forecast";
import { slotKey } from "./history";

/** Every slot of the org's enabled machines, with what planning needs to know about it. */
export async function loadFleetSlots(ctx: ServiceCtx) {
  return ctx.db
    .select({
      machineId: slots.machineId,
      machineName: machines.name,
      locationName: locations.name,
      routeId: routeMachines.routeId,
      routeName: routes.name,
      routePosition: routeMachines.position,
      code: slots.code,
      productId: slots.productId,
      productName: products.name,
      productSku: products.sku,
      capacity: slots.capacity,
      parLevel: slots.parLevel,
      stock: slots.stock,
      priceMinor: sql<number>`coalesce(${slots.priceOverrideMinor}, ${products.priceMinor}, 0)`,
      costMinor: sql<number>`coalesce(${products.costMinor}, 0)`,
    })
    .from(slots)
    .innerJoin(machines, eq(machines.id, slots.machineId))
    .leftJoin(locations, eq(locations.id, machines.locationId))
    .leftJoin(products, eq(products.id, slots.productId))
    .leftJoin(routeMachines, eq(routeMachines.machineId, machines.id))
    .leftJoin(routes, eq(routes.id, routeMachines.routeId))
    .where(and(eq(slots.orgId, ctx.orgId), isNull(machines.disabledAt)))
    .orderBy(asc(machines.name), asc(slots.code));
}

export type FleetSlot = Awaited<ReturnType<typeof loadFleetSlots>>[number];

export async function orgZone(ctx: ServiceCtx): Promise<{ timeZone: string; currency: string }> {
  const [org] = await ctx.db.select({ timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).where(eq(organizations.id, ctx.orgId));
  return org ?? { timeZone: "UTC", currency: "EUR" };
}

/** The stored forecasts of the org, by slot. */
export async function loadForecasts(ctx: ServiceCtx): Promise<Map<string, SlotForecast & { computedAt: Date; productId: string | null }>> {
  const rows = await ctx.db.select().from(slotForecasts).where(eq(slotForecasts.orgId, ctx.orgId));
  return new Map(
    rows.map((r) => [
      slotKey(r.machineId, r.slotCode),
      {
        level: r.level,
        weekdayFactors: r.weekdayFactors,
        dispersion: r.dispersion ?? Infinity,
        daysUsed: r.daysUsed,
        censoredDays: r.censoredDays,
        computedAt: r.computedAt,
        productId: r.productId,
      },
    ]),
  );
}
