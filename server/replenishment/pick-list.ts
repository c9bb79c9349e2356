import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { locations, machines } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { fieldError } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { documentsTranslator } from "~/server/i18n/translator";
import { daysBetween, startOfDay } from "~/server/time";
import { deliveryRouteDayInput, HORIZON_DAYS, replenishmentMessages } from "./contract";
import { getDeliveryRoute, listDeliveryRoutes } from "./delivery-routes";
import { directionsUrl, drivingOrder, validCoordinates } from "./driving-order";
import { planFleet } from "./fleet-plan";
import { pickList } from "./plan-math";
import { standingRouteVisits } from "./route-visits";

/** Where each machine stands: its location's address and coordinates. */
async function machinePlaces(ctx: ServiceCtx, machineIds: string[]) {
  if (machineIds.length === 0) return new Map<string, { address: string; latitude: number | null; longitude: number | null }>();
  const rows = await ctx.db
    .select({ machineId: machines.id, address: locations.address, latitude: locations.latitude, longitude: locations.longitude })
    .from(machines)
    .leftJoin(locations, eq(locations.id, machines.locationId))
    .where(and(eq(machines.orgId, ctx.orgId), inArray(machines.id, machineIds)));
  return new Map(rows.map((r) => [r.machineId, { address: r.address ?? "", latitude: r.latitude, longitude: r.longitude }]));
}

/**
 * A delivery route's day: the stops planned for a visit with fill quantities per slot and the stops
 * already visited that day, in driving order (nearest neighbour from the route's first stop: no
 * depot is kept), each with directions; and the pick list (pre-kit) totalled by product.
 */
export async function deliveryRouteDay(ctx: ServiceCtx, raw: z.input<typeof deliveryRouteDayInput> & { now?: Date }) {
  const input = deliveryRouteDayInput.parse(raw);
  const route = await getDeliveryRoute(ctx, { routeId: input.routeId });
  const fleet = await planFleet(ctx, { now: raw.now });
  const day = input.day ?? fleet.today;
  const offset = daysBetween(fleet.today, day);
  if (offset < 0 || offset >= HORIZON_DAYS) throw fieldError("day", replenishmentMessages.day_outside_horizon, { last: fleet.dates.at(-1)! });
  const dayStart = offset === 0 ? startOfDay(fleet.today, fleet.timeZone) : null;
  // Undone visits do not count: their stop is to visit again.
  const visitedToday = dayStart ? await standingRouteVisits(ctx, { routeId: route.id, since: dayStart }) : [];
  const places = await machinePlaces(ctx, route.machines.map((m) => m.id));

  const stops = route.machines.flatMap((rm, position) => {
    const m = fleet.machines.find((x) => x.machineId === rm.id);
    if (!m) return [];
    const planned = m.plan.visits.find((v) => v.day === offset);
    const visit = visitedToday.find((v) => v.machineId === rm.id) ?? null;
    if (!planned && !visit) return [];
    const place = places.get(m.machineId);
    const coordinates = validCoordinates(place?.latitude, place?.longitude);
    const fills = (planned?.fills ?? []).map((f) => {
      const slot = m.slots.find((s) => s.code === f.code)!;
      return { ...f, productName: slot.productName, productSku: slot.productSku, capacity: slot.capacity, parLevel: slot.parLevel, stock: slot.stock };
    });
    return [
      {
        position,
        machineId: m.machineId,
        name: m.name,
        location: m.location,
        lostIfNotVisitedMinor: m.plan.days[offset]?.lostIfNotVisitedMinor ?? 0,
        planned: Boolean(planned),
        address: place?.address || null,
        coordinates,
        directionsUrl: directionsUrl(coordinates, place?.address),
        visited: visit
          ? {
              id: visit.id,
              at: visit.occurredAt,
              by: visit.technicianName,
              technicianId: visit.technicianId,
              counts: visit.counts,
              correctedAt: visit.correctedAt,
              // What stops an undo: counts replaced that were not kept, or money attached to the visit.
              canRestore: visit.canRestore,
              cashCounted: visit.cashCounted,
              auditAttached: visit.auditAttached,
            }
          : null,
        fills,
        slots: m.slots.map((s) => ({ code: s.code, productName: s.productName, capacity: s.capacity, parLevel: s.parLevel, stock: s.stock })),
      },
    ];
  });
  const ordered = drivingOrder(stops, (s) => s.coordinates);
  const products = new Map(fleet.machines.flatMap((m) => m.slots.map((s) => [s.productId ?? "", { name: s.productName, sku: s.productSku }] as const)));
  const lines = pickList(stops.filter((s) => !s.visited).map((s) => ({ machineId: s.machineId, fills: s.fills }))).map((l) => ({
    ...l,
    productName: products.get(l.productId)?.name ?? l.productId,
    productSku: products.get(l.productId)?.sku ?? "",
    slots: l.slots.map((x) => ({ ...x, machineName: stops.find((s) => s.machineId === x.machineId)?.name ?? x.machineId })),
  }));
  return {
    route: { id: route.id, name: route.name, technician: route.technician },
    day,
    today: fleet.today,
    dates: fleet.dates,
    timeZone: fleet.timeZone,
    fillTo: fleet.settings.fillTo,
    stops: ordered,
    /** Where the driving order starts: no depot is kept, so at the route's first stop that has coordinates. */
    orderFrom: "first_stop" as const,
    pickList: lines,
    totalUnits: lines.reduce((a, l) => a + l.quantity, 0),
  };
}

/** The delivery routes the signed-in member drives (all routes when they have none), for the phone page. */
export async function myDeliveryRoutes(ctx: ServiceCtx) {
  const all = await listDeliveryRoutes(ctx);
  const userId = ctx.actor.type === "user" ? ctx.actor.id : null;
  const mine = all.filter((r) => r.technician?.id === userId);
  return { mine: mine.map((r) => ({ id: r.id, name: r.name, machines: r.machines.length })), all: all.map((r) => ({ id: r.id, name: r.name, machines: r.machines.length, technician: r.technician?.name ?? null })) };
}

const pickListColumns = ["product", "sku", "quantity", "machine", "slot", "slot_quantity"] as const;

/** The pick list as CSV rows, headed in the reader's language: product, SKU, quantity, then where each unit goes. */
export function pickListCsvRows(day: Awaited<ReturnType<typeof deliveryRouteDay>>, locale: Locale = "en"): string[][] {
  const t = documentsTranslator(locale);
  const rows: string[][] = [pickListColumns.map((column) => t(`csv.pickList.${column}`))];
  for (const l of day.pickList) {
    for (const s of l.slots) rows.push([l.productName ?? "", l.productSku ?? "", String(l.quantity), s.machineName, s.code, String(s.quantity)]);
  }
  return rows;
}
