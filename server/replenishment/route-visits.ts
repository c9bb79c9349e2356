import "server-only";
import { and, eq } from "drizzle-orm";
import { newId } from "~/db/ids";
import { routeVisits, type RouteVisit } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";

/**
 * Records a technician's visit under its visit key, once: a repeated key records nothing and
 * returns the visit it was first used for, with `created` false.
 */
export async function claimRouteVisit(
  ctx: ServiceCtx,
  input: { visitKey: string; routeId: string | null; machineId: string; technicianId: string | null; eventId: string; occurredAt: Date; counts: { slot: string; quantity: number }[] },
): Promise<{ created: true; visit: RouteVisit } | { created: false; visit: RouteVisit | undefined }> {
  const [visit] = await ctx.db
    .insert(routeVisits)
    .values({ id: newId("rvs"), orgId: ctx.orgId, ...input })
    .onConflictDoNothing()
    .returning();
  if (visit) return { created: true, visit };
  const [existing] = await ctx.db.select().from(routeVisits).where(and(eq(routeVisits.orgId, ctx.orgId), eq(routeVisits.visitKey, input.visitKey)));
  return { created: false, visit: existing };
}
