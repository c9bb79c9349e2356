// A demo operator's cash counts: at each emptying of the last weeks, the route's driver counts the
// box. The manager's counts match the machines; the technician's come back a few percent short, so
// the cash page, the over/short summaries and the variance alerts show a real finding.
import "server-only";

import { createHash } from "node:crypto";
import { and, asc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { cashCollections, deliveryRoutes, machineAudits, machines, deliveryRouteMachines, users } from "~/db/schema";
import { expectedCash, recordCashCount } from "~/server/cash";
import { asDemoOwner, type DemoOwner } from "./fleet-setup";
import { demoVending } from "./demo-vending";
import type { DemoOperator } from "./operator";

const DAY = 86_400_000;
/** How far back the drivers' counts go. */
export const DEMO_COUNT_DAYS = 21;

/** A share between 0.965 and 0.995 (2 % short on average), the same for the same collection on every seed. */
function shortShare(key: string): number {
  const n = createHash("sha256").update(key).digest().readUInt32BE(0) / 0xffffffff;
  return 0.965 + n * 0.03;
}

/**
 * Records the drivers' counts once (nothing when the org has counts already): for each machine on
 * a route, at every emptying the machine reported in the last weeks, or, for a machine without
 * telemetry, at every audit read, the route's driver counts the cash.
 */
export async function seedDemoCashCounts(db: Db, owner: DemoOwner, operator: DemoOperator = demoVending): Promise<{ counts: number }> {
  return asDemoOwner(db, owner, async (ctx) => {
    const [done] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(cashCollections)
      .where(and(eq(cashCollections.orgId, ctx.orgId), eq(cashCollections.source, "technician")));
    if (Number(done?.n ?? 0) > 0) return { counts: 0 };
    const stops = await ctx.db
      .select({ routeId: deliveryRoutes.id, machineId: deliveryRouteMachines.machineId, driverId: users.id, driver: users.email, lastSeenAt: machines.lastSeenAt })
      .from(deliveryRouteMachines)
      .innerJoin(deliveryRoutes, eq(deliveryRoutes.id, deliveryRouteMachines.routeId))
      .innerJoin(machines, eq(machines.id, deliveryRouteMachines.machineId))
      .innerJoin(users, eq(users.id, deliveryRoutes.technicianId))
      .where(eq(deliveryRouteMachines.orgId, ctx.orgId));
    const since = new Date(Date.now() - DEMO_COUNT_DAYS * DAY);
    let counts = 0;
    for (const stop of stops) {
      const short = stop.driver.toLowerCase() === operator.shortDriver;
      if (stop.lastSeenAt !== null) {
        // Counted right after the machine reported emptying its box: the count completes that collection.
        const emptied = await ctx.db
          .select({ id: cashCollections.id, at: cashCollections.occurredAt, expected: cashCollections.expectedMinor })
          .from(cashCollections)
          .where(
            and(
              eq(cashCollections.orgId, ctx.orgId),
              eq(cashCollections.machineId, stop.machineId),
              eq(cashCollections.source, "machine"),
              isNull(cashCollections.countKey),
              gte(cashCollections.occurredAt, since),
            ),
          )
          .orderBy(asc(cashCollections.occurredAt));
        for (const c of emptied) {
          const expected = Number(c.expected ?? 0);
          await recordCashCount(ctx, {
            machineId: stop.machineId,
            countedMinor: Math.round(expected * (short ? shortShare(c.id) : 1)),
            occurredAt: new Date(c.at.getTime() + 5 * 60_000),
            key: `demo-count:${c.id}`,
            technicianId: stop.driverId,
            routeId: stop.routeId,
          });
          counts++;
        }
        continue;
      }
      // No telemetry: the box is counted at each visit, when the audit is read.
      const reads = await ctx.db
        .select({ id: machineAudits.id, at: machineAudits.readAt })
        .from(machineAudits)
        .where(and(eq(machineAudits.orgId, ctx.orgId), inArray(machineAudits.machineId, [stop.machineId]), gte(machineAudits.readAt, since)))
        .orderBy(asc(machineAudits.readAt));
      for (const read of reads) {
        const at = new Date(read.at.getTime() + 5 * 60_000);
        const { expectedMinor } = await expectedCash(ctx, { machineId: stop.machineId, at });
        await recordCashCount(ctx, {
          machineId: stop.machineId,
          countedMinor: Math.round(expectedMinor * (short ? shortShare(read.id) : 1)),
          occurredAt: at,
          key: `demo-count:${read.id}`,
          technicianId: stop.driverId,
          routeId: stop.routeId,
        });
        counts++;
      }
    }
    return { counts };
  });
}
