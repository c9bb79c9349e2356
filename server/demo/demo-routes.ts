// A demo operator's routes: its machines split into rounds by place, driven by its technician and
// manager, with a visit cost, and a first forecast so today's plan shows at once.
import "server-only";

import { eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { deliveryRoutes, locations, machines, users } from "~/db/schema";
import { computeForecasts } from "~/server/replenishment";
import { createDeliveryRoute } from "~/server/replenishment";
import { updateSettings } from "~/server/replenishment";
import { asDemoOwner, type DemoOwner } from "./fleet-setup";
import { demoVending } from "./demo-vending";
import type { DemoOperator } from "./operator";

/** Creates the demo routes and planning settings once (nothing when the org has routes), then forecasts. */
export async function seedDemoRoutes(db: Db, owner: DemoOwner, operator: DemoOperator = demoVending): Promise<{ created: boolean }> {
  const { routes, visitCostMinor } = operator;
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
        const size = Math.ceil(fleet.length / routes.length);
        for (const [i, r] of routes.entries()) {
          const [driver] = await ctx.db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, r.driver));
          const ids = fleet.slice(i * size, (i + 1) * size).map((m) => m.id);
          if (ids.length > 0) await createDeliveryRoute(ctx, { name: r.name, technicianId: driver?.id ?? null, machineIds: ids });
        }
        await updateSettings(ctx, { visitCostMinor, fillTo: "capacity", selloutThreshold: 0.6 });
        created = true;
      }
    }
    await computeForecasts(ctx);
    return { created };
  });
}
