// Demo Vending's routes: its machines split into three rounds by place, driven by the demo
// technician and manager, with a visit cost, and a first forecast so today's plan shows at once.
import "server-only";

import { eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { deliveryRoutes, locations, machines, users } from "~/db/schema";
import { computeForecasts } from "~/server/replenishment";
import { createDeliveryRoute } from "~/server/replenishment";
import { updateSettings } from "~/server/replenishment";
import { asDemoOwner, type DemoOwner } from "./fleet-setup";

const ROUTES = [
  { name: "City centre", driver: "technician@demo-vending.example" },
  { name: "North & campus", driver: "technician@demo-vending.example" },
  { name: "South & airport", driver: "manager@demo-vending.example" },
];

/** Creates the demo routes and planning settings once (nothing when the org has routes), then forecasts. */
export async function seedDemoRoutes(db: Db, owner: DemoOwner): Promise<{ created: boolean }> {
  return asDemoOwner(db, owner, async (ctx) => {
    const [existing] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(deliveryRoutes).where(eq(deliveryRoutes.orgId, ctx.orgId));
    let created = false;
    if (Number(existing?.n ?? 0) === 0) {
      const fleet = await ctx.db
        .select({ id: machines.id, place: locations.name })
        .from(machines)
        .leftJoin(locations, eq(locations.id, machines.locationId))
        .where(eq(machines.orgId, ctx.orgId))
        .orderBy(locations.name, machines.name);
      if (fleet.length > 0) {
        // Consecutive places stay together, so a route is a round through neighbouring stops.
        const size = Math.ceil(fleet.length / ROUTES.length);
        for (const [i, r] of ROUTES.entries()) {
          const [driver] = await ctx.db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, r.driver));
          const ids = fleet.slice(i * size, (i + 1) * size).map((m) => m.id);
          if (ids.length > 0) await createDeliveryRoute(ctx, { name: r.name, technicianId: driver?.id ?? null, machineIds: ids });
        }
        await updateSettings(ctx, { visitCostMinor: 1200, fillTo: "capacity", selloutThreshold: 0.6 });
        created = true;
      }
    }
    await computeForecasts(ctx);
    return { created };
  });
}
