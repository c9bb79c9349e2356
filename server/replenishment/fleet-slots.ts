import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { deliveryRouteMachines, deliveryRoutes, locations, machines, organizations, products, slotForecasts, slots } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import type { SlotForecast } from "./demand-model";
import { slotKey } from "./history";

/** Every slot of the org's enabled machines, with what planning needs to know about it. */
export async function loadFleetSlots(ctx: ServiceCtx) {
  return ctx.db
    .select({
      machineId: slots.machineId,
      machineName: machines.name,
      locationName: locations.name,
      routeId: deliveryRouteMachines.routeId,
      routeName: deliveryRoutes.name,
      routePosition: deliveryRouteMachines.position,
      routeWorkingDays: deliveryRoutes.workingDays,
      routeMaxStops: deliveryRoutes.maxStops,
      routeMaxUnits: deliveryRoutes.maxUnits,
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
    .leftJoin(deliveryRouteMachines, eq(deliveryRouteMachines.machineId, machines.id))
    .leftJoin(deliveryRoutes, eq(deliveryRoutes.id, deliveryRouteMachines.routeId))
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
