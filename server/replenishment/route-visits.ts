import "server-only";
import { and, desc, eq, gt, gte, isNull, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { cashCollections, machineAudits, routeVisits, users, type RouteVisit } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { notFound } from "~/server/errors";
import { queueIntegratorEvent } from "~/server/notifications";

type Counts = { slot: string; quantity: number }[];

/**
 * Records a technician's visit under its visit key, once: a repeated key records nothing and
 * returns the visit it was first used for, with `created` false.
 */
export async function claimRouteVisit(
  ctx: ServiceCtx,
  input: { visitKey: string; routeId: string | null; machineId: string; technicianId: string | null; eventId: string; occurredAt: Date; counts: Counts; replacedCounts?: Counts | null },
): Promise<{ created: true; visit: RouteVisit } | { created: false; visit: RouteVisit | undefined }> {
  const [visit] = await ctx.db
    .insert(routeVisits)
    .values({ id: newId("rvs"), orgId: ctx.orgId, ...input })
    .onConflictDoNothing()
    .returning();
  if (visit) {
    await queueIntegratorEvent(ctx, {
      type: "visit.recorded",
      data: {
        visit_id: visit.id,
        machine_id: visit.machineId,
        route_id: visit.routeId,
        technician_id: visit.technicianId,
        occurred_at: visit.occurredAt.toISOString(),
        counts: visit.counts,
      },
    });
    return { created: true, visit };
  }
  const [existing] = await ctx.db.select().from(routeVisits).where(and(eq(routeVisits.orgId, ctx.orgId), eq(routeVisits.visitKey, input.visitKey)));
  return { created: false, visit: existing };
}

/** What stands in the way of changing a visit, read with its row locked. */
export interface LockedRouteVisit {
  visit: RouteVisit;
  /**
   * A later visit of the same machine, standing or undone: either way its count (or its undo's) is
   * newer than anything this visit could still set.
   */
  laterVisit: boolean;
  /** Cash counted at the visit, or an audit file read at it. */
  cashCounted: boolean;
  auditAttached: boolean;
}

/**
 * Locks a visit's row, so an undo and a correction (or two of either) apply one after another;
 * NOT_FOUND when the org has no such visit.
 */
export async function lockRouteVisit(ctx: ServiceCtx, visitId: string): Promise<LockedRouteVisit> {
  const [visit] = await ctx.db
    .select()
    .from(routeVisits)
    .where(and(eq(routeVisits.orgId, ctx.orgId), eq(routeVisits.id, visitId)))
    .for("update");
  if (!visit) throw notFound("Visit");
  const [later] = await ctx.db
    .select({ id: routeVisits.id })
    .from(routeVisits)
    .where(and(eq(routeVisits.orgId, ctx.orgId), eq(routeVisits.machineId, visit.machineId), gt(routeVisits.occurredAt, visit.occurredAt)))
    .limit(1);
  const [cash] = await ctx.db
    .select({ id: cashCollections.id })
    .from(cashCollections)
    .where(and(eq(cashCollections.orgId, ctx.orgId), eq(cashCollections.visitId, visit.id)))
    .limit(1);
  const [audit] = await ctx.db
    .select({ id: machineAudits.id })
    .from(machineAudits)
    .where(and(eq(machineAudits.orgId, ctx.orgId), eq(machineAudits.visitId, visit.id)))
    .limit(1);
  return { visit, laterVisit: Boolean(later), cashCounted: Boolean(cash), auditAttached: Boolean(audit) };
}

/** Marks a visit undone (it is kept, never deleted). */
export async function markRouteVisitUndone(ctx: ServiceCtx, input: { visitId: string; at: Date; by: string | null }): Promise<RouteVisit> {
  const [visit] = await ctx.db
    .update(routeVisits)
    .set({ undoneAt: input.at, undoneBy: input.by })
    .where(and(eq(routeVisits.orgId, ctx.orgId), eq(routeVisits.id, input.visitId)))
    .returning();
  if (!visit) throw notFound("Visit");
  return visit;
}

/** Replaces a visit's counts with corrected ones and counts the correction. */
export async function markRouteVisitCorrected(ctx: ServiceCtx, input: { visitId: string; counts: Counts; at: Date }): Promise<RouteVisit> {
  const [visit] = await ctx.db
    .update(routeVisits)
    .set({ counts: input.counts, corrections: sql`${routeVisits.corrections} + 1`, correctedAt: input.at })
    .where(and(eq(routeVisits.orgId, ctx.orgId), eq(routeVisits.id, input.visitId)))
    .returning();
  if (!visit) throw notFound("Visit");
  return visit;
}

/**
 * A route's visits since a moment that still stand, with what would stop undoing each: the
 * technician's day shows them on its stops.
 */
export async function standingRouteVisits(ctx: ServiceCtx, input: { routeId: string; since: Date }) {
  return ctx.db
    .select({
      id: routeVisits.id,
      machineId: routeVisits.machineId,
      occurredAt: routeVisits.occurredAt,
      technicianId: routeVisits.technicianId,
      technicianName: users.name,
      counts: routeVisits.counts,
      correctedAt: routeVisits.correctedAt,
      canRestore: sql<boolean>`${routeVisits.replacedCounts} is not null`,
      cashCounted: sql<boolean>`exists (select 1 from ${cashCollections} c where c.org_id = ${routeVisits.orgId} and c.visit_id = ${routeVisits.id})`,
      auditAttached: sql<boolean>`exists (select 1 from ${machineAudits} a where a.org_id = ${routeVisits.orgId} and a.visit_id = ${routeVisits.id})`,
    })
    .from(routeVisits)
    .leftJoin(users, eq(users.id, routeVisits.technicianId))
    .where(and(eq(routeVisits.orgId, ctx.orgId), eq(routeVisits.routeId, input.routeId), gte(routeVisits.occurredAt, input.since), isNull(routeVisits.undoneAt)))
    .orderBy(desc(routeVisits.occurredAt))
    .limit(500);
}
